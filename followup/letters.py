"""Printable letters (reportlab): sender block, date, recipient block, body, signature, then an envelope page.

Drawn on a canvas with explicit wrapping rather than platypus paragraphs, because card text goes
into the letter verbatim and must never be read as markup. A Unicode TrueType font (DejaVu Sans
when installed) keeps names like "Łukasz Żółć" or "Ødegård" spelled correctly.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.units import mm
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from capture.contact import Address

FONT_CANDIDATES = (
    ("DejaVuSans", "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),
    ("LiberationSans", "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf"),
    ("NotoSans", "/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf"),
)
ENVELOPE_DL = (220 * mm, 110 * mm)  # landscape DL: fits an A4 letter folded in three
LETTER_SIZE_COUNTRIES = {"US", "CA", "MX", "PH", "CL", "CO"}  # where paper is US Letter, not A4
# Countries that write "City, Region PostalCode" on one line; elsewhere "PostalCode City".
CITY_FIRST_COUNTRIES = {"US", "CA", "AU", "PH"}
CITY_THEN_POSTCODE_LINE = {"GB", "IE"}  # "City" then "POSTCODE" on its own line


@dataclass(frozen=True)
class Letter:
    sender: tuple[str, ...]  # the candidate's block, top right
    recipient: tuple[str, ...]  # name, title, company, street, city line, country
    date_line: str  # "Berlin, 2 December 2026"
    body: str  # subject line, salutation and paragraphs (blank lines between paragraphs)
    closing: str  # "Yours sincerely,"
    signature: str  # the candidate's name, printed under the space for a handwritten signature
    page_size: tuple[float, float] = A4


def letter_font() -> str:
    """The first Unicode font installed (registered once), else Helvetica (Latin-1 only)."""
    for name, path in FONT_CANDIDATES:
        if name in pdfmetrics.getRegisteredFontNames():
            return name
        if Path(path).exists():
            pdfmetrics.registerFont(TTFont(name, path))
            return name
    return "Helvetica"


def address_lines(address: Address, country_code: str, *, include_country: bool) -> tuple[str, ...]:
    """Street, the city line in the country's order, and the country when the letter crosses a border."""
    lines = [line.strip() for line in address.street.splitlines() if line.strip()]
    city, region, code = address.city.strip(), address.region.strip(), address.postal_code.strip()
    if country_code in CITY_FIRST_COUNTRIES:
        tail = " ".join(part for part in (region, code) if part)
        city_line = ", ".join(part for part in (city, tail) if part)
        lines.append(city_line)
    elif country_code in CITY_THEN_POSTCODE_LINE:
        lines += [city, region, code]
    else:
        lines += [" ".join(part for part in (code, city) if part), region]
    if include_country and address.country.strip():
        lines.append(address.country.strip().upper())
    return tuple(line for line in lines if line)


def page_size_for(country_code: str) -> tuple[float, float]:
    return LETTER if country_code in LETTER_SIZE_COUNTRIES else A4


def _draw_lines(
    canvas: Canvas, lines: tuple[str, ...], x: float, y: float, font: str, size: float, *, align_right: bool = False
) -> float:
    canvas.setFont(font, size)
    for line in lines:
        if align_right:
            canvas.drawRightString(x, y, line)
        else:
            canvas.drawString(x, y, line)
        y -= size * 1.35
    return y


def _draw_letter_pages(canvas: Canvas, letter: Letter, font: str) -> None:
    width, height = letter.page_size
    margin, size = 25 * mm, 11
    canvas.setPageSize(letter.page_size)
    _draw_lines(canvas, letter.sender, width - margin, height - margin, font, size - 1, align_right=True)
    # The recipient block sits where a windowed envelope shows it (DIN 5008-like position).
    y = _draw_lines(canvas, letter.recipient, margin, height - 50 * mm, font, size)
    y = min(y, height - 95 * mm) - 4 * mm
    canvas.setFont(font, size)
    canvas.drawRightString(width - margin, y, letter.date_line)
    y -= 12 * mm
    text_width = width - 2 * margin
    paragraphs = [*letter.body.split("\n"), "", letter.closing, "", "", "", letter.signature]
    canvas.setFont(font, size)
    for paragraph in paragraphs:
        wrapped = simpleSplit(paragraph, font, size, text_width) or [""]
        for line in wrapped:
            if y < margin:
                canvas.showPage()
                canvas.setFont(font, size)
                y = height - margin
            canvas.drawString(margin, y, line)
            y -= size * 1.4
    canvas.showPage()


def _draw_envelope(canvas: Canvas, letter: Letter, font: str) -> None:
    """A DL envelope (or address label): return address top left, recipient in the window area."""
    width, height = ENVELOPE_DL
    canvas.setPageSize(ENVELOPE_DL)
    _draw_lines(canvas, letter.sender, 10 * mm, height - 12 * mm, font, 8)
    _draw_lines(canvas, letter.recipient, width * 0.45, height * 0.55, font, 12)
    canvas.showPage()


def render_letter_pdf(letter: Letter, *, envelope: bool = True) -> bytes:
    """The letter (one or more pages) and, by default, its envelope page, as PDF bytes."""
    font = letter_font()
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=letter.page_size, invariant=True)  # invariant: same input, same bytes
    canvas.setTitle(letter.body.splitlines()[0] if letter.body else "Letter")
    canvas.setAuthor(letter.signature)
    _draw_letter_pages(canvas, letter, font)
    if envelope:
        _draw_envelope(canvas, letter, font)
    canvas.save()
    return buffer.getvalue()
