"""Line roles learned from cards: which words are the person, the title, the department, the
company, the address or other (features table `features`, targets `align`, CRF `model`)."""

from __future__ import annotations

from collections.abc import Sequence

from capture.extract.lines import CardLine
from capture.extract.organization import domain_bases
from capture.extract.roles.features import CardContext, LineInput, context_for

__all__ = ["CardContext", "LineInput", "role_inputs"]


def role_inputs(
    lines: Sequence[CardLine],
    pieces: Sequence[tuple[CardLine, str, bool]],
    emails: Sequence[str],
    hosts: Sequence[str],
    region: str,
    rules: Sequence[str],
) -> tuple[list[LineInput], CardContext]:
    """The model's input for one card: its pieces (line, words left, held contact details, the role
    the rules give it) and the card-wide context (sizes, email local parts, domain names)."""
    inputs = [
        LineInput(line, text, had_contact, rule)
        for (line, text, had_contact), rule in zip(pieces, rules, strict=True)
    ]
    locals_ = [address.split("@", 1)[0] for address in emails]
    ctx = context_for(lines, [p.line for p in inputs], locals_, domain_bases(list(hosts)), region)
    return inputs, ctx
