"""The public library entry points: a card image in, one `CardResult` per card out.

The pipeline is load → preprocess → OCR → extract → validate; exporting is the caller's choice
(`capture.export`). The CLI, the batch runner and the web app all call these functions.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path

from capture.contact import CardResult, Contact, StageTime
from capture.errors import InputFileError, NoTextFoundError
from capture.export.photo import jpeg_thumbnail
from capture.extract import extract_contact
from capture.extract.qr import decode_qr, merge_qr
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
from capture.reconcile import count_sources, reconcile, with_source
from capture.settings import Settings
from capture.validate import validate_contact

EngineFactory = Callable[[str, Settings], OcrEngine]


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


def read_prepared(card: PreparedCard, settings: Settings, engine: OcrEngine) -> OcrPage:
    """OCR one prepared card with the configured engine.

    PP-OCR reads the color card: its networks were trained on color photos, and the grayscale or
    binarized image prepared for Tesseract loses the contrast of colored print.
    """
    if engine.name == "ppocr":
        return engine.read(card.color)
    return read_best(card, engine, settings)  # orientation (half turn) and rendering by OCR confidence


def settled_turn(page: OcrPage) -> int:
    """Degrees (clockwise) the OCR stage turned the prepared card to read it upright."""
    try:
        return int(page.extra.get("rotated", "0")) % 360
    except ValueError:
        return 0


SECOND_READER = HelperThread("cardcap-ocr2")  # `both` mode's second engine


def start_second_reading(card: PreparedCard, settings: Settings, engine: OcrEngine) -> Future[OcrPage]:
    """`both` mode: start the second engine on the card as prepared while the first one reads.

    Tesseract (tesserocr, or its program) and onnxruntime both release the GIL, so the two readings
    overlap: a card costs the slower engine's time, not the sum (on the dev photos 0.9 → 0.6 s).
    Each engine still uses one thread, as the speed rules ask."""
    return SECOND_READER.submit(read_prepared, card, settings, engine)


def second_page(
    card: PreparedCard, settings: Settings, engine: OcrEngine, pending: Future[OcrPage], page: OcrPage
) -> OcrPage:
    """The second engine's page, in the orientation the first engine settled.

    Both pages must share one geometry (the review page draws either page's boxes on the same
    image): when the first engine found the card upside down, the second one reads it again in
    that orientation (rare: a card photographed turned 270°)."""
    other_page = pending.result()
    degrees = settled_turn(page)
    if degrees:
        upright = replace(card, image=turn(card.image, degrees), color=turn(card.color, degrees), variants=())
        other_page = read_prepared(upright, settings, engine)
    return other_page


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
        if missing:
            warning = missing_warning(language, missing)
            out = [replace(page, extra={**page.extra, WARNING_KEY: warning}) for page in out]
        elif at is not None:
            engine = create_engine("tesseract", replace(settings, languages=wanted))
            out[at] = read_again(card, pages[at], engine)
            if language == "ko":  # PP-OCR finds Hangul lines but cannot read them: Tesseract reads them
                out = [read_lines_again(card, page, engine, maybe_hangul, has_hangul) if page.engine == "ppocr"
                       else page for page in out]  # fmt: skip
    return tuple(replace(page, language=language) for page in out)


def maybe_hangul(line: OcrLine) -> bool:
    """A line of a Korean card that PP-OCR, which knows no Hangul, may have read as other characters:
    anything but a number, an email or a web address (those it reads well)."""
    return not any(ch.isdigit() or ch in "@." for ch in line.text)


def has_hangul(text: str) -> bool:
    return script_counts(text)["Hangul"] > 0


def second_opinion(contact: Contact, page: OcrPage, other_page: OcrPage, settings: Settings) -> tuple[OcrPage, Contact]:
    """Extract the second engine's page and reconcile the two contacts field by field; the page
    returned is the one that gave more of the fields."""
    other = with_source(extract_contact(other_page, settings), other_page.engine)
    merged = reconcile(with_source(contact, page.engine), other, settings.region)
    counts = count_sources(merged)
    return (other_page if counts.get(other_page.engine, 0) > counts.get(page.engine, 0) else page), merged


def finish_contact(
    contact: Contact, qr_contact: Contact | None, settings: Settings, pages: tuple[OcrPage, ...] = ()
) -> Contact:
    """A QR code beats what OCR read; then every field is validated. A page's language warning
    (its data not installed) goes to the contact."""
    for warning in dict.fromkeys(page.extra[WARNING_KEY] for page in pages if WARNING_KEY in page.extra):
        contact = contact.with_warning("", warning)
    if qr_contact is not None:
        contact = merge_qr(contact, qr_contact)
    return validate_contact(contact, settings)


def contact_from_pages(pages: tuple[OcrPage, ...], qr_contact: Contact | None, settings: Settings) -> Contact:
    """What the OCR stage read on one card (one page per engine, the first engine's first) → the
    validated contact, with no image work: extract → reconcile → QR merge → validate. The
    cross-validation bench replays cached pages through this."""
    contact = extract_contact(pages[0], settings)
    if len(pages) > 1:
        _, contact = second_opinion(contact, pages[0], pages[1], settings)
    return finish_contact(contact, qr_contact, settings, pages)


def scan_loaded(
    loaded: LoadedImage,
    settings: Settings,
    engine: OcrEngine | None = None,
    watch: Stopwatch | None = None,
) -> list[CardResult]:
    watch = watch or Stopwatch()
    engines = (engine,) if engine else engines_for(settings)
    with watch.stage("preprocess"):
        cards = prepare_cards(loaded, settings)
    results = []
    for card in cards:
        pending = start_second_reading(card, settings, engines[1]) if len(engines) > 1 else None
        with watch.stage("ocr"):
            page = read_prepared(card, settings, engines[0])
        read: tuple[OcrPage, ...] = (page,)
        if pending is None:
            with watch.stage("language"):
                page, = read = settle_language(card, read, settings)
        with watch.stage("extract"):
            contact = extract_contact(page, settings)
        # The first engine settled the card's orientation (the second one reads in it too), so
        # the QR code and the card picture are done now, while the second engine may still read.
        upright_color = turn(card.color, settled_turn(page))
        with watch.stage("qr"):
            qr_contact = decode_qr(upright_color, settings.region)  # a QR code beats what OCR read
        card_jpeg = jpeg_thumbnail(upright_color, long_side=max(upright_color.shape[:2]))
        if pending is not None:
            with watch.stage("ocr2"):  # what the second engine adds to the card's time
                other_page = second_page(card, settings, engines[1], pending, page)
            with watch.stage("language"):
                read = settle_language(card, (page, other_page), settings)
            if read[0].language != "en":
                contact = extract_contact(read[0], settings)  # read in its own language (maybe again)
            page, other_page = read
            page, contact = second_opinion(contact, page, other_page, settings)
        with watch.stage("validate"):
            contact = finish_contact(contact, qr_contact, settings, read)
        results.append(
            CardResult(
                source=loaded.path,
                index=card.index,
                count=len(cards),
                sha256=loaded.sha256,
                contact=contact,
                text=page.text,
                confidence=page.confidence,
                image_size=(page.width, page.height),
                lines=tuple((line.text, line.box, line.confidence) for line in page.lines),
                timings=tuple(watch.times),
                card_jpeg=card_jpeg,
                pages=read,
                qr=qr_contact,
            )
        )
    if all(not r.text.strip() for r in results):
        raise NoTextFoundError(loaded.path, "has no readable text; is it a business card, in focus and well lit?")
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


def read_card(source: str | Path, settings: Settings | None = None, engine: OcrEngine | None = None) -> CardResult:
    """The first (usually the only) card on an image."""
    results = scan_image(source, settings, engine)
    if not results:  # pragma: no cover - scan_image raises instead of returning nothing
        raise InputFileError(source, "holds no business card")
    return results[0]
