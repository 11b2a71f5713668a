"""Cards printed in each language, read through the real OCR (slow), and a card in a language
whose Tesseract data is not installed (fast: no OCR)."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from capture import api
from capture.api import contact_from_pages, scan_bytes, settle_language
from capture.errors import MissingDependencyError
from capture.ocr.result import OcrLine, OcrPage, OcrWord
from capture.settings import Settings
from samples.generate import make_cards


def page(lines: list[tuple[str, float]], engine: str, unread: int = 0) -> OcrPage:
    out = []
    for number, (text, confidence) in enumerate(lines):
        top = 100 + 60 * number
        out.append(OcrLine.from_words([OcrWord(text, (100, top, 100 + 20 * len(text), top + 40), confidence)],
                                      engine=engine))  # fmt: skip
    return OcrPage(tuple(out), 1200, 800, engine, {"unread": str(unread)} if unread else {})


def test_a_card_in_a_language_without_data_gets_a_sentence_naming_the_package(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "eng.traineddata").write_bytes(b"")  # a data folder with English only
    monkeypatch.setattr(api, "tesseract_folder", lambda settings: tmp_path)
    settings = Settings(region="KR")
    tesseract = page([("ISOLUTION", 0.9), ("ofl SEM SALSA}", 0.2), ("Use tr Ey", 0.3), ("T. +82 42-326-0323", 0.9),
                      ("yoon-y@isolution.co.kr", 0.9)], "tesseract")  # fmt: skip
    ppocr = page([("ISOLUTION", 0.99), ("T.+82 42-326-0323", 0.99)], "ppocr", unread=3)
    pages = settle_language(None, (tesseract, ppocr), settings)  # type: ignore[arg-type]
    assert [p.language for p in pages] == ["ko", "ko"]
    contact = contact_from_pages(pages, None, settings)
    (warning,) = [w for w in contact.warnings if "tesseract-ocr-kor" in w.message]
    assert "Korean" in warning.message and warning.message.count(".") == 1
    assert [e.address for e in contact.emails] == ["yoon-y@isolution.co.kr"]  # the rest is still read


def test_the_tesseract_program_without_the_data_gives_the_sentence_too(monkeypatch: pytest.MonkeyPatch) -> None:
    """The command-line build knows its languages only when its engine is made: no crash, the sentence."""

    def no_data(name: str, settings: Settings) -> None:
        raise MissingDependencyError("Tesseract has no language data for jpn.")

    monkeypatch.setattr(api, "tesseract_folder", lambda settings: None)
    monkeypatch.setattr(api, "create_engine", no_data)
    tesseract = page([("Yamada Taro", 0.9), ("yamada@example.co.jp", 0.9)], "tesseract")
    ppocr = page([("株式会社山田商事", 0.95), ("営業部 部長", 0.95), ("山田 太郎", 0.95)], "ppocr")
    pages = settle_language(None, (tesseract, ppocr), Settings(region="JP"))  # type: ignore[arg-type]
    assert [p.language for p in pages] == ["ja", "ja"]
    assert [p.lines for p in pages] == [tesseract.lines, ppocr.lines]  # read as they were
    (sentence,) = {p.extra["language_warning"] for p in pages}
    assert "tesseract-ocr-jpn" in sentence and "Japanese" in sentence


LANGUAGES = ["en", "pt", "de", "fr", "es", "it", "nl", "ja", "zh-Hans", "zh-Hant", "ko"]


def first_card(language: str, layout: str = "left") -> tuple[bytes, dict]:
    generated = next(make_cards(1, seed=1313, langs=[language], layouts=[layout]))
    buffer = io.BytesIO()
    generated.image.convert("RGB").save(buffer, "PNG")
    return buffer.getvalue(), generated.label


@pytest.mark.slow
@pytest.mark.xdist_group("ppocr")
@pytest.mark.parametrize("language", LANGUAGES)
def test_a_card_printed_in_each_language_is_read_in_it(language: str) -> None:
    image, label = first_card(language)
    (result,) = scan_bytes(image, f"{language}.png", Settings(region=label["region"]))
    assert {p.language for p in result.pages} == {language}
    contact = result.contact
    names = {label.get("name"), label.get("name_native")} - {None}
    if names:
        assert contact.name is not None
        got = contact.name.full.replace(" ", "").lower()
        assert got in {n.replace(" ", "").lower() for n in names}
    if label.get("org"):
        assert contact.organization is not None
    assert {e.address for e in contact.emails} == set(label["emails"])


@pytest.mark.slow
@pytest.mark.xdist_group("ppocr")
def test_vertical_japanese_is_read_right_to_left() -> None:
    image, label = first_card("ja", "vertical")
    (result,) = scan_bytes(image, "vertical.png", Settings(region="JP"))
    ppocr = next(p for p in result.pages if p.engine == "ppocr")
    columns = [line.text for line in ppocr.lines if line.height > 1.5 * (line.box[2] - line.box[0])]
    printed = [line["text"].replace(" ", "") for line in label["lines"] if line.get("vertical")]
    assert len(columns) >= 2
    # the columns come in the order they are printed (right to left): each found in order among the truth
    at = [next(i for i, truth in enumerate(printed) if text.replace(" ", "")[:3] in truth) for text in columns[:3]]
    assert at == sorted(at)
