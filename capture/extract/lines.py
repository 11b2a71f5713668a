"""OCR page → card lines: upright boxes, split at wide gaps, label-only pieces joined to their value.

Every engine returns lines with boxes, but they differ: Tesseract sometimes glues two columns into
one line ("8172 Miramar Road,      MARGIE SHOOP"), PP-OCR splits a label from its value ("TEL" and
"+81-3-..." as two boxes), and a card photographed sideways comes back with vertical boxes. The
rest of extraction works on `CardLine`s, which undo those differences using geometry only.
"""

from __future__ import annotations

import itertools
import re
import statistics
import unicodedata
from dataclasses import dataclass, replace

from capture.lang.lexicon import alternation, lexicons
from capture.lang.script import cjk_share
from capture.normalize.text import fold_width
from capture.ocr.result import Box, OcrLine, OcrPage, OcrWord, union_box

# A gap wider than this many text heights between two words means two separate pieces of text.
SPLIT_GAP = 2.4
# Words a label-only piece may consist of ("TEL", "E-mail:", ...) before it is joined to its value.
LABEL_ONLY_RE = re.compile(
    r"^(?:t|p|ph|tel|tel\.|phone|fone|fones|telefone|m|mob|mobile|cell|cel|celular|h|hp|handphone|f|fax|"
    r"e-?mail|email|mail|web|website|url|www|direct|office|main|whatsapp|skype|"
    + alternation(tuple(w for lex in lexicons().values() for kind in lex.phone_labels.values() for w in kind))
    + "|"
    + alternation(tuple(w for lex in lexicons().values() for w in lex.other_labels))
    + r")\s*[.:]?$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class CardLine:
    """One piece of text on the card, in upright coordinates, with the size of its letters."""

    text: str
    box: Box
    size: float  # median word height: the printed text size
    confidence: float
    engine: str = "tesseract"
    index: int = 0  # position in reading order

    @property
    def left(self) -> int:
        return self.box[0]

    @property
    def top(self) -> int:
        return self.box[1]

    @property
    def right(self) -> int:
        return self.box[2]

    @property
    def bottom(self) -> int:
        return self.box[3]

    @property
    def center_y(self) -> float:
        return (self.box[1] + self.box[3]) / 2


def clean_text(text: str) -> str:
    """Normalize Unicode look-alikes OCR produces and collapse spaces."""
    text = fold_width(unicodedata.normalize("NFC", text))
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"').replace("\u201d", '"')
    text = text.replace("\u2013", "-").replace("\u2014", "-").replace("\u00a0", " ")
    return " ".join(text.split())


# A field label glued to its value by the engine ("Website:www.x.com", "E-mail:a@b.com", "Fones11 2082-2399"):
# PP-OCR drops the space after a colon, which hides the value from the email, URL and phone patterns.
GLUED_LABEL_RE = re.compile(
    r"(?<![A-Za-z])(e-?mail|website|homepage|web|site|url|telefone|tel\.|tel|fones|fone|phone|celular|cell|cel\.|cel"
    r"|mobile|mob|fax|whatsapp|ramal|ext\.?|skype|address|endere[cç]o)(:?)(?=[\w(+@])",
    re.IGNORECASE,
)


def unglue_labels(text: str) -> str:
    """A space between a field label and the value glued to it; 'Tel:(11)' → 'Tel: (11)'."""

    def space(match: re.Match[str]) -> str:
        label, colon = match.group(1), match.group(2)
        following = text[match.end() : match.end() + 1]
        # without a colon only a number may follow ("Fones11"): "Website" or "Telecom" are words
        if not colon and not (following.isdigit() or following in "(+"):
            return match.group(0)
        return f"{label}{colon} "

    return GLUED_LABEL_RE.sub(space, text)


def is_vertical(line: OcrLine) -> bool:
    """Text running down the page because the card lies sideways (not vertical writing)."""
    width = line.box[2] - line.box[0]
    return len(line.text) >= 4 and line.height > 1.5 * max(1, width) and not is_column(line)


def is_column(line: OcrLine) -> bool:
    """A column of vertical writing (Japanese, Chinese): a tall box of CJK characters."""
    width = line.box[2] - line.box[0]
    return line.height > 1.5 * max(1, width) and len(line.text.replace(" ", "")) >= 2 and cjk_share(line.text) >= 0.5


def lay_columns_flat(page: OcrPage) -> OcrPage:
    """Columns of vertical writing laid down as rows, so every rule reads them like printed lines:
    the rightmost column becomes the top row, each column's top its left end, in a band starting
    where the columns start (the other lines keep their places). A column's words are spread along
    it by character offsets, as the reader gives one box per line."""
    columns = [line for line in page.lines if is_column(line)]
    if len(columns) < 2:
        return page
    top0 = min(line.box[1] for line in columns)
    right0 = max(line.box[2] for line in columns)

    def flat(box: Box) -> Box:
        left, top, right, bottom = box
        return (top, top0 + right0 - right, bottom, top0 + right0 - left)

    lines = []
    for line in page.lines:
        if not is_column(line):
            lines.append(line)
            continue
        left, top, right, bottom = line.box
        text = line.text
        words = []
        for match in re.finditer(r"\S+", text):
            t0 = top + (bottom - top) * match.start() / len(text)
            t1 = top + (bottom - top) * match.end() / len(text)
            words.append(OcrWord(match.group(), flat((left, round(t0), right, round(t1))), line.confidence))
        lines.append(OcrLine(tuple(words), flat(line.box), line.confidence, line.block, line.engine))
    return replace(page, lines=tuple(lines))


def page_rotation(page: OcrPage) -> int:
    """0 when text runs left to right; 90 (clockwise) or 270 when most text runs vertically."""
    vertical = sum(len(ln.text) for ln in page.lines if is_vertical(ln))
    total = sum(len(ln.text) for ln in page.lines) or 1
    if vertical / total < 0.5:
        return 0
    # within a vertical line, do the words go down the page (rotated clockwise) or up?
    down = up = 0
    for line in page.lines:
        if is_vertical(line) and len(line.words) >= 2:
            first, last = line.words[0].box, line.words[-1].box
            if last[1] > first[1]:
                down += 1
            elif last[1] < first[1]:
                up += 1
    return 90 if down >= up else 270


def rotate_box(box: Box, rotation: int, width: int, height: int) -> Box:
    """A box of the page turned upright (the page was read `rotation` degrees clockwise)."""
    left, top, right, bottom = box
    if rotation == 90:
        return (top, width - right, bottom, width - left)
    if rotation == 270:
        return (height - bottom, left, height - top, right)
    return box


def word_size(word: OcrWord) -> int:
    return word.box[3] - word.box[1]


def split_words(words: list[OcrWord]) -> list[list[OcrWord]]:
    """Split one OCR line where the gap between two words is much wider than the text is tall."""
    if not words:
        return []
    size = statistics.median(word_size(w) for w in words) or 1
    pieces: list[list[OcrWord]] = [[words[0]]]
    for previous, word in itertools.pairwise(words):
        gap = word.box[0] - previous.box[2]
        if gap > SPLIT_GAP * size:
            pieces.append([word])
        else:
            pieces[-1].append(word)
    return pieces


def make_line(words: list[OcrWord], confidence: float, engine: str) -> CardLine:
    sizes = [word_size(w) for w in words]
    conf = statistics.fmean(w.confidence for w in words) if words else confidence
    text = unglue_labels(clean_text(" ".join(w.text for w in words)))
    return CardLine(text, union_box([w.box for w in words]), float(statistics.median(sizes)), conf, engine)


def same_row(a: CardLine, b: CardLine) -> bool:
    overlap = min(a.bottom, b.bottom) - max(a.top, b.top)
    return overlap > 0.5 * min(a.bottom - a.top, b.bottom - b.top)


def join_labels(lines: list[CardLine]) -> list[CardLine]:
    """Join a label-only piece ("TEL") to the value printed right of it on the same row."""
    used: set[int] = set()
    out: list[CardLine] = []
    for i, line in enumerate(lines):
        if i in used:
            continue
        if LABEL_ONLY_RE.match(line.text):
            right = [
                (other.left - line.right, j)
                for j, other in enumerate(lines)
                if j != i
                and j not in used
                and same_row(line, other)
                and other.left >= line.right - line.size
                and other.left - line.right < 8 * max(line.size, other.size)
            ]
            if right:
                _, j = min(right)
                other = lines[j]
                used.add(j)
                line = CardLine(
                    f"{line.text} {other.text}",
                    union_box([line.box, other.box]),
                    max(line.size, other.size),
                    min(line.confidence, other.confidence),
                    other.engine,
                )
        out.append(line)
    return out


def reading_order(lines: list[CardLine]) -> list[CardLine]:
    """Top to bottom, left to right within a row."""
    ordered = sorted(lines, key=lambda ln: (ln.top, ln.left))
    rows: list[list[CardLine]] = []
    for line in ordered:
        if rows and same_row(rows[-1][0], line):
            rows[-1].append(line)
        else:
            rows.append([line])
    flat = [ln for row in rows for ln in sorted(row, key=lambda ln: ln.left)]
    return [CardLine(ln.text, ln.box, ln.size, ln.confidence, ln.engine, index) for index, ln in enumerate(flat)]


def layout_lines(page: OcrPage) -> list[CardLine]:
    """The page's text as upright, gap-split, label-joined lines in reading order."""
    page = lay_columns_flat(page)
    rotation = page_rotation(page)
    pieces: list[CardLine] = []
    for line in page.lines:
        words = [
            OcrWord(w.text, rotate_box(w.box, rotation, page.width, page.height), w.confidence)
            for w in line.words
            if w.text.strip()
        ]
        for group in split_words(words):
            piece = make_line(group, line.confidence, line.engine or page.engine)
            if piece.text and any(ch.isalnum() for ch in piece.text):
                pieces.append(piece)
    return reading_order(join_labels(pieces))


def below(upper: CardLine, lower: CardLine, max_gap: float = 1.6) -> bool:
    """`lower` is the next printed line under `upper` in the same column."""
    gap = lower.top - upper.bottom
    size = max(upper.size, lower.size, 1)
    if gap < -0.5 * size or gap > max_gap * size:
        return False
    overlap = min(upper.right, lower.right) - max(upper.left, lower.left)
    aligned = min(
        abs(upper.left - lower.left),
        abs(upper.right - lower.right),
        abs((upper.left + upper.right) - (lower.left + lower.right)) / 2,
    )
    return overlap > 0 or aligned < 2 * size
