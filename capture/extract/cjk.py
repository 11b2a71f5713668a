"""Line roles on cards printed in Chinese, Japanese or Korean: the name, title, departments and
company written in those scripts.

These scripts put no spaces between words, so a line's role is read from the ends of its units:
a title ends it (営業部 部長, 第一営業課室長, 销售经理, 마케팅팀 과장), a department ends in its
unit word (…部, …課, …处, …팀), a company names its legal form anywhere (株式会社…, …有限公司,
(주)…) or ends in a kind of business (…工務店, …便利店, …치과). The words are each language's
lexicon (`capture.lang.ja`, `.zh`, `.ko`). The person's name is a short line of a name's shape
(`capture.lang.names`) that the card backs up: printed large, spelled by the email, or printed
again in Latin letters. Lines in Latin letters on the same card are left to the other rules.
"""

from __future__ import annotations

import re
import statistics
from dataclasses import dataclass, field

from capture.extract.address_cjk import is_cjk_text
from capture.lang import base_language
from capture.lang.lexicon import cjk, lexicons
from capture.lang.names import NativeName, email_matches, matches, split_native

MAX_UNIT = 24  # characters: a longer unit is a sentence or a slogan, not a title or department
BIG = 1.25  # a line this much larger than the card's median size is printed as a name or company


@dataclass(frozen=True)
class Words:
    """One CJK language's words, longest first."""

    titles: tuple[str, ...]
    departments: tuple[str, ...]
    companies: tuple[str, ...]
    businesses: tuple[str, ...]


def words_of(language: str) -> Words:
    lex = lexicons()[base_language(language)]

    def longest(items: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(sorted(cjk(items) or items, key=len, reverse=True))

    return Words(longest(lex.titles), longest(lex.departments), longest(lex.company_forms),
                 longest(lex.business_words))


def ending(text: str, options: tuple[str, ...]) -> str:
    """The longest of the words the text ends with ('' for none)."""
    return next((w for w in options if text.endswith(w) and len(w) <= len(text)), "")


def names_legal_form(text: str, forms: tuple[str, ...]) -> bool:
    """One of the legal forms is in the text, spaces left out (株式会社, 有限公司, (주))."""
    compact = text.replace(" ", "")
    return any(form in compact for form in forms)


def company_strength(text: str, words: Words) -> float:
    """2 for a legal form in the text (株式会社, 有限公司, (주)), 1 for a kind of business at its end."""
    if names_legal_form(text, words.companies):
        return 2.0
    compact = text.replace(" ", "")
    # ... unless a longer title ends it: 선임연구원 is a senior researcher, not an institute (연구원)
    title = ending(compact, words.titles)
    if any(compact.endswith(w) and len(compact) > len(w) and len(title) <= len(w) for w in words.businesses):
        return 1.0
    return 0.0


def is_department(unit: str, words: Words) -> bool:
    """A unit naming a part of the company (教育事業部, 市场部, 마케팅팀): a department word ends it, it
    is no title, and a one-character department word needs a name of two before it."""
    found = ending(unit, words.departments)
    return (
        bool(found)
        and not ending(unit, words.titles)
        and len(unit) >= len(found) + (2 if len(found) == 1 else 1)
        and len(unit) <= MAX_UNIT
        and not any(ch.isdigit() for ch in unit)
    )


def split_title(text: str, words: Words) -> tuple[list[str], str] | None:
    """(departments, title) from a line whose last unit ends with a title: '経理課 プロジェクト
    マネージャー' → (['経理課'], 'プロジェクトマネージャー'); '第一営業課室長' → (['第一営業課'], '室長');
    '統括部長' → ([], '統括部長'). A line of parts set apart by slashes or bars holds the title in one
    part, departments and degrees in the others: '마케팅팀 / 과장' → (['마케팅팀'], '과장'),
    '부장 / 경영학박사' → ([], '부장'). None when no title ends it (or a part)."""
    parts = [part.strip() for part in PART_RE.split(text) if part.strip()]
    if len(parts) > 1:
        found = [(k, split_unit(part, words)) for k, part in enumerate(parts)]
        titled = [(k, split) for k, split in found if split is not None]
        if not titled:
            return None
        k, (departments, title) = titled[0]
        others = [part for j, part in enumerate(parts) if j != k and is_department(part.replace(" ", ""), words)]
        return [*others, *departments], title
    return split_unit(text, words)


PART_RE = re.compile(r"\s*[/|／｜]\s*")  # what sets a line's parts apart (not ・: it joins katakana words)


def split_unit(text: str, words: Words) -> tuple[list[str], str] | None:
    """`split_title` for a line (or part of one) that holds no separator."""
    units = text.split()
    if not units or any(ch.isdigit() for ch in text) or len(units[-1]) > MAX_UNIT:
        return None
    last = units[-1]
    title = ending(last, words.titles)
    if not title:
        return None
    departments = list(units[:-1])
    # a title OCR read as two words ('선임 연구원'): the unit before belongs to it when together they end
    # with a longer title
    while departments and len(ending(departments[-1] + last, words.titles)) > len(last):
        last = departments.pop() + last
        title = ending(last, words.titles)
    rest = last[: -len(title)]
    # the longest start of the rest that names a department: '経理課プロジェクト' → 経理課 + プロジェクト…
    cut = next((k for k in range(len(rest), 1, -1) if is_department(rest[:k], words)), 0)
    if cut:
        departments.append(rest[:cut])
    title = last[cut:]  # '営業部長', 'シニアエンジニア': the whole unit after any department
    if not all(is_department(d, words) or len(d) <= MAX_UNIT for d in departments):
        return None
    return departments, title


@dataclass
class CjkRoles:
    """What the CJK lines of a card are: indexes into the pieces given, and the values read."""

    name: NativeName | None = None
    name_at: int | None = None
    title: str = ""
    title_at: int | None = None
    departments: list[tuple[int, str]] = field(default_factory=list)
    org_at: int | None = None
    org: str = ""

    @property
    def used(self) -> set[int]:
        taken = {self.name_at, self.title_at, self.org_at, *(i for i, _ in self.departments)}
        return {i for i in taken if i is not None}


@dataclass(frozen=True)
class Line:
    """A piece of a card: its text, the printed size of its letters and its position."""

    text: str
    size: float
    top: int
    bottom: int


def name_score(line: Line, name: NativeName, median: float, latin_names: list[list[str]], locals_: list[str],
               title_lines: list[Line]) -> float:
    score = 0.0
    if line.size >= BIG * median:
        score += 1.0
    if email_matches(name, locals_):
        score += 1.0
    if any(matches(name, words) for words in latin_names):
        score += 1.0
    if any(abs(line.top - t.bottom) < 2.5 * line.size or abs(t.top - line.bottom) < 2.5 * line.size
           for t in title_lines):
        score += 0.5
    if base_language(name.language) != "ja":
        score += 0.5  # a known one-syllable family name and two or three more: the shape of a name
    return score


def read_roles(lines: list[Line], language: str, locals_: list[str], latin_names: list[list[str]]) -> CjkRoles:
    """The name, title, departments and company among a card's lines (those not in an address)."""
    words = words_of(language)
    roles = CjkRoles()
    cjk_lines = [(i, ln) for i, ln in enumerate(lines) if is_cjk_text(ln.text)]
    if not cjk_lines:
        return roles
    median = statistics.median(ln.size for ln in lines)
    companies = [(company_strength(ln.text, words), ln.size, i) for i, ln in cjk_lines]
    companies = [c for c in companies if c[0] > 0]
    if companies:
        _, _, roles.org_at = max(companies)
        roles.org = lines[roles.org_at].text
    titles: list[tuple[int, list[str], str]] = []
    for i, ln in cjk_lines:
        if i == roles.org_at:
            continue
        split = split_title(ln.text, words)
        if split is not None:
            titles.append((i, *split))
    title_lines = [lines[i] for i, _, _ in titles]
    names = []
    for i, ln in cjk_lines:
        if i == roles.org_at or any(i == t[0] for t in titles) or is_department(ln.text.replace(" ", ""), words):
            continue
        name = split_native(ln.text, language)
        if name is None or company_strength(ln.text, words) or ending(ln.text, words.titles):
            continue
        score = name_score(ln, name, median, latin_names, locals_, title_lines)
        if score >= 1.0:
            names.append((score, ln.size, i, name))
    if names:
        _, _, roles.name_at, roles.name = max(names, key=lambda n: (n[0], n[1]))
    if titles:
        # the title next to the name when several lines end with one
        near = roles.name_at
        i, departments, title = min(titles, key=lambda t: abs(t[0] - near) if near is not None else t[0])
        roles.title_at, roles.title = i, title
        roles.departments += [(i, d) for d in departments]
    for i, ln in cjk_lines:
        if i not in roles.used and is_department(ln.text.replace(" ", ""), words):
            roles.departments.append((i, ln.text))
    return roles


LEGAL_PREFIX_RE = re.compile(r"^\s*(?:\(|（)(?:株|有|주|유|재|사)(?:\)|）)\s*")
