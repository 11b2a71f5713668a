"""One language's words for the parts of a card, and all languages' words together.

A `Lexicon` holds what a card printed in one language says with words: job titles, departments,
company forms, words that name a kind of business, phone and other field labels, street words,
and a few common words that tell the language apart. Latin-script words are matched as whole
words (case-insensitive); Chinese, Japanese and Korean words, written without spaces, as the
end of a unit ("営業部長" ends with 部長) or anywhere in it for company forms ("株式会社").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache


@dataclass(frozen=True)
class Lexicon:
    language: str
    titles: tuple[str, ...] = ()
    # Latin languages that glue words ("Vertriebsleiterin"): a word ending in one of these is a title
    title_endings: tuple[str, ...] = ()
    departments: tuple[str, ...] = ()
    department_endings: tuple[str, ...] = ()
    company_forms: tuple[str, ...] = ()
    business_words: tuple[str, ...] = ()
    phone_labels: dict[str, tuple[str, ...]] = field(default_factory=dict)  # by phone type: work, mobile, fax
    other_labels: tuple[str, ...] = ()  # email, website, address labels
    address_labels: tuple[str, ...] = ()  # "本社", "Filiale": which address this is
    street_words: tuple[str, ...] = ()
    markers: tuple[str, ...] = ()  # common words that tell this language from the others
    letters: str = ""  # letters only this language (of those here) uses much: 'ß', 'ñ'
    countries: tuple[str, ...] = ()  # where it is the main language of cards (ISO 3166)


@cache
def lexicons() -> dict[str, Lexicon]:
    """Every language's lexicon, by language code."""
    from capture.lang import de, en, es, fr, it, ja, ko, nl, pt, zh

    return {lex.language: lex for lex in (en.LEXICON, pt.LEXICON, de.LEXICON, fr.LEXICON, es.LEXICON,
                                          it.LEXICON, nl.LEXICON, ja.LEXICON, zh.LEXICON, ko.LEXICON)}


def words(kind: str, languages: tuple[str, ...] | None = None) -> tuple[str, ...]:
    """One kind of word ('titles', 'company_forms', ...) of the given languages (all by default),
    without repeats, longest first (so a regex alternation tries 'Geschäftsführerin' before
    'Geschäftsführer')."""
    found: dict[str, None] = {}
    for code, lex in lexicons().items():
        if languages is None or code in languages:
            for word in getattr(lex, kind):
                found.setdefault(word, None)
    return tuple(sorted(found, key=len, reverse=True))


def latin(items: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(w for w in items if not any(ord(ch) >= 0x2E80 for ch in w))


def cjk(items: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(w for w in items if any(ord(ch) >= 0x2E80 for ch in w))


def alternation(items: tuple[str, ...]) -> str:
    """A regex alternation of the words, longest first; a space in a word matches any spaces."""
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(items, key=len, reverse=True))


def phone_labels(kind: str) -> tuple[str, ...]:
    """Every language's labels for one phone type ('work', 'mobile', 'fax')."""
    found: dict[str, None] = {}
    for lex in lexicons().values():
        for word in lex.phone_labels.get(kind, ()):
            found.setdefault(word, None)
    return tuple(sorted(found, key=len, reverse=True))
