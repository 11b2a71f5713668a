"""Training sequences for the line-role model from OCR pages and their labels."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from capture.extract.assemble import decide, model_inputs, read_details
from capture.extract.roles.align import line_roles, printed_roles
from capture.extract.roles.features import card_features
from capture.ocr.result import OcrLine, OcrPage, OcrWord
from capture.settings import Settings

Sequence_ = tuple[list[list[str]], list[str]]


def page_sequence(page: OcrPage, label: dict[str, Any], settings: Settings) -> Sequence_ | None:
    """One page's token features and the roles its label gives them (None: no words left)."""
    card = read_details(page, settings)
    if not card.pieces:
        return None
    inputs, ctx = model_inputs(card, decide(card, settings))
    texts = [p.text for p in inputs]
    # a generated card knows every printed word's role; a labelled real card only its fields' values
    tagged = printed_roles(texts, label["lines"]) if label.get("lines") else line_roles(texts, label)
    roles = [role for tags in tagged for role in tags]
    return card_features(inputs, ctx), roles


def sequences(cards: Iterable[tuple[Sequence[OcrPage], dict[str, Any]]]) -> list[Sequence_]:
    """Every page of every card (each engine's page is a reading of its own)."""
    out = []
    for pages, label in cards:
        settings = Settings(region=label.get("region") or "US")
        for page in pages:
            found = page_sequence(page, label, settings)
            if found is not None:
                out.append(found)
    return out


WORD_CONFIDENCE = 0.95  # generated lines are printed sharp: what the OCR gives a clean word


def page_from_lines(lines: Sequence[dict[str, Any]], width: int, height: int) -> OcrPage:
    """An OCR page as a clean reading of a generated card's printed lines (`"lines"` of its label:
    text and box), each word given its share of the line's box by its letters. Thousands of
    generated cards train the model without rendering or reading them."""
    out = []
    for block, line in enumerate(lines):
        words = line["text"].split()
        if not words:
            continue
        left, top, right, bottom = line["box"]
        total = sum(len(w) + 1 for w in words)
        x = float(left)
        boxes = []
        for word in words:
            step = (right - left) * (len(word) + 1) / total
            boxes.append(OcrWord(word, (round(x), top, round(x + step * len(word) / (len(word) + 1)), bottom),
                                 WORD_CONFIDENCE))
            x += step
        out.append(OcrLine.from_words(boxes, block=block))
    return OcrPage(tuple(out), width, height)
