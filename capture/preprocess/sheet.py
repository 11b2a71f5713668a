"""Several white cards on a white flatbed page: split the page between the cards' text.

When cards and the scanner page are the same white, no card shows a closed outline, and
`geometry.find_cards` sees nothing. What a scan still shows is (1) each card's text as a cluster,
separated from the next card's by a band with no ink at all, and (2) in that band, a faint straight
line: the card's edge or the thin shadow it casts. Ink-free bands inside one card are common too (a
logo beside the text, a gap above the address), but they hold no long straight edge that is too
faint to be ink, and they rarely leave enough letters on both sides to be two cards.

So the page is cut recursively (an XY-cut) at ink-free bands that hold such a line, as long as both
sides keep enough letters to be a card; each final piece is one card, cropped to its text.
"""

from __future__ import annotations

import cv2
import numpy as np

from capture.preprocess.enhance import normalize, to_gray
from capture.preprocess.geometry import MAX_CARDS, CardQuad
from capture.preprocess.layout import ink_mask, letter_boxes

SHEET_SIDE = 1000  # long side of the working copy
MIN_LETTERS = 15  # a piece with fewer letter-like shapes is a logo or a stray line, not a card
EDGE_LEVEL = 10.0  # Sobel response of a faint edge on the working copy (noise is a few units)
MIN_LINE_LETTERS = 10.0  # a card edge runs at least this many letter heights
PAGE_TOLERANCE = 30  # gray levels (and colour spread) within which a pixel counts as the page ground
FAINT_REACH = 4  # pixels either side of an edge that must show the page ground


Rect = tuple[int, int, int, int]  # left, top, right, bottom (exclusive), working-copy pixels


def empty_bands(profile: np.ndarray, min_width: int) -> list[tuple[int, int]]:
    """Runs of zeros at least `min_width` long strictly between the first and last non-zero."""
    filled = np.flatnonzero(profile)
    if len(filled) < 2:
        return []
    inner = profile[filled[0] : filled[-1] + 1] == 0
    bands = []
    start = None
    for i, empty in enumerate(inner):
        if empty and start is None:
            start = i
        elif not empty and start is not None:
            if i - start >= min_width:
                bands.append((filled[0] + start, filled[0] + i))
            start = None
    return bands


def longest_run(column: np.ndarray, bridge: int) -> int:
    """Longest run of True in `column`, gaps of up to `bridge` samples bridged."""
    idx = np.flatnonzero(column)
    if len(idx) == 0:
        return 0
    breaks = np.flatnonzero(np.diff(idx) > bridge + 1)
    starts = np.concatenate(([idx[0]], idx[breaks + 1]))
    ends = np.concatenate((idx[breaks], [idx[-1]]))
    return int((ends - starts + 1).max())


def line_in_band(edges: np.ndarray, band: tuple[int, int], span: tuple[int, int], letter: float) -> float:
    """Length (pixels) of the longest straight line running along a vertical band of `edges`."""
    strip = edges[span[0] : span[1], band[0] : band[1]]
    if strip.size == 0:
        return 0.0
    # a card laid a little askew drifts by a pixel or two over its height
    strip = cv2.dilate(strip, np.ones((1, 3), np.uint8))
    bridge = 2
    return float(max(longest_run(strip[:, x] > 0, bridge) for x in range(strip.shape[1])))


def letters_in(centres: np.ndarray, rect: Rect) -> int:
    left, top, right, bottom = rect
    inside = (centres[:, 0] >= left) & (centres[:, 0] < right) & (centres[:, 1] >= top) & (centres[:, 1] < bottom)
    return int(inside.sum())


def best_cut(
    ink: np.ndarray, edges: tuple[np.ndarray, np.ndarray], centres: np.ndarray, rect: Rect, letter: float
) -> tuple[Rect, Rect] | None:
    """The cut of `rect` along an ink-free band holding the longest faint line, if any qualifies."""
    left, top, right, bottom = rect
    region = ink[top:bottom, left:right] > 0
    min_gap = max(3, int(1.5 * letter))
    best: tuple[float, Rect, Rect] | None = None
    for axis in (0, 1):  # 0: vertical bands (cut left | right), 1: horizontal bands
        profile = region.sum(axis=0) if axis == 0 else region.sum(axis=1)
        for band in empty_bands(profile, min_gap):
            if axis == 0:
                rows = np.flatnonzero(region.any(axis=1))
                span = (top + int(rows[0]), top + int(rows[-1]) + 1)
                length = line_in_band(edges[0], (left + band[0], left + band[1]), span, letter)
                middle = left + (band[0] + band[1]) // 2
                parts: tuple[Rect, Rect] = ((left, top, middle, bottom), (middle, top, right, bottom))
            else:
                cols = np.flatnonzero(region.any(axis=0))
                span = (left + int(cols[0]), left + int(cols[-1]) + 1)
                transposed = np.ascontiguousarray(edges[1].T)
                length = line_in_band(transposed, (top + band[0], top + band[1]), span, letter)
                middle = top + (band[0] + band[1]) // 2
                parts = ((left, top, right, middle), (left, middle, right, bottom))
            if length < MIN_LINE_LETTERS * letter:
                continue
            if min(letters_in(centres, part) for part in parts) < MIN_LETTERS:
                continue
            if best is None or length > best[0]:
                best = (length, parts[0], parts[1])
    return None if best is None else (best[1], best[2])


def split(
    ink: np.ndarray,
    edges: tuple[np.ndarray, np.ndarray],
    centres: np.ndarray,
    rect: Rect,
    letter: float,
    depth: int = 0,
) -> list[Rect]:
    cut = best_cut(ink, edges, centres, rect, letter) if depth < 6 else None
    if cut is None:
        return [rect]
    return [piece for part in cut for piece in split(ink, edges, centres, part, letter, depth + 1)]


def content_box(ink: np.ndarray, rect: Rect, margin: float) -> Rect:
    left, top, right, bottom = rect
    ys, xs = np.nonzero(ink[top:bottom, left:right])
    m = int(margin)
    return (
        max(left, left + int(xs.min()) - m),
        max(top, top + int(ys.min()) - m),
        min(right, left + int(xs.max()) + 1 + m),
        min(bottom, top + int(ys.max()) + 1 + m),
    )


def page_like(image: np.ndarray) -> np.ndarray:
    """Pixels close to the page's own ground: about as light as the frame's border and not coloured."""
    gray = to_gray(image)
    strip = max(2, min(gray.shape[:2]) // 40)
    border = np.concatenate(
        [gray[:strip].ravel(), gray[-strip:].ravel(), gray[:, :strip].ravel(), gray[:, -strip:].ravel()]
    )
    page = float(np.median(border))
    colour = image.max(axis=2).astype(np.int16) - image.min(axis=2) if image.ndim == 3 else np.zeros_like(gray)
    return (gray >= page - PAGE_TOLERANCE) & (colour <= PAGE_TOLERANCE)


def faint_edges(image: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Pixels on a faint vertical (first) or horizontal (second) edge or line with the page's ground
    on both sides: a card's edge or its shadow. A coloured panel's border has the panel on one side."""
    gray = to_gray(image)
    # smoothing along the edge's own direction keeps a straight edge and averages paper grain away
    g = gray.astype(np.float32)
    gx = np.abs(cv2.Sobel(cv2.blur(g, (1, 9)), cv2.CV_32F, 1, 0, ksize=3))
    gy = np.abs(cv2.Sobel(cv2.blur(g, (9, 1)), cv2.CV_32F, 0, 1, ksize=3))
    light = page_like(image).astype(np.uint8)
    reach = FAINT_REACH
    left, right = np.roll(light, reach, axis=1), np.roll(light, -reach, axis=1)
    above, below = np.roll(light, reach, axis=0), np.roll(light, -reach, axis=0)
    vertical = (gx > EDGE_LEVEL) & (left > 0) & (right > 0)
    horizontal = (gy > EDGE_LEVEL) & (above > 0) & (below > 0)
    return vertical.astype(np.uint8), horizontal.astype(np.uint8)


def find_sheet_cards(image: np.ndarray) -> list[CardQuad]:
    """Cards on a page where none shows an outline, split at faint edges between text clusters;
    empty unless at least two cards are found. Corners in source pixels, reading order."""
    height, width = image.shape[:2]
    factor = min(1.0, SHEET_SIDE / max(height, width))
    small = cv2.resize(image, None, fx=factor, fy=factor, interpolation=cv2.INTER_AREA) if factor < 1 else image
    gray = to_gray(small)
    ink = ink_mask(normalize(gray))
    boxes = letter_boxes(ink)
    if len(boxes) < 2 * MIN_LETTERS:
        return []
    letter = float(np.median(boxes[:, 3]))
    centres = boxes[:, :2] + boxes[:, 2:] / 2
    # ink that is no letter and no bigger shape (JPEG specks) must not fill the bands
    _, labels, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    specks = np.flatnonzero(stats[:, cv2.CC_STAT_AREA] < 3)
    ink = np.where(np.isin(labels, specks[specks > 0]), 0, ink).astype(np.uint8)
    # the text's own edges reach a pixel or two past its ink: they are no card edge
    # (a printed rule is ink too: its sides are no card edge either)
    reach = max(5, int(letter) | 1)
    near_ink = cv2.dilate(ink, np.ones((reach, reach), np.uint8)) > 0
    edges = tuple(np.where(near_ink, 0, e).astype(np.uint8) for e in faint_edges(small))
    pieces = split(ink, (edges[0], edges[1]), centres, (0, 0, small.shape[1], small.shape[0]), letter)
    if not 2 <= len(pieces) <= MAX_CARDS:
        return []
    quads = []
    for rect in pieces:
        left, top, right, bottom = (v / factor for v in content_box(ink, rect, 2.5 * letter))
        corners = np.array([[left, top], [right, top], [right, bottom], [left, bottom]], np.float32)
        quads.append(CardQuad(corners, 1.0, False))
    return reading_order(quads)


def reading_order(quads: list[CardQuad]) -> list[CardQuad]:
    """By row (a card whose middle lies within the row's first card's height joins that row), then
    left to right."""
    rows: list[list[CardQuad]] = []
    for quad in sorted(quads, key=lambda q: float(q.corners[:, 1].min())):
        middle = float(quad.corners[:, 1].mean())
        if rows and middle <= float(rows[-1][0].corners[:, 1].max()):
            rows[-1].append(quad)
        else:
            rows.append([quad])
    return [q for row in rows for q in sorted(row, key=lambda q: float(q.corners[:, 0].min()))]
