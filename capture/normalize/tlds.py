"""Top-level domains that exist: the ICANN section of the Public Suffix List, as the
`publicsuffixlist` package ships it (a dated copy; no network).

OCR misreads the last letters of an address often ('iitp.kr' read 'iitp.ks' or 'iitp.k'), and
email-validator accepts any well-formed label as a TLD; this is the check that says the label
is no TLD at all, and `nearest_tld` the repair extraction makes with the card's own evidence.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from importlib.resources import files

ICANN_END = "// ===END ICANN DOMAINS==="


@cache
def known_tlds() -> frozenset[str]:
    """Every top-level label of the ICANN rules (country codes, generic and brand TLDs), lower case
    and in Unicode as the list writes them (their punycode too)."""
    text = files("publicsuffixlist").joinpath("public_suffix_list.dat").read_text(encoding="utf-8")
    labels: set[str] = set()
    for raw in text.splitlines():
        line = raw.strip()
        if line.startswith(ICANN_END):
            break
        if not line or line.startswith("//"):
            continue
        label = line.rsplit(".", 1)[-1].lstrip("!*").lower()
        if label:
            labels.add(label)
            if not label.isascii():
                labels.add(label.encode("idna").decode("ascii"))
    return frozenset(labels)


def tld_exists(host: str) -> bool:
    """Whether the last label of `host` is a top-level domain ('iitp.kr' yes, 'iitp.ks' no)."""
    return host.rsplit(".", 1)[-1].lower() in known_tlds()


def one_edit_apart(a: str, b: str) -> bool:
    """Whether `a` becomes `b` by changing, adding or dropping one letter ('ks'/'kr', 'k'/'kr'),
    or by OCR's 'rn' for 'm' ('corn'/'com')."""
    if a == b:
        return False
    if a.replace("rn", "m") == b:
        return True
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) == 1
    short, long_ = sorted((a, b), key=len)
    if len(long_) - len(short) != 1:
        return False
    return any(long_[:i] + long_[i + 1 :] == short for i in range(len(long_)))


def nearest_tld(host: str, candidates: Iterable[str]) -> str | None:
    """`host` with its unknown last label replaced by the first candidate TLD one edit from it
    (the candidates in the order the evidence ranks them), or None when it needs no repair or
    none is that close."""
    name, _, tld = host.lower().rpartition(".")
    if not name or tld in known_tlds():
        return None
    for candidate in candidates:
        if candidate in known_tlds() and one_edit_apart(tld, candidate):
            return f"{name}.{candidate}"
    return None
