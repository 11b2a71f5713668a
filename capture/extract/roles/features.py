"""The features table of the line-role model: one row per token of the card's words.

A card is one sequence: the words left on each line once contact details are cut out (the
`Piece`s of `assemble`), in reading order, one token per word. Each token carries its own
features and its line's, and the line's neighbours'; the CRF weighs them. Every feature is
listed in `REASONS` with the one line of reason it is there for; knowledge of a kind (given
names, title words, legal forms, address shapes) comes from the module that owns it, so a new
language adds its words there and the model learns how far to trust them.
"""

from __future__ import annotations

import re
import statistics
from collections.abc import Sequence
from dataclasses import dataclass

from capture.extract.addresses import address_score
from capture.extract.lines import CardLine
from capture.extract.names import email_support, given_names, split_affixes
from capture.extract.organization import BUSINESS_WORDS, LEGAL_RE, PROMO_WORDS, compact, domain_agreement
from capture.extract.titles import TITLE_RE, is_department, title_strength

REASONS = {
    "size": "letter height against the card's median: names and companies are printed larger",
    "largest": "the card's largest text is most often the company or the person",
    "row": "vertical third of the card: names and companies sit high, addresses low",
    "col": "horizontal third: a logo or a name block often stands apart at one side",
    "contact": "the line also held an email, phone or website: a name rarely shares a line with them",
    "words": "how many words the line has: names have 2-4, slogans and addresses more",
    "title": "the title lexicon's strength on the line (titles.title_strength)",
    "dept": "a department word and no role word (titles.is_department)",
    "legal": "a legal form (Inc., Ltda., GmbH, 株式会社 ...) marks a company",
    "business": "a line-of-business word (Solutions, Travel, Clínica ...) marks a company",
    "promo": "offer and slogan words ('call now', 'your') mark a slogan, not a name",
    "domain": "the line spells the email or website domain: the company (organization.domain_agreement)",
    "mailname": "the line's words agree with an email local part: the person (names.email_support)",
    "nameshape": "2-5 capitalised words with no stop word, optional Dr./PhD (names.split_affixes)",
    "address": "postal code, street word, house number, ward (addresses.address_score)",
    "digits": "digits on the line: addresses and numbers, rarely names",
    "case": "all capitals, all lower, title case or mixed",
    "conf": "OCR confidence: a badly read line is often a logo or noise",
    "letters": "how many letters the line has: logo fragments are short",
    "w.given": "the word is a known given name (gender-guesser's list)",
    "w.title": "the word is a title word",
    "w.legal": "the word is a legal form",
    "w.business": "the word is a line-of-business word",
    "w.local": "the word appears in an email local part",
    "w.domain": "the word appears in the mail or web domain",
    "w.shape": "capitalised, all capitals, lower case, initial ('K.'), digits, punctuation",
    "w.len": "word length: initials and legal forms are short",
    "w.pos": "first or last word of its line: where a name ends and a title starts",
    "w.lower": "the word itself for short closed-class words (of, and, de, &, the)",
    "rule": "the role the hand-written rules give the line: they hold knowledge the model learns to trust or not",
    "prev/next": "the line above's and below's size, title, name shape, address (a title sits under a name)",
}

CLOSED_WORDS = {"of", "and", "&", "de", "da", "do", "the", "for", "e", "y", "und", "et", "del", "la", "-", "–", ","}


@dataclass(frozen=True)
class CardContext:
    """What the whole card tells about each line: its sizes and the contact details' words."""

    locals_: tuple[str, ...]  # email local parts
    bases: tuple[str, ...]  # registrable names of the mail and web domains
    median_size: float
    largest: float
    height: int
    width: int
    region: str


def context_for(lines: Sequence[CardLine], texts_lines: Sequence[CardLine], locals_: Sequence[str],
                bases: Sequence[str], region: str) -> CardContext:
    sizes = [line.size for line in texts_lines] or [1.0]
    height = max((line.bottom for line in lines), default=1)
    width = max((line.right for line in lines), default=1)
    return CardContext(tuple(locals_), tuple(bases), statistics.median(sizes), max(sizes), max(1, height),
                       max(1, width), region)


def bucket(value: float, edges: Sequence[float]) -> str:
    for index, edge in enumerate(edges):
        if value < edge:
            return str(index)
    return str(len(edges))


def case_of(text: str) -> str:
    letters = [ch for ch in text if ch.isalpha()]
    if not letters:
        return "none"
    if all(ch.isupper() for ch in letters):
        return "upper"
    if all(ch.islower() for ch in letters):
        return "lower"
    words = [w for w in text.split() if w[:1].isalpha()]
    return "title" if all(w[:1].isupper() for w in words if len(w) > 3) else "mixed"


def line_features(line: CardLine, text: str, had_contact: bool, ctx: CardContext) -> dict[str, str]:
    words = text.split()
    letters = sum(ch.isalpha() for ch in text)
    return {
        "size": bucket(line.size / ctx.median_size, (0.8, 0.95, 1.1, 1.35, 1.7)),
        "largest": str(line.size >= 0.95 * ctx.largest),
        "row": bucket(line.center_y / ctx.height, (0.33, 0.66)),
        "col": bucket((line.left + line.right) / 2 / ctx.width, (0.33, 0.66)),
        "contact": str(had_contact),
        "words": bucket(len(words), (2, 3, 4, 6, 8)),
        "title": str(title_strength(text)),
        "dept": str(is_department(text)),
        "legal": str(bool(LEGAL_RE.search(text))),
        "business": str(bool(BUSINESS_WORDS.search(text))),
        "promo": str(bool(PROMO_WORDS.search(text))),
        "domain": str(domain_agreement(text, list(ctx.bases))),
        "mailname": str(email_support(words, list(ctx.locals_))),
        "nameshape": str(split_affixes(text) is not None),
        "address": bucket(address_score(text, ctx.region), (0.3, 0.9, 1.5)),
        "digits": str(any(ch.isdigit() for ch in text)),
        "case": case_of(text),
        "conf": bucket(line.confidence, (0.5, 0.7, 0.85)),
        "letters": bucket(letters, (4, 8, 16, 30)),
    }


NEIGHBOUR_KEYS = ("size", "title", "nameshape", "address", "legal", "mailname", "rule")


def word_shape(word: str) -> str:
    if re.fullmatch(r"[A-Za-zÀ-ÿ]\.", word):
        return "initial"
    if any(ch.isdigit() for ch in word):
        return "digits"
    letters = [ch for ch in word if ch.isalpha()]
    if not letters:
        return "punct"
    if all(ch.isupper() for ch in letters):
        return "upper"
    if letters[0].isupper():
        return "cap"
    return "lower" if all(ch.islower() for ch in letters) else "mixed"


def word_features(word: str, position: int, count: int, ctx: CardContext) -> dict[str, str]:
    key = re.sub(r"[^\w]", "", word.lower())
    folded = compact(word)
    features = {
        "w.given": str(len(key) > 1 and key in given_names()),
        "w.title": str(bool(TITLE_RE.fullmatch(word.strip(",;:")))),
        "w.legal": str(bool(LEGAL_RE.fullmatch(word.strip(",;:")))),
        "w.business": str(bool(BUSINESS_WORDS.fullmatch(word.strip(",;:.")))),
        "w.local": str(len(folded) >= 3 and any(folded in compact(local) for local in ctx.locals_)),
        "w.domain": str(len(folded) >= 3 and any(folded in base or base in folded for base in ctx.bases)),
        "w.shape": word_shape(word),
        "w.len": bucket(len(word), (2, 3, 5, 9)),
        "w.pos": "first" if position == 0 else "last" if position == count - 1 else "mid",
    }
    if key in CLOSED_WORDS or word in CLOSED_WORDS:
        features["w.lower"] = key or word
    return features


@dataclass(frozen=True)
class LineInput:
    line: CardLine
    text: str
    had_contact: bool
    rule: str  # the role today's rules give the line (NAME, TITLE, DEPT, ORG, ADDR or O)


def card_features(pieces: Sequence[LineInput], ctx: CardContext) -> list[list[str]]:
    """The feature strings of every token of the card, line after line (crfsuite's input)."""
    rows = [{**line_features(p.line, p.text, p.had_contact, ctx), "rule": p.rule} for p in pieces]
    out: list[list[str]] = []
    for index, (piece, row) in enumerate(zip(pieces, rows, strict=True)):
        around = {}
        for side, other in (("prev", index - 1), ("next", index + 1)):
            if 0 <= other < len(rows):
                around.update({f"{side}.{k}": rows[other][k] for k in NEIGHBOUR_KEYS})
            else:
                around[f"{side}.none"] = "True"
        words = piece.text.split()
        for position, word in enumerate(words):
            token = {**row, **around, **word_features(word, position, len(words), ctx)}
            out.append(["bias", *(f"{k}={v}" for k, v in token.items())])
    return out


def tokens_of(pieces: Sequence[LineInput]) -> list[tuple[int, str]]:
    """(piece index, word) for every token, in the order of `card_features`."""
    return [(index, word) for index, piece in enumerate(pieces) for word in piece.text.split()]
