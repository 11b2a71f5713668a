"""Both OCR engines, for real, on card images drawn in the test and on the committed samples."""

from __future__ import annotations

import json
from pathlib import Path

import cv2
import numpy as np
import pytest
from cardimages import PERSON_CARD, draw_card

from capture.api import scan_image
from capture.ocr.engine import OcrEngine, create_engine
from capture.ocr.ppocr import DetectedLine, PaddleEngine, SplitRecognizer, model_paths, order_lines, split_words
from capture.ocr.result import OcrPage
from capture.settings import Settings

SAMPLES = Path(__file__).resolve().parent.parent / "samples" / "cards"


def card_array(lines: list[tuple[str, int]]) -> np.ndarray:
    return cv2.cvtColor(np.asarray(draw_card(lines)), cv2.COLOR_RGB2BGR)


@pytest.fixture(scope="module")
def person_card() -> np.ndarray:
    return card_array(PERSON_CARD)


@pytest.mark.xdist_group("ppocr")
@pytest.mark.slow
@pytest.mark.parametrize("name", ["tesseract", "ppocr"])
def test_engine_reads_a_drawn_card(name: str, person_card: np.ndarray) -> None:
    engine = create_engine(name, Settings())
    page = engine.read(person_card)
    assert isinstance(page, OcrPage)
    assert page.engine == name
    assert all(line.engine == name for line in page.lines)
    text = page.text.lower().replace(" ", "")
    assert "jane.example@example.com" in text
    assert "4155550134" in "".join(ch for ch in text if ch.isdigit())
    assert 0.5 < page.confidence <= 1.0
    # lines come top to bottom, and every word box lies inside its line box
    tops = [line.box[1] for line in page.lines]
    assert tops == sorted(tops)
    for line in page.lines:
        for word in line.words:
            assert line.box[0] - 2 <= word.box[0] <= word.box[2] <= line.box[2] + 2


@pytest.mark.xdist_group("ppocr")
@pytest.mark.slow
@pytest.mark.parametrize("name", ["tesseract", "ppocr"])
def test_engine_reads_grayscale_too(name: str, person_card: np.ndarray) -> None:
    gray = cv2.cvtColor(person_card, cv2.COLOR_BGR2GRAY)
    page = create_engine(name, Settings()).read(gray)
    assert "Engineering" in page.text


@pytest.mark.xdist_group("ppocr")
@pytest.mark.slow
def test_engines_are_created_once_per_process() -> None:
    settings = Settings()
    first = create_engine("ppocr", settings)
    assert create_engine("ppocr", Settings(region="BR")) is first
    assert isinstance(first, PaddleEngine)
    assert isinstance(first, OcrEngine)
    assert create_engine("tesseract", settings) is create_engine("tesseract", settings)


def test_ppocr_models_come_from_the_installed_wheel() -> None:
    paths = model_paths()
    assert set(paths) == {"Det", "Cls", "Rec"}
    for path in paths.values():
        assert path.is_file() and path.suffix == ".onnx"
        assert "site-packages" in str(path) or "dist-packages" in str(path)


@pytest.mark.xdist_group("ppocr")
@pytest.mark.slow
def test_ppocr_finds_nothing_on_a_blank_card() -> None:
    blank = np.full((600, 1050, 3), 255, np.uint8)
    page = create_engine("ppocr", Settings()).read(blank)
    assert page.lines == ()
    assert page.confidence == 0.0


def test_words_get_boxes_in_proportion_to_their_characters() -> None:
    line = DetectedLine(((0, 0), (100, 0), (100, 20), (0, 20)), "ab cdefg", 0.9)
    words = split_words(line)
    assert [w.text for w in words] == ["ab", "cdefg"]
    assert words[0].box == (0, 0, 25, 20)
    assert words[1].box == (37, 0, 100, 20)  # 3/8 of 100 px, floored
    assert all(w.confidence == 0.9 for w in words)


def test_tilted_line_words_follow_the_tilt() -> None:
    line = DetectedLine(((0, 0), (100, 50), (100, 70), (0, 20)), "left right", 1.0)
    left, right = split_words(line)
    assert left.box[1] < right.box[1]


def test_two_columns_are_read_one_after_the_other() -> None:
    def at(x: int, y: int, text: str) -> DetectedLine:
        return DetectedLine(((x, y), (x + 200, y), (x + 200, y + 30), (x, y + 30)), text, 1.0)

    # a left column (name, title) beside a right column (phone, email), rows interleaved
    lines = [at(600, 100, "phone"), at(50, 100, "name"), at(50, 140, "title"), at(600, 140, "email")]
    ordered = order_lines(lines)
    assert [line.text for _, line in ordered] == ["name", "title", "phone", "email"]
    assert [block for block, _ in ordered] == [1, 1, 2, 2]


def sample_labels() -> list[dict]:
    path = SAMPLES / "labels.jsonl"
    if not path.exists():
        return []
    rows = [json.loads(line) for line in path.read_text().splitlines() if line.strip()]
    return [row for row in rows if "flat" in row["image"] and row.get("emails")][:2]


@pytest.mark.xdist_group("ppocr")
@pytest.mark.slow
@pytest.mark.skipif(not sample_labels(), reason="the committed sample cards are not there yet")
@pytest.mark.parametrize("engine", ["ppocr", "both"])
def test_pipeline_reads_a_sample_card(engine: str) -> None:
    label = sample_labels()[0]
    result = scan_image(SAMPLES / label["image"], Settings(region=label["region"], engine=engine))[0]  # type: ignore[arg-type]
    emails = {e.address for e in result.contact.emails}
    assert emails & {e.lower() for e in label["emails"]}
    sources = {e.evidence.source for e in result.contact.emails if e.evidence}
    assert sources <= {"tesseract", "ppocr"} and sources
    if engine == "ppocr":
        assert sources == {"ppocr"}


def scan_in_child(path: str, region: str) -> list[str]:
    results = scan_image(path, Settings(region=region, engine="both"))  # type: ignore[arg-type]
    return sorted(e.address for e in results[0].contact.emails)


@pytest.mark.xdist_group("ppocr")
@pytest.mark.slow
@pytest.mark.skipif(not sample_labels(), reason="the committed sample cards are not there yet")
def test_both_mode_works_in_a_process_forked_after_a_scan() -> None:
    """A batch worker forked from a process that already read a card in `both` mode inherits the
    second reader's executor but not its thread; the child must start its own, not wait forever."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    label = sample_labels()[0]
    path = str(SAMPLES / label["image"])
    in_parent = scan_in_child(path, label["region"])
    with ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("fork")) as pool:
        in_child = pool.submit(scan_in_child, path, label["region"]).result(timeout=120)
    assert in_child == in_parent and in_child


@pytest.mark.xdist_group("ppocr")
@pytest.mark.slow
def test_both_mode_reads_an_upside_down_card_with_both_engines(person_card: np.ndarray, tmp_path: Path) -> None:
    """The second engine starts on the card as prepared; when Tesseract finds it upside down, the
    second engine reads it again the right way up, so both readings share one geometry."""
    path = tmp_path / "upside-down.png"
    cv2.imwrite(str(path), cv2.rotate(person_card, cv2.ROTATE_180))
    result = scan_image(path, Settings(region="US", engine="both"))[0]
    assert "jane.example@example.com" in {e.address for e in result.contact.emails}
    assert "+14155550134" in {p.e164 for p in result.contact.phones}
    texts = [line.text for line in result.page.lines]
    assert any("example.com" in text for text in texts)  # the page kept is read the right way up


@pytest.mark.xdist_group("ppocr")
@pytest.mark.slow
def test_lines_shared_between_two_threads_read_as_one_thread(person_card: np.ndarray) -> None:
    """Recognising a card's lines in two halves side by side gives the same lines, in the same
    order, with the same scores, as one thread reading them all."""
    shared = PaddleEngine(share_lines=True)
    alone = PaddleEngine(share_lines=False)
    assert isinstance(shared._ocr.text_rec, SplitRecognizer)
    assert not isinstance(alone._ocr.text_rec, SplitRecognizer)
    card = np.vstack([person_card, person_card])  # enough lines for the split to happen
    one, two = alone.detect(card), shared.detect(card)
    assert len(one) >= 8
    assert [(ln.text, ln.score, ln.quad) for ln in two] == [(ln.text, ln.score, ln.quad) for ln in one]


@pytest.mark.xdist_group("ppocr")
@pytest.mark.slow
@pytest.mark.skipif(len(sample_labels()) < 2, reason="the committed sample cards are not there yet")
def test_both_mode_scans_from_two_threads_at_once_as_one_by_one() -> None:
    """The web app reads uploads on a thread pool: two `both` scans at once share the second
    reader's thread and the line-sharing thread, and must give what they give one by one."""
    from concurrent.futures import ThreadPoolExecutor

    labels = sample_labels()[:2]
    paths = [str(SAMPLES / label["image"]) for label in labels]
    regions = [label["region"] for label in labels]
    alone = [scan_in_child(path, region) for path, region in zip(paths, regions, strict=True)]
    with ThreadPoolExecutor(max_workers=2) as pool:
        together = list(pool.map(scan_in_child, paths, regions, timeout=120))
    assert together == alone and all(alone)


def test_the_detectors_table_normalization_gives_the_network_the_same_input() -> None:
    from rapidocr.ch_ppocr_det.utils import DetPreProcess

    from capture.ocr.ppocr import DETECT_SIDE, table_normalization

    class Detector:  # what table_normalization reads of rapidocr's TextDetector
        limit_side_len, limit_type, mean, std = DETECT_SIDE, "max", [0.485, 0.456, 0.406], [0.229, 0.224, 0.225]

    detector = Detector()
    table_normalization(detector)
    own = DetPreProcess(DETECT_SIDE, "max", detector.mean, detector.std)
    image = np.random.default_rng(7).integers(0, 256, (700, 1200, 3), dtype=np.uint8)
    tabled = detector.get_preprocess()(image)  # type: ignore[attr-defined]
    assert tabled.dtype == np.float32 and np.array_equal(tabled, own(image))
    floats = image.astype(np.float32)  # anything but a 3-channel uint8 image goes the library's own way
    assert np.array_equal(detector.get_preprocess().normalize(floats), own.normalize(floats))  # type: ignore[attr-defined]
