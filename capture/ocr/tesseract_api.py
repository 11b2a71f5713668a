"""Tesseract in process (tesserocr): the model stays loaded and images go in as pixels.

The command-line path (`capture.ocr.tesseract`) starts a `tesseract` process for every reading,
which loads the language model again and reads a temporary image file; a card is read up to four
times (orientation and renderings, `capture.preprocess.choose`). Here each process keeps its
Tesseract API objects and hands them the prepared card's pixels directly.

API objects are kept per *language set* ("eng", "eng+por", "jpn+eng"...): a card read in another
set of languages gets (and then reuses) its own object, so choosing languages per card costs one
model load per set per process, not one per reading. An API object reads one image at a time, so
threads that read at once (the web app's request threads) each take one from the set's idle
objects, or make one; a batch worker, reading one card at a time, holds exactly one per set.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import Any

import cv2
import numpy as np

from capture.errors import MissingDependencyError
from capture.ocr.result import OcrPage
from capture.ocr.tesseract import PSM_AUTO, check_languages, page_from_tsv, parse_tsv

os.environ.setdefault("OMP_THREAD_LIMIT", "1")  # read by libtesseract's OpenMP when it loads

# Where Debian, other distributions and a source build put the language files
# (the wheel carries the library, not the models).
TESSDATA_CANDIDATES = (
    "/usr/share/tesseract-ocr/5/tessdata",
    "/usr/share/tesseract-ocr/4.00/tessdata",
    "/usr/share/tessdata",
    "/usr/local/share/tessdata",
    "/opt/homebrew/share/tessdata",
)
NOT_INSTALLED = "The tesserocr package is not installed; install it with: pip install tesserocr."
INSTALL_HINT = "install the language files with: sudo apt-get install tesseract-ocr-eng tesseract-ocr-osd"


def available() -> bool:
    """Whether the in-process build can be used here (the tesserocr wheel is installed)."""
    try:
        import tesserocr  # noqa: F401
    except ImportError:
        return False
    return True


@cache
def tessdata_dir() -> Path:
    """The folder of `*.traineddata` files: $TESSDATA_PREFIX, the usual system folders, or the one
    the `tesseract` program reports."""
    candidates = [os.environ.get("TESSDATA_PREFIX", ""), *TESSDATA_CANDIDATES]
    for candidate in candidates:
        if candidate and any(Path(candidate).glob("*.traineddata")):
            return Path(candidate)
    program = shutil.which("tesseract")
    if program:
        listing = subprocess.run([program, "--list-langs"], capture_output=True, text=True, check=False).stdout
        first = listing.splitlines()[0] if listing else ""
        if '"' in first:
            return Path(first.split('"')[1])
    raise MissingDependencyError(f"No Tesseract language files were found; {INSTALL_HINT}.")


class ApiPool:
    """Idle Tesseract API objects per language set, for this process (made again after a fork)."""

    def __init__(self) -> None:
        self._idle: dict[str, list[Any]] = {}
        self._lock = threading.Lock()
        self._pid = os.getpid()
        self.created = 0  # API objects made in this process (a test and the bench read it)

    def _check_fork(self) -> None:
        if self._pid != os.getpid():  # a forked child owns copies it must not share with a lock held
            self._idle, self._lock, self._pid, self.created = {}, threading.Lock(), os.getpid(), 0

    @contextmanager
    def api(self, lang: str) -> Iterator[Any]:
        self._check_fork()
        with self._lock:
            idle = self._idle.setdefault(lang, [])
            api = idle.pop() if idle else None
        if api is None:
            api = new_api(lang)
            with self._lock:
                self.created += 1
        try:
            yield api
        finally:
            with self._lock:
                self._idle.setdefault(lang, []).append(api)


LEPTONICA_QUIET = 6  # L_SEVERITY_NONE


@cache
def quiet_leptonica() -> None:
    """Silence the image library's own messages ("Error in pixScanForForeground: invalid box"):
    the `tesseract` program printed them to its stderr, which nobody saw; in process they would
    land on cardcap's. Tesseract's reading is the same either way."""
    import ctypes

    maps = Path("/proc/self/maps")
    if not maps.exists():  # not Linux: leave the messages on
        return
    for line in maps.read_text().splitlines():
        path = line.split()[-1]
        if "lept" in Path(path).name and Path(path).is_file():
            with contextlib.suppress(OSError, AttributeError):
                ctypes.CDLL(path).setMsgSeverity(LEPTONICA_QUIET)
            return


def new_api(lang: str) -> Any:
    import tesserocr

    quiet_leptonica()

    try:
        return tesserocr.PyTessBaseAPI(
            path=str(tessdata_dir()), lang=lang, psm=tesserocr.PSM.AUTO, oem=tesserocr.OEM.LSTM_ONLY
        )
    except RuntimeError as error:  # tesserocr's word for a model it could not load
        raise MissingDependencyError(f"Tesseract could not load the languages {lang!r} ({error}).") from error


POOL = ApiPool()


class TesseractApiEngine:
    """The `OcrEngine` for Tesseract in process; reads like `TesseractCliEngine`, word for word."""

    name = "tesseract"
    build = "inprocess"

    def __init__(self, lang: str = "eng", psm: int = PSM_AUTO) -> None:
        if not available():
            raise MissingDependencyError(NOT_INSTALLED)
        folder = tessdata_dir()
        check_languages(lang, (path.stem for path in folder.glob("*.traineddata")))
        self.lang = lang
        self.psm = psm
        with POOL.api(lang):  # load the model now, once per process, not inside the first card
            pass

    def read(self, image: np.ndarray, psm: int | None = None) -> OcrPage:
        pixels = np.ascontiguousarray(cv2.cvtColor(image, cv2.COLOR_BGR2RGB) if image.ndim == 3 else image)
        height, width = pixels.shape[:2]
        depth = 1 if pixels.ndim == 2 else pixels.shape[2]
        with POOL.api(self.lang) as api:
            api.SetPageSegMode(psm or self.psm)
            api.SetImageBytes(pixels.tobytes(), width, height, depth, pixels.strides[0])
            api.Recognize()
            tsv = api.GetTSVText(0)
            api.Clear()  # drop the image and its results; the model stays loaded
        return page_from_tsv(parse_tsv(tsv), width, height, self.lang)
