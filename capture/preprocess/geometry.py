"""Find business cards in a photo or scan and flatten each one to an upright-ish rectangle.

A card is found as a region that differs from the frame's border colour (the desk, the scanner
lid) or is closed by strong edges, whose outline fits a quadrilateral well and whose four sides
are backed by a visible edge all along. That check is what tells a card from a paragraph of
text that a morphological close turned into a rectangle. And a card's edge cuts through no printed
letter: an outline that does is a text block, a photo or a logo panel on a card that fills the
frame (a flat scan or a full-bleed rendering), and taking it would throw most of the card away.
Everything runs on a small working copy (the outline needs no detail) and the corners are scaled
back to the full image.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

WORK_SIDE = 640  # long side of the working copy used to find outlines
MIN_AREA = 0.03  # a card covers at least this share of the frame
MAX_AREA = 0.985  # a "card" as big as the frame is the frame itself
MIN_SUPPORT = 0.75  # share of side samples that must sit on a visible edge
# A rectangle photographed at a slant (a phone held low over the card) keeps its corners within
# this many degrees of 90; the letter-cut check below keeps text blocks out at this tolerance.
MAX_ANGLE_ERROR = 40.0
MIN_DETAIL_INSIDE = 0.4  # the cards found must hold at least this share of the image's detail
MAX_CARDS = 8  # cards looked at on one image
# Business card aspect ratios (long / short): ISO ID-1, Japan, US, Europe/Brazil.
CARD_ASPECTS = (1.586, 1.65, 1.75, 1.8)
# An outline may cut this many letter-sized edge blobs (a speck of dust, a corner the fit rounds
# off); one that cuts more runs through printed text, which a card's own edge never does.
MAX_CUT_LETTERS = 1
CUT_MARGIN = 1  # a blob counts as cut when it reaches this many pixels past the outline on both sides


@dataclass(frozen=True)
class CardQuad:
    """One card's corners in source-image pixels, in the order TL, TR, BR, BL as seen in the image."""

    corners: np.ndarray  # float32, shape (4, 2)
    score: float
    touches_border: bool

    @property
    def area(self) -> float:
        return float(cv2.contourArea(self.corners.astype(np.float32)))


def order_corners(points: np.ndarray) -> np.ndarray:
    """TL, TR, BR, BL by angle around the centre, starting from the corner nearest the top-left."""
    pts = np.asarray(points, dtype=np.float32).reshape(4, 2)
    centre = pts.mean(axis=0)
    angles = np.arctan2(pts[:, 1] - centre[1], pts[:, 0] - centre[0])
    pts = pts[np.argsort(angles)]  # clockwise in image coordinates (y points down)
    start = int(np.argmin(pts.sum(axis=1)))
    return np.roll(pts, -start, axis=0)


def working_copy(image: np.ndarray) -> tuple[np.ndarray, float]:
    height, width = image.shape[:2]
    factor = min(1.0, WORK_SIDE / max(height, width))
    if factor < 1.0:
        image = cv2.resize(image, None, fx=factor, fy=factor, interpolation=cv2.INTER_AREA)
    return image, factor


def border_distance_mask(lab: np.ndarray) -> np.ndarray:
    """Pixels whose colour is far from every side's median border colour (the background)."""
    height, width = lab.shape[:2]
    strip = max(2, min(height, width) // 40)
    sides = [lab[:strip], lab[-strip:], lab[:, :strip], lab[:, -strip:]]
    labf = lab.astype(np.float32)
    # |x - c|² = |x|² - 2 x·c + |c|²: the per-pixel products run as one OpenCV pass per side
    # instead of a three-channel difference each (the stage's largest cost on a big photo).
    own = np.einsum("ijk,ijk->ij", labf, labf)
    nearest = np.full((height, width), np.inf, dtype=np.float32)
    for side in sides:
        colour = np.median(side.reshape(-1, 3), axis=0).astype(np.float32)
        toward = cv2.transform(labf, (-2.0 * colour).reshape(1, 3))
        nearest = np.minimum(nearest, toward + float(colour @ colour))
    squared = np.maximum(own + nearest, 0.0)
    distance = np.clip(np.sqrt(squared), 0, 255).astype(np.uint8)
    if int(distance.max()) < 20:  # nothing stands out from the border
        return np.zeros((height, width), np.uint8)
    level, _ = cv2.threshold(distance, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    _, mask = cv2.threshold(distance, max(level, 18.0), 255, cv2.THRESH_BINARY)
    return mask


def edge_mask(lab: np.ndarray) -> np.ndarray:
    """Regions closed by strong edges in lightness or colour."""
    edges: np.ndarray = np.zeros(lab.shape[:2], np.uint8)
    for channel in cv2.split(lab):
        blurred = cv2.GaussianBlur(channel, (5, 5), 0)
        edges = cv2.bitwise_or(edges, cv2.Canny(blurred, 20, 60))
    return cv2.dilate(edges, np.ones((3, 3), np.uint8))


def filled_regions(mask: np.ndarray, close: int) -> np.ndarray:
    kernel = cv2.getStructuringElement(cv2.MORPH_RECT, (close, close))
    mask = cv2.morphologyEx(mask, cv2.MORPH_CLOSE, kernel)
    contours, _ = cv2.findContours(mask, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_NONE)
    filled = np.zeros_like(mask)
    cv2.drawContours(filled, contours, -1, 255, thickness=cv2.FILLED)
    # Opening after filling removes thin spurs (edges leaving the card) but keeps filled outlines.
    return cv2.morphologyEx(filled, cv2.MORPH_OPEN, kernel)


def intersect(line_a: np.ndarray, line_b: np.ndarray) -> np.ndarray | None:
    (vx1, vy1, x1, y1), (vx2, vy2, x2, y2) = line_a, line_b
    det = vx1 * (-vy2) - vy1 * (-vx2)
    if abs(det) < 1e-6:
        return None
    t = ((x2 - x1) * (-vy2) - (y2 - y1) * (-vx2)) / det
    return np.array([x1 + t * vx1, y1 + t * vy1], dtype=np.float32)


def fit_quad(contour: np.ndarray) -> np.ndarray | None:
    """Four corners of a card-shaped contour: rough corners from a polygon, then each side refit as a
    straight line through its contour points (robust to rounded corners and a ragged mask)."""
    hull = cv2.convexHull(contour)
    perimeter = cv2.arcLength(hull, True)
    rough = None
    for epsilon in (0.02, 0.03, 0.04, 0.06, 0.08):
        approx = cv2.approxPolyDP(hull, epsilon * perimeter, True)
        if len(approx) == 4:
            rough = approx.reshape(4, 2).astype(np.float32)
            break
    if rough is None:
        rough = cv2.boxPoints(cv2.minAreaRect(hull)).astype(np.float32)
    rough = order_corners(rough)
    points = contour.reshape(-1, 2).astype(np.float32)
    lines = []
    for i in range(4):
        a, b = rough[i], rough[(i + 1) % 4]
        side = b - a
        length = float(np.linalg.norm(side))
        if length < 4:
            return None
        direction = side / length
        normal = np.array([-direction[1], direction[0]])
        rel = points - a
        along = rel @ direction
        across = np.abs(rel @ normal)
        near = (along > 0.15 * length) & (along < 0.85 * length) & (across < max(3.0, 0.04 * length))
        if int(near.sum()) < 8:
            lines.append(np.array([direction[0], direction[1], a[0], a[1]], np.float32))
            continue
        lines.append(cv2.fitLine(points[near], cv2.DIST_HUBER, 0, 0.01, 0.01).reshape(4))
    corners = []
    for i in range(4):
        corner = intersect(lines[(i - 1) % 4], lines[i])
        if corner is None or np.linalg.norm(corner - rough[i]) > 0.25 * perimeter / 4:
            corner = rough[i]
        corners.append(corner)
    return order_corners(np.array(corners, np.float32))


def side_support(lab: np.ndarray, magnitude: np.ndarray, corners: np.ndarray) -> tuple[float, bool]:
    """Mean share of points along the sides that sit on a visible edge: inside and outside differ
    clearly in colour (a card on a desk), or a thin line runs straight along the side (the soft
    shadow a scanner draws round a white card on a white lid). A paragraph of text closed into a
    block has neither: its ground is the same on both sides and its letters are not in a row.

    Sides lying on the frame's edge cannot show an edge and are left out (a card cut by the frame).
    """
    height, width = lab.shape[:2]
    labf = cv2.blur(lab, (3, 3)).astype(np.float32)
    centre = corners.mean(axis=0)
    offset = max(2.0, 0.012 * max(height, width))
    steps = np.arange(-int(offset), int(offset) + 1, dtype=np.float32)
    supports = []
    touches = False
    for i in range(4):
        a, b = corners[i], corners[(i + 1) % 4]
        t = np.linspace(0.08, 0.92, 48)[:, None]
        samples = a + t * (b - a)
        direction = (b - a) / (np.linalg.norm(b - a) + 1e-6)
        normal = np.array([-direction[1], direction[0]], np.float32)
        if normal @ (centre - (a + b) / 2) < 0:
            normal = -normal
        inside = samples + offset * normal
        outside = samples - offset * normal
        ok = (
            (outside[:, 0] >= 0) & (outside[:, 0] < width - 1) & (outside[:, 1] >= 0) & (outside[:, 1] < height - 1)
            & (inside[:, 0] >= 0) & (inside[:, 0] < width - 1) & (inside[:, 1] >= 0) & (inside[:, 1] < height - 1)
        )
        if ok.mean() < 0.5:
            touches = True
            continue
        ins = labf[inside[ok, 1].astype(int), inside[ok, 0].astype(int)]
        outs = labf[outside[ok, 1].astype(int), outside[ok, 0].astype(int)]
        step = np.linalg.norm(ins - outs, axis=1) > 14
        probe = samples[ok][:, None, :] + steps[None, :, None] * normal[None, None, :]
        xs = np.clip(probe[..., 0].astype(int), 0, width - 1)
        ys = np.clip(probe[..., 1].astype(int), 0, height - 1)
        values = magnitude[ys, xs]
        peak = values.argmax(axis=1)
        strong = values[np.arange(len(peak)), peak] > 12
        line = np.zeros_like(step)
        if int(strong.sum()) >= 0.5 * len(peak):
            line = strong & (np.abs(peak - np.median(peak[strong])) <= 1.5)
        supports.append(float((step | line).mean()) * float(ok.mean()))
    if len(supports) < 2:
        return 0.0, True
    return float(np.mean(supports)), touches


def aspect_of(corners: np.ndarray) -> float:
    widths = float(np.linalg.norm(corners[1] - corners[0]) + np.linalg.norm(corners[2] - corners[3]))
    heights = float(np.linalg.norm(corners[3] - corners[0]) + np.linalg.norm(corners[2] - corners[1]))
    return max(widths, heights) / max(1e-6, min(widths, heights))


def max_corner_error(corners: np.ndarray) -> float:
    """The largest departure of an inner angle from 90 degrees."""
    worst = 0.0
    for i in range(4):
        u = corners[(i - 1) % 4] - corners[i]
        v = corners[(i + 1) % 4] - corners[i]
        cosine = float(u @ v / (np.linalg.norm(u) * np.linalg.norm(v) + 1e-6))
        worst = max(worst, abs(90.0 - float(np.degrees(np.arccos(np.clip(cosine, -1, 1))))))
    return worst


def score_quad(lab: np.ndarray, magnitude: np.ndarray, contour: np.ndarray, corners: np.ndarray) -> tuple[float, bool]:
    frame = lab.shape[0] * lab.shape[1]
    area = cv2.contourArea(corners)
    if not MIN_AREA * frame <= area <= MAX_AREA * frame or not cv2.isContourConvex(corners.reshape(-1, 1, 2)):
        return 0.0, False
    fill = min(1.0, cv2.contourArea(contour) / max(area, 1.0))
    aspect = aspect_of(corners)
    if not 1.1 <= aspect <= 2.6:
        return 0.0, False
    if max_corner_error(corners) > MAX_ANGLE_ERROR:
        return 0.0, False
    support, touches = side_support(lab, magnitude, corners)
    shape = 1.0 if 1.35 <= aspect <= 2.0 else 0.8
    return support * fill * shape, touches


def candidate_contours(lab: np.ndarray) -> list[np.ndarray]:
    side = max(lab.shape[:2])
    close = max(5, side // 40) | 1
    contours: list[np.ndarray] = []
    for mask in (border_distance_mask(lab), edge_mask(lab)):
        if not mask.any():
            continue
        found, _ = cv2.findContours(filled_regions(mask, close), cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_NONE)
        frame = lab.shape[0] * lab.shape[1]
        contours.extend(c for c in found if cv2.contourArea(c) >= MIN_AREA * frame)
    return contours


def overlap(a: np.ndarray, b: np.ndarray) -> float:
    """Intersection area over the smaller quad's area."""
    inter, _ = cv2.intersectConvexConvex(a.astype(np.float32), b.astype(np.float32))
    return float(inter) / max(1.0, min(cv2.contourArea(a), cv2.contourArea(b)))


def detail_inside(magnitude: np.ndarray, quads: list[np.ndarray]) -> float:
    """Share of the image's strong edges (text, logos) that fall inside the given outlines."""
    strong = magnitude > 60
    total = int(strong.sum())
    if total == 0:
        return 1.0
    region = np.zeros(magnitude.shape, np.uint8)
    for corners in quads:
        cv2.fillConvexPoly(region, corners.astype(np.int32), 255)
    return int((strong & (region > 0)).sum()) / total


@dataclass(frozen=True)
class LetterBlobs:
    """The edge pixels of letter-sized blobs of the working copy (fine edges, each blob at most a
    few letters), with the blob each belongs to."""

    points: np.ndarray  # float32 (n, 2): x, y of each edge pixel
    blobs: np.ndarray  # int (n,): its blob's number
    count: int  # blob numbers run below this

    @classmethod
    def of(cls, lab: np.ndarray) -> LetterBlobs:
        edges = cv2.Canny(cv2.GaussianBlur(lab[:, :, 0], (3, 3), 0), 30, 90)  # print differs in lightness
        # 16-bit labels (three times faster) whenever they cannot run out: fewer blobs than pixels.
        wide = cv2.countNonZero(edges) >= np.iinfo(np.uint16).max
        count, labels, stats, _ = cv2.connectedComponentsWithStats(
            edges, connectivity=8, ltype=cv2.CV_32S if wide else cv2.CV_16U
        )
        limit = max(lab.shape[:2]) / 8  # as in the text layout: larger than this is not a letter
        small = (stats[:, cv2.CC_STAT_WIDTH] <= limit) & (stats[:, cv2.CC_STAT_HEIGHT] <= limit)
        small[0] = False
        ys, xs = np.nonzero(small[labels])
        return cls(np.column_stack([xs, ys]).astype(np.float32), labels[ys, xs].astype(np.intp), count)

    def cut_by(self, corners: np.ndarray) -> int:
        """How many letter-sized blobs the outline runs through: each reaches past it on both sides."""
        centre = corners.mean(axis=0)
        depth = np.full(len(self.points), np.inf, np.float32)  # distance inside the outline, < 0 outside
        for i in range(4):
            a, b = corners[i], corners[(i + 1) % 4]
            normal = np.array([a[1] - b[1], b[0] - a[0]], np.float32) / (float(np.linalg.norm(b - a)) + 1e-6)
            if normal @ (centre - a) < 0:
                normal = -normal
            depth = np.minimum(depth, (self.points - a) @ normal)
        inside = np.zeros(self.count, bool)
        outside = np.zeros(self.count, bool)
        inside[self.blobs[depth > CUT_MARGIN]] = True
        outside[self.blobs[depth < -CUT_MARGIN]] = True
        return int((inside & outside).sum())


def find_cards(image: np.ndarray, several: bool = True) -> list[CardQuad]:
    """Card outlines in `image` (BGR), best first; empty when no clear outline is seen."""
    small, factor = working_copy(image)
    lab = cv2.cvtColor(small, cv2.COLOR_BGR2LAB)
    magnitude = gradient_magnitude(small)
    letters: LetterBlobs | None = None  # made for the first outline that passes the other checks
    scored: list[CardQuad] = []
    for contour in candidate_contours(lab):
        corners = fit_quad(contour)
        if corners is None:
            continue
        score, touches = score_quad(lab, magnitude, contour, corners)
        if score < MIN_SUPPORT:
            continue
        letters = letters or LetterBlobs.of(lab)
        if letters.cut_by(corners) <= MAX_CUT_LETTERS:
            scored.append(CardQuad(corners, score, touches))
    # Larger outlines first: a card with a dark panel or a coloured band shows an outline for the
    # panel too, and the card is the one that holds it.
    scored.sort(key=lambda q: q.area, reverse=True)
    chosen: list[CardQuad] = []
    for quad in scored:
        if any(overlap(quad.corners, c.corners) > 0.2 for c in chosen):
            continue
        chosen.append(quad)
    chosen.sort(key=lambda q: q.score * np.sqrt(q.area), reverse=True)
    cards = pick_cards(chosen, several)
    if not cards or detail_inside(magnitude, [q.corners for q in cards]) < MIN_DETAIL_INSIDE:
        return []  # no outline, or one round a logo or a text block rather than round the card
    refined = [CardQuad(refine_corners(image, q.corners / factor), q.score, q.touches_border) for q in cards]
    refined = [q for q in refined if q.area >= 1.0]  # refining can fold a tiny image's outline flat
    if not refined:
        return []
    row_height = 0.5 * np.sqrt(refined[0].area)  # cards in reading order: by row, then left to right
    return sorted(
        refined, key=lambda q: (round(float(q.corners[:, 1].mean() / row_height)), float(q.corners[:, 0].mean()))
    )


def pick_cards(candidates: list[CardQuad], several: bool) -> list[CardQuad]:
    """The best outline, and with `several` the other outlines that are whole cards too: inside the
    frame, comparable in size and as clearly outlined (a scan of several cards side by side)."""
    if not candidates:
        return []
    best = candidates[0]
    if not several:
        return [best]
    others = [q for q in candidates[1:] if not q.touches_border and q.area >= 0.5 * best.area and q.score >= 0.7]
    if best.touches_border and others:
        return [best]  # a card cut by the frame next to whole ones: a close-up, not a scan sheet
    return [best, *others][:MAX_CARDS]


REFINE_SIDE = 1600  # long side of the copy the corners are refined on
REFINE_REACH = 0.02  # search this share of the long side either side of the rough outline


def gradient_magnitude(image: np.ndarray) -> np.ndarray:
    """Strongest gradient over lightness and the two colour channels (a card and its desk may
    differ only in colour)."""
    lab = cv2.cvtColor(cv2.GaussianBlur(image, (3, 3), 0), cv2.COLOR_BGR2LAB)
    magnitude: np.ndarray = np.zeros(image.shape[:2], np.float32)
    for channel in cv2.split(lab):
        gx = cv2.Sobel(channel, cv2.CV_32F, 1, 0, ksize=3)
        gy = cv2.Sobel(channel, cv2.CV_32F, 0, 1, ksize=3)
        magnitude = np.maximum(magnitude, cv2.magnitude(gx, gy))
    return magnitude


def refine_corners(image: np.ndarray, corners: np.ndarray) -> np.ndarray:
    """Move each side onto the sharpest edge near it, at a finer resolution than the search.

    The rough outline comes from a region mask on a small copy, which a soft shadow under the
    card can widen; the card's own edge is the sharpest step across the side, the shadow's is soft.
    """
    height, width = image.shape[:2]
    factor = min(1.0, REFINE_SIDE / max(height, width))
    reach = max(3, int(REFINE_REACH * max(height, width) * factor))
    # Only the card and a margin one reach wide are searched: resizing and filtering the whole
    # frame cost twice as much on a phone photo where the card is a part of it.
    margin = 2 * reach / factor + 2
    left, top = (max(0, int(v - margin)) for v in corners.min(axis=0))
    right, bottom = (int(v + margin) for v in corners.max(axis=0))
    image = image[top : min(height, bottom), left : min(width, right)]
    offset = np.array([left, top], np.float32)
    fine = cv2.resize(image, None, fx=factor, fy=factor, interpolation=cv2.INTER_AREA) if factor < 1 else image
    magnitude = gradient_magnitude(fine)
    fh, fw = magnitude.shape
    rough = (corners - offset) * factor
    steps = np.arange(-reach, reach + 1, dtype=np.float32)
    lines = []
    for i in range(4):
        a, b = rough[i], rough[(i + 1) % 4]
        direction = (b - a) / (np.linalg.norm(b - a) + 1e-6)
        normal = np.array([-direction[1], direction[0]], np.float32)
        t = np.linspace(0.1, 0.9, 60, dtype=np.float32)[:, None]
        centres = a + t * (b - a)
        probe = centres[:, None, :] + steps[None, :, None] * normal[None, None, :]
        xs = np.clip(np.round(probe[..., 0]).astype(int), 0, fw - 1)
        ys = np.clip(np.round(probe[..., 1]).astype(int), 0, fh - 1)
        inside = (probe[..., 0] >= 0) & (probe[..., 0] < fw) & (probe[..., 1] >= 0) & (probe[..., 1] < fh)
        values = np.where(inside, magnitude[ys, xs], 0)
        best = values.argmax(axis=1)
        strong = values[np.arange(len(best)), best] > 20
        if int(strong.sum()) < 10:
            lines.append(np.array([direction[0], direction[1], a[0], a[1]], np.float32))
            continue
        points = centres[strong] + steps[best[strong], None] * normal
        lines.append(cv2.fitLine(points.astype(np.float32), cv2.DIST_HUBER, 0, 0.01, 0.01).reshape(4))
    refined = []
    for i in range(4):
        corner = intersect(lines[(i - 1) % 4], lines[i])
        if corner is None or np.linalg.norm(corner - rough[i]) > 2 * reach:
            corner = rough[i]
        refined.append(corner)
    return np.array(refined, np.float32) / factor + offset


def card_size(corners: np.ndarray) -> tuple[int, int]:
    """Output width and height for a flattened card: its measured size, snapped to a standard card
    aspect when it is close to one (perspective makes the measured ratio a little off)."""
    width = float(np.linalg.norm(corners[1] - corners[0]) + np.linalg.norm(corners[2] - corners[3])) / 2
    height = float(np.linalg.norm(corners[3] - corners[0]) + np.linalg.norm(corners[2] - corners[1])) / 2
    long, short = max(width, height), max(1.0, min(width, height))
    ratio = long / short
    nearest = min(CARD_ASPECTS, key=lambda a: abs(a - ratio))
    if abs(nearest - ratio) / nearest < 0.12:
        ratio = nearest
    size = float(np.sqrt(long * short))  # keep the area, change the shape
    long_px, short_px = round(size * np.sqrt(ratio)), round(size / np.sqrt(ratio))
    return (long_px, short_px) if width >= height else (short_px, long_px)


def warp_card(image: np.ndarray, corners: np.ndarray, scale: float = 1.0) -> np.ndarray:
    """The card cut out and flattened; `scale` resizes the result in the same single warp."""
    width, height = card_size(corners)
    width, height = max(8, int(width * scale)), max(8, int(height * scale))
    target = np.array([[0, 0], [width - 1, 0], [width - 1, height - 1], [0, height - 1]], np.float32)
    matrix = cv2.getPerspectiveTransform(corners.astype(np.float32), target)
    flags = cv2.INTER_AREA if scale < 1 else cv2.INTER_CUBIC
    return cv2.warpPerspective(image, matrix, (width, height), flags=flags, borderMode=cv2.BORDER_REPLICATE)
