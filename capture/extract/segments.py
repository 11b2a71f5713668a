"""One printed line holding two fields ("Eric Rothenberg, Owner", "SOMI KIM | Senior Manager",
"5th – 6th Grade Teacher, Mount Pilot Elementary School") becomes one card line per field.

A line is cut at its separators (comma, vertical bar, middle dot, bullet, a spaced dash, a wide
space) only when the pieces are of different kinds: a person's name, a title, a company; or a
name followed by one short piece (its role, in whatever language). An address or a title with a
department after a comma ("Director, Sales & Marketing") stays whole.
"""

from __future__ import annotations

import re
from dataclasses import replace

from capture.extract.addresses import address_score
from capture.extract.lines import CardLine
from capture.extract.names import DEGREES, given_names, split_affixes
from capture.extract.organization import BUSINESS_WORDS, LEGAL_RE
from capture.extract.titles import title_strength

SEPARATOR_RE = re.compile(r"\s*[|·•]\s*|,\s+|\s+[–—-]\s+|\s{2,}")
ADDRESS_LIKE = 0.5  # address_score of a state code or a house number: a line that may be an address
CONNECTORS = {"&", "and", "of", "de", "da", "do", "e", "y", "the", "for"}
COMPANY_WORDS = 3  # a company named by a line-of-business word has this many words at least ("Mount Pilot School")


def kind_of(segment: str) -> str:
    """'title', 'name', 'company' or '' for a piece of a line."""
    if title_strength(segment) >= 1.0:
        return "title"
    if title_strength(segment) > 0:
        return ""
    if LEGAL_RE.search(segment):
        return "company"
    words = [w for w in segment.split() if w.lower() not in CONNECTORS]
    if BUSINESS_WORDS.search(segment) and len(words) >= COMPANY_WORDS:
        return "company"
    parts = split_affixes(segment)
    return "name" if parts is not None and not parts.suffix else ""


def known_given(segment: str) -> bool:
    """The piece starts with a known given name ('Tomas Reyes', not 'Global Operations')."""
    words = segment.split()
    return bool(words) and words[0].lower().strip(".,") in given_names()


def name_then_role(texts: list[str], kinds: list[str]) -> bool:
    """'Gerard Kabus, Projektleiter': a person's name (its first word a known given name), then one
    short piece without digits, is a name and its role, even when the role's word is not known."""
    if len(texts) != 2 or kinds[0] != "name" or kinds[1] not in ("", "title"):
        return False
    first = texts[0].split()[0].lower().strip(".,")
    rest = texts[1]
    degree = all(re.sub(r"[.\s]", "", part).lower() in DEGREES for part in rest.split(","))  # 'D.M.D.', 'PhD'
    return first in given_names() and not degree and not any(ch.isdigit() for ch in rest) and len(rest.split()) <= 5


def split_line(line: CardLine) -> list[CardLine]:
    """The line's fields as lines of their own (the line itself when it holds one field)."""
    cuts = list(SEPARATOR_RE.finditer(line.text))
    # an address line ('Belo Horizonte - MG', 'Suite 4, 88 Quarry Lane') keeps its parts together
    if not cuts or address_score(line.text, "") >= ADDRESS_LIKE:
        return [line]
    spans, start = [], 0
    for cut in cuts:
        spans.append((start, cut.start()))
        start = cut.end()
    spans.append((start, len(line.text)))
    segments = [(a, b) for a, b in spans if line.text[a:b].strip()]
    kinds = [kind_of(line.text[a:b]) for a, b in segments]
    # "Manager, Technical Support", "Senior Vice President, Global Operations": after a title, words
    # shaped like a name but not starting with a given name are the title's own unit or region
    kinds = [
        "" if k == "name" and i and kinds[i - 1] == "title" and not known_given(line.text[a:b]) else k
        for i, (k, (a, b)) in enumerate(zip(kinds, segments, strict=True))
    ]
    named = [k for k in kinds if k]
    if not (len(set(named)) >= 2 and len(named) == len(set(named))) and not name_then_role(
        [line.text[a:b].strip() for a, b in segments], kinds
    ):
        return [line]
    # a legal form after the comma ends its company's name ("Fabrikam, Inc."): no cut there
    texts = [line.text[a:b].strip() for a, b in segments]
    if any(k == "company" and LEGAL_RE.fullmatch(t) for k, t in zip(kinds, texts, strict=True)):
        return [line]
    width = max(1, len(line.text))
    left, right = line.box[0], line.box[2]
    out = []
    for a, b in segments:
        box = (left + (right - left) * a // width, line.box[1], left + (right - left) * b // width, line.box[3])
        out.append(replace(line, text=line.text[a:b].strip(), box=box))
    return out


def split_fields(lines: list[CardLine]) -> list[CardLine]:
    """Every line split into its fields, numbered again in reading order."""
    out = [part for line in lines for part in split_line(line)]
    return [replace(line, index=index) for index, line in enumerate(out)]
