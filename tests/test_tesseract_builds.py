"""Tesseract in process (tesserocr) and the `tesseract` program (pytesseract), for real.

Both builds sit behind one `OcrEngine`; read through the same libtesseract they must give the same
words, boxes and confidences on every committed sample card. The shipped tesserocr wheel carries a
newer Tesseract than Debian's program, so that comparison uses a tesserocr compiled against
Debian's library (`make setup-test` builds it into .venv/tesserocr-system).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from pathlib import Path

import numpy as np
import pytest
from cardimages import PERSON_CARD, draw_card

from capture.errors import MissingDependencyError
from capture.ocr import tesseract_api
from capture.ocr.engine import create_engine
from capture.ocr.tesseract import TesseractCliEngine, parse_tsv
from capture.ocr.tesseract_api import ApiPool, TesseractApiEngine
from capture.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples" / "cards"
SYSTEM_TESSEROCR = ROOT / ".venv" / "tesserocr-system"

# Run in a child whose `tesserocr` is the one built on Debian's libtesseract: prints each sample
# card's prepared images and the words read from them.
READ_SAMPLES = """
import json, sys
from pathlib import Path
import numpy as np
from capture.load import load_image
from capture.preprocess import prepare_cards
from capture.ocr.tesseract_api import TesseractApiEngine
from capture.settings import Settings
settings = Settings(engine="tesseract")
engine = TesseractApiEngine()
out = {}
for path in sorted(Path(sys.argv[1]).glob("*.jpg")):
    for card in prepare_cards(load_image(path, settings), settings):
        page = engine.read(card.image)
        np.save(f"{sys.argv[2]}/{path.stem}-{card.index}.npy", card.image)
        out[f"{path.stem}-{card.index}"] = [[w.text, list(w.box), w.confidence] for w in page.words]
print(json.dumps(out))
"""


def words(page) -> list[list]:
    return [[w.text, list(w.box), w.confidence] for w in page.words]


@pytest.mark.slow
def test_in_process_and_program_read_the_same_words_on_every_sample(tmp_path: Path) -> None:
    if not (SYSTEM_TESSEROCR / "tesserocr").is_dir():
        pytest.skip("run `make setup-test` first: it builds tesserocr against Debian's Tesseract")
    env = {**os.environ, "PYTHONPATH": f"{SYSTEM_TESSEROCR}{os.pathsep}{ROOT}", "OMP_THREAD_LIMIT": "1"}
    child = subprocess.run(
        [sys.executable, "-c", READ_SAMPLES, str(SAMPLES), str(tmp_path)],
        capture_output=True, text=True, env=env, check=True,
    )  # fmt: skip
    in_process = json.loads(child.stdout)
    assert len(in_process) >= len(list(SAMPLES.glob("*.jpg")))
    program = TesseractCliEngine()
    for key, read_in_process in in_process.items():
        image = np.load(tmp_path / f"{key}.npy")
        read_by_program = words(program.read(image))
        assert read_in_process, f"{key}: no words read"
        # same words and boxes; pytesseract cuts confidences to whole percents, tesserocr keeps them
        assert [w[:2] for w in read_by_program] == [w[:2] for w in read_in_process], key
        for (_, _, cut), (_, _, full) in zip(read_by_program, read_in_process, strict=True):
            assert 0 <= full - cut < 0.01 + 1e-9, key


def test_the_shipped_build_is_used_and_reads_a_drawn_card() -> None:
    engine = create_engine("tesseract", Settings())
    assert isinstance(engine, TesseractApiEngine)
    image = np.asarray(draw_card(PERSON_CARD))[:, :, ::-1].copy()  # BGR, as OpenCV gives it
    page = engine.read(image)
    assert page.engine == "tesseract"
    assert "jane.example@example.com" in page.text.lower().replace(" ", "")
    assert create_engine("tesseract", Settings(tesseract_build="cli")).build == "cli"


def test_one_api_object_per_language_set_reused_across_readings() -> None:
    pool = ApiPool()
    with pool.api("eng") as first:
        pass
    with pool.api("eng") as again:
        assert again is first
    with pool.api("eng+por") as other:
        assert other is not first
    assert pool.created == 2
    assert set(other.GetInitLanguagesAsString().split("+")) == {"eng", "por"}


def test_threads_reading_at_once_each_get_their_own_api_object() -> None:
    pool = ApiPool()
    held: list[object] = []
    inside = threading.Barrier(2)

    def hold() -> None:
        with pool.api("eng") as api:
            held.append(api)
            inside.wait(timeout=30)  # both threads hold an object at the same moment

    threads = [threading.Thread(target=hold) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(held) == 2 and held[0] is not held[1]
    assert pool.created == 2
    with pool.api("eng") as api:  # both went back to the idle list
        assert api in held
    assert pool.created == 2


def test_a_language_without_its_data_file_names_the_package() -> None:
    with pytest.raises(MissingDependencyError, match="tesseract-ocr-xyz"):
        TesseractApiEngine(lang="eng+xyz")


def test_tessdata_is_found_where_debian_puts_it() -> None:
    assert (tesseract_api.tessdata_dir() / "eng.traineddata").is_file()


def test_parse_tsv_keeps_rows_without_text_and_skips_headers() -> None:
    text = "level\tpage_num\n1\t1\t0\t0\t0\t0\t0\t0\t10\t10\t-1\t\n5\t1\t1\t1\t1\t1\t2\t3\t4\t5\t91.5\tHello\n"
    data = parse_tsv(text)
    assert data["text"] == ["", "Hello"]
    assert data["conf"] == ["-1", "91.5"]
    assert data["left"] == ["0", "2"]
