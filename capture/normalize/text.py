"""Text folding: what two spellings of one word have in common."""

from __future__ import annotations

import re
import unicodedata


def fold(text: str) -> str:
    """Lower-case ASCII letters and digits only, accents removed: 'São José' → 'saojose',
    'José-Luis' → 'joseluis'. Two readings of one printed word compare equal folded even when
    one engine dropped a space, an accent or a hyphen."""
    decomposed = unicodedata.normalize("NFKD", text)
    return re.sub(r"[^a-z0-9]", "", decomposed.encode("ascii", "ignore").decode().lower())
