"""vCard files, whatever wrote them, read line by line into clean vCard 3.0 text, one card at a time.

What older phones and Outlook export is vCard 2.1: quoted-printable values whose soft line
breaks ('=' at the end of a line) continue on the next line without the usual leading space,
CHARSET parameters (ISO-8859-1, Windows-1252, ...), bare parameters (TEL;WORK;CELL) and no
escaping of commas. This module turns each card into the vCard 3.0 text vobject reads correctly:

- folded lines are joined; quoted-printable soft line breaks are joined, then =XX decoded;
- values are decoded with their CHARSET, else as UTF-8, else as Windows-1252 (Outlook's default);
  a file with a UTF-16 byte-order mark is read as UTF-16;
- bare 2.1 parameters become TYPE=...; ENCODING and CHARSET are used up and dropped;
- values are escaped as 3.0 asks (a 2.1 'NOTE:a, b' is not cut at its comma);
- only the properties cardcap reads are kept (photos, sounds and keys are skipped while reading);
- memory stays bounded: the file is read in pieces, no property beyond its limit (`VcardLimits`)
  is ever held whole; a longer NOTE is cut to the limit and any other longer value left out, each
  with a warning that names the card.
"""

from __future__ import annotations

import binascii
import codecs
import io
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import BinaryIO, Protocol

# The properties `capture.export.vcardin` turns into contact fields, and what frames a card.
READ_PROPERTIES = frozenset({"FN", "N", "ORG", "TITLE", "EMAIL", "TEL", "URL", "ADR", "NOTE", "UID",
                             "X-PHONETIC-FIRST-NAME", "X-PHONETIC-LAST-NAME"})
FRAME_PROPERTIES = frozenset({"BEGIN", "END", "VERSION"})
STRUCTURED = frozenset({"N", "ADR", "ORG"})  # components separated by ';'
PIECE = 64 * 1024  # bytes read at a time while skipping the rest of an overlong line


class LineSource(Protocol):
    def readline(self, size: int = -1, /) -> bytes: ...


@dataclass(frozen=True)
class VcardLimits:
    """Characters kept per property value, and properties per card: a NOTE may be a page or two,
    a name, number or address line is never this long; a card is never hundreds of lines."""

    note: int = 20_000
    other: int = 1_000
    properties: int = 500

    def of(self, name: str) -> int:
        return self.note if name == "NOTE" else self.other

    @property
    def longest_line(self) -> int:
        """Bytes of one unfolded line kept while reading: room for the longest value quoted-printable
        encoded (up to 3 bytes a byte, 4 bytes a character) and its name and parameters."""
        return max(self.note, self.other) * 12 + 1024


@dataclass(frozen=True)
class CardText:
    """One card of a file as clean vCard 3.0 text, with what was left out or cut while reading it."""

    text: str
    number: int  # 1-based position of the card in the file
    line: int  # the file's line where the card begins
    warnings: tuple[tuple[str, str], ...] = ()  # (property, sentence) for each value cut or left out


class VcardSyntaxError(ValueError):
    """A line that is no vCard property; the message names the line."""


@dataclass
class Property:
    group: str
    name: str
    params: list[tuple[str, list[str]]]  # (NAME, values) in file order, ENCODING and CHARSET removed
    value: bytes
    quoted_printable: bool = False
    charset: str = ""
    length: int = 0  # bytes of the value in the file (more than `value` holds when the line was cut)


@dataclass
class Line:
    data: bytearray
    number: int
    length: int  # bytes in the file, including what was not kept
    quoted_printable: bool = False
    cut: bool = False  # not all of it was kept  # its value may continue after a soft line break

    def is_marker(self, marker: bytes) -> bool:
        """Whether the line is exactly BEGIN:VCARD or END:VCARD (any case, spaces around)."""
        return len(self.data) <= len(marker) + 8 and bytes(self.data).strip().upper() == marker


@dataclass
class CardBuilder:
    line: int
    properties: list[Property] = field(default_factory=list)
    warnings: list[tuple[str, str]] = field(default_factory=list)
    dropped: int = 0


def physical_lines(stream: LineSource, most: int) -> Iterator[tuple[bytes, int, bool]]:
    """Each line of the stream without its line end, cut to `most` bytes, with its length in the
    file and whether it ended with '=' (a quoted-printable soft line break)."""
    while True:
        chunk = stream.readline(most + 1)
        if not chunk:
            return
        length = len(chunk)
        last = chunk.rstrip(b"\r\n")[-1:]
        if not chunk.endswith(b"\n") and len(chunk) > most:  # longer than kept: skip the rest
            while rest := stream.readline(PIECE):
                length += len(rest)
                last = rest.rstrip(b"\r\n")[-1:] or last
                if rest.endswith(b"\n"):
                    break
        yield chunk[:most].rstrip(b"\r\n"), length, last == b"="


def utf8_lines(stream: BinaryIO) -> LineSource:
    """The stream as UTF-8 bytes: a UTF-16 file (with its byte-order mark) is transcoded as it is
    read; a UTF-8 byte-order mark is skipped."""
    head = stream.read(4)
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text = io.TextIOWrapper(io.BufferedReader(Prepended(head, stream)), encoding="utf-16", newline="")
        return Transcoded(text)
    return io.BufferedReader(Prepended(head.removeprefix(codecs.BOM_UTF8), stream))


class Prepended(io.RawIOBase):
    """`head` followed by the rest of `stream`, as a raw stream."""

    def __init__(self, head: bytes, stream: BinaryIO) -> None:
        self.head, self.stream = head, stream

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        if self.head:
            size = min(len(buffer), len(self.head))
            buffer[:size] = self.head[:size]
            self.head = self.head[size:]
            return size
        data = self.stream.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)


class Transcoded(io.RawIOBase):
    """A text stream read back as UTF-8 bytes, a line (or a piece of one) at a time."""

    def __init__(self, text: io.TextIOWrapper) -> None:
        self.text, self.pending = text, b""

    def readable(self) -> bool:
        return True

    def readline(self, size: int | None = -1, /) -> bytes:
        limit = PIECE if size is None or size < 0 else size
        if not self.pending:
            self.pending = self.text.readline(limit).encode("utf-8", "surrogatepass")
        line, self.pending = self.pending[:limit], self.pending[limit:]
        return line


def unfolded_lines(stream: LineSource, limits: VcardLimits) -> Iterator[Line]:
    """Logical lines: folded continuations (a leading space or tab) and quoted-printable soft line
    breaks joined, each kept up to `limits.longest_line` bytes (its full length still counted)."""
    most = limits.longest_line
    current: Line | None = None
    soft_break = False
    for number, (raw, length, ends_with_equals) in enumerate(physical_lines(stream, most), 1):
        if current is not None and (soft_break or raw[:1] in (b" ", b"\t")):
            piece = raw if soft_break else raw[1:]
            if soft_break and current.data.endswith(b"="):
                del current.data[-1:]  # the '=' that announced the soft break
            room = most - len(current.data)
            current.data += piece[: max(room, 0)]
            current.length += length
            current.cut |= room < len(piece) or length > len(raw) + 2
        else:
            if current is not None:
                yield current
            current = None
            if raw.strip():
                quoted_printable = b"QUOTED-PRINTABLE" in raw.split(b":", 1)[0].upper()
                current = Line(bytearray(raw), number, length, quoted_printable, length > len(raw) + 2)
        soft_break = current is not None and current.quoted_printable and ends_with_equals
    if current is not None:
        yield current


def split_outside_quotes(text: str, separator: str) -> list[str]:
    parts, start, quoted = [], 0, False
    for index, char in enumerate(text):
        if char == '"':
            quoted = not quoted
        elif char == separator and not quoted:
            parts.append(text[start:index])
            start = index + 1
    parts.append(text[start:])
    return parts


def parse_property(line: Line) -> Property:
    """`group.NAME;params:value` → a Property (the value still encoded)."""
    raw = bytes(line.data)
    colon = colon_outside_quotes(raw)
    if colon < 0:
        shown = raw[:40].decode("utf-8", "replace")
        raise VcardSyntaxError(f"line {line.number} is not a vCard property (it has no ':'): {shown!r}")
    head = raw[:colon].decode("utf-8", "replace")
    name_part, *param_parts = split_outside_quotes(head, ";")
    group, _, name = name_part.rpartition(".")
    encoded = raw[colon + 1 :]
    length = line.length - colon - 1 if line.cut else len(encoded)
    prop = Property(group.strip(), name.strip().upper(), [], encoded, length=length)
    types: list[str] = []
    for part in param_parts:
        key, has_value, value = part.partition("=")
        key = key.strip().upper()
        values = [v.strip().strip('"') for v in split_outside_quotes(value, ",")] if has_value else []
        if not has_value:  # vCard 2.1: a bare TYPE value or encoding
            key, values = ("ENCODING", [key]) if key in ("QUOTED-PRINTABLE", "BASE64", "8BIT", "7BIT") else (
                "TYPE", [key])
        if key == "ENCODING":
            prop.quoted_printable |= any(v.upper() == "QUOTED-PRINTABLE" for v in values)
            if any(v.upper() in ("BASE64", "B") for v in values):
                prop.name = "X-CARDCAP-BINARY"  # a photo, logo or sound: never kept
        elif key == "CHARSET":
            prop.charset = values[0] if values else ""
        elif key == "TYPE":
            types += [v.upper() for v in values if v]
        else:
            prop.params.append((key, values))
    if types:
        prop.params.insert(0, ("TYPE", list(dict.fromkeys(types))))
    return prop


def colon_outside_quotes(raw: bytes) -> int:
    quoted = False
    for index, byte in enumerate(raw):
        if byte == 0x22:  # '"'
            quoted = not quoted
        elif byte == 0x3A and not quoted:  # ':'
            return index
    return -1


def decode_value(prop: Property) -> str:
    """The value's bytes → text: quoted-printable undone, then its CHARSET, UTF-8 or Windows-1252."""
    data = binascii.a2b_qp(prop.value) if prop.quoted_printable else prop.value
    if prop.charset:
        try:
            return data.decode(prop.charset, "replace")
        except LookupError:  # a charset Python does not know: guess as for none
            pass
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        if error.reason == "unexpected end of data":  # cut in the middle of a character
            return data[: error.start].decode("utf-8", "replace")
        return data.decode("cp1252", "replace")


def escape_text(text: str) -> str:
    """Literal text → a vCard 3.0 text value."""
    text = text.replace("\\", "\\\\").replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\\n")
    return text.replace(",", "\\,").replace(";", "\\;")


def split_components(text: str) -> list[str]:
    """A vCard 2.1 compound value on its ';' separators ('\\;' is a literal semicolon)."""
    parts, current, escaped = [], [], False
    for char in text:
        if escaped:
            current.append(char if char == ";" else "\\" + char)
            escaped = False
        elif char == "\\":
            escaped = True
        elif char == ";":
            parts.append("".join(current))
            current = []
        else:
            current.append(char)
    parts.append("".join(current) + ("\\" if escaped else ""))
    return parts


def escape_commas(value: str) -> str:
    """A 3.0 single text value with its unescaped commas escaped (vobject would cut it at one)."""
    out, escaped = [], False
    for char in value:
        if escaped:
            out.append(char)
            escaped = False
        elif char == "\\":
            out.append(char)
            escaped = True
        else:
            out.append("\\," if char == "," else char)
    return "".join(out)


def size_words(length: int) -> str:
    return f"{length / 1e6:.1f} MB" if length >= 100_000 else f"{length} bytes"


def clean_value(prop: Property, literal: bool, limits: VcardLimits) -> tuple[str | None, str]:
    """The 3.0 value to write (None: leave the property out) and a warning sentence ('' if none).

    `literal`: the value is plain text as vCard 2.1 (or quoted-printable) writes it, not 3.0-escaped."""
    limit = limits.of(prop.name)
    text = decode_value(prop)
    warning = ""
    if len(text) > limit or prop.length > limits.longest_line:
        if prop.name != "NOTE":
            return None, (f"one {prop.name} value of {size_words(prop.length)} is longer than the {limit} characters "
                          "cardcap accepts and was left out")
        text = text[:limit]
        warning = (f"the NOTE is {size_words(prop.length)}, longer than the {limit} characters cardcap keeps; "
                   f"its first {limit} characters were imported")
    if literal or prop.quoted_printable or prop.charset:
        if prop.name in STRUCTURED:
            return ";".join(escape_text(part) for part in split_components(text)), warning
        return escape_text(text), warning
    return (text if prop.name in STRUCTURED else escape_commas(text)), warning


def param_text(params: list[tuple[str, list[str]]]) -> str:
    out = []
    for key, values in params:
        quoted = [f'"{v}"' if any(c in v for c in ':;,') else v for v in (v.replace('"', "") for v in values)]
        out.append(f";{key}=" + ",".join(quoted) if quoted else f";{key}")
    return "".join(out)


def card_text(builder: CardBuilder, number: int, limits: VcardLimits) -> CardText:
    version = next((decode_value(p).strip() for p in builder.properties if p.name == "VERSION"), "3.0")
    literal = version.startswith("2")
    lines = ["BEGIN:VCARD", "VERSION:3.0"]
    warnings = list(builder.warnings)
    for prop in builder.properties:
        if prop.name in FRAME_PROPERTIES:
            continue
        value, warning = clean_value(prop, literal, limits)
        if warning:
            warnings.append((prop.name, warning))
        if value is not None:
            group = f"{prop.group}." if prop.group else ""
            lines.append(f"{group}{prop.name}{param_text(prop.params)}:{value}")
    if builder.dropped:
        warnings.append(("", f"it has {builder.dropped} more properties than the {limits.properties} cardcap reads "
                             "from one card; those were left out"))
    lines.append("END:VCARD")
    return CardText("\r\n".join(lines) + "\r\n", number, builder.line, tuple(warnings))


def read_cards(stream: BinaryIO, limits: VcardLimits | None = None) -> Iterator[CardText]:
    """Every vCard in a binary stream, one at a time, as clean 3.0 text; raises `VcardSyntaxError`
    for a line inside a card that is no property. Lines outside cards are ignored."""
    limits = limits or VcardLimits()
    builder: CardBuilder | None = None
    nested = 0  # a 2.1 AGENT may hold a whole vCard inside the card: skipped
    number = 0
    for line in unfolded_lines(utf8_lines(stream), limits):
        if builder is None:
            if line.is_marker(b"BEGIN:VCARD"):
                number += 1
                builder = CardBuilder(line.number)
            continue
        if line.is_marker(b"BEGIN:VCARD"):
            nested += 1
            continue
        if line.is_marker(b"END:VCARD"):
            if nested:
                nested -= 1
                continue
            yield card_text(builder, number, limits)
            builder = None
            continue
        if nested:
            continue
        prop = parse_property(line)
        if prop.name not in READ_PROPERTIES and prop.name != "VERSION":
            continue
        if len(builder.properties) >= limits.properties:
            builder.dropped += 1
            continue
        builder.properties.append(prop)
    if builder is not None:  # a file cut before END:VCARD still gives what it holds
        builder.warnings.append(("", "the file ends before this card's END:VCARD"))
        yield card_text(builder, number, limits)
