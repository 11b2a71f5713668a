"""Training targets: the role of each word on a card, from a label of the realcards format.

A label says what the card's name, title, department, company and addresses are, not where they
are printed; the OCR's words are matched back to those fields. A line mostly covered by one
field takes that role whole; a line holding two ("Jane Doe Head of Operations") is tagged word
by word. A word matching no field is `O` (slogans, logos' debris, labels).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from difflib import SequenceMatcher
from typing import Any

ROLES = ("NAME", "TITLE", "DEPT", "ORG", "ADDR", "O")
LINE_COVER = 0.6  # share of a line's words one field must match for the whole line to take its role
WORD_MATCH = 0.8  # similarity of two words read and labelled to count as the same word


def fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text or "")
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    return re.sub(r"[^\w]+", " ", text).strip()


def field_words(label: dict[str, Any]) -> dict[str, list[str]]:
    """The words of each role's fields as the label states them."""
    addresses = label.get("addresses") or []
    values = {
        "NAME": [label.get("name"), label.get("name_native"), label.get("given"), label.get("family")],
        "TITLE": [label.get("title"), *(label.get("title_alt") or [])],
        "DEPT": [label.get("department")],
        "ORG": [label.get("org"), *(label.get("org_alt") or [])],
        "ADDR": [a.get(k) for a in addresses for k in ("street", "city", "region", "postal_code", "country")],
    }
    return {role: fold(" ".join(v for v in found if v)).split() for role, found in values.items()}


def word_matches(word: str, words: Sequence[str]) -> bool:
    word = fold(word).replace(" ", "")
    if not word:
        return False
    for other in words:
        if word == other or (len(word) >= 4 and SequenceMatcher(None, word, other).ratio() >= WORD_MATCH):
            return True
    return False


def line_roles(texts: Sequence[str], label: dict[str, Any]) -> list[list[str]]:
    """One role per word of each line (the words are `text.split()`)."""
    fields = field_words(label)
    out = []
    for text in texts:
        words = text.split()
        hits = {role: [word_matches(w, vocab) for w in words] for role, vocab in fields.items()}
        cover = {role: sum(h) / max(1, len(words)) for role, h in hits.items()}
        best = max(cover, key=lambda role: cover[role])
        if cover[best] >= LINE_COVER:
            out.append([best] * len(words))
            continue
        tags = []
        for index in range(len(words)):
            matching = [role for role in fields if hits[role][index]]
            tags.append(matching[0] if len(matching) == 1 else (best if best in matching else "O"))
        # a lone matched word in a line of other words is a coincidence ("Manager" in a slogan)
        if sum(t != "O" for t in tags) == 1 and len(words) >= 4:
            tags = ["O"] * len(words)
        out.append(tags)
    return out
