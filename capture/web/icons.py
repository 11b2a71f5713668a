"""The app's icon, drawn with Pillow when first asked for (no image files to keep in step).

A white business card with three lines of "text" and a blue scan frame, on the app's blue. Its
drawing stays inside the middle 80 % of the square, so one image serves as a plain icon and as a
"maskable" one (Android crops those to a circle or a rounded square).
"""

from __future__ import annotations

import io
from functools import lru_cache

from PIL import Image, ImageDraw

BLUE = (31, 111, 235)  # --accent in app.css, and the manifest's theme colour
NAVY = (17, 24, 39)  # the page's header bar
PALE = (124, 178, 255)
SUPERSAMPLE = 4  # drawn this many times larger, then scaled down: smooth edges
ICON_SIZES = (192, 512)  # the sizes a web app manifest needs for installing
FAVICON_SIZES = ((16, 16), (32, 32), (48, 48))


def _draw(size: int) -> Image.Image:
    big = size * SUPERSAMPLE
    image = Image.new("RGB", (big, big), BLUE)
    draw = ImageDraw.Draw(image)

    def box(left: float, top: float, right: float, bottom: float) -> tuple[int, int, int, int]:
        return round(left * big), round(top * big), round(right * big), round(bottom * big)

    # the card, landscape, centred in the safe zone
    draw.rounded_rectangle(box(0.24, 0.34, 0.76, 0.66), radius=round(0.035 * big), fill=(255, 255, 255))
    draw.rounded_rectangle(box(0.3, 0.405, 0.54, 0.455), radius=round(0.02 * big), fill=NAVY)  # the name
    for top, right in ((0.5, 0.68), (0.56, 0.62)):
        draw.rounded_rectangle(box(0.3, top, right, top + 0.03), radius=round(0.013 * big), fill=PALE)
    # the scan frame's four corners around the card (within the maskable icon's safe circle)
    stroke, arm = 0.03, 0.1
    for x, y, dx, dy in ((0.18, 0.27, 1, 1), (0.82, 0.27, -1, 1), (0.18, 0.73, 1, -1), (0.82, 0.73, -1, -1)):
        x2, y2 = x + arm * dx, y + stroke * dy
        draw.rectangle(box(min(x, x2), min(y, y2), max(x, x2), max(y, y2)), fill=(255, 255, 255))
        x2, y2 = x + stroke * dx, y + arm * 0.8 * dy
        draw.rectangle(box(min(x, x2), min(y, y2), max(x, x2), max(y, y2)), fill=(255, 255, 255))
    return image.resize((size, size), Image.Resampling.LANCZOS)


@lru_cache(maxsize=8)
def icon_png(size: int) -> bytes:
    """The icon as a square PNG of `size` pixels."""
    out = io.BytesIO()
    _draw(size).save(out, "PNG", optimize=True)
    return out.getvalue()


@lru_cache(maxsize=1)
def favicon_ico() -> bytes:
    """The icon as /favicon.ico (16, 32 and 48 pixels), which browsers ask for on every site."""
    out = io.BytesIO()
    _draw(max(FAVICON_SIZES)[0]).save(out, "ICO", sizes=list(FAVICON_SIZES))
    return out.getvalue()
