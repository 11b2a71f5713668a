"""The public library entry points: a card image in, one `CardResult` per card out.

The pipeline is load → preprocess → OCR → extract → validate, in two halves:

- the OCR stage (`read_image`, `read_loaded`): an image → one `CardReading` per card (the
  engines' pages, settled upright, the QR codes' texts, the card picture). Slow.
- extraction (`contact_from_reading`, or `contact_from_pages` for a result's `pages` and `qr`): a
  `CardReading` → a validated `Contact`. Pure and fast, so it can be run again on readings kept on
  disk (`capture.reading`; the cross-validation bench's cache, `scripts/readings.py`).

`scan_image` and `scan_bytes` are the two composed. Exporting is the caller's choice
(`capture.export`). The CLI, the batch runner and the web app all call these functions.
"""

from __future__ import annotations

import itertools
import time
from collections.abc import Iterable, Iterator
from concurrent.futures import Future
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path

from capture.contact import CardResult, Contact, StageTime
from capture.errors import CardcapError, InputFileError, MissingDependencyError, NoTextFoundError
from capture.export.photo import jpeg_thumbnail
from capture.extract import extract_contact
from capture.extract.qr import decode_payloads, merge_qr, qr_contact
from capture.helper_thread import HelperThread
from capture.lang.script import script_counts
from capture.load import LoadedImage, load_pages, load_pages_bytes
from capture.ocr.engine import OcrEngine, create_engine, tesseract_folder
from capture.ocr.language import (
    WARNING_KEY,
    card_language,
    language_of,
    missing_data,
    missing_warning,
    tesseract_languages,
)
from capture.ocr.result import OcrLine, OcrPage
from capture.preprocess import PreparedCard, prepare_cards
from capture.preprocess.choose import read_again, read_best, read_lines_again, turn
from capture.reading import CardReading
from capture.reconcile import count_sources, reconcile, with_source
from capture.settings import Settings
from capture.validate import validate_contact


class Stopwatch:
    def __init__(self) -> None:
        self.times: list[StageTime] = []

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        start = time.perf_counter()
        try:
            yield
        finally:
            self.times.append(StageTime(name, time.perf_counter() - start))


def engines_for(settings: Settings) -> tuple[OcrEngine, ...]:
    """The engine(s) the settings ask for, each loaded once per process (see `create_engine`)."""
    names = ("tesseract", "ppocr") if settings.engine == "both" else (settings.engine,)
    return tuple(create_engine(name, settings) for name in names)


def warm_up(settings: Settings, engine: OcrEngine | None = None) -> None:
    """Load the engines and let each read a small drawn line once: a server's first card then costs
    what every other does (PP-OCR's first reading sets up its networks, a second or more)."""
    import cv2
    import numpy as np

    image = np.full((120, 480, 3), 255, np.uint8)
    cv2.putText(image, "Warm up 0123", (12, 80), cv2.FONT_HERSHEY_SIMPLEX, 1.6, (20, 20, 20), 3)
    for each in (engine,) if engine else engines_for(settings):
        each.read(image)


# ---- the OCR stage ------------------------------------------------------------------------------


def read_prepared(card: PreparedCard, settings: Settings, engine: OcrEngine) -> OcrPage:
    """OCR one prepared card with the configured engine.

    PP-OCR reads the color card: its networks were trained on color photos, and the grayscale or
    binarized image prepared for Tesseract loses the contrast of colored print.
    """
    if engine.name == "ppocr":
        return engine.read(card.color)
    return read_best(card, engine, settings)  # orientation (half turn) and rendering by OCR confidence


SECOND_READER = HelperThread("cardcap-ocr2")  # `both` mode's second engine


def start_second_reading(card: PreparedCard, settings: Settings, engine: OcrEngine) -> Future[OcrPage]:
    """`both` mode: start the second engine on the card as prepared while the first one reads.

    Tesseract (tesserocr, or its program) and onnxruntime both release the GIL, so the two readings
    overlap: a card costs the slower engine's time, not the sum (on the dev photos 0.9 → 0.6 s).
    Each engine still uses one thread, as the speed rules ask."""
    return SECOND_READER.submit(read_prepared, card, settings, engine)


def second_reading(
    card: PreparedCard, settings: Settings, engine: OcrEngine, pending: Future[OcrPage], rotation: int
) -> OcrPage:
    """The second engine's page, in the geometry the first engine settled.

    Both pages must share one geometry (the review page draws either page's boxes on the same
    image): when the first engine found the card turned, the second one reads it again turned
    the same way (rare: a card photographed upside down)."""
    page = pending.result()
    if not rotation:
        return page
    upright = replace(card, image=turn(card.image, rotation), color=turn(card.color, rotation), variants=())
    return replace(read_prepared(upright, settings, engine), rotation=rotation)


def settle_language(card: PreparedCard, pages: tuple[OcrPage, ...], settings: Settings) -> tuple[OcrPage, ...]:
    """The card's language on every page; a card printed in a language the first reading's
    Tesseract data does not read is read again with that language's data (`capture.ocr.language`),
    or, when that data is not installed, carries a sentence naming the package."""
    if not settings.detect_language:
        language = language_of(settings.languages)
        return tuple(replace(page, language=language) for page in pages)
    language = card_language(pages, settings.region)
    wanted = tesseract_languages(language, settings.languages)
    out = list(pages)
    if wanted != settings.languages:
        at = next((i for i, page in enumerate(pages) if page.engine == "tesseract"), None)
        missing = missing_data(wanted, tesseract_folder(settings))
        engine: OcrEngine | None = None
        if not missing and at is not None:
            try:
                engine = create_engine("tesseract", replace(settings, languages=wanted))
            except MissingDependencyError:  # the `tesseract` program's build knows its data only here
                missing = tuple(data for data in wanted if data not in settings.languages)
        if missing:
            warning = missing_warning(language, missing)
            out = [replace(page, extra={**page.extra, WARNING_KEY: warning}) for page in out]
        elif engine is not None and at is not None:
            out[at] = read_again(card, pages[at], engine)
            if language == "ko":  # PP-OCR finds Hangul lines but cannot read them: Tesseract reads them
                out = [read_lines_again(card, page, engine, maybe_hangul, has_hangul) if page.engine == "ppocr"
                       else page for page in out]  # fmt: skip
    return tuple(replace(page, language=language) for page in out)


def maybe_hangul(line: OcrLine) -> bool:
    """A line of a Korean card that PP-OCR, which knows no Hangul, may have read as other characters:
    one it read with Chinese characters (Hangul read as hanzi, an address's numbers among them),
    or anything but a number, an email or a web address (those it reads well)."""
    return script_counts(line.text)["Han"] > 0 or not any(ch.isdigit() or ch in "@." for ch in line.text)


def has_hangul(text: str) -> bool:
    return script_counts(text)["Hangul"] > 0


@dataclass(frozen=True)
class FirstReading:
    """A card as the first engine read it, while the second one (`both` mode) may still be at it:
    enough for a first answer (`contact_from_reading(first.reading)`), the complete reading later."""

    reading: CardReading  # the first engine's page only, with the QR codes and the card picture
    complete: Future[CardReading]  # every engine's pages (already done with one engine)

    def final(self) -> CardReading:
        """Every engine's reading of the card (waiting for the second engine), numbered as `reading`."""
        return replace(self.complete.result(), index=self.reading.index, count=self.reading.count)


def finished(reading: CardReading) -> Future[CardReading]:
    done: Future[CardReading] = Future()
    done.set_result(reading)
    return done


def with_second_page(
    first: CardReading, card: PreparedCard, settings: Settings, engine: OcrEngine, pending: Future[OcrPage]
) -> CardReading:
    """The first engine's reading with the second engine's page added, in the first's geometry, and
    the card's language settled on both (`settle_language`)."""
    pages = (first.pages[0], second_reading(card, settings, engine, pending, first.rotation))
    return replace(first, pages=settle_language(card, pages, settings))


def read_loaded_first(
    loaded: LoadedImage,
    settings: Settings,
    engine: OcrEngine | None = None,
    watch: Stopwatch | None = None,
) -> Iterator[FirstReading]:
    """The OCR stage, card by card, each card given as soon as the first engine has read it.

    The second engine's readings run on one helper thread, in the order the cards come, so a
    caller that goes on to the next card (or the next image) while they run keeps both engines,
    and both cores, at work."""
    watch = watch or Stopwatch()
    engines = (engine,) if engine else engines_for(settings)
    with watch.stage("preprocess"):
        cards = prepare_cards(loaded, settings)
    for card in cards:
        pending = start_second_reading(card, settings, engines[1]) if len(engines) > 1 else None
        with watch.stage("ocr"):
            page = read_prepared(card, settings, engines[0])
        # The first engine settled the card's orientation (the second one reads in it too), so
        # the QR code and the card picture are done now, while the second engine may still read.
        upright_color = turn(card.color, page.rotation)
        with watch.stage("qr"):
            payloads = tuple(decode_payloads(upright_color))
        card_jpeg = jpeg_thumbnail(upright_color, long_side=max(upright_color.shape[:2]))
        if pending is None:  # one engine: its reading, in the card's language, is the only one
            with watch.stage("language"):  # the card's language, and a reading in it when it needs one
                pages = settle_language(card, (page,), settings)
            only = CardReading(loaded.path, loaded.sha256, card.index, len(cards), pages, payloads, card_jpeg)
            yield FirstReading(only, finished(only))
            continue
        # The first answer is in the language(s) the card was read with: telling the card's language
        # needs the second engine's page too (and may mean reading it again), so it is settled with
        # the complete reading, which the review then shows.
        pages = settle_language(card, (page,), replace(settings, detect_language=False))
        first = CardReading(loaded.path, loaded.sha256, card.index, len(cards), pages, payloads, card_jpeg)
        # queued behind the second engine's reading of this card, on its one thread: done when it is
        yield FirstReading(first, SECOND_READER.submit(with_second_page, first, card, settings, engines[1], pending))


def read_loaded(
    loaded: LoadedImage,
    settings: Settings,
    engine: OcrEngine | None = None,
    watch: Stopwatch | None = None,
) -> Iterator[CardReading]:
    """The OCR stage: every card on a loaded image, prepared and read by the engine(s), card by card."""
    watch = watch or Stopwatch()
    for first in read_loaded_first(loaded, settings, engine, watch):
        with watch.stage("ocr2"):  # what the second engine (and the language stage after it) adds
            reading = first.final()
        yield reading


def read_pages(pages: Iterable[LoadedImage], settings: Settings, engine: OcrEngine | None = None) -> list[CardReading]:
    """The OCR stage on every page of one file, its cards numbered across the pages."""
    readings: list[CardReading] = []
    for loaded in pages:
        found = list(read_loaded(loaded, settings, engine))
        if loaded.pages > 1 and not any(reading.has_text for reading in found):
            continue  # a blank page of a multi-page file (the back of a card scanned duplex)
        readings += found
    return [replace(reading, index=number, count=len(readings)) for number, reading in enumerate(readings, 1)]


def read_image(
    source: str | Path, settings: Settings | None = None, engine: OcrEngine | None = None
) -> list[CardReading]:
    """The OCR stage on one image file (every page of a multi-page TIFF, its cards numbered across
    the pages, as `scan_image` does). Raises `InputFileError` (or a subclass) for a bad file."""
    settings = settings or Settings()
    return read_pages(load_pages(source, settings), settings, engine)


def read_bytes_progressively(
    data: bytes, name: str, settings: Settings, engine: OcrEngine | None = None
) -> Iterator[FirstReading]:
    """The OCR stage on image bytes (a web upload), each card given as soon as the first engine read
    it (see `read_loaded_first`). A multi-page file is read whole first, since its cards are numbered
    across the pages and blank pages left out. Raises `InputFileError` (or a subclass) for a bad file."""
    pages = load_pages_bytes(data, name, settings)
    loaded = next(pages)
    if loaded.pages == 1:
        yield from read_loaded_first(loaded, settings, engine)
        return
    for reading in read_pages(itertools.chain((loaded,), pages), settings, engine):
        yield FirstReading(reading, finished(reading))


# ---- extraction ---------------------------------------------------------------------------------


def extract_pages(pages: tuple[OcrPage, ...], qr: Contact | None, settings: Settings) -> tuple[Contact, OcrPage]:
    """extract → reconcile (both mode) → QR merge → validate: the validated contact, and the page
    that gave most of its fields (the one a review shows)."""
    primary, *others = pages
    contact = extract_contact(primary, settings)
    page = primary
    if others:
        # `both` mode: each engine's page extracted on its own, then reconciled field by field
        second = others[0]
        other = with_source(extract_contact(second, settings), second.engine)
        contact = reconcile(with_source(contact, primary.engine), other, settings.region)
        counts = count_sources(contact)
        page = second if counts.get(second.engine, 0) > counts.get(primary.engine, 0) else primary
    if qr is not None:
        contact = merge_qr(contact, qr)  # a QR code beats what OCR read
    # a page's sentence about language data that is not installed goes to the contact
    for warning in dict.fromkeys(p.extra[WARNING_KEY] for p in pages if WARNING_KEY in p.extra):
        contact = contact.with_warning("", warning)
    return validate_contact(contact, settings), page


def qr_of(reading: CardReading, settings: Settings) -> Contact | None:
    """The contact the card's QR code carries (its numbers dialled in the card's region), if any."""
    return qr_contact(reading.qr_payloads, settings.region)


def contact_from_reading(reading: CardReading, settings: Settings) -> Contact:
    """Extraction: the card's validated contact from what the OCR stage read (no OCR, no I/O)."""
    return extract_pages(reading.pages, qr_of(reading, settings), settings)[0]


def contact_from_pages(pages: tuple[OcrPage, ...], qr: Contact | None, settings: Settings) -> Contact:
    """`contact_from_reading` for pages and a QR contact kept apart (`CardResult.pages` and `.qr`,
    which the cross-validation bench caches)."""
    return extract_pages(pages, qr, settings)[0]


# ---- both composed ------------------------------------------------------------------------------


NO_TEXT = "has no readable text; is it a business card, in focus and well lit?"


def result_from_reading(reading: CardReading, settings: Settings, timings: tuple[StageTime, ...] = ()) -> CardResult:
    """Extraction on one card's reading, with what a result keeps of the reading (the page the review
    shows, the card picture, the pages and QR contact to replay it)."""
    qr = qr_of(reading, settings)
    contact, page = extract_pages(reading.pages, qr, settings)
    return CardResult(
        source=reading.source,
        index=reading.index,
        count=reading.count,
        sha256=reading.sha256,
        contact=contact,
        page=page,
        timings=timings,
        card_jpeg=reading.card_jpeg,
        pages=reading.pages,
        qr=qr,
    )


def scan_loaded(
    loaded: LoadedImage,
    settings: Settings,
    engine: OcrEngine | None = None,
    watch: Stopwatch | None = None,
) -> list[CardResult]:
    watch = watch or Stopwatch()
    results = []
    for reading in read_loaded(loaded, settings, engine, watch):
        with watch.stage("extract"):
            result = result_from_reading(reading, settings)
        results.append(replace(result, timings=tuple(watch.times)))
    if all(not r.text.strip() for r in results):
        raise NoTextFoundError(loaded.path, NO_TEXT)
    return results


def timed_pages(pages: Iterable[LoadedImage], watch: Stopwatch) -> Iterator[LoadedImage]:
    """The pages, each one's decoding timed as the "load" stage."""
    iterator = iter(pages)
    while True:
        with watch.stage("load"):
            loaded = next(iterator, None)
        if loaded is None:
            return
        yield loaded


def scan_pages(
    pages: Iterable[LoadedImage],
    settings: Settings,
    engine: OcrEngine | None = None,
    watch: Stopwatch | None = None,
) -> list[CardResult]:
    """Every card on every page of one file, numbered across the pages (a multi-page TIFF is
    read page by page; a blank page, such as the back of a card scanned duplex, adds no card)."""
    watch = watch or Stopwatch()
    results: list[CardResult] = []
    source = ""
    for loaded in timed_pages(pages, watch):
        source = loaded.path
        try:
            results += scan_loaded(loaded, settings, engine, watch)
        except NoTextFoundError:
            if loaded.pages == 1:
                raise
    if not results:
        raise NoTextFoundError(source, "has no readable text on any of its pages; is it a business card, "
                                       "in focus and well lit?")
    return [replace(result, index=number, count=len(results)) for number, result in enumerate(results, 1)]


def scan_image(
    source: str | Path, settings: Settings | None = None, engine: OcrEngine | None = None
) -> list[CardResult]:
    """Read every card on one image file (every page of a multi-page TIFF). Raises `InputFileError`
    (or a subclass) for a bad file."""
    settings = settings or Settings()
    return scan_pages(load_pages(source, settings), settings, engine)


def scan_bytes(
    data: bytes, name: str, settings: Settings | None = None, engine: OcrEngine | None = None
) -> list[CardResult]:
    """`scan_image` for image bytes (a web upload); `name` is only used in messages."""
    settings = settings or Settings()
    return scan_pages(load_pages_bytes(data, name, settings), settings, engine)


def check_image_bytes(data: bytes, name: str, settings: Settings | None = None) -> None:
    """Raise the `InputFileError` (or subclass) a scan of these bytes would raise for the file itself
    (not an image, too large, damaged: its first page decoded), without reading any card."""
    next(load_pages_bytes(data, name, settings or Settings()))


def read_card(source: str | Path, settings: Settings | None = None, engine: OcrEngine | None = None) -> CardResult:
    """The first (usually the only) card on an image."""
    results = scan_image(source, settings, engine)
    if not results:  # pragma: no cover - scan_image raises instead of returning nothing
        raise InputFileError(source, "holds no business card")
    return results[0]


Outcome = tuple[list[CardResult] | None, str, float]  # results (None: failed), error sentence, seconds


def scan_outcome(source: str | bytes, name: str, settings: Settings) -> Outcome:
    """`scan_image` (a path) or `scan_bytes` (bytes) for a batch worker: never raises. A file
    cardcap refuses, or a bug, becomes one sentence naming it, so the batch goes on."""
    start = time.perf_counter()
    try:
        results = scan_image(source, settings) if isinstance(source, str) else scan_bytes(source, name, settings)
    except CardcapError as error:
        return None, str(error), time.perf_counter() - start
    except Exception as error:  # a bug must not stop the batch; report it in one line
        return (
            None,
            f"{name}: internal error while reading the card ({type(error).__name__}: {error})",
            (time.perf_counter() - start),
        )
    return results, "", time.perf_counter() - start
