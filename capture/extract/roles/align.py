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


# ---- generated cards: every printed line's words and their roles are known --------------------

GENERATED_ROLES = {"name": "NAME", "title": "TITLE", "department": "DEPT", "org": "ORG", "address": "ADDR"}
CHAR_MATCH = 0.6  # share of a read word's letters found in one printed line for the word to be that line's
SHORT_WORD = 2  # words this short are matched whole, never as letters inside another word
SPAN_SLACK = 1.5  # the stretch of a printed line a read word's letters may spread over, in word lengths
PIECE_LINE_SLACK = 0.15  # a word keeps to its piece's main printed line unless another matches this much better


def printed_chars(printed: Sequence[dict[str, Any]]) -> list[tuple[str, list[str], dict[str, str]]]:
    """Each printed line's letters (folded, no spaces) and the role of each letter, from the
    generator's token roles (`label["lines"][i]["tokens"]`: [word, role] pairs)."""
    out = []
    for line in printed:
        letters: list[str] = []
        roles: list[str] = []
        words: dict[str, str] = {}
        for word, role in line.get("tokens") or [[w, line.get("role", "other")] for w in line["text"].split()]:
            folded = fold(word).replace(" ", "")
            letters.append(folded)
            roles += [GENERATED_ROLES.get(role, "O")] * len(folded)
            words.setdefault(folded, GENERATED_ROLES.get(role, "O"))
        out.append(("".join(letters), roles, words))
    return out


def word_in_line(word: str, chars: str, words: dict[str, str]) -> tuple[float, int, int]:
    """How much of a read word one printed line holds: (share of its letters, start, end in the
    line). Letters matched in order within a stretch not much longer than the word count, so a
    word read with a wrong letter ('Brovvn') is found whole."""
    if not word or not chars:
        return 0.0, 0, 0
    if len(word) <= SHORT_WORD:  # 'a', 'de', 'GA': only the same word printed counts
        at = chars.find(word)
        return (1.0, at, at + len(word)) if word in words and at >= 0 else (0.0, 0, 0)
    blocks = [b for b in SequenceMatcher(None, word, chars, autojunk=False).get_matching_blocks() if b.size]
    if not blocks:
        return 0.0, 0, 0
    longest = max(blocks, key=lambda b: b.size)
    start, end = blocks[0].b, blocks[-1].b + blocks[-1].size
    if end - start <= SPAN_SLACK * len(word) + 1:
        return sum(b.size for b in blocks) / len(word), start, end
    return longest.size / len(word), longest.b, longest.b + longest.size


def printed_roles(texts: Sequence[str], printed: Sequence[dict[str, Any]]) -> list[list[str]]:
    """One role per word of each read line (`text.split()`), from a generated card's printed lines.

    A read word is found in the printed line that holds most of its letters (a word read with a
    wrong letter or two, or CJK text the OCR cut differently from the generator, still lands);
    the words of one read line keep to the printed line most of them came from, so a word the card
    prints twice (the company in its logo and its tagline) takes the role of the line read. A word
    found nowhere (debris of a logo, the page around a photographed card) is `O`."""
    lines = printed_chars(printed)
    out = []
    for text in texts:
        words = [fold(w).replace(" ", "") for w in text.split()]
        found = [[word_in_line(word, chars, vocab) for chars, _, vocab in lines] for word in words]
        votes = [0.0] * len(lines)
        for word, matches in zip(words, found, strict=True):
            for index, (share, _, _) in enumerate(matches):
                if share >= CHAR_MATCH:
                    votes[index] += share * len(word)
        home = max(range(len(lines)), key=lambda i: votes[i]) if lines and max(votes) > 0 else -1
        tags = []
        previous = -1
        for matches in found:
            best = max(range(len(lines)), key=lambda i: matches[i][0], default=-1)
            if best < 0 or matches[best][0] < CHAR_MATCH:
                tags.append("O")
                continue
            # a word printed on two lines goes with the word before it, else with the read line's home
            for keep in (previous, home):
                if keep >= 0 and matches[keep][0] >= matches[best][0] - PIECE_LINE_SLACK:
                    best = keep
                    break
            previous = best
            _, start, end = matches[best]
            roles = lines[best][1][start:end]
            tags.append(max(ROLES, key=roles.count) if roles else "O")
        out.append(tags)
    return out
