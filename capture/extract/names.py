"""Person names: which line is the person, and its parts (prefix, given, middle, family, suffix).

A line is a person's name when its words look like one (2–5 alphabetic words, no company,
title, street or function words) and the card backs it up: the first word is a known given name
(gender-guesser's list of ~45,000 names from many countries), its words appear in the email's
local part, a job title sits right next to it, or it is printed larger than the rest. A card
that names no person gets no name: nothing is invented.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from nameparser import HumanName

from capture.contact import Evidence, PersonName
from capture.extract.lines import CardLine

PREFIXES = {
    "dr",
    "mr",
    "mrs",
    "ms",
    "miss",
    "mx",
    "prof",
    "sir",
    "dame",
    "rev",
    "hon",
    "sr",
    "sra",
    "srta",
    "dra",
    "eng",
    "ing",
    "herr",
    "frau",
    "mme",
    "mlle",
    "m",
    "don",
    "doña",
    # Spanish and Portuguese academic courtesy titles: Licenciado/a, Arquitecto/a, Professora
    "lic",
    "licda",
    "lcdo",
    "lcda",
    "arq",
    "profa",
}
DEGREES = {
    "phd",
    "md",
    "dds",
    "dmd",
    "do",
    "dvm",
    "rn",
    "np",
    "pa",
    "cpa",
    "mba",
    "ma",
    "ms",
    "msc",
    "bsc",
    "ba",
    "bs",
    "jd",
    "llm",
    "esq",
    "pe",
    "pmp",
    "cfa",
    "cfp",
    "ceng",
    "frcs",
    "mrcp",
    "facs",
    "od",
    "dc",
    "pharmd",
    "edd",
    "psyd",
    "lcsw",
    "jr",
    "sr",
    "ii",
    "iii",
    "iv",
    "mdiv",
    "aia",
    "leed",
    "ap",
}
PARTICLES = {
    "de",
    "da",
    "do",
    "dos",
    "das",
    "del",
    "della",
    "di",
    "du",
    "van",
    "von",
    "der",
    "den",
    "la",
    "le",
    "bin",
    "binti",
    "al",
    "el",
    "ter",
    "ten",
    "y",
}
# Words that never occur in a person's name on a card.
STOP_WORDS = {
    "and",
    "or",
    "e",
    "et",
    "und",
    "&",
    "the",
    "of",
    "for",
    "your",
    "our",
    "is",
    "are",
    "at",
    "to",
    "a",
    "an",
    "in",
    "on",
    "by",
    "with",
    "from",
    "we",
    "you",
    "here",
    "free",
    "offer",
    "call",
    "visit",
    "hours",
    "com",
    "para",
    "em",
    "no",
    "na",
    "os",
    "as",
    "um",
    "uma",
    "aluguel",
    "office",
    "appointment",
    "www",
    "tel",
    "fax",
    "phone",
    "email",
    "mobile",
    "cell",
    "web",
    "inc",
    "ltd",
    "llc",
    "co",
    "corp",
    "gmbh",
    "ltda",
    "sa",
    "company",
    "group",
    "solutions",
    "services",
    "systems",
    "international",
    "center",
    "centre",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "segunda",
    "terça",
    "quarta",
    "quinta",
    "sexta",
    "sábado",
    "sabado",
    "domingo",
    "à",
    "às",
    "sem",
}
# Small words kept lower case when text is written back in natural case.
MINOR_WORDS = {"of", "and", "for", "the", "to", "in", "at", "on", "e", "y", "et", "und", "em", "com", "para"}
# Vietnamese names are printed family name first ("Pham Ngoc Hung").
FAMILY_FIRST = {
    "nguyen",
    "tran",
    "le",
    "pham",
    "hoang",
    "huynh",
    "phan",
    "vu",
    "vo",
    "dang",
    "bui",
    "do",
    "ho",
    "ngo",
    "duong",
    "ly",
    "trinh",
    "dinh",
    "truong",
    "mai",
    "lam",
    "luong",
}
NAME_WORD_RE = re.compile(r"^(?:[A-Za-zÀ-ÖØ-öø-ÿ][A-Za-zÀ-ÖØ-öø-ÿ'’\-]*\.?|[A-Za-zÀ-ÖØ-öø-ÿ]\.)$")


@cache
def given_names() -> frozenset[str]:
    """Known given names, lowercased (empty when gender-guesser is not installed)."""
    try:
        from gender_guesser import detector  # type: ignore[import-untyped,unused-ignore]
    except ImportError:  # pragma: no cover - the package is a declared dependency
        return frozenset()
    return frozenset(name.lower() for name in detector.Detector(case_sensitive=False).names)


def natural_case(text: str, keep_short_upper: bool = False) -> str:
    """'MARK D. MALVIN' → 'Mark D. Malvin'; "D'AURIA" → "D'Auria"; particles stay lower."""
    out = []
    for i, word in enumerate(text.split()):
        if keep_short_upper and len(word.strip(".,")) <= 2 and word.strip(".,").isalpha():
            out.append(word)
            continue
        lower = word.lower()
        if i > 0 and (lower in PARTICLES or lower in MINOR_WORDS):
            out.append(lower)
            continue
        fixed = re.sub(r"[A-Za-zÀ-ÖØ-öø-ÿ]+", lambda m: m.group().capitalize(), lower)
        fixed = re.sub(r"(?<=\d)(St|Nd|Rd|Th)\b", lambda m: m.group().lower(), fixed)
        fixed = re.sub(r"-(Ku|Shi|Cho|Machi|Gun|Mura)\b", lambda m: m.group().lower(), fixed)
        fixed = re.sub(r"\bMc([a-z])", lambda m: "Mc" + m.group(1).upper(), fixed)
        out.append(fixed)
    return " ".join(out)


def repair_name_text(text: str) -> str:
    """OCR slips inside names: '!' or '|' read for 'l', stray punctuation at the ends."""
    text = re.sub(r"(?<=[a-z])[!|](?=[a-z]|\s|$)", "l", text)
    text = re.sub(r"^[^\w'(]+|[^\w.)]+$", "", text)
    return " ".join(text.split())


@dataclass(frozen=True)
class NameParts:
    prefix: str
    core: list[str]
    suffix: str


def split_affixes(text: str) -> NameParts | None:
    """'DR. KELLY FOCHT' → prefix Dr.; 'MARK D. MALVIN, D.M.D.' → suffix DMD; None if no name shape."""
    text = repair_name_text(text)
    main, _, tail = text.partition(",")
    suffixes = []
    for part in tail.split(",") if tail else []:
        key = re.sub(r"[.\s]", "", part).lower()
        if key in DEGREES:
            suffixes.append(part.strip())
        elif part.strip():
            return None  # "Apex, Inc." or a place: not a person
    words = main.split()
    prefix = []
    while words and words[0].lower().rstrip(".") in PREFIXES and len(words) > 2:
        prefix.append(words.pop(0))
    # (a degree is written in capitals: a lower-case 'do' is a particle, 'Ótica Albuquerque do' runs on)
    while words and re.sub(r"[.\s]", "", words[-1]).lower() in DEGREES and len(words) > 2 and not words[-1].islower():
        suffixes.insert(0, words.pop())
    if words and words[-1].lower() in PARTICLES:
        return None  # a name never ends with a particle: the line runs on
    if not 2 <= len(words) <= 5 or not all(NAME_WORD_RE.match(w) for w in words):
        return None
    if any(w.lower().strip(".") in STOP_WORDS and not re.fullmatch(r"\w\.", w) for w in words) or any(
        w.lower().endswith(("'s", "’s")) for w in words
    ):
        return None
    if sum(1 for w in words if len(w.rstrip(".")) > 1) < 2:
        return None
    # OCR debris ("ot oe Mercier"): short lower-case words that are no name particle
    if any(len(w) <= 2 and w.islower() and w not in PARTICLES for w in words) and not " ".join(words).islower():
        return None
    # "go." or "Av." is an abbreviation, not part of a name (initials "D." are fine)
    if any(w.endswith(".") and len(w) > 2 for w in words):
        return None
    return NameParts(" ".join(prefix), words, ", ".join(suffixes))


def format_degree(suffix: str) -> str:
    """'D.M.D.' → 'DMD', 'Ph.D.' → 'PhD': degrees written the usual compact way; 'Jr.' stays."""
    out = []
    for part in suffix.split(","):
        part = part.strip()
        compact = part.replace(".", "").replace(" ", "")
        if compact.lower() in DEGREES and compact.lower() not in ("jr", "sr"):
            out.append(
                "PhD"
                if compact.lower() == "phd"
                else compact.upper()
                if compact.isupper() or len(compact) <= 4
                else compact
            )
        else:
            out.append(part)
    return ", ".join(p for p in out if p)


def case_of(words: list[str]) -> str:
    letters = "".join(words)
    if letters.isupper():
        return "upper"
    if letters.islower():
        return "lower"
    return "title" if all(w[:1].isupper() or w.lower() in PARTICLES for w in words) else "mixed"


def email_support(words: list[str], locals_: list[str]) -> float:
    """How well the email local parts agree with the name words (0..1)."""
    best = 0.0
    tokens = [re.sub(r"[^a-z]", "", w.lower()) for w in words]
    tokens = [t for t in tokens if t]
    for local in locals_:
        local = re.sub(r"[^a-z]", "", local.lower())
        if not local:
            continue
        hits = sum(1 for t in tokens if len(t) >= 3 and t in local)
        if hits >= 1:
            best = max(best, 1.0 if hits >= 2 or len(local) <= len(max(tokens, key=len)) + 2 else 0.8)
        elif len(tokens) >= 2 and local == "".join(t[0] for t in tokens):
            best = max(best, 0.7)
    return best


def build_name(line: CardLine, parts: NameParts, confidence: float) -> PersonName:
    words = parts.core
    if case_of(words) in ("upper", "lower"):
        words = natural_case(" ".join(words)).split()
    core = " ".join(words)
    prefix = natural_case(parts.prefix) if parts.prefix else ""
    suffix = format_degree(parts.suffix)
    parsed = HumanName(core)
    given, middle, family = parsed.first, parsed.middle, parsed.last
    if not family and len(words) >= 2:
        given, family = words[0], words[-1]
    if len(words) >= 3 and words[0].lower() in FAMILY_FIRST:
        given, middle, family = " ".join(words[1:]), "", words[0]
    full = " ".join(p for p in (prefix, core) if p) + (f", {suffix}" if suffix else "")
    return PersonName(
        full=full,
        prefix=prefix,
        given=given,
        middle=middle,
        family=family,
        suffix=suffix,
        confidence=round(confidence, 3),
        evidence=Evidence(line.text, line.box, line.engine),
    )
