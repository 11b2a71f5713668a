"""Printable letters (reportlab): the letter in the sender's country's paper and layout, then an envelope page.

Paper and envelope follow the country the letter is printed in (the sender's): US Letter and a
No. 10 envelope in North America, A4 and a DL envelope elsewhere, A4 and a 長形3号 envelope
addressed in vertical writing in Japan. The layout follows the letter's language: DIN 5008 for
German (recipient in the window, "Ort, Datum" right), the block letter for English (US: no
place in the date line), the French one (recipient on the right, "Paris, le …", "Objet :"), and
the Japanese business letter (date top right, recipient top left with 様, title centred,
拝啓 … 敬具).

Drawn on a canvas with explicit wrapping rather than platypus paragraphs, because card text goes
into the letter verbatim and must never be read as markup. Unicode TrueType fonts are embedded:
DejaVu Sans for Latin, Greek and Cyrillic names, IPA Mincho for Japanese (reportlab cannot embed
the CFF outlines of Noto CJK).
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.units import inch, mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

FONT_CANDIDATES = (
    ("DejaVuSans", "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),
    ("LiberationSans", "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf"),
    ("NotoSans", "/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf"),
)
BOLD_FONT_CANDIDATES = (  # the subject line (DIN 5008 and most Western letters set it in bold)
    ("DejaVuSans-Bold", "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"),
    ("LiberationSans-Bold", "/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf"),
    ("NotoSans-Bold", "/usr/share/fonts/truetype/noto/NotoSans-Bold.ttf"),
)
CJK_FONT_CANDIDATES = (
    ("IPAMincho", "/usr/share/fonts/opentype/ipafont-mincho/ipam.ttf"),
    ("IPAexMincho", "/usr/share/fonts/opentype/ipaexfont-mincho/ipaexm.ttf"),
    ("IPAGothic", "/usr/share/fonts/opentype/ipafont-gothic/ipag.ttf"),
)
ENVELOPE_DL = (220 * mm, 110 * mm)  # landscape DL: an A4 letter folded in three
ENVELOPE_NO10 = (9.5 * inch, 4.125 * inch)  # US No. 10 (commercial): US Letter folded in three
ENVELOPE_NAGA3 = (120 * mm, 235 * mm)  # 長形3号, portrait: A4 folded in three, addressed vertically
LETTER_SIZE_COUNTRIES = {"US", "CA", "MX", "PH", "CL", "CO"}  # where paper is US Letter, not A4
# Japanese line breaking (禁則処理): these never begin a line; they hang at the end of the previous one.
NO_LINE_START = frozenset("、。，．・：；？！）」』】〕ー～ぁぃぅぇぉっゃゅょァィゥェォッャュョ")
KANJI_DIGITS = str.maketrans("0123456789", "〇一二三四五六七八九")  # numbers in vertical writing


@dataclass(frozen=True)
class Letter:
    sender: tuple[str, ...]  # the candidate's block
    recipient: tuple[str, ...]  # name, title, company, street, city line, country
    date_line: str  # "Berlin, 2. Dezember 2026", "December 2, 2026", "2026年12月2日"
    body: str  # subject line, salutation and paragraphs (blank lines between paragraphs)
    closing: str  # "Yours sincerely,", "Mit freundlichen Grüßen", "敬具"
    signature: str  # the candidate's name, printed under the space for a handwritten signature
    page_size: tuple[float, float] = A4
    envelope: tuple[float, float] = ENVELOPE_DL
    layout: str = "block"  # block | din | french | japanese
    return_line: str = ""  # DIN 5008: the sender in one small line above the recipient in the window
    postal_code: str = ""  # Japanese envelopes: the 〒 boxes
    return_address: tuple[str, ...] = ()  # the envelope's sender: name and address (no phone or email)


def paper_for(country: str) -> tuple[tuple[float, float], tuple[float, float]]:
    """(paper, envelope) for the country the letter is printed in."""
    if country in LETTER_SIZE_COUNTRIES:
        return LETTER, ENVELOPE_NO10
    if country == "JP":
        return A4, ENVELOPE_NAGA3
    return A4, ENVELOPE_DL


def page_size_for(country_code: str) -> tuple[float, float]:
    return paper_for(country_code)[0]


def _register(candidates: tuple[tuple[str, str], ...]) -> str:
    for name, path in candidates:
        if name in pdfmetrics.getRegisteredFontNames():
            return name
        if Path(path).exists():
            pdfmetrics.registerFont(TTFont(name, path))
            return name
    return ""


def letter_font() -> str:
    """The first Unicode font installed (registered once), else Helvetica (Latin-1 only)."""
    return _register(FONT_CANDIDATES) or "Helvetica"


def bold_font(regular: str) -> str:
    """The bold face that goes with `regular` (the same family when installed), else `regular`."""
    for name, path in BOLD_FONT_CANDIDATES:
        if name.startswith(regular) and (name in pdfmetrics.getRegisteredFontNames() or Path(path).exists()):
            return _register(((name, path),))
    return "Helvetica-Bold" if regular == "Helvetica" else regular


def cjk_font() -> str:
    """A Japanese font to embed (Debian fonts-ipafont-mincho), else the Latin one."""
    return _register(CJK_FONT_CANDIDATES) or letter_font()


def needs_cjk(letter: Letter) -> bool:
    text = "".join((*letter.sender, *letter.recipient, letter.body, letter.date_line, letter.signature))
    return any("\u3000" <= ch <= "\u9fff" or "\uff00" <= ch <= "\uffef" for ch in text)


def wrap(text: str, font: str, size: float, width: float) -> list[str]:
    """Lines that fit `width`: at spaces for Latin text, between any two characters for Japanese
    (where a comma, a full stop or a small kana hangs at the line's end rather than begin the next)."""
    if not text:
        return [""]
    japanese = any("\u3000" <= c <= "\u9fff" for c in text)
    tokens = list(text) if japanese or " " not in text else text.split(" ")
    joiner = "" if japanese or " " not in text else " "
    lines: list[str] = []
    current = ""
    for token in tokens:
        candidate = f"{current}{joiner}{token}" if current else token
        fits = pdfmetrics.stringWidth(candidate, font, size) <= width
        if fits or not current or (japanese and token in NO_LINE_START):
            current = candidate
        else:
            lines.append(current)
            current = token
    lines.append(current)
    return lines


def _draw_lines(canvas: Canvas, lines: tuple[str, ...], x: float, y: float, font: str, size: float, *,
                align_right: bool = False) -> float:
    canvas.setFont(font, size)
    for line in lines:
        if align_right:
            canvas.drawRightString(x, y, line)
        else:
            canvas.drawString(x, y, line)
        y -= size * 1.35
    return y


def _draw_body(canvas: Canvas, letter: Letter, font: str, y: float, margin: float) -> None:
    """The subject line (bold; centred in a Japanese letter), the paragraphs, the closing and the signature."""
    width, height = letter.page_size
    size = 11
    text_width = width - 2 * margin
    japanese = letter.layout == "japanese"
    subject, _, rest = letter.body.partition("\n")
    canvas.setFont(font if japanese else bold_font(font), size)
    for line in wrap(subject, font, size, text_width):
        if japanese:
            canvas.drawCentredString(width / 2, y, line)
        else:
            canvas.drawString(margin, y, line)
        y -= size * 1.5
    canvas.setFont(font, size)
    for paragraph in rest.split("\n"):
        for line in wrap(paragraph, font, size, text_width):
            if y < margin:
                canvas.showPage()
                canvas.setFont(font, size)
                y = height - margin
            canvas.drawString(margin, y, line)
            y -= size * 1.5
    if letter.closing:
        y -= size * 1.5  # a blank line before the closing
        if japanese:
            canvas.drawRightString(width - margin, y, letter.closing)
        else:
            canvas.drawString(margin, y, letter.closing)
        y -= size * 1.5
    if not japanese:
        y -= size * 3.5  # room for the handwritten signature
        canvas.drawString(margin, y, letter.signature)


def _draw_letter_pages(canvas: Canvas, letter: Letter, font: str) -> None:
    width, height = letter.page_size
    margin, size = 25 * mm, 11
    canvas.setPageSize(letter.page_size)
    if letter.layout == "japanese":
        canvas.setFont(font, size)
        canvas.drawRightString(width - margin, height - margin, letter.date_line)
        y = _draw_lines(canvas, letter.recipient, margin, height - margin - 12 * mm, font, size + 1)
        y = _draw_lines(canvas, letter.sender, width - margin, y - 4 * mm, font, size - 1, align_right=True)
        _draw_body(canvas, letter, font, y - 8 * mm, margin)
    elif letter.layout == "french":
        _draw_lines(canvas, letter.sender, margin, height - margin, font, size - 1)
        y = _draw_lines(canvas, letter.recipient, width / 2 + 10 * mm, height - 55 * mm, font, size)
        y = min(y, height - 95 * mm) - 4 * mm
        canvas.setFont(font, size)
        canvas.drawRightString(width - margin, y, letter.date_line)
        _draw_body(canvas, letter, font, y - 12 * mm, margin)
    else:
        din = letter.layout == "din"
        _draw_lines(canvas, letter.sender, width - margin, height - margin, font, size - 1, align_right=True)
        top = height - (45 * mm if din else 50 * mm)
        if letter.return_line:
            canvas.setFont(font, 7)
            canvas.drawString(margin, top + 3 * mm, letter.return_line)
        # The recipient block sits where a windowed envelope shows it (DIN 5008 form B; US No. 10 window).
        y = _draw_lines(canvas, letter.recipient, margin, top - 5 * mm, font, size)
        y = min(y, height - 95 * mm) - 4 * mm
        canvas.setFont(font, size)
        if din:
            canvas.drawRightString(width - margin, y, letter.date_line)
        else:
            canvas.drawString(margin, y, letter.date_line)
        _draw_body(canvas, letter, font, y - 12 * mm, margin)
    canvas.showPage()


def _draw_envelope(canvas: Canvas, letter: Letter, font: str) -> None:
    """The envelope (or address label) in the country's size: return address top left, recipient centre right."""
    width, height = letter.envelope
    canvas.setPageSize(letter.envelope)
    if letter.envelope == ENVELOPE_NAGA3:
        _draw_vertical_envelope(canvas, letter, font)
        return
    _draw_lines(canvas, letter.return_address or letter.sender, 10 * mm, height - 12 * mm, font, 8)
    _draw_lines(canvas, letter.recipient, width * 0.45, height * 0.58, font, 11)
    canvas.showPage()


def _vertical_column(canvas: Canvas, text: str, x: float, top: float, font: str, size: float) -> None:
    """One column of vertical writing, top to bottom: numbers in kanji (丸の内一丨一丨一), long vowel marks
    and dashes turned upright."""
    y = top
    for ch in text.translate(KANJI_DIGITS).replace("ー", "丨").replace("-", "丨").replace("－", "丨"):
        if ch == " ":
            y -= size * 0.5
            continue
        canvas.drawCentredString(x, y - size, ch)
        y -= size * 1.05


def _draw_vertical_envelope(canvas: Canvas, letter: Letter, font: str) -> None:
    """長形3号 front: 〒 boxes at the top right, the address in a column on the right, the recipient's
    name large in the middle with 様; the sender on the back is printed small bottom left here."""
    width, height = letter.envelope
    digits = "".join(ch for ch in letter.postal_code if ch.isdigit())[:7]
    canvas.setFont(font, 12)
    box, gap, left = 5.7 * mm, 1.3 * mm, width - 8 * mm - 7 * 5.7 * mm - 7 * 1.3 * mm
    for index in range(7):
        x = left + index * (box + gap) + (2 * mm if index >= 3 else 0)
        canvas.rect(x, height - 22 * mm, box, 8 * mm)
        if index < len(digits):
            canvas.drawCentredString(x + box / 2, height - 19.5 * mm, digits[index])
    address = [line for line in letter.recipient if not line.startswith("〒")]
    name_lines = [line for line in address if line.endswith("様")]
    other = [line for line in address if line not in name_lines]
    canvas.setFont(font, 13)
    x = width - 14 * mm
    for line in other:
        _vertical_column(canvas, line, x, height - 30 * mm, font, 13)
        x -= 9 * mm
    canvas.setFont(font, 22)
    for line in name_lines:
        _vertical_column(canvas, line, width / 2, height - 40 * mm, font, 22)
    _draw_lines(canvas, letter.return_address or letter.sender, 8 * mm, 30 * mm, font, 7)
    canvas.showPage()


def render_letter_pdf(letter: Letter, *, envelope: bool = True) -> bytes:
    """The letter (one or more pages) and, by default, its envelope page, as PDF bytes."""
    font = cjk_font() if needs_cjk(letter) else letter_font()
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=letter.page_size, invariant=True)  # invariant: same input, same bytes
    canvas.setTitle(letter.body.splitlines()[0] if letter.body else "Letter")
    canvas.setAuthor(letter.signature)
    _draw_letter_pages(canvas, letter, font)
    if envelope:
        _draw_envelope(canvas, letter, font)
    canvas.save()
    return buffer.getvalue()
