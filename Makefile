# cardcap: `make demo` reads the sample cards; `make test` runs the whole test suite.
# Both set up everything they need on a fresh Debian machine (virtualenv, Python packages,
# the Tesseract program) and are safe to run again.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# Tesseract is single-threaded per process: parallelism comes from worker processes.
export OMP_THREAD_LIMIT := 1

# the languages cards are printed in: English and OSD always loaded; the others only for a card that needs them
# (capture/ocr/languages.py picks them per card from what the first reading shows)
LANGUAGE_DEBS := tesseract-ocr-por tesseract-ocr-deu tesseract-ocr-fra tesseract-ocr-spa tesseract-ocr-ita \
	tesseract-ocr-nld tesseract-ocr-jpn tesseract-ocr-jpn-vert tesseract-ocr-chi-sim tesseract-ocr-chi-tra tesseract-ocr-kor
RUNTIME_DEBS := tesseract-ocr tesseract-ocr-eng tesseract-ocr-osd $(LANGUAGE_DEBS)
# fonts of the synthetic card generator: Latin, and Japanese/Chinese/Korean (samples/cardgen/fonts.py)
FONT_DEBS := fonts-dejavu-core fonts-liberation fonts-noto-core fonts-noto-cjk fonts-ipafont-gothic \
	fonts-ipafont-mincho fonts-nanum fonts-wqy-microhei fonts-arphic-uming
# the follow-up letters embed IPA Mincho (in FONT_DEBS); `followup run` is tested against Dovecot's IMAP.
# libtesseract-dev, libleptonica-dev, pkg-config: a tesserocr built against Debian's Tesseract, which the
# tests use to show that reading in process gives the same words as the `tesseract` program.
TEST_DEBS := $(FONT_DEBS) chromium postgresql poppler-utils dovecot-imapd libtesseract-dev libleptonica-dev pkg-config
# tesserocr compiled against Debian's libtesseract (not installed: the tests put it on PYTHONPATH)
SYSTEM_TESSEROCR := $(VENV)/tesserocr-system
# the multilingual held-out set: a fixed seed nobody tunes on, 16 cards per language with photos
HELDOUT := bench-out/heldout
HELDOUT_SEED := 913
HELDOUT_COUNT := 176

.PHONY: setup setup-test demo test test-fast lint bench heldout train clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

.stamp-venv: pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -e '.[dev,postgres]'
	touch $@

setup: .stamp-venv
	@scripts/install-system-deps.sh $(RUNTIME_DEBS)

setup-test: setup
	@scripts/install-system-deps.sh $(TEST_DEBS)
	@$(MAKE) --no-print-directory $(SYSTEM_TESSEROCR)/tesserocr/__init__.py

$(SYSTEM_TESSEROCR)/tesserocr/__init__.py: .stamp-venv
	rm -rf $(SYSTEM_TESSEROCR) && mkdir -p $(SYSTEM_TESSEROCR)/wheel
	$(BIN)/pip wheel -q --no-binary tesserocr --no-deps -w $(SYSTEM_TESSEROCR)/wheel \
		"tesserocr==$$($(BIN)/python -c 'import importlib.metadata as m; print(m.version("tesserocr"))')"
	$(BIN)/python -m zipfile -e $(SYSTEM_TESSEROCR)/wheel/*.whl $(SYSTEM_TESSEROCR)

demo: setup
	$(BIN)/cardcap batch samples/cards --out out/demo

test: setup-test
	$(BIN)/pytest -n 2 --dist loadgroup -q

# The unit tests: made-up OCR pages, or Tesseract alone on small drawn cards; no servers, no
# browser, no both-engine readings of photos (those are marked slow, browser or postgres).
test-fast: setup
	$(BIN)/pytest -n 2 --dist loadgroup -q -m "not slow and not browser and not postgres"

lint: .stamp-venv
	$(BIN)/ruff check capture followup tests samples scripts
	$(BIN)/mypy capture followup

heldout: setup
	@scripts/install-system-deps.sh $(FONT_DEBS)
	$(BIN)/python samples/generate.py --out $(HELDOUT) --count $(HELDOUT_COUNT) --seed $(HELDOUT_SEED) --photos --prefix H

bench: setup heldout
	$(BIN)/python scripts/bench.py --engine all --speed --folder $(HELDOUT)
	$(BIN)/python scripts/throughput.py
	$(BIN)/python scripts/bench_web.py --real 4

# The line-role model (capture/extract/roles/roles.crfsuite), rebuilt the same every time from the
# dev cards' readings and 240 generated cards as the OCR stage reads them (rendered and read once,
# about ten minutes on 2 cores, then cached outside the repository; scripts/train_roles.py
# OCR_CARDS); GENERATE=N adds N generated cards' printed lines, unread.
train: setup
	@scripts/install-system-deps.sh $(FONT_DEBS)
	$(BIN)/python scripts/train_roles.py $(if $(GENERATE),--generate $(GENERATE))

clean:
	rm -rf out bench-out test-artifacts .pytest_cache .mypy_cache .ruff_cache build *.egg-info .stamp-venv
