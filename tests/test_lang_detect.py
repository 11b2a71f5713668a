"""Telling a card's language from its first reading (capture.lang.detect), and --lang."""

from __future__ import annotations

import pytest

from capture.lang.detect import guess_language
from capture.settings import parse_languages

Reading = tuple[list[tuple[str, float]], int]


def reading(*lines: str, unread: int = 0, confidence: float = 0.95) -> Reading:
    return [(line, confidence) for line in lines], unread


@pytest.mark.parametrize(
    ("lines", "region", "want"),
    [
        (("株式会社テクノ", "営業部 部長", "山田 太郎", "TEL 03-1234-5678"), "US", "ja"),
        (("山田商事", "代表取締役", "+81 3-1234-5678"), "US", "ja"),  # kanji only, but a Japanese number
        (("深圳市中科医疗器械集团有限公司", "技术总监", "电话 0755-63825441"), "US", "zh-Hans"),
        (("臺北市信義區松仁路100號", "總經理", "電話 02-2345-6789"), "US", "zh-Hant"),
        (("Kappa Bau GmbH", "Leiter Marketing", "Telefon 030 37729813", "Straße 5, 10115 Berlin"), "US", "de"),
        (("Quanta Transports SARL", "Ingénieur d'affaires", "Tél. : 02 40 54 80 31", "177 rue Dias"), "US", "fr"),
        (("Ferretería López S.L.", "Jefa de ventas", "Móvil 600 123 456", "Calle Mayor, 5"), "US", "es"),
        (("Rossi Costruzioni S.r.l.", "Responsabile acquisti", "Cellulare 333 1234567", "Via Roma, 12"), "US", "it"),
        (("Bakker Bouw B.V.", "Projectleider", "Mobiel 06 12345678", "Dorpsstraat 12"), "US", "nl"),
        (("Despachante Silva Ltda", "Gerente comercial", "Celular (11) 98765-4321", "Rua das Flores, 10"), "US", "pt"),
        (("Lumen Systems, Inc.", "Regional Sales Director", "Phone 404 960 4992", "392 Lakeshore Drive"), "US", "en"),
        # an English card of a German firm stays English: a country alone is no language
        (("Lumen Systems GmbH", "Sales Manager", "Phone +49 30 1234567", "info@lumen.de"), "DE", "en"),
    ],
)
def test_the_language_is_told_from_the_card(lines: tuple[str, ...], region: str, want: str) -> None:
    assert guess_language([reading(*lines)], region) == want


def test_a_korean_card_shows_as_lines_no_reader_could_read() -> None:
    """PP-OCR does not know Hangul and Tesseract's English reads it as low-confidence guesses."""
    latin = reading("ISOLUTION", "Yoon Yeong-cheol", "T. +82 42-326-0323", "yoon-y@isolution.co.kr", unread=1)
    guesses = reading("ofl SEM SALSA}", "Use tr Ey", "oHE = 010", confidence=0.2)
    assert guess_language([latin, guesses], "US") == "ko"
    # the same unread lines on a card with no sign of Korea are not taken for Korean
    assert guess_language([reading("Acme", "John Smith", "+1 404 555 0100", unread=1), guesses], "US") == "en"


def test_a_few_misread_characters_on_an_english_card_make_no_chinese_card() -> None:
    assert guess_language([reading("Jane Doe", "Sales Manager", "三芒", "jane@acme.com")], "US") == "en"


@pytest.mark.parametrize(
    ("value", "want"),
    [
        ("eng+por", ("eng", "por")),
        ("ja", ("eng", "jpn")),
        ("zh-Hant", ("eng", "chi_tra")),
        ("KO", ("eng", "kor")),
        ("de,eng", ("eng", "deu")),
    ],
)
def test_lang_takes_a_card_language_or_tesseracts_codes(value: str, want: tuple[str, ...]) -> None:
    assert parse_languages(value) == want
