"""Writing systems of characters: Han (Chinese characters, kanji, hanja), kana, Hangul, Latin.

Cards mix scripts (a Japanese card prints its email in Latin letters), so text is measured by
how many characters of each script it holds, not by a single label.
"""

from __future__ import annotations

from collections import Counter
from functools import lru_cache

HAN_RANGES = ((0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF), (0x20000, 0x2FA1F))
KANA_RANGES = ((0x3040, 0x309F), (0x30A0, 0x30FF), (0x31F0, 0x31FF), (0xFF66, 0xFF9F))
HANGUL_RANGES = ((0xAC00, 0xD7A3), (0x1100, 0x11FF), (0x3130, 0x318F))
# Marks written with kanji: 々 (repeat), 〆, ヶ (as in 佐々木, 霞ヶ関) count as Han
HAN_MARKS = frozenset("々〆〇ヶ")


def _within(code: int, ranges: tuple[tuple[int, int], ...]) -> bool:
    return any(low <= code <= high for low, high in ranges)


@lru_cache(maxsize=8192)  # a card uses a few hundred characters; extraction asks about each many times
def script_of(char: str) -> str:
    """'Han', 'Kana', 'Hangul', 'Latin', 'Digit' or '' (punctuation, spaces, other scripts)."""
    if char in HAN_MARKS:
        return "Han"
    code = ord(char)
    if _within(code, HAN_RANGES):
        return "Han"
    if _within(code, KANA_RANGES):  # the long-vowel mark ー too
        return "Kana"
    if _within(code, HANGUL_RANGES):
        return "Hangul"
    if char.isdigit():
        return "Digit"
    if char.isalpha() and code < 0x2C00:
        return "Latin"
    return ""


def script_counts(text: str) -> Counter[str]:
    """How many characters of each script the text holds."""
    return Counter(script for script in map(script_of, text) if script)


def is_cjk(char: str) -> bool:
    """A character of the Chinese, Japanese or Korean scripts (written without spaces between words)."""
    return script_of(char) in ("Han", "Kana", "Hangul")


def cjk_share(text: str) -> float:
    """The share of the text's letters that are Han, kana or Hangul."""
    counts = script_counts(text)
    letters = counts["Han"] + counts["Kana"] + counts["Hangul"] + counts["Latin"]
    return (counts["Han"] + counts["Kana"] + counts["Hangul"]) / letters if letters else 0.0


def has_cjk(text: str) -> bool:
    return any(is_cjk(ch) for ch in text)


def join_cjk_spaces(text: str) -> str:
    """'株 式 会 社 昭和' → '株式会社昭和': Tesseract's CJK models put a space between characters of
    one word; CJK scripts write none (Korean puts spaces between words, so Hangul keeps them)."""
    out: list[str] = []
    for i, char in enumerate(text):
        if char == " " and out and i + 1 < len(text):
            before, after = script_of(out[-1]), script_of(text[i + 1])
            if before in ("Han", "Kana") and after in ("Han", "Kana"):
                continue
        out.append(char)
    return "".join(out)
