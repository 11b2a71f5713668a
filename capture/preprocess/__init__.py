"""Preprocess stage: a loaded image → one prepared image per card, upright and at a good scale."""

from capture.preprocess.prepare import PreparedCard, prepare_cards

__all__ = ["PreparedCard", "prepare_cards"]
