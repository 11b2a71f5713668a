"""render_card: draw a CardSpec as a flat 3.5 x 2 in card at 300 dpi in one of several layouts."""

from __future__ import annotations

import random
from dataclasses import dataclass
from functools import lru_cache

from PIL import Image, ImageDraw, ImageFont

from samples.cardgen.spec import CardSpec

WIDTH, HEIGHT = 1050, 600  # 3.5 x 2 inches at 300 dpi
Color = tuple[int, int, int]


@dataclass(frozen=True)
class Line:
    text: str
    bold: bool
    size: float
    color: Color


@lru_cache(maxsize=256)
def _font(path: str, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(path, size)


class Painter:
    """Draws lines of text, shrinking any line that would not fit its column."""

    def __init__(self, image: Image.Image, spec: CardSpec):
        self.draw = ImageDraw.Draw(image)
        self.style = spec.style

    def font(self, line: Line, size: float | None = None) -> ImageFont.FreeTypeFont:
        path = self.style.font_bold if line.bold else self.style.font_regular
        return _font(path, max(12, round(size or line.size)))

    def fitted_size(self, line: Line, width: float) -> float:
        size = line.size
        while size > 14 and self.draw.textlength(line.text, font=self.font(line, size)) > width:
            size *= 0.94
        return size

    def fit_block(self, lines: list[Line], width: float) -> list[Line]:
        """Shrink a block's lines by one common factor, so a long line doesn't stand out smaller."""
        if not lines:
            return lines
        ratio = min(self.fitted_size(ln, width) / ln.size for ln in lines)
        return [Line(ln.text, ln.bold, ln.size * ratio, ln.color) for ln in lines]

    def height(self, lines: list[Line], width: float) -> float:
        return sum(ln.size * 1.32 for ln in self.fit_block(lines, width))

    def text_block(self, lines: list[Line], x0: float, x1: float, y: float, align: str) -> float:
        """Draw lines top-down from y, aligned left/right/center in [x0, x1]; return the bottom."""
        for line in self.fit_block(lines, x1 - x0):
            size = line.size
            font = self.font(line, size)
            x, anchor = {"left": (x0, "la"), "right": (x1, "ra"), "center": ((x0 + x1) / 2, "ma")}[align]
            self.draw.text((x, y), line.text, font=font, fill=line.color, anchor=anchor)
            y += size * 1.32
        return y

    def column(self, blocks: list[list[Line]], box: tuple[float, float, float, float], align: str,
               spread: bool) -> None:
        """Stack blocks in a box: spread from top to bottom, or centered as one group."""
        x0, y0, x1, y1 = box
        blocks = [b for b in blocks if b]
        scale = 1.0
        gap = 0.0
        while True:
            scaled = [[Line(ln.text, ln.bold, ln.size * scale, ln.color) for ln in b] for b in blocks]
            heights = [self.height(b, x1 - x0) for b in scaled]
            free = (y1 - y0) - sum(heights)
            min_gap = 14 * scale * max(0, len(blocks) - 1)
            if free >= min_gap or scale < 0.5:
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

    def logo_mark(self, org: str, center: tuple[float, float], size: float, rng: random.Random) -> None:
        """A round or square mark with the company's initials, as many logos are."""
        s = self.style
        cx, cy = center
        box = (cx - size / 2, cy - size / 2, cx + size / 2, cy + size / 2)
        if rng.random() < 0.5:
            self.draw.ellipse(box, fill=s.accent)
        else:
            self.draw.rounded_rectangle(box, radius=size * 0.15, fill=s.accent)
        initials = "".join(w[0] for w in org.split()[:2] if w[0].isalpha()).upper() or "X"
        self.draw.text(center, initials, font=_font(s.font_bold, round(size * 0.45)), fill=s.accent_text,
                       anchor="mm")


def _contact_lines(spec: CardSpec, size: float, color: Color, rng: random.Random, compact: bool) -> list[Line]:
    phones = [f"{p.label} {p.printed}" if p.label else p.printed for p in spec.phones]
    rest = list(spec.emails) + list(spec.urls)
    rest += [f"{rng.choice(('Twitter:', 'X:', 'IG:'))} {h}" for h in spec.handles]
    if compact and len(phones) > 1 and sum(len(p) for p in phones) < 44:
        phones = ["   ".join(phones)]
    if compact and len(rest) == 2 and sum(map(len, rest)) < 46:
        rest = ["  |  ".join(rest)]
    address: list[str] = []
    for adr in spec.addresses:
        joined = ", ".join(adr.lines)
        address += [joined] if compact and len(joined) < 60 else list(adr.lines)
    order = rng.choice(("phones-first", "address-first"))
    texts = phones + rest + address if order == "phones-first" else address + phones + rest
    return [Line(t, False, size, color) for t in texts]


def _org_block(spec: CardSpec, size: float, color: Color) -> list[Line]:
    lines = [Line(spec.org, True, size, color)]
    if spec.tagline:
        lines.append(Line(spec.tagline, False, size * 0.52, color))
    return lines


def _name_block(spec: CardSpec, size: float, color: Color) -> list[Line]:
    if not spec.full_name:
        return []
    name = spec.full_name.upper() if spec.style.uppercase_name else spec.full_name
    lines = [Line(name, True, size, color)]
    if spec.title:
        lines.append(Line(spec.title, False, size * 0.6, color))
    if spec.department:
        lines.append(Line(spec.department, False, size * 0.52, color))
    return lines


def _wrap(text: str, per_line: int) -> list[str]:
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + 1 + len(word) <= per_line:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines


def render_card(spec: CardSpec, rng: random.Random) -> Image.Image:
    """The card as an RGB image of WIDTH x HEIGHT pixels."""
    s = spec.style
    image = Image.new("RGB", (WIDTH, HEIGHT), s.background)
    paint = Painter(image, spec)
    m = rng.uniform(48, 70)
    small = rng.uniform(23, 28)
    big = rng.uniform(40, 50)
    org_color = s.accent if (not s.dark and rng.random() < 0.5) else s.text
    org = _org_block(spec, rng.uniform(32, 42) if spec.kind == "person" else rng.uniform(44, 56), org_color)
    name = _name_block(spec, big, s.text)
    contacts = _contact_lines(spec, small, s.text, rng, compact=s.layout == "centered")
    W, H = WIDTH, HEIGHT
    if s.layout in ("left", "right"):
        if rng.random() < 0.6:
            mark = rng.uniform(70, 100)
            paint.logo_mark(spec.org, (W - m - mark / 2 if s.layout == "left" else m + mark / 2, m + mark / 2),
                            mark, rng)
            org = [Line(ln.text, ln.bold, ln.size, ln.color) for ln in org]
        paint.column([org, name, contacts], (m, m, W - m - (120 if s.layout == "left" else 0), H - m)
                     if s.layout == "left" else (m + 120, m, W - m, H - m), s.layout, spread=True)
    elif s.layout == "centered":
        paint.draw.line((W * 0.3, H * 0.5 - 4, W * 0.7, H * 0.5 - 4), fill=s.accent, width=2) if not name else None
        paint.column([org, name, contacts], (m, m * 0.8, W - m, H - m * 0.8), "center", spread=True)
    elif s.layout == "two_column":
        split = W * rng.uniform(0.46, 0.54)
        paint.draw.line((split, m, split, H - m), fill=s.accent, width=3)
        paint.column([org, name], (m, m, split - 30, H - m), "left", spread=bool(name))
        paint.column([contacts], (split + 30, m, W - m, H - m), "left", spread=False)
    elif s.layout == "band":
        if rng.random() < 0.5:  # side band holding the company name
            band = W * rng.uniform(0.3, 0.36)
            paint.draw.rectangle((0, 0, band, H), fill=s.accent)
            wrapped = [Line(t, True, org[0].size * 0.9, s.accent_text) for t in _wrap(spec.org, 12)]
            paint.column([wrapped], (30, m, band - 30, H - m), "center", spread=False)
            paint.column([name, contacts], (band + 40, m, W - m, H - m), "left", spread=True)
        else:  # top band
            band = H * rng.uniform(0.24, 0.3)
            paint.draw.rectangle((0, 0, W, band), fill=s.accent)
            paint.column([[Line(ln.text, ln.bold, ln.size, s.accent_text) for ln in org]],
                         (m, 12, W - m, band - 12), "left", spread=False)
            paint.column([name], (m, band + 30, W * 0.48, H - m), "left", spread=False)
            paint.column([contacts], (W * 0.5, band + 24, W - m, H - m * 0.6), "left", spread=False)
    else:  # logo: the company name in big letters over a mark, the rest below
        mark = rng.uniform(80, 110)
        paint.logo_mark(spec.org, (m + mark / 2, m + mark / 2), mark, rng)
        logo = [Line(spec.org, True, rng.uniform(50, 66), org_color)]
        paint.column([logo], (m + mark + 24, m, W - m, m + mark), "left", spread=False)
        top = m + mark + 36
        if name:
            paint.column([name], (m, top, W * 0.48, H - m), "left", spread=False)
            paint.column([contacts], (W * 0.52, top, W - m, H - m * 0.6), "left", spread=False)
        else:
            paint.column([contacts], (m, top, W - m, H - m * 0.6), "left", spread=False)
    return image
