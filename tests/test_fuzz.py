"""Property-based fuzzing (hypothesis) of what reads untrusted input: the image loader, the vCard
reader, the CSV writer and the web upload. Each either succeeds with a well-formed result or says
in one sentence, naming the input, what is wrong; nothing else may escape.

`CARDCAP_FUZZ_EXAMPLES` sets the examples per property (default 120; a long run: 5000).
"""

from __future__ import annotations

import binascii
import csv
import io
import os
import re
import string
from collections.abc import Iterator
from pathlib import Path

import cv2
import numpy as np
import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from PIL import Image
from storecards import sqlite_url

from capture.contact import Address, Contact, Email, PersonName, Phone, PhoneType, TextField, Website
from capture.errors import InputFileError
from capture.export.vcard import contact_to_vcard
from capture.load import load_pages_bytes
from capture.normalize.web import website_problem
from capture.ocr.result import OcrPage
from capture.settings import Settings
from capture.store.contacts import StoredContact
from capture.store.csvexport import FORMULA_START, PLAIN_PHONE, export_csv
from capture.store.vcardlines import VcardLimits
from capture.store.vcardread import parse_stream, parse_vcards, vcard_fields
from capture.web.app import create_app

EXAMPLES = int(os.environ.get("CARDCAP_FUZZ_EXAMPLES", "120"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                       HealthCheck.function_scoped_fixture])
LOAD = Settings(max_megapixels=4, max_bytes=2_000_000)  # a mutated header may claim any size


def one_sentence(message: str, name: str) -> None:
    assert message.startswith(f"{name}: "), message
    assert "\n" not in message and "Traceback" not in message, message
    assert not re.search(r"<[^>]* at 0x[0-9a-f]+>", message), message


# ---- images ------------------------------------------------------------------------------------

PIXEL_TYPES = st.sampled_from([np.uint8, np.uint16, np.int32, np.float32, np.bool_])
FORMATS = st.sampled_from([".png", ".tif", ".jpg", ".bmp", ".webp"])
MAGIC = [b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\n", b"II*\x00", b"MM\x00*", b"RIFF\x00\x00\x00\x00WEBP", b"BM",
         b"\x00\x00\x00\x18ftypheic"]


@st.composite
def pixels(draw: st.DrawFn) -> np.ndarray:
    dtype = draw(PIXEL_TYPES)
    shape = draw(st.tuples(st.integers(1, 40), st.integers(1, 40), st.sampled_from([0, 1, 2, 3, 4])))
    dims = shape[:2] if shape[2] == 0 else shape
    if dtype == np.float32:
        elements = st.floats(-2, 70000, width=32) | st.sampled_from([float("nan"), float("inf"), -float("inf")])
    elif dtype == np.bool_:
        elements = st.booleans()
    else:
        info = np.iinfo(dtype)
        elements = st.integers(max(info.min, -(2**31)), min(info.max, 2**31 - 1))
    return draw(arrays(dtype, dims, elements=elements))


def encode(image: np.ndarray, suffix: str, with_pillow: bool) -> bytes | None:
    """The picture in a file format, by Pillow or OpenCV; None when that writer refuses it."""
    try:
        if with_pillow:
            buffer = io.BytesIO()
            fmt = {".png": "PNG", ".tif": "TIFF", ".jpg": "JPEG", ".bmp": "BMP", ".webp": "WEBP"}[suffix]
            source = image[..., 0] if image.ndim == 3 and image.shape[2] in (1, 2) else image
            Image.fromarray(source).save(buffer, fmt)
            return buffer.getvalue()
        ok, data = cv2.imencode(suffix, image)
        return data.tobytes() if ok else None
    except (ValueError, TypeError, OSError, KeyError, cv2.error):
        return None


@st.composite
def image_files(draw: st.DrawFn) -> bytes:
    """Bytes as a card image might arrive: whole, damaged, cut short, or anything at all."""
    how = draw(st.sampled_from(["whole", "flipped", "cut", "magic", "noise"]))
    if how == "noise":
        return draw(st.binary(min_size=1, max_size=2048))
    if how == "magic":
        return draw(st.sampled_from(MAGIC)) + draw(st.binary(max_size=2048))
    data = encode(draw(pixels()), draw(FORMATS), draw(st.booleans()))
    assume(data is not None)
    assert data is not None
    if how == "cut":
        return data[: draw(st.integers(1, max(1, len(data) - 1)))]
    if how == "flipped":
        changed = bytearray(data)
        for _ in range(draw(st.integers(1, 12))):
            changed[draw(st.integers(0, len(changed) - 1))] = draw(st.integers(0, 255))
        return bytes(changed)
    return data


@FUZZ
@given(image_files())
def test_the_loader_gives_8_bit_bgr_pages_or_one_sentence(data: bytes) -> None:
    try:
        pages = list(load_pages_bytes(data, "fuzz.img", LOAD))
    except InputFileError as error:
        one_sentence(str(error), "fuzz.img")
        return
    assert pages and [p.page for p in pages] == list(range(1, len(pages) + 1))
    for page in pages:
        assert page.image.dtype == np.uint8 and page.image.ndim == 3 and page.image.shape[2] == 3
        assert page.image.size > 0 and page.pages == len(pages)


# ---- vCards --------------------------------------------------------------------------------------

PROPERTY_NAMES = ["FN", "N", "ORG", "TITLE", "EMAIL", "TEL", "URL", "ADR", "NOTE", "UID", "PHOTO", "X-ABC",
                  "item1.EMAIL", "AGENT", "VERSION"]
PARAMS = ["", ";TYPE=WORK", ";WORK;VOICE", ";CELL", ";ENCODING=QUOTED-PRINTABLE", ";QUOTED-PRINTABLE",
          ";CHARSET=ISO-8859-1", ";CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE", ";CHARSET=NO-SUCH-CHARSET",
          ";ENCODING=BASE64", ';X-LABEL="a;b:c"', ";TYPE=\"unclosed"]
TEXT = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=60)


@st.composite
def vcard_lines(draw: st.DrawFn) -> str:
    line = draw(st.sampled_from(["BEGIN:VCARD", "END:VCARD", "VERSION:2.1", "VERSION:3.0", "prop", "prop", "prop",
                                 "prop", " continued", "=3D=C3=BC=", "", "garbage"]))
    if line == "prop":
        return f"{draw(st.sampled_from(PROPERTY_NAMES))}{draw(st.sampled_from(PARAMS))}:{draw(TEXT)}"
    if line == "garbage":
        return draw(TEXT)
    return line


@st.composite
def vcard_files(draw: st.DrawFn) -> bytes:
    lines = draw(st.lists(vcard_lines(), max_size=40))
    if draw(st.booleans()):
        lines = ["BEGIN:VCARD", "VERSION:2.1", *lines, "END:VCARD"]
    text = draw(st.sampled_from(["\r\n", "\n", "\r"])).join(lines)
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "cp1252"]))
    return text.encode(encoding, "replace")


SMALL = VcardLimits(note=80, other=40, properties=25)


@FUZZ
@given(vcard_files())
def test_the_vcard_reader_gives_bounded_contacts_or_one_sentence(data: bytes) -> None:
    try:
        cards = parse_stream(io.BytesIO(data), "fuzz.vcf", SMALL)
    except InputFileError as error:
        one_sentence(str(error), "fuzz.vcf")
        return
    for card in cards:
        contact = card.contact
        assert len(contact.note) <= SMALL.note * SMALL.properties
        assert all(website_problem(site.url) is None for site in contact.websites)
        for sentence in card.warnings:
            assert sentence.startswith("card ") and "\n" not in sentence


@FUZZ
@given(TEXT.filter(lambda t: t.strip() == t), st.integers(1, 75))
def test_a_quoted_printable_note_comes_back_as_written(note: str, width: int) -> None:
    encoded = binascii.b2a_qp(note.encode("utf-8"), istext=False).decode("ascii").replace("=\n", "")
    folded = "=\r\n".join(encoded[i : i + width] for i in range(0, len(encoded), width))
    note_line = f"NOTE;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:{folded}"
    text = f"BEGIN:VCARD\r\nVERSION:2.1\r\nFN:Q\r\n{note_line}\r\nEND:VCARD\r\n"
    [card] = parse_vcards(text, "qp.vcf")
    assert card.contact.note == note.replace("\r\n", "\n").replace("\r", "\n")


# Values a person or a card could give a contact: letters of any script, digits, punctuation
# (the vCard separators , ; : \\ among them), spaces inside; no control characters.
WORDS = st.text(st.characters(codec="utf-8", exclude_categories=("Cc", "Cs", "Zl", "Zp", "Co", "Cn")),
                min_size=1, max_size=40).map(lambda t: " ".join(t.split())).filter(bool)


@st.composite
def contacts(draw: st.DrawFn) -> Contact:
    # A name with "@" in it, or one equal to the company or "Unknown" with no parts, is what
    # exporters write for a card that names nobody: the reader takes it for no name, on purpose.
    full = draw(WORDS.filter(lambda t: "@" not in t and t != "Unknown"))
    name = PersonName(full, given=draw(st.just("") | WORDS), family=draw(st.just("") | WORDS))
    phones = draw(st.lists(st.sampled_from(["+14155550100", "+442079460000", "+4971177292"]).map(
        lambda n: Phone(n, n, PhoneType.WORK)) | WORDS.map(lambda raw: Phone(raw, raw, PhoneType.OTHER, valid=False)),
        max_size=3))
    return Contact(
        name=name,
        title=draw(st.none() | WORDS.map(TextField)),
        organization=draw(st.none() | WORDS.filter(lambda t: t != full).map(TextField)),
        emails=tuple(Email(e) for e in draw(st.lists(WORDS, max_size=3))),
        phones=tuple(phones),
        websites=tuple(Website(w) for w in draw(st.lists(st.from_regex(r"https://[a-z]{1,12}\.example/[a-z0-9,;]{0,8}",
                                                                       fullmatch=True), max_size=2))),
        addresses=tuple(Address(street=s, city=c, country=k) for s, c, k in draw(
            st.lists(st.tuples(WORDS, WORDS, WORDS), max_size=2))),
        note=draw(st.just("") | st.lists(WORDS, min_size=1, max_size=3).map("\n".join)),
    )


@FUZZ
@given(contacts(), st.sampled_from(["3.0", "4.0"]))
def test_a_contact_written_as_a_vcard_reads_back_the_same(contact: Contact, version: str) -> None:
    [card] = parse_vcards(contact_to_vcard(contact, version=version, note=contact.note or None), "round.vcf")
    assert vcard_fields(card.contact) == vcard_fields(contact)


# ---- CSV -----------------------------------------------------------------------------------------

def stored(contact: Contact, number: int) -> StoredContact:
    from datetime import UTC, datetime

    moment = datetime(2026, 1, 1, tzinfo=UTC)
    return StoredContact(number, f"uid-{number}", contact, "", None, None, "unreviewed", moment, moment, ())


RISKY = WORDS | st.sampled_from(["=HYPERLINK(\"http://evil.example\")", "+1+2", "-2+3", "@SUM(A1)", "\t=1",
                                 "\r=1", "a,b", 'say "hi"', "line\nbreak"])


@FUZZ
@given(st.lists(contacts(), min_size=1, max_size=4), st.lists(RISKY, min_size=1, max_size=4),
       st.sampled_from(["google", "outlook"]))
def test_csv_rows_parse_back_and_no_cell_is_a_formula(people: list[Contact], risky: list[str], style: str) -> None:
    people = [Contact(**{**person.__dict__, "title": TextField(value), "note": value})
              for person, value in zip(people, risky * len(people), strict=False)]
    text = export_csv([stored(person, n) for n, person in enumerate(people, 1)], style)
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert len(rows) == len(people) + 1
    header = rows[0]
    for row, person in zip(rows[1:], people, strict=True):
        assert len(row) == len(header)
        for column, cell in zip(header, row, strict=True):
            assert not cell.startswith(FORMULA_START) or PLAIN_PHONE.fullmatch(cell), (column, cell)
        title = row[header.index("Organization Title" if style == "google" else "Job Title")]
        expected = person.title.value if person.title else ""
        assert title == ("'" + expected if expected.startswith(FORMULA_START) else expected)


# ---- web upload ---------------------------------------------------------------------------------

class NoText:
    """An OCR engine that finds nothing (this fuzzes the web and load stages, not OCR)."""

    name = "blank"

    def read(self, image: np.ndarray) -> OcrPage:
        return OcrPage((), int(image.shape[1]), int(image.shape[0]))


@pytest.fixture(scope="module")
def upload_client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    folder: Path = tmp_path_factory.mktemp("fuzz-web")
    app = create_app(LOAD, sqlite_url(folder), workspace_dir=folder / "cards", profile_path=folder / "p.json",
                     engine=NoText())
    with TestClient(app, base_url="http://127.0.0.1:8000", raise_server_exceptions=False) as client:
        yield client


# (A part without a file name is no file to multipart parsers: FastAPI answers its own 422 for it.)
FILE_NAMES = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",), exclude_characters="\x00\r\n\"\\"),
                     min_size=1, max_size=80) | st.sampled_from(["../../etc/passwd", "C:\\x\\card.jpg", ".", "a" * 300])


@pytest.mark.slow
@FUZZ
@given(image_files(), FILE_NAMES)
def test_an_upload_gets_an_answer_naming_it(upload_client: TestClient, data: bytes, name: str) -> None:
    response = upload_client.post("/api/scan", files={"files": (name, data, "application/octet-stream")})
    assert response.status_code in (200, 413, 415, 422), response.text
    body = response.json()
    for problem in body["problems"]:
        shown = problem["name"]
        assert "/" not in shown and "\\" not in shown and len(shown) <= 120
        one_sentence(problem["message"], shown)
    assert set(string.printable) & set(response.text) and "Traceback" not in response.text
