"""Font families from the Debian font packages, per script, and a check that a font has a text's glyphs.

Latin: DejaVu, Liberation, Noto (fonts-dejavu-core, fonts-liberation, fonts-noto-core).
Japanese, Chinese and Korean: Noto Sans/Serif CJK (fonts-noto-cjk, one .ttc holding a face per
language), IPA Gothic/Mincho (fonts-ipafont-*), Nanum (fonts-nanum), WenQuanYi Micro Hei
(fonts-wqy-microhei) and AR PL UMing (fonts-arphic-uming). A family is only offered for a script
when its files are installed; a script with no family installed is a clear error naming the package.
"""

from __future__ import annotations

import glob
import os
from dataclasses import dataclass
from functools import cache, lru_cache

from fontTools.ttLib import TTCollection, TTFont

FONT_ROOT = "/usr/share/fonts"
# Latin text families only: Noto ships dozens of script-specific families we must skip.
LATIN_FAMILIES = ("DejaVuSans", "DejaVuSansCondensed", "DejaVuSerif", "DejaVuSerifCondensed",
                  "LiberationSans", "LiberationSansNarrow", "LiberationSerif", "NotoSans", "NotoSerif",
                  "NotoSansDisplay", "NotoSerifDisplay", "Lato", "OpenSans", "Roboto")
SCRIPTS = ("latin", "ja", "zh-Hans", "zh-Hant", "ko")
# a collection's face per language, in the order fonts-noto-cjk ships them
NOTO_CJK_FACE = {"ja": 0, "ko": 1, "zh-Hans": 2, "zh-Hant": 3}
# (regular file, bold file, face index) of the other CJK families, per script
CJK_FAMILIES: dict[str, tuple[tuple[str, str, int], ...]] = {
    "ja": (("ipag.ttf", "ipag.ttf", 0), ("ipam.ttf", "ipam.ttf", 0), ("ipagp.ttf", "ipagp.ttf", 0)),
    "ko": (("NanumGothic.ttf", "NanumGothicBold.ttf", 0), ("NanumMyeongjo.ttf", "NanumMyeongjoBold.ttf", 0),
           ("NanumBarunGothic.ttf", "NanumBarunGothicBold.ttf", 0), ("NanumSquareR.ttf", "NanumSquareB.ttf", 0)),
    "zh-Hans": (("wqy-microhei.ttc", "wqy-microhei.ttc", 0), ("uming.ttc", "uming.ttc", 0)),
    "zh-Hant": (("uming.ttc", "uming.ttc", 2), ("wqy-microhei.ttc", "wqy-microhei.ttc", 0)),
}
PACKAGE_FOR = {"latin": "fonts-dejavu-core", "ja": "fonts-noto-cjk", "ko": "fonts-noto-cjk",
               "zh-Hans": "fonts-noto-cjk", "zh-Hant": "fonts-noto-cjk"}


@dataclass(frozen=True)
class Face:
    path: str
    index: int = 0  # the face inside a .ttc collection


@dataclass(frozen=True)
class Family:
    regular: Face
    bold: Face


@lru_cache(maxsize=1)
def _files() -> dict[str, str]:
    paths = glob.glob(os.path.join(FONT_ROOT, "**", "*.tt[fc]"), recursive=True)
    paths += glob.glob(os.path.join(FONT_ROOT, "**", "*.otf"), recursive=True)
    return {os.path.basename(p): p for p in sorted(paths)}


@cache
def families(script: str) -> tuple[Family, ...]:
    """The installed families for a script, in a fixed order."""
    files = _files()
    found: list[Family] = []
    if script == "latin":
        for name in LATIN_FAMILIES:
            regular = files.get(f"{name}-Regular.ttf") or files.get(f"{name}.ttf")
            bold = files.get(f"{name}-Bold.ttf")
            if regular and bold:
                found.append(Family(Face(regular), Face(bold)))
    else:
        face = NOTO_CJK_FACE[script]
        for kind in ("Sans", "Serif"):
            regular, bold = files.get(f"Noto{kind}CJK-Regular.ttc"), files.get(f"Noto{kind}CJK-Bold.ttc")
            if regular and bold:
                found.append(Family(Face(regular, face), Face(bold, face)))
        for regular_name, bold_name, index in CJK_FAMILIES[script]:
            regular, bold = files.get(regular_name), files.get(bold_name)
            if regular and bold:
                found.append(Family(Face(regular, index), Face(bold, index)))
    if not found:
        raise RuntimeError(f"no {script} fonts under {FONT_ROOT}; install the Debian package {PACKAGE_FOR[script]}")
    return tuple(found)


def pick_family(u: float, script: str = "latin") -> Family:
    """Map one uniform draw to a family, so the font list never shifts other random draws."""
    pairs = families(script)
    return pairs[min(int(u * len(pairs)), len(pairs) - 1)]


@lru_cache(maxsize=64)
def codepoints(face: Face) -> frozenset[int]:
    """Every character the face has a glyph for (its cmap)."""
    if face.path.endswith(".ttc"):
        font = TTCollection(face.path, lazy=True).fonts[face.index]
    else:
        font = TTFont(face.path, lazy=True)
    return frozenset(font.getBestCmap())


def covers(face: Face, text: str) -> bool:
    """True when the face draws every visible character of text (no tofu boxes)."""
    have = codepoints(face)
    return all(ord(c) in have for c in text if not c.isspace())


def fallback(script: str) -> Family:
    """The family that covers the most: Noto CJK for its language, DejaVu Sans for Latin."""
    return families(script)[0]
