"""Company names printed as logos: fragments put back together, checked against the business's handles.

A logo is often read as several boxes ("Vento" | "Norte" / "Sul de Minas"), with junk letters
("Sollutons" for "Solutions"), or only as its acronym while the long form is printed elsewhere on the card. The
business's handles (web domain, a shop's mailbox at a provider, a social page's path) are spelled
without spaces; where the card's own words spell a handle, those words are the company's name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher

from capture.extract.lines import CardLine
from capture.normalize.text import fold

# Small words a handle leaves out: "Padaria Nossa Senhora da Luz" → "padariansluz".
CONNECTORS = {"de", "da", "do", "das", "dos", "del", "la", "le", "du", "of", "the", "and", "e", "y", "et", "&"}


@dataclass(frozen=True)
class Covering:
    text: str
    indexes: tuple[int, ...]


def closest_word(word: str, vocabulary: list[str], cut: float = 0.75) -> str | None:
    """The vocabulary word a junk-read word stands for ('Sollutons' → 'solutions'), if close enough."""
    folded = fold(word)
    if len(folded) < 6 or not re.fullmatch(r"[^\W\d_]+", word):
        return None
    best, best_ratio = None, cut - 1e-9
    for known in vocabulary:  # the first of equals wins: the list gives the accented spelling first
        ratio = SequenceMatcher(None, folded, fold(known)).ratio()
        if ratio > best_ratio:
            best, best_ratio = known, ratio
    return best


def initials(text: str, skip: set[str]) -> str:
    return "".join(w[0] for w in re.findall(r"[^\W\d_]+", text.lower()) if w not in skip)


def long_form(acronym: str, candidates: list[tuple[CardLine, str]], skip: set[str]) -> tuple[CardLine, str] | None:
    """A line printed on the card whose words' initials are the acronym read as the logo ('QRT' →
    'Quill River Trading'): the long form says more than the logo."""
    letters = fold(acronym)
    if not (2 <= len(letters) <= 5) or not letters.isalpha() or len(acronym.split()) > 2:
        return None
    for line, text in candidates:
        words = re.findall(r"[^\W\d_]+", text)
        if len(words) >= len(letters) and initials(text, skip | CONNECTORS) == letters:
            return line, text
    return None


def _same_row(a: CardLine, b: CardLine) -> bool:
    overlap = min(a.bottom, b.bottom) - max(a.top, b.top)
    gap = max(a.left, b.left) - min(a.right, b.right)
    return overlap > 0.5 * min(a.bottom - a.top, b.bottom - b.top) and gap < 1.0 * max(a.size, b.size)


def _stacked(upper: CardLine, lower: CardLine) -> bool:
    gap = lower.top - upper.bottom
    overlap = min(upper.right, lower.right) - max(upper.left, lower.left)
    return -0.6 * upper.size < gap < 0.3 * lower.size and overlap > 0.5 * (lower.right - lower.left)


def logo_fragments(
    best: CardLine, others: list[tuple[CardLine, str]], median_size: float
) -> list[tuple[CardLine, str]]:
    """Big-type single words that belong to the same logo as `best`: beside it in the same row with
    letters of about its height, or tucked right under it in the same column, in type above the
    card's body text. A monogram of the name's initials is no part of it. `best` itself is left out."""
    found = []
    for line, text in others:
        if line.index == best.index or len(text.split()) != 1 or not re.fullmatch(r"[^\W\d_]{3,}", text):
            continue
        if fold(text) == initials(best.text, CONNECTORS):  # a monogram beside the name it abbreviates
            continue
        similar = min(line.size, best.size) >= 0.7 * max(line.size, best.size)
        big = line.size >= 0.4 * best.size and line.size >= 1.2 * median_size
        if (similar and _same_row(best, line)) or (big and _stacked(best, line)):
            found.append((line, text))
    return found


def cover_handle(handle: str, words: list[tuple[int, str]]) -> Covering | None:
    """The run of the card's words (reading order, with their line indexes) that spells a handle,
    each word in full or by its first letter, small connecting words optional: 'padariansluz' ←
    'Padaria Nossa Senhora da Luz'. At least two words, one of them spelled in full (4+ letters)."""
    for start in range(len(words)):
        end = _spell(handle, 0, words, start, full=0)
        if end is not None and end - start >= 2:
            run = words[start:end]
            return Covering(" ".join(w for _, w in run), tuple(sorted({i for i, _ in run})))
    return None


def _spell(handle: str, pos: int, words: list[tuple[int, str]], at: int, full: int) -> int | None:
    """The end of a run from `at` that spells handle[pos:], or None (small search: words are few)."""
    if pos == len(handle):
        return at if full else None
    if at >= len(words):
        return None
    word = fold(words[at][1])
    if not word:
        return None
    if len(word) >= 2 and handle.startswith(word, pos):
        end = _spell(handle, pos + len(word), words, at + 1, full + (len(word) >= 4))
        if end is not None:
            return end
    if pos > 0 and handle[pos] == word[0]:
        end = _spell(handle, pos + 1, words, at + 1, full)
        if end is not None:
            return end
    if pos > 0 and word in CONNECTORS:
        return _spell(handle, pos, words, at + 1, full)
    return None


def agreed_handle(handles: list[str]) -> str | None:
    """A name two handles agree on: a shop's mailbox that is the head of its web domain
    ('ventonorte@provider' and 'ventonorteclimatizacao.com.br' → 'ventonorte')."""
    for short in handles:
        for long in handles:
            if len(short) >= 5 and len(long) > len(short) + 2 and long.startswith(short):
                return short
    return None


def tail_from_handle(text: str, handle: str) -> str | None:
    """A logo read only up to the middle of a handle: its last letters start the handle and the
    handle goes on ('Xthegreen' + 'greenhouse' → 'Xthegreen House')."""
    folded = fold(text)
    for k in range(min(len(folded) - 1, len(handle) - 4), 3, -1):
        if folded.endswith(handle[:k]):
            return f"{text} {handle[k:].capitalize()}"
    return None
