"""Which language a card is printed in, told from the card itself, with the region as a hint.

The first reading (Tesseract with English data, PP-OCR beside it in the default mode) already
shows most of it:
- PP-OCR reads Chinese characters and kana: kana means Japanese; Chinese characters alone mean
  Chinese (simplified or traditional, by the characters), or Japanese on a card whose own evidence
  (a +81 number, a .jp address, a 〒 code) or region says Japan.
- No reader of the first pass reads Hangul: a Korean card shows as lines neither reader could read
  (PP-OCR's scores below its threshold, Tesseract's guesses at low confidence) on a card whose
  numbers, domains or region say Korea.
- Latin-script languages are told apart by their words (labels, titles, company forms, street
  words, common words), letters (ß, ñ, ã) and the card's country, each a vote.
Nothing here reads the image again: it is a few milliseconds of counting.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from capture.lang.lexicon import Lexicon, lexicons
from capture.lang.script import script_counts, script_of

CONFIDENT = 0.75  # lines read at least this confidently count as read (script evidence)
GARBLED = 0.6  # a line of 3+ characters read less confidently than this is a guess at unknown script
STRONG_CJK = 12  # Chinese characters (or 6 kana) read that make a card on a Korean card really CJK
MIN_KANA = 2  # kana characters that make a card Japanese
MIN_HAN = 4  # Chinese characters that make a card Chinese or Japanese
UNREAD_LINES = 2  # lines no reader could read that, with Korean evidence, make a card Korean
COUNTRY_VOTE = 2.0  # a phone prefix or domain of the language's country
REGION_VOTE = 1.0  # the region the user gave (a hint: the card's own evidence outweighs it)
LATIN_MIN = 2.5  # votes a language other than English needs to be chosen...
WORDS_MIN = 1.5  # ...of which this many from its own words and letters (a country alone is no language)
ENGLISH_MARGIN = 1.0  # and more than English's by this much: an English card of a German firm stays English

COUNTRY_CODES = {"81": "JP", "82": "KR", "86": "CN", "886": "TW", "852": "HK", "853": "MO", "49": "DE",
                 "43": "AT", "41": "CH", "33": "FR", "32": "BE", "34": "ES", "39": "IT", "31": "NL", "55": "BR",
                 "351": "PT", "52": "MX", "54": "AR", "57": "CO", "56": "CL", "51": "PE"}
PREFIX_RE = re.compile(r"\+\s?(\d{2,3})")
# the country domain of an email or web address ("a@b.co.jp", "www.x.de", "http://x.fr/...", "x.kr")
TLD_RE = re.compile(r"(?:@|www\.|https?://|^|\s)[\w-]+(?:\.[\w-]+)*\.([a-z]{2})(?:/\S*)?(?=\s|$)", re.I)
TLD_COUNTRY = {"uk": "GB"}


@dataclass(frozen=True)
class Evidence:
    """What the first reading shows of a card's language."""

    kana: int
    han: int
    hangul: int
    han_text: str  # the Chinese characters read, in order (simplified or traditional?)
    unread: int  # lines a reader could not read, or read only as a low-confidence guess
    countries: Counter[str]  # from +CC prefixes and country domains
    text: str  # everything read, for the Latin-script words


def evidence_of(readings: Iterable[tuple[Iterable[tuple[str, float]], int]]) -> Evidence:
    """What one card's readings show: each reading is its lines (text, confidence) and how many
    lines its reader could not read."""
    counts: Counter[str] = Counter()
    han_text: list[str] = []
    unread = 0
    countries: Counter[str] = Counter()
    texts = []
    for lines, not_read in readings:
        garbled = 0
        for text, confidence in lines:
            texts.append(text)
            garbled += confidence < GARBLED and len(text.replace(" ", "")) >= 3
            if confidence >= CONFIDENT:
                found = script_counts(text)
                counts.update(found)
                if found["Han"]:
                    han_text.append(text)
            for match in PREFIX_RE.finditer(text):
                code = match.group(1)
                country = COUNTRY_CODES.get(code) or COUNTRY_CODES.get(code[:2])
                if country:
                    countries[country] += 1
            for match in TLD_RE.finditer(text):
                tld = match.group(1).lower()
                countries[TLD_COUNTRY.get(tld, tld.upper())] += 1
        unread = max(unread, not_read + garbled)
    return Evidence(counts["Kana"], counts["Han"], counts["Hangul"], "".join(han_text), unread, countries,
                    "\n".join(texts))


def chinese_form(text: str) -> str:
    """'zh-Hant' when more of the characters read are traditional-only forms than simplified-only
    ones, else 'zh-Hans' (a reader may give a simplified form here and there for a traditional card)."""
    try:
        import hanzidentifier  # type: ignore[import-untyped,unused-ignore]
    except ImportError:  # pragma: no cover - a declared dependency
        return "zh-Hans"
    kinds = Counter(hanzidentifier.identify(char) for char in set(text) if script_of(char) == "Han")
    return "zh-Hant" if kinds[hanzidentifier.TRADITIONAL] > kinds[hanzidentifier.SIMPLIFIED] else "zh-Hans"


def latin_votes(evidence: Evidence, region: str) -> tuple[dict[str, float], dict[str, float]]:
    """Votes for each Latin-script language: its words and letters on the card (the first counter),
    and those plus its countries' (the second). A word several languages share ('director',
    'tel') is split between them."""
    text = evidence.text.lower()
    tokens = Counter(re.findall(r"[^\W\d_]+(?:['’][^\W\d_]+)?\.?", text))
    latin = {code: lex for code, lex in lexicons().items() if code not in ("ja", "zh", "ko")}
    owners: Counter[str] = Counter()
    for lex in latin.values():
        owners.update(set(lex.markers) | set(word_list(lex)))
    words: dict[str, float] = defaultdict(float)
    for code, lex in latin.items():
        words[code] += sum(min(2, tokens[w] + tokens[w.rstrip(".")]) * 0.5 / owners[w] for w in set(lex.markers))
        words[code] += sum(1.0 / owners[w] for w in set(word_list(lex)) if w_in(w, text, tokens))
        words[code] += sum(0.5 for ch in lex.letters if ch in text)
    votes: dict[str, float] = defaultdict(float, words)
    for code, lex in latin.items():
        votes[code] += sum(COUNTRY_VOTE for country in lex.countries if evidence.countries[country])
        if region in lex.countries:
            votes[code] += REGION_VOTE
    return words, votes


def word_list(lex: Lexicon) -> tuple[str, ...]:
    """The words of a lexicon that tell its language on a card (not the markers: those are weaker)."""
    labels = tuple(w for kind in lex.phone_labels.values() for w in kind)
    return (*lex.titles, *lex.company_forms, *lex.business_words, *labels, *lex.other_labels, *lex.street_words)


def w_in(word: str, text: str, tokens: Counter[str]) -> bool:
    if " " in word or not word.isalpha():
        return re.search(rf"(?<!\w){re.escape(word)}(?!\w)", text) is not None
    return tokens[word] > 0


def guess_language(readings: Iterable[tuple[Iterable[tuple[str, float]], int]], region: str = "") -> str:
    """The language code ('en', 'ja', 'zh-Hant', 'ko', 'de', ...) a card is printed in, from its
    readings (`evidence_of`) and the region the user gave."""
    evidence = evidence_of(readings)
    cjk_country = next((c for c, _ in evidence.countries.most_common() if c in ("JP", "KR", "CN", "TW", "HK")), "")
    korea = cjk_country == "KR" or (not cjk_country and region == "KR")
    # Hangul read as a few Chinese characters or kana by PP-OCR, which does not know it: on a Korean
    # card, lines nobody could read or such characters make it Korean, unless they are many
    strong = evidence.han >= STRONG_CJK or evidence.kana >= STRONG_CJK // 2
    if korea and not strong and (evidence.unread >= UNREAD_LINES or evidence.han + evidence.kana >= 2):
        return "ko"
    if evidence.kana >= MIN_KANA and evidence.kana + evidence.han >= MIN_HAN:
        return "ja"
    if evidence.hangul >= 2:
        return "ko"
    if evidence.han >= MIN_HAN:
        if cjk_country == "JP" or (not cjk_country and region == "JP"):
            return "ja"
        return chinese_form(evidence.han_text)
    words, votes = latin_votes(evidence, region)
    best, score = max(votes.items(), key=lambda item: (item[1], item[0] == "en"), default=("en", 0.0))
    if best != "en" and score >= LATIN_MIN and score > votes["en"] + ENGLISH_MARGIN and words[best] >= WORDS_MIN:
        return best
    return "en"
