"""From a card's truth to the lines it prints, each made of segments that carry their role.

A line is what a reader sees as one row (or, on a vertical card, one column): 'Jane Doe | CEO'
is one line with a name segment, a separator and a title segment; 'TEL 03-1234-5678' a label
and a phone. The composer decides how a card of this language arranges its facts (name and title
on one line, the organization split over two lines, the department before the title, labels
before numbers, branches with their labels); the renderer decides where the blocks go.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, replace

from samples.cardgen.locales import CJK
from samples.cardgen.spec import CardSpec

Color = tuple[int, int, int]


@dataclass(frozen=True)
class Seg:
    text: str
    role: str


@dataclass(frozen=True)
class TextLine:
    segs: tuple[Seg, ...]
    size: float
    bold: bool = False
    color: Color | None = None  # None: the card's text colour
    latin: bool = False  # drawn with the card's Latin family (emails, urls, romanised names)
    vertical: bool = False

    @property
    def text(self) -> str:
        return "".join(s.text for s in self.segs)

    def scaled(self, factor: float) -> TextLine:
        return replace(self, size=self.size * factor)

    def colored(self, color: Color) -> TextLine:
        return replace(self, color=color)


def line(text: str, role: str, size: float, **kw: object) -> TextLine:
    return TextLine((Seg(text, role),), size, **kw)  # type: ignore[arg-type]


def labeled(label: str | None, text: str, role: str, size: float, **kw: object) -> TextLine:
    if not label:
        return line(text, role, size, **kw)
    sep = "" if label.endswith(("：", ")")) else " "
    return TextLine((Seg(label, "label"), Seg(sep, "other"), Seg(text, role)), size, **kw)  # type: ignore[arg-type]


def is_latin(text: str) -> bool:
    return all(ord(c) < 0x2000 for c in text)


@dataclass(frozen=True)
class Blocks:
    org: list[TextLine]
    name: list[TextLine]
    contacts: list[TextLine]
    logo_text: str  # initials for a logo mark


def org_lines(spec: CardSpec, size: float, rng: random.Random) -> list[TextLine]:
    """The organization as printed: one line, two lines, a big logo word over its legal name."""
    lines: list[TextLine] = []
    org = spec.org
    if spec.brand:
        lines.append(line(spec.brand, "org", size * rng.uniform(1.1, 1.5), bold=True, latin=True))
    if org:
        words = org.split()
        if len(words) >= 3 and rng.random() < 0.3 and spec.lang not in CJK:  # split across two lines
            cut = rng.randint(1, len(words) - 1)
            lines.append(line(" ".join(words[:cut]), "org", size, bold=True))
            lines.append(line(" ".join(words[cut:]), "org", size * rng.choice((1.0, 0.7)), bold=True))
        else:
            big = size * (0.6 if spec.brand else 1.0)
            text = org.upper() if spec.lang not in CJK and rng.random() < 0.2 else org
            lines.append(line(text, "org", big, bold=True))
    for alt in spec.org_alt:
        if alt != spec.brand:
            lines.append(line(alt, "org", size * 0.5, latin=True))
    if spec.tagline:
        lines.append(line(spec.tagline, "other", size * 0.5))
    return lines


def name_lines(spec: CardSpec, size: float, rng: random.Random) -> list[TextLine]:
    """The person: name (native and romanised), title, departments, in one of the orders cards use."""
    if not (spec.full_name or spec.name_native):
        return []
    out: list[TextLine] = []
    small = size * 0.55
    dept = [line(d, "department", small * 0.95) for d in spec.departments]
    title = [line(spec.title, "title", small)] if spec.title else []
    title += [line(t, "title", small * 0.85, latin=True) for t in spec.title_alt]
    name: list[TextLine] = []
    native = spec.name_native
    if spec.lang in CJK:
        if native:
            name.append(line(native, "name", size, bold=True))
        if spec.full_name:
            name.append(line(spec.full_name, "name", size * 0.45, latin=True))
        if spec.departments and spec.title and rng.random() < 0.5:  # '営業部 部長' on one line
            segs = [s for d in spec.departments for s in (Seg(d, "department"), Seg(" ", "other"))]
            joined = TextLine((*segs, Seg(spec.title, "title")), small)
            rest = title[1:]
            return [joined, *rest, *name] if rng.random() < 0.6 else [*name, joined, *rest]
        return [*dept, *title, *name] if rng.random() < 0.5 else [*name, *title, *dept]
    full = spec.full_name or ""
    if spec.style.uppercase_name:
        full = full.upper()
    if spec.title and len(full) + len(spec.title) < 40 and rng.random() < 0.25:  # 'Jane Doe | CEO'
        sep = rng.choice((" | ", " – ", ", ", "  ", " · "))
        out.append(TextLine((Seg(full, "name"), Seg(sep, "other"), Seg(spec.title, "title")), size * 0.8, bold=True))
        out += title[1:] + dept
        return out
    return [line(full, "name", size, bold=True), *title, *dept]


def contact_lines(spec: CardSpec, size: float, rng: random.Random, compact: bool) -> list[TextLine]:
    phones = [labeled(p.label, p.printed, "phone", size) for p in spec.phones]
    if compact and len(phones) > 1 and sum(len(p.text) for p in phones) < 44:
        segs: list[Seg] = []
        for k, p in enumerate(phones):
            segs += ([Seg(rng.choice(("   ", " / ", " | ")), "other")] if k else []) + list(p.segs)
        phones = [TextLine(tuple(segs), size)]
    rest = [labeled(spec.style.email_label if k == 0 else None, e, "email", size, latin=True)
            for k, e in enumerate(spec.emails)]
    rest += [labeled(spec.style.url_label if k == 0 else None, u, "url", size, latin=True)
             for k, u in enumerate(spec.urls)]
    for handle in spec.handles:
        rest.append(labeled(rng.choice(("Instagram", "IG:", "X:", "Facebook:", "@")) if rng.random() < 0.6 else None,
                            handle, "url", size, latin=True))
    if compact and len(rest) == 2 and sum(len(r.text) for r in rest) < 46:
        rest = [TextLine((*rest[0].segs, Seg("  |  ", "other"), *rest[1].segs), size, latin=True)]
    address: list[TextLine] = []
    for adr in spec.addresses:
        lines = list(adr.lines)
        if compact and len(lines) > 1 and len(", ".join(lines)) < 60:
            lines = [", ".join(lines)]
        for k, text in enumerate(lines):
            address.append(labeled(adr.label if k == 0 else None, text, "address", size * 0.95))
    order = rng.choice(("phones-first", "address-first"))
    return phones + rest + address if order == "phones-first" else address + phones + rest


def compose(spec: CardSpec, rng: random.Random, org_size: float, name_size: float, small: float,
            compact: bool) -> Blocks:
    org = org_lines(spec, org_size, rng)
    name = name_lines(spec, name_size, rng)
    contacts = contact_lines(spec, small, rng, compact)
    source = spec.brand or spec.org or "X"
    initials = "".join(w[0] for w in source.split()[:2] if w[0].isalnum()).upper() or "X"
    return Blocks(org, name, contacts, initials[:2] if spec.lang not in CJK else source[:1])


def tokens(tl: TextLine) -> list[list[str]]:
    """[token, role] for each whitespace-separated piece; a piece of punctuation between roles is 'other'."""
    out: list[list[str]] = []
    for seg in tl.segs:
        for piece in seg.text.split():
            role = seg.role if any(c.isalnum() for c in piece) or seg.role != "other" else "other"
            out.append([piece, role])
    return out


def line_role(tl: TextLine) -> str:
    """The line's role: the role holding most characters, labels and separators counted last."""
    weight: dict[str, int] = {}
    for seg in tl.segs:
        n = sum(not c.isspace() for c in seg.text)
        if n:
            weight[seg.role] = weight.get(seg.role, 0) + n
    content = {r: n for r, n in weight.items() if r not in ("label", "other")}
    pool = content or weight or {"other": 1}
    return max(pool, key=lambda r: pool[r])
