"""render_card: draw a CardSpec as a flat card at 300 dpi in one of many layouts, recording every printed line.

Every piece of text drawn goes through `Painter.draw_line`, which records the line's text, its
box in the card's pixels, its role and its tokens' roles (`PrintedLine`): the ground truth a
line-role model trains on. Nothing is drawn without being recorded.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from PIL import Image, ImageDraw, ImageFont

from samples.cardgen.compose import Blocks, TextLine, compose, is_latin, line, line_role, tokens
from samples.cardgen.fonts import Face, covers, fallback
from samples.cardgen.locales import CJK
from samples.cardgen.spec import CardSpec

WIDTH, HEIGHT = 1050, 600  # the US card, 3.5 x 2 inches at 300 dpi; other countries' sizes are in Style.size
LEADING = 1.32  # line pitch as a multiple of the font size
MIN_SIZE = 14  # px: below this print is unreadable at 300 dpi
Color = tuple[int, int, int]
Box = tuple[int, int, int, int]


@dataclass(frozen=True)
class PrintedLine:
    text: str
    box: Box  # left, top, right, bottom in the image's pixels
    role: str
    tokens: tuple[tuple[str, str], ...]
    vertical: bool

    def as_label(self) -> dict[str, Any]:
        return {"text": self.text, "box": list(self.box), "role": self.role,
                "tokens": [list(t) for t in self.tokens], "vertical": self.vertical}


@lru_cache(maxsize=512)
def _font(face: Face, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(face.path, size, index=face.index)


class Painter:
    """Draws lines of text, shrinking any line that would not fit its column, and records each one."""

    def __init__(self, image: Image.Image, spec: CardSpec):
        self.image = image
        self.draw = ImageDraw.Draw(image)
        self.style = spec.style
        self.script = spec.lang if spec.lang in CJK else "latin"
        self.printed: list[PrintedLine] = []

    def face(self, tl: TextLine) -> Face:
        family = self.style.latin if tl.latin and is_latin(tl.text) else self.style.family
        face = family.bold if tl.bold else family.regular
        if covers(face, tl.text):
            return face
        for script in (self.script, "latin"):
            other = fallback(script)
            face = other.bold if tl.bold else other.regular
            if covers(face, tl.text):
                return face
        return face

    def font(self, tl: TextLine, size: float | None = None) -> ImageFont.FreeTypeFont:
        return _font(self.face(tl), max(MIN_SIZE - 2, round(size or tl.size)))

    def length(self, tl: TextLine, size: float) -> float:
        font = self.font(tl, size)
        if tl.vertical:
            box = self.draw.textbbox((0, 0), tl.text, font=font, direction="ttb", anchor="mt")
            return float(box[3] - box[1])
        return float(self.draw.textlength(tl.text, font=font))

    def fitted_size(self, tl: TextLine, room: float) -> float:
        size = tl.size
        while size > MIN_SIZE and self.length(tl, size) > room:
            size *= 0.94
        return size

    def fit_block(self, lines: list[TextLine], width: float) -> list[TextLine]:
        """Shrink a block's lines by one common factor, so a long line doesn't stand out smaller."""
        if not lines:
            return lines
        ratio = min(self.fitted_size(ln, width) / ln.size for ln in lines)
        return [ln.scaled(ratio) for ln in lines]

    def height(self, lines: list[TextLine], width: float) -> float:
        return sum(ln.size * LEADING for ln in self.fit_block(lines, width))

    def draw_line(self, tl: TextLine, xy: tuple[float, float], anchor: str) -> Box:
        """Draw one line and record it; returns its box."""
        font = self.font(tl)
        color = tl.color or self.style.text
        kw: dict[str, Any] = {"direction": "ttb"} if tl.vertical else {}
        self.draw.text(xy, tl.text, font=font, fill=color, anchor=anchor, **kw)
        left, top, right, bottom = self.draw.textbbox(xy, tl.text, font=font, anchor=anchor, **kw)
        w, h = self.image.size
        box = (max(0, int(left)), max(0, int(top)), min(w, int(right) + 1), min(h, int(bottom) + 1))
        self.printed.append(PrintedLine(tl.text, box, line_role(tl), tuple((t, r) for t, r in tokens(tl)), tl.vertical))
        return box

    def text_block(self, lines: list[TextLine], x0: float, x1: float, y: float, align: str) -> float:
        """Draw lines top-down from y, aligned left/right/center in [x0, x1]; return the bottom."""
        for tl in self.fit_block(lines, x1 - x0):
            x, anchor = {"left": (x0, "la"), "right": (x1, "ra"), "center": ((x0 + x1) / 2, "ma")}[align]
            self.draw_line(tl, (x, y), anchor)
            y += tl.size * LEADING
        return y

    def column(self, blocks: list[list[TextLine]], box: tuple[float, float, float, float], align: str,
               spread: bool) -> None:
        """Stack blocks in a box: spread from top to bottom, or centered as one group."""
        x0, y0, x1, y1 = box
        blocks = [b for b in blocks if b]
        if not blocks:
            return
        scale = 1.0
        while True:
            scaled = [[ln.scaled(scale) for ln in b] for b in blocks]
            heights = [self.height(b, x1 - x0) for b in scaled]
            free = (y1 - y0) - sum(heights)
            if free >= 14 * scale * (len(blocks) - 1) or scale < 0.45:
                break
            scale *= 0.93
        if spread and len(scaled) > 1:
            gap = free / (len(scaled) - 1)
            y = y0
        else:
            gap = min(28.0, free / max(1, len(scaled)))
            y = y0 + (free - gap * (len(scaled) - 1)) / 2
        for block, h in zip(scaled, heights, strict=True):
            self.text_block(block, x0, x1, y, align)
            y += h + gap

    def vertical_columns(self, columns: list[tuple[TextLine, float]], x_right: float, x_left: float, top: float,
                         bottom: float) -> None:
        """Columns from x_right leftwards, each read top to bottom, (line, gap before it) each; the gaps
        widen so that the columns fill the width, as the columns of a printed card do."""
        fitted = [(tl.scaled(self.fitted_size(tl, bottom - top) / tl.size), gap) for tl, gap in columns]
        used = sum(tl.size * 1.2 + gap for tl, gap in fitted)
        stretch = max(1.0, 0.9 * (x_right - x_left) / max(1.0, used))
        x = x_right
        for tl, gap in fitted:
            x -= gap * stretch + tl.size * 0.6
            offset = tl.size * 0.5 if tl.segs[0].role == "name" else 0.0
            self.draw_line(tl, (x, top + offset), "mt")
            x -= tl.size * 0.6

    def logo_mark(self, initials: str, center: tuple[float, float], size: float, rng: random.Random) -> None:
        """A round or square mark with the company's initials, as many logos are."""
        s = self.style
        cx, cy = center
        box = (cx - size / 2, cy - size / 2, cx + size / 2, cy + size / 2)
        if rng.random() < 0.5:
            self.draw.ellipse(box, fill=s.accent)
        else:
            self.draw.rounded_rectangle(box, radius=size * 0.15, fill=s.accent)
        mark = line(initials, "other", size * 0.45, bold=True, color=s.accent_text)
        self.draw_line(mark, center, "mm")

    def photo_block(self, box: tuple[float, float, float, float], rng: random.Random) -> None:
        """A portrait photo: a soft background with a head-and-shoulders silhouette."""
        x0, y0, x1, y1 = box
        tone = rng.randint(150, 215)
        self.draw.rectangle(box, fill=(tone, tone + rng.randint(-10, 10), tone + rng.randint(0, 25)))
        w, h = x1 - x0, y1 - y0
        skin = rng.choice(((224, 189, 160), (198, 152, 118), (160, 114, 84), (110, 76, 56), (236, 204, 178)))
        hair = rng.choice(((30, 25, 20), (70, 50, 35), (120, 90, 60), (60, 60, 60)))
        self.draw.ellipse((x0 + w * 0.27, y0 + h * 0.1, x0 + w * 0.73, y0 + h * 0.5), fill=hair)
        self.draw.ellipse((x0 + w * 0.3, y0 + h * 0.15, x0 + w * 0.7, y0 + h * 0.55), fill=skin)
        self.draw.ellipse((x0 + w * 0.1, y0 + h * 0.6, x0 + w * 0.9, y1 + h * 0.3), fill=(40, 45, 60))
        self.draw.rectangle((x0, y1, x1, y1 + h * 0.3), fill=self.style.background)


def _decorate(paint: Painter, spec: CardSpec, rng: random.Random) -> None:
    """Rules, stripes and corner shapes that printed cards carry."""
    w, h = spec.style.size
    roll = rng.random()
    if roll < 0.2:
        y = h - rng.uniform(10, 28)
        paint.draw.rectangle((0, y, w, h), fill=spec.style.accent)
    elif roll < 0.3:
        size = rng.uniform(80, 180)
        paint.draw.polygon(((w - size, 0), (w, 0), (w, size)), fill=spec.style.accent)
    elif roll < 0.4:
        paint.draw.rectangle((0, 0, rng.uniform(10, 24), h), fill=spec.style.accent)


def _layout(paint: Painter, spec: CardSpec, blocks: Blocks, rng: random.Random) -> None:
    s = spec.style
    W, H = s.size
    m = rng.uniform(44, 66)
    org, name, contacts = blocks.org, blocks.name, blocks.contacts
    org_color = s.accent if (not s.dark and rng.random() < 0.5) else s.text
    org = [ln.colored(org_color) if ln.color is None and ln.segs[0].role == "org" else ln for ln in org]
    layout = s.layout
    if layout in ("left", "right"):
        if rng.random() < 0.6 and (spec.org or spec.brand):
            mark = rng.uniform(70, 100)
            paint.logo_mark(blocks.logo_text, (W - m - mark / 2 if layout == "left" else m + mark / 2, m + mark / 2),
                            mark, rng)
        box = (m, m, W - m - 120, H - m) if layout == "left" else (m + 120, m, W - m, H - m)
        paint.column([org, name, contacts], box, layout, spread=True)
    elif layout == "centered":
        paint.column([org, name, contacts], (m, m * 0.8, W - m, H - m * 0.8), "center", spread=True)
    elif layout == "two_column":
        split = W * rng.uniform(0.46, 0.54)
        paint.draw.line((split, m, split, H - m), fill=s.accent, width=3)
        paint.column([org, name], (m, m, split - 30, H - m), "left", spread=bool(name))
        paint.column([contacts], (split + 30, m, W - m, H - m), "left", spread=False)
    elif layout == "band":
        if rng.random() < 0.5:  # side band holding the company name
            band = W * rng.uniform(0.3, 0.36)
            paint.draw.rectangle((0, 0, band, H), fill=s.accent)
            paint.column([[ln.colored(s.accent_text) for ln in org]], (30, m, band - 30, H - m), "center", spread=False)
            paint.column([name, contacts], (band + 40, m, W - m, H - m), "left", spread=True)
        else:  # top band
            band = H * rng.uniform(0.24, 0.3)
            paint.draw.rectangle((0, 0, W, band), fill=s.accent)
            paint.column([[ln.colored(s.accent_text) for ln in org]], (m, 12, W - m, band - 12), "left", spread=False)
            paint.column([name], (m, band + 30, W * 0.48, H - m), "left", spread=False)
            paint.column([contacts], (W * 0.5, band + 24, W - m, H - m * 0.6), "left", spread=False)
    elif layout == "photo":
        pw = W * rng.uniform(0.22, 0.28)
        left = rng.random() < 0.6
        px0 = m * 0.6 if left else W - m * 0.6 - pw
        paint.photo_block((px0, m * 0.8, px0 + pw, m * 0.8 + pw * 1.25), rng)
        x0, x1 = (px0 + pw + 36, W - m) if left else (m, px0 - 36)
        paint.column([org, name], (x0, m * 0.8, x1, H * 0.5), "left", spread=True)
        below = max(H * 0.54, m * 0.8 + pw * 1.25 + 12) if left else H * 0.54  # under the photo when it is left
        paint.column([contacts], (m, below, W - m, H - m * 0.5), "left", spread=False)
    elif layout == "busy":  # many numbers, branches and handles in small print, two columns
        band = H * rng.uniform(0.16, 0.22)
        paint.draw.rectangle((0, 0, W, band), fill=s.accent)
        paint.column([[ln.colored(s.accent_text) for ln in org[:2]]], (m * 0.6, 8, W - m * 0.6, band - 8), "center",
                     spread=False)
        rest = org[2:]
        half = (len(contacts) + 1) // 2
        paint.column([rest, name], (m * 0.6, band + 16, W * 0.5 - 12, H * 0.55), "left", spread=False)
        paint.column([contacts[:half]], (m * 0.6, H * 0.56, W * 0.5 - 12, H - m * 0.4), "left", spread=False)
        paint.column([contacts[half:]], (W * 0.5 + 12, band + 16, W - m * 0.6, H - m * 0.4), "left", spread=False)
    elif layout == "vertical":
        _vertical(paint, spec, blocks, rng, m)
    else:  # logo: the company name in big letters beside a mark, the rest below
        mark = rng.uniform(80, 110)
        if spec.org or spec.brand:
            paint.logo_mark(blocks.logo_text, (m + mark / 2, m + mark / 2), mark, rng)
        big = [org[0].scaled(rng.uniform(1.1, 1.4))] if org else []
        paint.column([big], (m + mark + 24, m, W - m, m + mark), "left", spread=False)
        top = m + mark + 30
        if name:
            paint.column([org[1:], name], (m, top, W * 0.48, H - m), "left", spread=False)
            paint.column([contacts], (W * 0.52, top, W - m, H - m * 0.6), "left", spread=False)
        else:
            paint.column([org[1:], contacts], (m, top, W - m, H - m * 0.6), "left", spread=False)


def _vertical(paint: Painter, spec: CardSpec, blocks: Blocks, rng: random.Random, m: float) -> None:
    """A card in columns, read top to bottom and right to left: organization and title on the right,
    the name big in the middle, the address and numbers on the left; Latin text stays horizontal."""
    W, H = spec.style.size
    top, bottom = m * 1.1, H * 0.7
    latin = [ln for ln in blocks.name + blocks.org if is_latin(ln.text)]
    native = [ln for ln in blocks.org + blocks.name if not is_latin(ln.text)]
    names = [ln for ln in native if ln.segs[0].role == "name"]
    right = [ln for ln in native if ln.segs[0].role != "name"]
    contacts = [ln for ln in blocks.contacts if ln.segs[-1].role in ("address", "phone") and not is_latin(ln.text)]
    horizontal = [ln for ln in blocks.contacts if ln not in contacts]
    # a postal code and the address after it stand in columns of their own
    contacts = [part for ln in contacts for part in
                ([line(t, "address", ln.size) for t in ln.text.split()] if len(ln.segs) == 1 else [ln])]

    def column(ln: TextLine, size: float, gap: float, bold: bool | None = None) -> tuple[TextLine, float]:
        return TextLine(ln.segs, size, ln.bold if bold is None else bold, ln.color, vertical=True), gap

    org_size = rng.uniform(34, 44)
    columns = [column(ln, org_size if ln.segs[0].role == "org" else org_size * 0.75, 12) for ln in right]
    columns += [column(ln, rng.uniform(72, 92), 40, True) for ln in names]
    small = rng.uniform(24, 30)
    columns += [column(ln, small, 40 if k == 0 else 8) for k, ln in enumerate(contacts)]
    paint.vertical_columns(columns, W - m * 0.8, m * 0.8, top, bottom)
    paint.column([latin, horizontal], (m * 0.8, H * 0.72, W - m * 0.8, H - m * 0.5), "left", spread=False)


def render_card_lines(spec: CardSpec, rng: random.Random) -> tuple[Image.Image, list[PrintedLine]]:
    """The card as an RGB image of its style's size, and every line printed on it."""
    s = spec.style
    image = Image.new("RGB", s.size, s.background)
    paint = Painter(image, spec)
    person = spec.kind == "person"
    org_size = rng.uniform(32, 44) if person else rng.uniform(46, 60)
    name_size = rng.uniform(40, 52) if spec.lang not in CJK else rng.uniform(46, 60)
    small = rng.uniform(21, 27) if s.layout != "busy" else rng.uniform(18, 22)
    blocks = compose(spec, rng, org_size, name_size, small, compact=s.layout in ("centered", "busy"))
    if s.decorated and s.layout not in ("band", "busy", "vertical"):
        _decorate(paint, spec, rng)
    _layout(paint, spec, blocks, rng)
    return image, paint.printed


def render_card(spec: CardSpec, rng: random.Random) -> Image.Image:
    """The card as an RGB image (see render_card_lines for its printed lines)."""
    return render_card_lines(spec, rng)[0]
