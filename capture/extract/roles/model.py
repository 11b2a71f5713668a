"""The line-role model: a linear-chain CRF (python-crfsuite) over the tokens of a card.

`tag_card` gives each line's probability of being the person's name, the title, the department,
the company, part of an address or other, and each word's most likely role (a line can hold two
roles). The model file is small and committed (`roles.crfsuite`); `make train` rebuilds it
from generated cards and the dev cards' readings (`scripts/train_roles.py`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pycrfsuite

from capture.extract.roles.align import ROLES
from capture.extract.roles.features import CardContext, LineInput, card_features, tokens_of

MODEL_FILE = Path(__file__).with_name("roles.crfsuite")
# crfsuite's trainer settings; fixed so that `make train` gives the same model every time.
TRAINER = {
    "c1": 0.1,  # L1: keeps the model small and drops features that never help
    "c2": 0.05,  # L2: spreads weight over features that say the same thing
    "max_iterations": 200,
    "feature.possible_transitions": True,
}


@dataclass(frozen=True)
class LineRole:
    """One line's role probabilities (mean over its words) and its words' best roles."""

    probabilities: dict[str, float]
    words: tuple[tuple[str, str], ...]  # (word, role)

    def p(self, role: str) -> float:
        return self.probabilities.get(role, 0.0)

    def words_of(self, role: str) -> str:
        return " ".join(word for word, tag in self.words if tag == role)


@cache
def tagger(path: str) -> pycrfsuite.Tagger | None:
    """The model at `path`, opened once per process; None when there is no model file."""
    if not Path(path).exists():
        return None
    opened = pycrfsuite.Tagger()
    opened.open(path)
    return opened


def tag_card(pieces: Sequence[LineInput], ctx: CardContext, path: Path | None = None) -> list[LineRole] | None:
    """Each piece's roles, or None when no model is installed."""
    model = tagger(str(path or MODEL_FILE))
    if model is None or not pieces:
        return None
    features = card_features(pieces, ctx)
    tags = model.tag(features)
    tokens = tokens_of(pieces)
    labels = set(model.labels())
    sums: list[dict[str, float]] = [dict.fromkeys(ROLES, 0.0) for _ in pieces]
    counts = [0] * len(pieces)
    words: list[list[tuple[str, str]]] = [[] for _ in pieces]
    for position, ((index, word), tag) in enumerate(zip(tokens, tags, strict=True)):
        counts[index] += 1
        words[index].append((word, tag))
        for role in ROLES:
            if role in labels:
                sums[index][role] += model.marginal(role, position)
    return [
        LineRole({role: value / max(1, counts[i]) for role, value in sums[i].items()}, tuple(words[i]))
        for i in range(len(pieces))
    ]


def train(sequences: Sequence[tuple[list[list[str]], list[str]]], path: Path) -> Path:
    """Fit a CRF on (token features, token roles) sequences and write it to `path`."""
    trainer = pycrfsuite.Trainer(verbose=False)
    for features, roles in sequences:
        trainer.append(features, roles)
    trainer.set_params(TRAINER)
    path.parent.mkdir(parents=True, exist_ok=True)
    trainer.train(str(path))
    tagger.cache_clear()
    return path
