"""One printed line holding two fields ("Eric Rothenberg, Owner", "SOMI KIM | Senior Manager",
"5th – 6th Grade Teacher, Mount Pilot Elementary School") becomes one card line per field.

A line is cut at its separators (comma, vertical bar, middle dot, bullet) only when the pieces
are of different kinds: a person's name, a title, a company. An address or a title with a
department after a comma ("Director, Sales & Marketing") stays whole.
"""

from __future__ import annotations

import re
from dataclasses import replace

from capture.extract.lines import CardLine
from capture.extract.names import split_affixes
from capture.extract.organization import BUSINESS_WORDS, LEGAL_RE
from capture.extract.titles import title_strength

SEPARATOR_RE = re.compile(r"\s*[|·•]\s*|,\s+")
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


def split_line(line: CardLine) -> list[CardLine]:
    """The line's fields as lines of their own (the line itself when it holds one field)."""
    cuts = list(SEPARATOR_RE.finditer(line.text))
    if not cuts:
        return [line]
    spans, start = [], 0
    for cut in cuts:
        spans.append((start, cut.start()))
        start = cut.end()
    spans.append((start, len(line.text)))
    segments = [(a, b) for a, b in spans if line.text[a:b].strip()]
    kinds = [kind_of(line.text[a:b]) for a, b in segments]
    named = [k for k in kinds if k]
    if len(set(named)) < 2 or len(named) != len(set(named)):
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
