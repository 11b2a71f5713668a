"""Tesseract through its command-line program (pytesseract): the fallback where the in-process
build (`capture.ocr.tesseract_api`) is not installed. Words with boxes and confidences, grouped
into lines by Tesseract's own (block, paragraph, line) numbers.

Tesseract runs single-threaded (OMP_THREAD_LIMIT=1): on small machines its OpenMP default is
several times slower per image, and cardcap gets its parallelism from worker processes.
"""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

import cv2
import numpy as np
import pytesseract

from capture.errors import MissingDependencyError
from capture.lang.script import script_of
from capture.ocr.result import OcrLine, OcrPage, OcrWord
from capture.settings import find_tesseract

os.environ.setdefault("OMP_THREAD_LIMIT", "1")

INSTALL_HINT = "install it with: sudo apt-get install tesseract-ocr tesseract-ocr-eng tesseract-ocr-osd"
PSM_AUTO = 3  # fully automatic page segmentation: a card's blocks and columns are found
TSV_COLUMNS = ("level", "page_num", "block_num", "par_num", "line_num", "word_num",
               "left", "top", "width", "height", "conf", "text")  # fmt: skip


def check_languages(lang: str, available: Iterable[str]) -> None:
    """Raise `MissingDependencyError` naming the Debian packages for any language not installed."""
    have = set(available)
    missing = [code for code in lang.split("+") if code not in have]
    if missing:
        raise MissingDependencyError(
            f"Tesseract has no language data for {', '.join(missing)}; "
            f"install it with: sudo apt-get install {' '.join('tesseract-ocr-' + m for m in missing)}."
        )


class TesseractCliEngine:
    """Runs the `tesseract` program once per reading: it loads the model every time (0.1-0.2 s)."""

    name = "tesseract"
    build = "cli"

    def __init__(self, lang: str = "eng", psm: int = PSM_AUTO) -> None:
        if find_tesseract() is None:
            raise MissingDependencyError(f"The Tesseract OCR program is not installed; {INSTALL_HINT}.")
        self.lang = lang
        self.psm = psm
        check_languages(lang, pytesseract.get_languages(config=""))

    def read(self, image: np.ndarray, psm: int | None = None) -> OcrPage:
        config = f"--psm {psm or self.psm} --oem 1"
        with uncompressed_file(image) as path:
            data = pytesseract.image_to_data(
                str(path), lang=self.lang, config=config, output_type=pytesseract.Output.DICT
            )
        return page_from_tsv(data, image.shape[1], image.shape[0], self.lang)


@contextmanager
def uncompressed_file(image: np.ndarray) -> Iterator[Path]:
    """The image written to a private temporary PNM file, removed afterwards.

    pytesseract hands Tesseract a PNG it compresses itself: for a prepared card (1000-2600 px)
    that took 0.06-0.15 s, as much as a third of Tesseract's own reading time. PGM/PPM is
    written and read back with no compression at all.
    """
    handle, name = tempfile.mkstemp(prefix="cardcap-", suffix=".pgm" if image.ndim == 2 else ".ppm")
    os.close(handle)
    path = Path(name)
    try:
        if not cv2.imwrite(name, image):  # pragma: no cover - a full disk
            raise OSError(f"could not write a temporary image to {name}")
        yield path
    finally:
        path.unlink(missing_ok=True)


def parse_tsv(text: str) -> dict[str, list]:
    """Tesseract's TSV output (no header line) → columns, as pytesseract's `Output.DICT` gives them."""
    data: dict[str, list] = {column: [] for column in TSV_COLUMNS}
    for row in text.splitlines():
        cells = row.split("\t")
        if len(cells) < len(TSV_COLUMNS) - 1 or not cells[0].isdigit():
            continue  # a header line, or a blank one
        cells += [""] * (len(TSV_COLUMNS) - len(cells))  # a row with no text has no last cell
        for column, cell in zip(TSV_COLUMNS, cells, strict=False):
            data[column].append(cell)
    return data


# Tesseract's Japanese model reads the postal mark 〒 as a 7 glued to the code ("7100-3113")
GLUED_POSTAL_MARK_RE = re.compile(r"^7(\d{3}-\d{4})$")


def respell_postal_mark(words: list[OcrWord]) -> list[OcrWord]:
    """A Japanese line's first word '7NNN-NNNN' as '〒NNN-NNNN' (a phone number has more digits)."""
    if words and (match := GLUED_POSTAL_MARK_RE.match(words[0].text)):
        return [OcrWord("〒" + match.group(1), words[0].box, words[0].confidence), *words[1:]]
    return words


def page_from_tsv(data: dict[str, list], width: int, height: int, lang: str = "eng") -> OcrPage:
    """Group Tesseract's word rows into lines by (block, paragraph, line) number."""
    groups: dict[tuple[int, int, int], list[OcrWord]] = {}
    for i, text in enumerate(data["text"]):
        text = (text or "").strip()
        conf = float(data["conf"][i])
        if not text or conf < 0:
            continue
        left, top = int(data["left"][i]), int(data["top"][i])
        box = (left, top, left + int(data["width"][i]), top + int(data["height"][i]))
        key = (int(data["block_num"][i]), int(data["par_num"][i]), int(data["line_num"][i]))
        groups.setdefault(key, []).append(OcrWord(text, box, max(0.0, min(1.0, conf / 100.0))))
    japanese = "jpn" in lang.split("+")
    lines = [
        OcrLine.from_words(join_cjk_words(respell_postal_mark(words) if japanese else words), block=key[0])
        for key, words in groups.items()
    ]
    return OcrPage(tuple(lines), width, height, engine="tesseract")


# Two CJK "words" closer than this share of their height are one word: Tesseract's Chinese and
# Japanese models split text into single characters or pairs ("株 式 会 社"), which these scripts
# write without spaces. Its boxes are tight around each glyph, so the gaps inside a word reach 0.8
# of the height on generated cards (and 1.1 once): a printed space is not told apart reliably, and
# extraction does not need it (PP-OCR drops it too).
CJK_JOIN_GAP = 1.2


def cjk_pair(left: str, right: str) -> bool:
    """Facing characters both Chinese characters or kana: scripts written without spaces."""
    return script_of(left[-1]) in ("Han", "Kana") and script_of(right[0]) in ("Han", "Kana")


def hangul_pair(left: str, right: str) -> bool:
    return script_of(left[-1]) == "Hangul" and script_of(right[0]) == "Hangul"


def hangul_single(left: str, right: str) -> bool:
    """Facing Hangul where one side is a lone syllable: Korean puts spaces between words, but
    Tesseract's Korean model also splits words into syllables ('부 산 광역시', '윤 서 김'), and a
    word of one syllable is rare on a card (a name printed letter-spaced, '양 승 준', is one word)."""
    return hangul_pair(left, right) and (len(left.lstrip("(")) == 1 or len(right.rstrip(")")) == 1)


def join_cjk_words(words: list[OcrWord]) -> list[OcrWord]:
    """Neighbouring words whose facing characters are Chinese characters or kana, printed without
    a gap between them, as one word; Hangul split into lone syllables, joined again (a word made
    of lone syllables goes on taking a next piece of one or two: '우 편 번호' → '우편번호')."""
    out: list[OcrWord] = []
    singles = False  # the last word was made of lone Hangul syllables
    for word in words:
        if out:
            last = out[-1]
            height = max(1, min(last.box[3] - last.box[1], word.box[3] - word.box[1]))
            close = word.box[0] - last.box[2] <= CJK_JOIN_GAP * height
            hangul = hangul_single(last.text, word.text) or (
                singles and hangul_pair(last.text, word.text) and len(word.text.rstrip(")")) <= 2
            )
            if close and (cjk_pair(last.text, word.text) or hangul):
                confidence = (last.confidence * len(last.text) + word.confidence * len(word.text)) / (
                    len(last.text) + len(word.text)
                )
                box = (last.box[0], min(last.box[1], word.box[1]), word.box[2], max(last.box[3], word.box[3]))
                out[-1] = OcrWord(last.text + word.text, box, confidence)
                singles = hangul_single(last.text, word.text)  # lone syllables joined: the word may go on
                continue
        singles = False
        out.append(word)
    return out
