"""Latin font families from the Debian font packages (DejaVu, Liberation, Noto)."""

from __future__ import annotations

import glob
import os
from functools import lru_cache

FONT_ROOT = "/usr/share/fonts"
# Latin text families only: Noto ships dozens of script-specific families we must skip.
FAMILIES = ("DejaVuSans", "DejaVuSansCondensed", "DejaVuSerif", "DejaVuSerifCondensed",
            "LiberationSans", "LiberationSansNarrow", "LiberationSerif", "NotoSans", "NotoSerif",
            "NotoSansDisplay", "NotoSerifDisplay", "Lato", "OpenSans", "Roboto")


@lru_cache(maxsize=1)
def font_families() -> tuple[tuple[str, str], ...]:
    """(regular, bold) file pairs, in a fixed order, for the families installed here."""
    files = {os.path.basename(p): p for p in glob.glob(os.path.join(FONT_ROOT, "**", "*.ttf"), recursive=True)}
    pairs = []
    for family in FAMILIES:
        regular = files.get(f"{family}-Regular.ttf") or files.get(f"{family}.ttf")
        bold = files.get(f"{family}-Bold.ttf")
        if regular and bold:
            pairs.append((regular, bold))
    if not pairs:
        raise RuntimeError(f"no Latin TrueType fonts under {FONT_ROOT}; install fonts-dejavu-core")
    return tuple(pairs)


def pick_family(u: float) -> tuple[str, str]:
    """Map one uniform draw to a family, so the font list never shifts other random draws."""
    pairs = font_families()
    return pairs[min(int(u * len(pairs)), len(pairs) - 1)]
