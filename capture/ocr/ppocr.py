"""PP-OCR through `rapidocr` + onnxruntime: a second reader beside Tesseract.

PP-OCR detects text lines (quadrilaterals) and recognises each line as a whole; it reads
photos with uneven light, colored backgrounds and slight tilt much better than Tesseract.
The models ship inside the `rapidocr` wheel; we point rapidocr at those files explicitly so
that it never tries to download anything at run time (cardcap works offline).

onnxruntime runs with ONE intra-op thread: cardcap gets its parallelism from worker processes,
and several onnxruntime thread pools fighting over a few cores are slower than one each.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from capture.errors import MissingDependencyError
from capture.helper_thread import HelperThread
from capture.lang.script import cjk_share
from capture.ocr.result import Box, OcrLine, OcrPage, OcrWord, Point, Quad

DETECTOR = "PP-OCRv6_det_small.onnx"
CLASSIFIER = "ch_ppocr_mobile_v2.0_cls_mobile.onnx"
RECOGNIZER = "PP-OCRv6_rec_small.onnx"
# The detector sees the card at most this many pixels on its long side. On the dev cards (1800 px
# prepared images) 960 px made PP-OCR about 3x faster than full size and read no worse (micro-F1
# 0.66 vs 0.63): text lines stay 10+ px tall, and the recogniser reads each line at full size.
# 736 px was tried (PP-OCR stage 0.42 -> 0.32 s) and given up: the largest logo words then fall
# below what the detector finds, and with the logo rules of capture/extract/logo.py 960 px reads
# realcards `both` 0.942 against 0.929 (organization 0.714 against 0.667), held-out generated
# cards 0.961 against 0.960, samples equal. (onnxruntime already runs with ORT_ENABLE_ALL graph
# optimization in rapidocr; its CPU memory arena made no measurable difference.)
DETECT_SIDE = 960
# The recogniser reads one line at a time. rapidocr's default batches six lines padded to the
# widest one: padding costs time (the dev cards' PP-OCR stage took 0.33 s of recognition per
# card against 0.19 s one by one) and blurs the spaces between words ("Tel:+81-3" for the
# printed "Tel: +81-3"), which the field rules read.
RECOGNIZE_BATCH = 1
# rapidocr's own cut for a line's recognition score: lines below it are dropped, but counted as
# "unread" (page.extra), which is how a card in a script the recogniser does not know (Hangul)
# shows itself to the language detection (`capture.lang.detect`).
TEXT_SCORE = 0.5
UNREAD_MIN_HEIGHT = 12  # px: smaller boxes are specks and rules, not lines of text
INSTALL_HINT = "install it with: pip install rapidocr onnxruntime"
NOT_INSTALLED = f"The rapidocr package (PP-OCR) is not installed; {INSTALL_HINT}."



def model_dir() -> Path:
    """The folder of PP-OCR models inside the installed rapidocr wheel."""
    try:
        import rapidocr
    except ImportError as error:  # pragma: no cover - rapidocr is a default dependency
        raise MissingDependencyError(NOT_INSTALLED) from error
    return Path(rapidocr.__file__).resolve().parent / "models"


def model_paths() -> dict[str, Path]:
    """Detection, orientation and recognition model files; all must exist (no download)."""
    folder = model_dir()
    paths = {"Det": folder / DETECTOR, "Cls": folder / CLASSIFIER, "Rec": folder / RECOGNIZER}
    missing = [path.name for path in paths.values() if not path.is_file()]
    if missing:
        raise MissingDependencyError(
            f"The PP-OCR model files {', '.join(missing)} are missing from {folder}; "
            f"reinstall the rapidocr wheel ({INSTALL_HINT})."
        )
    return paths


def build_rapidocr(detect_side: int = 0) -> Any:
    """A RapidOCR pipeline on the bundled models, one onnxruntime thread, quiet logging.

    `detect_side` > 0 caps the long side of the image the text detector sees (the recogniser
    still reads each line from the full-resolution image); 0 lets it see the image as it is.
    """
    try:
        from rapidocr import RapidOCR
    except ImportError as error:  # pragma: no cover
        raise MissingDependencyError(NOT_INSTALLED) from error
    params: dict[str, Any] = {
        "Global.log_level": "error",
        "EngineConfig.onnxruntime.intra_op_num_threads": 1,
        "EngineConfig.onnxruntime.inter_op_num_threads": 1,
        "Rec.rec_batch_num": RECOGNIZE_BATCH,
    }
    if detect_side > 0:
        params["Det.limit_type"] = "max"
        params["Det.limit_side_len"] = detect_side
    for stage, path in model_paths().items():
        params[f"{stage}.model_path"] = str(path)
    return RapidOCR(params=params)


@dataclass(frozen=True)
class DetectedLine:
    """One line as PP-OCR returns it: a quadrilateral, the text and the recognition score."""

    quad: Quad
    text: str
    score: float

    @property
    def box(self) -> Box:
        return quad_box(self.quad)


def quad_box(quad: Sequence[Point]) -> Box:
    """The axis-aligned box around a quadrilateral, in whole pixels."""
    xs = [p[0] for p in quad]
    ys = [p[1] for p in quad]
    return (int(min(xs)), int(min(ys)), round(max(xs)), round(max(ys)))


def lerp(a: Point, b: Point, t: float) -> Point:
    return (a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t)


def split_words(line: DetectedLine) -> tuple[OcrWord, ...]:
    """Split a recognised line into words with boxes proportional to character offsets.

    PP-OCR recognises whole lines; the word boxes are interpolated along the line's top and
    bottom edges, so they follow a tilted line. Good enough for evidence and layout cues.
    """
    text = line.text
    n = len(text)
    if n == 0:
        return ()
    tl, tr, br, bl = line.quad
    words = []
    start = None
    for i, char in enumerate([*text, " "]):
        if not char.isspace() and start is None:
            start = i
        elif char.isspace() and start is not None:
            t0, t1 = start / n, i / n
            corners = (lerp(tl, tr, t0), lerp(tl, tr, t1), lerp(bl, br, t1), lerp(bl, br, t0))
            words.append(OcrWord(text[start:i], quad_box(corners), line.score))
            start = None
    return tuple(words)


def vertical_overlap(a: Box, b: Box) -> float:
    """How much two boxes share vertically, as a share of the shorter one's height."""
    shared = min(a[3], b[3]) - max(a[1], b[1])
    shorter = max(1, min(a[3] - a[1], b[3] - b[1]))
    return max(0.0, shared) / shorter


def belongs_to_block(line: Box, last: Box) -> bool:
    """A line continues a block when it sits right below the block's last line, overlapping it
    horizontally: that keeps the columns of a two-column card apart."""
    height = max(1, min(line[3] - line[1], last[3] - last[1]))
    gap = line[1] - last[3]
    h_shared = min(line[2], last[2]) - max(line[0], last[0])
    return -0.5 * height <= gap <= 1.2 * height and h_shared > 0


def is_vertical_writing(line: DetectedLine) -> bool:
    """A column of Chinese characters or kana written top to bottom (vertical Japanese): a tall
    box holding CJK text. (A Latin line photographed sideways is tall too, but reads as Latin.)"""
    left, top, right, bottom = line.box
    return bottom - top > 1.5 * max(1, right - left) and cjk_share(line.text) >= 0.5 and len(line.text) >= 2


def order_columns(columns: Sequence[DetectedLine]) -> list[DetectedLine]:
    """Vertical writing's reading order: columns right to left, and top to bottom within a column
    (two boxes sharing most of their width are one column)."""
    ordered: list[list[DetectedLine]] = []
    for line in sorted(columns, key=lambda ln: -ln.box[2]):
        home = next((col for col in ordered if horizontal_overlap(col[0].box, line.box) > 0.5), None)
        if home is None:
            ordered.append([line])
        else:
            home.append(line)
    return [line for col in ordered for line in sorted(col, key=lambda ln: ln.box[1])]


def horizontal_overlap(a: Box, b: Box) -> float:
    shared = min(a[2], b[2]) - max(a[0], b[0])
    narrower = max(1, min(a[2] - a[0], b[2] - b[0]))
    return max(0.0, shared) / narrower


def order_lines(lines: Sequence[DetectedLine]) -> list[tuple[int, DetectedLine]]:
    """Reading order: group lines into blocks (stacked, overlapping lines), then read blocks
    top to bottom and left to right, and lines within a block top to bottom. Columns of vertical
    writing form one block of their own, read right to left, placed by its top.

    Returns (block number, line) pairs in reading order.
    """
    columns = [ln for ln in lines if is_vertical_writing(ln)]
    if len(columns) >= 2:
        rest = [ln for ln in lines if not is_vertical_writing(ln)]
        top = min(ln.box[1] for ln in columns)
        before = [ln for ln in rest if ln.box[3] <= top]
        after = [ln for ln in rest if ln.box[3] > top]
        numbered = order_lines(before)
        start = max((n for n, _ in numbered), default=0) + 1
        numbered += [(start, line) for line in order_columns(columns)]
        numbered += [(start + n, line) for n, line in order_lines(after)]
        return numbered
    # Rows first: sort by top, then left, treating lines that share most of their height as one row.
    by_top = sorted(lines, key=lambda ln: (ln.box[1], ln.box[0]))
    rows: list[list[DetectedLine]] = []
    for line in by_top:
        if rows and vertical_overlap(rows[-1][0].box, line.box) > 0.5:
            rows[-1].append(line)
        else:
            rows.append([line])
    ordered = [line for row in rows for line in sorted(row, key=lambda ln: ln.box[0])]
    blocks: list[list[DetectedLine]] = []
    for line in ordered:
        home = next((block for block in blocks if belongs_to_block(line.box, block[-1].box)), None)
        if home is None:
            blocks.append([line])
        else:
            home.append(line)
    return [(number, line) for number, block in enumerate(blocks, start=1) for line in block]


def page_from_lines(lines: Sequence[DetectedLine], width: int, height: int, unread: int = 0) -> OcrPage:
    ocr_lines = []
    for block, line in order_lines([ln for ln in lines if ln.text.strip()]):
        words = split_words(line)
        if words:
            ocr_lines.append(OcrLine(words, line.box, line.score, block, engine="ppocr", quad=line.quad))
    extra = {"unread": str(unread)} if unread else {}
    return OcrPage(tuple(ocr_lines), width, height, engine="ppocr", extra=extra)


def read_lines(lines: Sequence[DetectedLine]) -> tuple[list[DetectedLine], int]:
    """The lines recognised confidently enough to keep, and how many text lines were not."""
    kept = [ln for ln in lines if ln.score >= TEXT_SCORE]
    unread = sum(1 for ln in lines if ln.score < TEXT_SCORE and min(ln.box[2] - ln.box[0], ln.box[3] - ln.box[1])
                 >= UNREAD_MIN_HEIGHT)
    return kept, unread


def detected_lines(output: Any) -> list[DetectedLine]:
    """rapidocr's output (boxes, txts, scores; all None when nothing was found) → lines."""
    boxes = getattr(output, "boxes", None)
    texts = getattr(output, "txts", None)
    scores = getattr(output, "scores", None)
    if boxes is None or texts is None or scores is None:
        return []
    lines = []
    for quad, text, score in zip(boxes, texts, scores, strict=False):
        points = tuple((float(x), float(y)) for x, y in np.asarray(quad).reshape(4, 2))
        lines.append(DetectedLine(points, str(text).strip(), float(score)))  # type: ignore[arg-type]
    return lines


class SplitRecognizer:
    """rapidocr's line recogniser, with a card's lines shared between two threads.

    Recognising the lines is most of PP-OCR's time. onnxruntime lets two threads run one
    session at once, each with its one intra-op thread, so on a machine with a spare core a card's
    lines are read in two halves side by side (alternating by width, so the halves cost the same).
    Each line is read exactly as before: the recogniser reads lines one by one anyway
    (`RECOGNIZE_BATCH`). In `both` mode this lets Tesseract and PP-OCR share the two cores of
    a small machine instead of PP-OCR finishing alone (dev 10-megapixel photos: whole card
    0.62 -> 0.57 s median)."""

    MIN_LINES = 4  # below this, a second thread costs more than it saves

    def __init__(self, recognizer: Any) -> None:
        self.recognizer = recognizer
        self.helper = HelperThread("cardcap-ppocr-lines")

    def __getattr__(self, name: str) -> Any:  # everything else rapidocr asks of its recogniser
        return getattr(self.recognizer, name)

    def __call__(self, args: Any) -> Any:
        from rapidocr.ch_ppocr_rec import TextRecInput, TextRecOutput

        images = [args.img] if isinstance(args.img, np.ndarray) else list(args.img)
        if len(images) < self.MIN_LINES:
            return self.recognizer(args)
        by_width = sorted(range(len(images)), key=lambda i: images[i].shape[1] / max(1, images[i].shape[0]))
        shares = (by_width[0::2], by_width[1::2])
        inputs = [
            TextRecInput(img=[images[i] for i in share], return_word_box=args.return_word_box) for share in shares
        ]
        pending = self.helper.submit(self.recognizer, inputs[1])
        outputs = (self.recognizer(inputs[0]), pending.result())
        texts: list[Any] = [None] * len(images)
        scores: list[Any] = [None] * len(images)
        words: list[Any] = [None] * len(images)
        for share, output in zip(shares, outputs, strict=True):
            for k, i in enumerate(share):
                texts[i], scores[i], words[i] = output.txts[k], output.scores[k], output.word_results[k]
        elapse = max(output.elapse or 0.0 for output in outputs)
        return TextRecOutput(images, tuple(texts), list(scores), tuple(words), elapse, viser=outputs[0].viser)


def table_normalization(detector: Any) -> None:
    """Make rapidocr's text detector normalize its input through a 256-entry table.

    The detector scales every pixel of the (up to 960 px) image to its network's range in floating
    point, in float64 numpy arithmetic: 25-45 ms a card, on `both` mode's critical path. A uint8
    pixel has 256 values, so the same arithmetic done once on those 256 values, then looked up per
    pixel (`cv2.LUT`), gives the network exactly the same input in 3-4 ms."""
    import cv2
    from rapidocr.ch_ppocr_det.utils import DetPreProcess

    class TablePreProcess(DetPreProcess):
        def normalize(self, img: np.ndarray) -> np.ndarray:
            if img.dtype != np.uint8 or img.ndim != 3 or img.shape[2] != 3:
                return super().normalize(img)
            return cv2.LUT(img, table)

    def make() -> Any:
        return TablePreProcess(detector.limit_side_len, detector.limit_type, detector.mean, detector.std)

    every_value = np.arange(256, dtype=np.uint8).reshape(1, 256, 1).repeat(3, axis=2)
    table = DetPreProcess.normalize(make(), every_value).astype(np.float32)
    detector.get_preprocess = make  # the detector makes its pre-processing anew for every image


class PaddleEngine:
    """PP-OCR (detector + orientation classifier + recogniser); create it once per process."""

    name = "ppocr"

    def __init__(self, detect_side: int = DETECT_SIDE, share_lines: bool = (os.cpu_count() or 1) > 1) -> None:
        self._ocr = build_rapidocr(detect_side)
        # rapidocr loads its three networks on first use; load them now so that the one-off cost
        # is paid when the engine is created (once per process), not inside the first card.
        for loader in ("_load_det_model", "_load_cls_model", "_load_rec_model"):
            if callable(getattr(self._ocr, loader, None)):
                getattr(self._ocr, loader)()
        if callable(getattr(getattr(self._ocr, "text_det", None), "get_preprocess", None)):
            table_normalization(self._ocr.text_det)
        if share_lines and getattr(self._ocr, "text_rec", None) is not None:
            self._ocr.text_rec = SplitRecognizer(self._ocr.text_rec)

    def detect(self, image: np.ndarray, classify: bool = True) -> list[DetectedLine]:
        """Run PP-OCR on an image (grayscale or BGR) and return its lines, unordered.

        `classify` runs the line orientation classifier (a line upside down is turned before it
        is read). Off for `both` mode's upright cards it read the same on held-out photos and
        samples, lost one dev fact (realcards both 0.908 -> 0.906) and saved ~0.04 s, so it
        stays on."""
        return read_lines(self.detect_all(image, classify))[0]

    def detect_all(self, image: np.ndarray, classify: bool = True) -> list[DetectedLine]:
        """Every line PP-OCR found, however low its recognition score."""
        if image.ndim == 2:
            image = np.repeat(image[:, :, None], 3, axis=2)
        return detected_lines(self._ocr(image, use_cls=classify, text_score=0.0))

    def read(self, image: np.ndarray) -> OcrPage:
        lines, unread = read_lines(self.detect_all(image))
        return page_from_lines(lines, image.shape[1], image.shape[0], unread)
