"""Settings are checked once, at the edge, with whole-sentence errors."""

from __future__ import annotations

import pytest

from capture.errors import ExitCode, SettingsError
from capture.settings import Settings, parse_languages

INVALID = [
    ({"region": "XX"}, "not a known ISO 3166"),
    ({"region": "usa"}, "not a known ISO 3166"),
    ({"languages": ("English",)}, "not Tesseract language codes"),
    ({"languages": ()}, "not Tesseract language codes"),
    ({"engine": "abbyy"}, "engine 'abbyy' is unknown"),
    ({"vcard_version": "2.1"}, "not supported"),
    ({"max_megapixels": 0}, "pixel limit"),
    ({"time_budget": -1}, "time budget"),
]


@pytest.mark.parametrize(("values", "message"), INVALID)
def test_invalid_settings_are_refused(values: dict, message: str) -> None:
    with pytest.raises(SettingsError, match=message) as caught:
        Settings(**values)
    assert caught.value.exit_code == ExitCode.SETTINGS


def test_region_is_normalised() -> None:
    assert Settings(region=" gb ").region == "GB"


@pytest.mark.parametrize(
    ("text", "codes"), [("eng", ("eng",)), ("eng+por", ("eng", "por")), ("eng, deu", ("eng", "deu"))]
)
def test_parse_languages(text: str, codes: tuple[str, ...]) -> None:
    assert parse_languages(text) == codes
    assert Settings(languages=codes).tesseract_lang == "+".join(codes)
