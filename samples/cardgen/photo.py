"""Photo-like and scanner-like versions of a flat card, with the card's true position.

photograph() puts the card on a procedural table texture with perspective, rotation, shadow,
uneven light, blur, noise and JPEG artifacts, and returns where the card's corners landed.
scan_sheet() lays several cards on a flatbed scan page.
"""

from __future__ import annotations

import io
import math
import random

import cv2
import numpy as np
from PIL import Image

Corners = list[tuple[float, float]]


def _value_noise(shape: tuple[int, int], cell: int, nprng: np.random.Generator) -> np.ndarray:
    """Smooth noise in [0, 1]: random values on a coarse grid, upsampled with cubic interpolation."""
    h, w = shape
    coarse = nprng.random((h // cell + 2, w // cell + 2)).astype(np.float32)
    return np.clip(cv2.resize(coarse, (w, h), interpolation=cv2.INTER_CUBIC), 0, 1)


def table_texture(size: tuple[int, int], rng: random.Random) -> np.ndarray:
    """A float32 HxWx3 table top: wood, a plain desk, granite or fabric."""
    w, h = size
    nprng = np.random.default_rng(rng.getrandbits(64))
    kind = rng.choice(("wood", "wood", "desk", "granite", "fabric"))
    if kind == "wood":
        base = np.array(rng.choice(((140, 95, 60), (110, 70, 40), (180, 135, 90), (90, 60, 40))), np.float32)
        across = (w, h) if rng.random() < 0.5 else (h, w)  # grain runs along the first axis
        streaks = cv2.resize(nprng.random((across[1], max(2, across[0] // 80))).astype(np.float32),
                             across, interpolation=cv2.INTER_LINEAR)
        warp = _value_noise((across[1], across[0]), 200, nprng) * 25
        rows = np.arange(across[1], dtype=np.float32)[:, None]
        rings = np.sin((rows + warp) / rng.uniform(10, 25)) * 0.5 + 0.5
        shade = 0.8 + 0.08 * rings + 0.2 * streaks + 0.06 * _value_noise((across[1], across[0]), 60, nprng)
        if across != (w, h):
            shade = shade.T
    elif kind == "desk":
        base = np.array(rng.choice(((235, 235, 232), (200, 200, 205), (60, 62, 66), (30, 30, 32),
                                    (170, 180, 190))), np.float32)
        shade = 0.93 + 0.12 * _value_noise((h, w), 300, nprng)
    elif kind == "granite":
        base = np.array(rng.choice(((120, 120, 118), (80, 78, 75), (160, 150, 140))), np.float32)
        speck = nprng.random((h, w)).astype(np.float32)
        shade = 0.75 + 0.45 * cv2.GaussianBlur(speck, (0, 0), 1.2) + 0.1 * _value_noise((h, w), 120, nprng)
    else:
        base = np.array(rng.choice(((40, 60, 110), (120, 30, 40), (60, 90, 60), (90, 90, 90))), np.float32)
        weave = (np.sin(np.arange(w, dtype=np.float32) * 1.3)[None, :]
                 * np.sin(np.arange(h, dtype=np.float32) * 1.3)[:, None])
        shade = 0.9 + 0.08 * weave + 0.15 * _value_noise((h, w), 90, nprng)
    return np.clip(shade[:, :, None] * base[None, None, :], 0, 255).astype(np.float32)


def printed_page(size: tuple[int, int], rng: random.Random) -> np.ndarray:
    """A float32 HxWx3 busy printed page (a brochure or a magazine the card lies on): coloured blocks,
    photos' flat areas, rules and rows of word-like marks. Its marks are not the card's: they carry no
    line truth, as the page around a real card carries none."""
    from PIL import ImageDraw

    w, h = size
    paper = rng.choice(((245, 243, 238), (236, 236, 240), (250, 250, 250), (230, 225, 210)))
    page = Image.new("RGB", (w, h), paper)
    draw = ImageDraw.Draw(page)
    for _ in range(rng.randint(3, 8)):
        x0, y0 = rng.uniform(-0.2, 1) * w, rng.uniform(-0.2, 1) * h
        x1, y1 = x0 + rng.uniform(0.1, 0.6) * w, y0 + rng.uniform(0.1, 0.5) * h
        color = tuple(rng.randint(30, 235) for _ in range(3))
        draw.rectangle((x0, y0, x1, y1), fill=color)
    ink = rng.choice(((30, 30, 30), (60, 40, 90), (120, 20, 20)))
    pitch = rng.uniform(9, 16)
    y = rng.uniform(0, pitch)
    while y < h:
        x = rng.uniform(0, 20)
        while x < w:
            length = rng.uniform(8, 45)
            if rng.random() < 0.85:
                draw.rectangle((x, y, x + length, y + pitch * 0.35), fill=ink)
            x += length + rng.uniform(4, 9)
        y += pitch * rng.choice((1, 1, 1, 2))
    return np.asarray(page, np.float32)


def card_corners(card_size: tuple[int, int], frame: tuple[int, int], rng: random.Random, rotation: int,
                 fill: float, skew: float, perspective: float = 0.035) -> Corners:
    """Where the card's upright TL, TR, BR, BL corners land in the frame (clockwise rotation)."""
    cw, ch = card_size
    w, h = frame
    angle = math.radians(rotation + rng.uniform(-skew, skew))
    cos, sin = math.cos(angle), math.sin(angle)
    # the scale at which the rotated card's bounding box takes `fill` of the frame
    bw = abs(cw * cos) + abs(ch * sin)
    bh = abs(cw * sin) + abs(ch * cos)
    scale = fill * min(w / bw, h / bh)
    cx = w / 2 + rng.uniform(-0.5, 0.5) * (w - bw * scale) * 0.8
    cy = h / 2 + rng.uniform(-0.5, 0.5) * (h - bh * scale) * 0.8
    jitter = perspective * scale * max(cw, ch)
    corners = []
    for x, y in ((-cw / 2, -ch / 2), (cw / 2, -ch / 2), (cw / 2, ch / 2), (-cw / 2, ch / 2)):
        px = cx + scale * (x * cos - y * sin) + rng.uniform(-jitter, jitter)
        py = cy + scale * (x * sin + y * cos) + rng.uniform(-jitter, jitter)
        corners.append((px, py))
    return corners


def _lighting(shape: tuple[int, int], rng: random.Random) -> np.ndarray:
    """A smooth multiplicative light field: a tilted ramp times a vignette, sometimes a glare spot."""
    h, w = shape
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    direction = rng.uniform(0, 2 * math.pi)
    ramp = ((xx - w / 2) * math.cos(direction) + (yy - h / 2) * math.sin(direction)) / max(w, h)
    light = 1.0 + rng.uniform(0.15, 0.5) * ramp
    radius = ((xx - w / 2) ** 2 + (yy - h / 2) ** 2) / ((w / 2) ** 2 + (h / 2) ** 2)
    light *= 1.0 - rng.uniform(0.05, 0.25) * radius
    if rng.random() < 0.35:
        gx, gy, gr = rng.uniform(0.2, 0.8) * w, rng.uniform(0.2, 0.8) * h, rng.uniform(0.05, 0.15) * w
        light += rng.uniform(0.15, 0.35) * np.exp(-((xx - gx) ** 2 + (yy - gy) ** 2) / (2 * gr * gr))
    return light.astype(np.float32)


def jpeg_roundtrip(image: Image.Image, quality: int) -> Image.Image:
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=quality)
    buffer.seek(0)
    return Image.open(buffer).convert("RGB")


def photograph(card: Image.Image, rng: random.Random, rotation: int = 0, size: tuple[int, int] = (2000, 1500),
               fill: tuple[float, float] = (0.45, 0.75), skew: float = 7.0, ground: str = "table",
               perspective: float = 0.035) -> tuple[Image.Image, Corners]:
    """A phone-photo-like image of the card and its corners (upright TL, TR, BR, BL) in it.

    rotation (0/90/180/270) turns the card clockwise in the photo, plus up to `skew` degrees;
    `image.rotate(rotation, expand=True)` brings it back upright. Frames are portrait for
    90/270 most of the time, as people hold the phone along the card.
    """
    if rotation % 90:
        raise ValueError("rotation must be a multiple of 90 degrees")
    rotation %= 360
    w, h = size
    if rotation in (90, 270) and rng.random() < 0.7:
        w, h = h, w
    corners = card_corners(card.size, (w, h), rng, rotation, rng.uniform(*fill), skew, perspective)
    cw, ch = card.size
    src = np.array([[0, 0], [cw, 0], [cw, ch], [0, ch]], np.float32)
    matrix = cv2.getPerspectiveTransform(src, np.array(corners, np.float32))
    card_px = np.asarray(card.convert("RGB"), np.float32)
    warped = cv2.warpPerspective(card_px, matrix, (w, h), flags=cv2.INTER_AREA)
    alpha = cv2.warpPerspective(np.ones((ch, cw), np.float32), matrix, (w, h), flags=cv2.INTER_LINEAR)
    table = table_texture((w, h), rng) if ground == "table" else printed_page((w, h), rng)
    offset = np.array([[1, 0, rng.uniform(-25, 25)], [0, 1, rng.uniform(5, 30)]], np.float32)
    shadow = cv2.warpAffine(alpha, offset, (w, h))
    shadow = cv2.GaussianBlur(shadow, (0, 0), rng.uniform(8, 25))
    table *= (1.0 - rng.uniform(0.3, 0.6) * shadow)[:, :, None]
    out = table * (1 - alpha[:, :, None]) + warped * alpha[:, :, None]
    out *= _lighting((h, w), rng)[:, :, None]
    out *= np.array([rng.uniform(0.95, 1.05) for _ in range(3)], np.float32)[None, None, :]  # light's color cast
    sigma = rng.uniform(0.3, 1.4) * min(1.0, w / 2000) ** 0.5
    out = cv2.GaussianBlur(out, (0, 0), sigma)
    nprng = np.random.default_rng(rng.getrandbits(64))
    out += np.asarray(nprng.normal(0, rng.uniform(1.5, 5.0), out.shape), np.float32)
    image = Image.fromarray(np.clip(out, 0, 255).astype(np.uint8), "RGB")
    image = jpeg_roundtrip(image, rng.randint(55, 85))
    return image, [(round(x, 2), round(y, 2)) for x, y in corners]


def phone_photo(card: Image.Image, rng: random.Random) -> tuple[Image.Image, Corners]:
    """A small 640 x 480 phone photo of the card at an angle on a busy printed page, small print and all."""
    rotation = rng.choice((0, 0, 0, 90, 270)) if card.width > card.height else 0
    return photograph(card, rng, rotation=rotation, size=(640, 480), fill=(0.7, 0.95), skew=12.0, ground="page",
                      perspective=0.06)


def map_box(box: tuple[int, int, int, int], matrix: np.ndarray, frame: tuple[int, int]) -> tuple[int, int, int, int]:
    """A card-pixel box through a perspective transform: the bounding box of its four mapped corners."""
    left, top, right, bottom = box
    pts = np.array([[[left, top], [right, top], [right, bottom], [left, bottom]]], np.float32)
    out = cv2.perspectiveTransform(pts, matrix)[0]
    w, h = frame
    return (max(0, int(out[:, 0].min())), max(0, int(out[:, 1].min())),
            min(w, int(np.ceil(out[:, 0].max()))), min(h, int(np.ceil(out[:, 1].max()))))


def card_matrix(card_size: tuple[int, int], corners: Corners) -> np.ndarray:
    cw, ch = card_size
    src = np.array([[0, 0], [cw, 0], [cw, ch], [0, ch]], np.float32)
    return cv2.getPerspectiveTransform(src, np.array(corners, np.float32))


Box = tuple[int, int, int, int]


def scan_sheet(cards: list[Image.Image], rng: random.Random, dpi_card_gap: int = 90) -> tuple[Image.Image, list[Box]]:
    """A flatbed scan of 2-4 cards on a white page: the image and each card's (left, top, right, bottom)."""
    if not 1 <= len(cards) <= 4:
        raise ValueError("a scan sheet holds 1 to 4 cards")
    cols = 1 if len(cards) == 1 else 2
    rows = math.ceil(len(cards) / cols)
    cell_w = max(max(c.width, c.height) for c in cards) + dpi_card_gap
    cell_h = max(min(c.width, c.height) for c in cards) + dpi_card_gap
    cell_h = max(cell_h, max(c.height for c in cards) + dpi_card_gap)
    margin = rng.randint(80, 160)
    page = Image.new("RGB", (cols * cell_w + 2 * margin, rows * cell_h + 2 * margin), (250, 250, 248))
    arr = np.asarray(page, np.float32).copy()
    boxes: list[Box] = []
    for i, card in enumerate(cards):
        x = margin + (i % cols) * cell_w + rng.randint(0, dpi_card_gap // 2)
        y = margin + (i // cols) * cell_h + rng.randint(0, dpi_card_gap // 2)
        # scanners show a thin soft shadow along the card's edge
        edge = np.zeros(arr.shape[:2], np.float32)
        edge[y + 3:y + card.height + 3, x + 2:x + card.width + 2] = 1.0
        arr *= (1.0 - 0.35 * cv2.GaussianBlur(edge, (0, 0), 2.5))[:, :, None]
        arr[y:y + card.height, x:x + card.width] = np.asarray(card.convert("RGB"), np.float32)
        boxes.append((x, y, x + card.width, y + card.height))
    nprng = np.random.default_rng(rng.getrandbits(64))
    arr += nprng.normal(0, 1.5, arr.shape).astype(np.float32)
    image = Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8), "RGB")
    return jpeg_roundtrip(image, 90), boxes
