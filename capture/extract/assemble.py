"""OCR page → Contact: the extraction stages in order.

1. lines: upright, gap-split, label-joined card lines (`lines.layout_lines`);
2. contact details: emails, websites, then phones (typed by label) on every line;
3. the card's country, from "+CC" prefixes, country names and postal codes, before `--region`;
4. what is left of each line: addresses (blocks of address lines), then name, title, department
   and organization from the remaining lines, using sizes, positions and the email domain;
5. cross-checks between them (`crosscheck`), which lower confidences and add warnings.
"""

from __future__ import annotations

import re
import statistics
from collections import Counter
from dataclasses import dataclass

import phonenumbers

from capture.contact import Address, Contact, Email, Evidence, PersonName, Phone, TextField, Website
from capture.extract.addresses import POSTAL_PATTERNS, find_addresses
from capture.extract.cjk import CjkRoles
from capture.extract.cjk import Line as CjkLine
from capture.extract.cjk import read_roles as read_cjk_roles
from capture.extract.crosscheck import cross_check
from capture.extract.domains import hosts_of, repair_domains
from capture.extract.emails import find_emails
from capture.extract.labels import OTHER_LABEL_RE, find_phone_labels
from capture.extract.lines import CardLine, below, layout_lines
from capture.extract.names import (
    NameParts,
    build_name,
    case_of,
    email_support,
    given_names,
    natural_case,
    split_affixes,
)
from capture.extract.organization import (
    BUSINESS_WORDS,
    LEGAL_RE,
    NAME_JOINERS,
    PROMO_WORDS,
    OrgCandidate,
    compact,
    domain_agreement,
    domain_bases,
    handles_of,
    pick_organization,
)
from capture.extract.phones import EXTENSION_RE, find_phones, mask, number_above, phone_spans
from capture.extract.roles import CardContext, LineInput, role_inputs
from capture.extract.roles.model import LineRole, tag_card
from capture.extract.segments import split_fields
from capture.extract.titles import SLOGAN_RE, TITLE_RE, agent_word, has_number, is_department, title_strength
from capture.extract.websites import find_urls
from capture.lang import CJK_LANGUAGES
from capture.lang.names import family_position
from capture.normalize.countries import country_in
from capture.normalize.emails import email_key
from capture.normalize.phones import phone_key
from capture.normalize.web import url_key
from capture.ocr.result import OcrPage
from capture.settings import Settings

CC_TLDS = {
    "jp": "JP",
    "br": "BR",
    "vn": "VN",
    "sg": "SG",
    "uk": "GB",
    "de": "DE",
    "fr": "FR",
    "in": "IN",
    "au": "AU",
    "ca": "CA",
    "mx": "MX",
    "es": "ES",
    "it": "IT",
    "nl": "NL",
    "pt": "PT",
    "cn": "CN",
    "hk": "HK",
    "kr": "KR",
    "tw": "TW",
    "nz": "NZ",
    "ch": "CH",
    "at": "AT",
    "be": "BE",
    "ar": "AR",
    "cl": "CL",
}


@dataclass(frozen=True)
class Piece:
    """A card line with its contact details cut out: what is left to read as words."""

    line: CardLine
    text: str
    had_contact: bool


# The country a card printed in a CJK language most likely comes from, when nothing on it says
LANGUAGE_COUNTRY = {"ja": "JP", "ko": "KR", "zh-Hans": "CN", "zh-Hant": "TW"}


def infer_regions(lines: list[CardLine], hosts: list[str], default: str, language: str = "") -> list[str]:
    """The card's own country first (from +CC, country names, postal codes, ccTLDs, the script it
    is printed in), then `default`."""
    votes: Counter[str] = Counter()
    if language in LANGUAGE_COUNTRY:
        votes[LANGUAGE_COUNTRY[language]] += 2
    for line in lines:
        for match in re.finditer(r"(?:\+|\(\+)\s?(\d{1,3})[\s\-)./]", line.text + " "):
            for code in (match.group(1)[:n] for n in (1, 2, 3)):
                region = phonenumbers.region_code_for_country_code(int(code))
                if region != "ZZ":
                    votes[region] += 2
                    break
        found = country_in(line.text)
        if found:
            votes[found[1]] += 3
        for pattern in POSTAL_PATTERNS:
            if (
                pattern.strength >= 1.0
                and pattern.country not in ("US", "GB", "CA")
                and pattern.regex.search(line.text)
            ):
                votes[pattern.country] += 2
    for host in hosts:
        tld = host.rsplit(".", 1)[-1]
        if tld in CC_TLDS:
            votes[CC_TLDS[tld]] += 1
    ranked = [r for r, n in votes.most_common() if n >= 2 and r in phonenumbers.SUPPORTED_REGIONS][:2]
    return [*ranked, *([default] if default not in ranked else [])]


def residual(text: str, spans: list[tuple[int, int]]) -> str:
    """The words of a line outside its contact details and field labels."""
    blocked = list(spans)
    blocked += [(h.start, h.end) for h in find_phone_labels(mask(text, spans)) if _label_near_value(text, h.end, spans)]
    blocked += [(m.start(), m.end()) for m in OTHER_LABEL_RE.finditer(text)]
    for _start, end in spans:
        ext = EXTENSION_RE.match(text[end:])
        if ext:
            blocked.append((end, end + ext.end()))
    masked = mask(text, blocked)
    chunks = [c.strip(" /|,;:-·•") for c in re.split(r"\s{2,}", masked)]
    return " ".join(c for c in chunks if sum(ch.isalpha() for ch in c) >= 2 or POSTAL_MARK_RE.match(c))


POSTAL_MARK_RE = re.compile(r"^〒\s*\d{3}-?\d{4}$")  # a Japanese postal code on a line of its own


def _label_near_value(text: str, end: int, spans: list[tuple[int, int]]) -> bool:
    """A phone label counts as a label (not a word) when a number follows or precedes it closely."""
    return any(0 <= start - end <= 4 for start, _ in spans) or any(0 <= end - stop <= 6 for _, stop in spans)


def name_score(
    piece: Piece,
    words: list[str],
    has_affix: bool,
    titles: list[Piece],
    locals_: list[str],
    bases: list[str],
    median_size: float,
) -> float:
    line = piece.line
    names = given_names()
    first = words[0].lower().rstrip(".")
    score = 0.0
    if len(first) > 1 and first in names:
        score += 1.0
    elif any(w.lower() in names for w in words[1:] if len(w) > 2):
        score += 0.5
    score += 1.5 * email_support(words, locals_)
    if any(below(line, t.line, 2.5) or below(t.line, line, 2.5) for t in titles):
        score += 0.6
    if line.size >= 1.2 * median_size:
        score += 0.3
    if has_affix:
        score += 0.8
    # "Kavya K. Iyer": a middle initial is a strong sign of a person's name in any culture
    if len(words) == 3 and re.fullmatch(r"[A-Z]\.", words[1]):
        score += 0.4
    letters = "".join(words)
    if not (letters.isupper() or letters.islower() or all(w[:1].isupper() for w in words if len(w) > 3)):
        score -= 0.5
    if line.confidence < 0.5:
        score -= 1.0
    elif line.confidence < 0.7:
        score -= 0.3
    # the line spells the domain, or holds its name as a word ('San Marco Albergo' at albergo.it)
    spells_domain = domain_agreement(piece.text, bases) >= 0.9 or any(
        len(w) >= 4 and compact(w) in bases for w in words
    )
    if spells_domain and email_support(words, locals_) == 0:
        score -= 1.5
    if LEGAL_RE.search(piece.text) or BUSINESS_WORDS.search(piece.text):
        score -= 2.0
    return score


def pick_name(
    pieces: list[Piece], titles: list[Piece], locals_: list[str], bases: list[str]
) -> tuple[PersonName | None, Piece | None]:
    if not pieces:
        return None, None
    median_size = statistics.median(p.line.size for p in pieces)
    best: tuple[float, Piece, PersonName] | None = None
    for piece in pieces:
        if title_strength(piece.text) >= 1.0 or is_department(piece.text):
            continue
        parts = split_affixes(piece.text)
        if parts is None:
            continue
        score = name_score(piece, parts.core, bool(parts.prefix or parts.suffix), titles, locals_, bases, median_size)
        if score >= 1.0 and (best is None or score > best[0]):
            confidence = piece.line.confidence * min(1.0, 0.5 + score / 4)
            best = (score, piece, build_name(piece.line, parts, confidence))
    if best is None:
        return None, None
    return best[2], best[1]


NAME_MIN = 0.5  # a line is the person's name when the model gives it at least even odds
TITLE_MIN = 0.5


def learned_name(pieces: list[Piece], roles: dict[int, LineRole]) -> tuple[PersonName | None, Piece | None, str]:
    """The line the model finds most likely the person's name (its name words, when it also holds
    the title: the title words are returned too)."""
    best: tuple[float, Piece, PersonName, str] | None = None
    for piece in pieces:
        role = roles[id(piece)]
        p = role.p("NAME")
        if p < NAME_MIN or (best is not None and p <= best[0]):
            continue
        words = role.words_of("NAME")
        text = words if words and len(words.split()) >= 2 else piece.text
        parts = split_affixes(text)
        if parts is None:
            continue
        title = role.words_of("TITLE") if text != piece.text else ""
        confidence = piece.line.confidence * min(1.0, p + 0.2)
        best = (p, piece, build_name(piece.line, parts, confidence), title)
    if best is None:
        return None, None, ""
    return best[2], best[1], best[3]


def learned_title(
    pieces: list[Piece], roles: dict[int, LineRole], name_piece: Piece | None, words: str
) -> Piece | None:
    """The line the model finds most likely the title; the name line's title words otherwise."""
    best: tuple[float, Piece] | None = None
    for piece in pieces:
        p = roles[id(piece)].p("TITLE")
        if p >= TITLE_MIN and (best is None or p > best[0]):
            best = (p, piece)
    if best is not None:
        return best[1]
    if name_piece is not None and words:
        return Piece(name_piece.line, words, name_piece.had_contact)
    return None


ROLE_AFTER_NAME = 0.5  # strength of an unknown role printed after the name on its line ("Pierre Laurent, Interpreter")
DENSITY_WEIGHT = 0.2  # between two lines as strong and as near, the one more made of title words is the title


def pick_title(pieces: list[Piece], name_piece: Piece | None) -> Piece | None:
    best: tuple[float, Piece] | None = None
    for piece in pieces:
        if has_number(piece.text) or is_department(piece.text) or len(piece.text.split()) > 7:
            continue
        strength = title_strength(piece.text) or (ROLE_AFTER_NAME if role_after_name(piece, name_piece) else 0.0)
        if strength <= 0:
            continue
        near = name_piece is not None and (
            below(name_piece.line, piece.line, 2.5)
            or below(piece.line, name_piece.line, 2.5)
            or _same_row_next(name_piece.line, piece.line)
            or name_piece.line is piece.line
        )
        score = strength + (0.6 if near else 0.0) - (0.4 if piece.had_contact else 0.0)
        # "Your partner in growth" over the name and "Project Manager" under it: the role is the line
        # made of title words, not the slogan that holds one
        score += DENSITY_WEIGHT * title_density(piece.text)
        if score >= 1.0 and (best is None or score > best[0]) and not SLOGAN_RE.match(piece.text):
            best = (score, piece)
    if best is None and name_piece is not None:
        return role_under_name(pieces, name_piece)
    return best[1] if best else None


def role_under_name(pieces: list[Piece], name_piece: Piece) -> Piece | None:
    """The line right under the name, in type no larger, when its head word names a person by what
    they do ('Geochemist', 'Clinical biochemist', 'Operador de máquinas'): a role no lexicon holds.
    Not a company, a unit, a slogan or a line with numbers or contact details."""
    name = name_piece.line
    under = [
        p
        for p in pieces
        if below(name, p.line, 1.5)
        and p.line.size <= ROLE_SIZE * name.size
        and not p.had_contact
        and not has_number(p.text)
        and 1 <= len(p.text.split()) <= 7
        and sum(ch.isalpha() for ch in p.text) >= 4
        and not is_department(p.text)
        and not LEGAL_RE.search(p.text)
        and not BUSINESS_WORDS.search(p.text)
        and not PROMO_WORDS.search(p.text)
        and not SLOGAN_RE.match(p.text)
    ]
    first = min(under, key=lambda p: p.line.top, default=None)
    return first if first is not None and agent_word(first.text) else None


ROLE_SIZE = 1.05  # a role under the name is printed no larger than the name


def title_density(text: str) -> float:
    """Share of the line's words, small joining words left out, that are title words."""
    words = [w for w in text.split() if w.lower() not in NAME_JOINERS]
    return len(TITLE_RE.findall(text)) / len(words) if words else 0.0


def role_after_name(piece: Piece, name_piece: Piece | None) -> bool:
    """The rest of the name's own printed line after a separator ('Pierre Laurent, Interpreter',
    'Megan Clark · Geochemist'): the person's role, even in words no lexicon holds. Not a company."""
    if name_piece is None or piece.had_contact:
        return False
    a, b = name_piece.line, piece.line
    # (or the rest of the very line the name was split from: `name_then_role`)
    same_line = a is b or ((a.top, a.bottom) == (b.top, b.bottom) and _same_row_next(a, b))
    text = piece.text
    return (
        same_line
        and len(text.split()) <= 5
        and sum(ch.isalpha() for ch in text) >= 3
        and not LEGAL_RE.search(text)
        and not BUSINESS_WORDS.search(text)
    )


NAME_ROLE_SEPARATORS = " -–—,·|/:"


def name_then_role(piece: Piece) -> list[Piece]:
    """A line printing the person's name and then the role, read as one ('JOSÉ SIQUEIRA LOPES
    Sócio-Diretor', 'Ryo Kobayashi Chief Technology Officer', 'Cecilia Gomes, Ajustador mecânico'):
    the name's words up to the first title word, or the comma before a role with an agent noun
    (a name's shape, starting with a known given name), and the role from it, as two pieces of
    the line. Any other piece is returned as it is."""
    text = piece.text
    if piece.had_contact:
        return [piece]
    found = TITLE_RE.search(text)
    if found is not None and title_strength(text) >= 1.0:
        head, role = text[: found.start()].strip(NAME_ROLE_SEPARATORS), text[found.start() :].strip()
    elif "," in text:  # 'Cecilia Gomes, Ajustador mecânico': after a comma, a role no lexicon holds
        head, _, role = (part.strip() for part in text.partition(","))
        if not agent_word(role) or LEGAL_RE.search(role) or BUSINESS_WORDS.search(role):
            return [piece]
    else:
        return [piece]
    parts = split_affixes(head) if len(head.split()) >= 2 else None
    if parts is None or parts.core[0].lower() not in given_names() or not (title_strength(role) >= 1.0
                                                                            or agent_word(role)):
        return [piece]
    return [Piece(piece.line, head, piece.had_contact), Piece(piece.line, role, piece.had_contact)]


def _same_row_next(a: CardLine, b: CardLine) -> bool:
    overlap = min(a.bottom, b.bottom) - max(a.top, b.top)
    return overlap > 0.5 * min(a.bottom - a.top, b.bottom - b.top) and 0 <= b.left - a.right < 4 * a.size


def tidy(text: str) -> str:
    """Text printed all in capitals or all in lower case, written back in natural case."""
    letters = [ch for ch in text if ch.isalpha()]
    if letters and (all(ch.isupper() for ch in letters) or all(ch.islower() for ch in letters)) and len(letters) > 3:
        return natural_case(text)
    return text


def field(piece: Piece, value: str, weight: float = 1.0) -> TextField:
    return TextField(
        value, round(piece.line.confidence * weight, 3), Evidence(piece.line.text, piece.line.box, piece.line.engine)
    )


@dataclass(frozen=True)
class CardText:
    """A page's contact details, and what is left of its lines to read as words (steps 1-3)."""

    lines: list[CardLine]
    emails: list[Email]
    websites: list[Website]
    phones: list[Phone]
    hosts: list[str]  # of the emails and websites
    regions: list[str]  # the card's own country first, then the default region
    pieces: list[Piece]
    language: str = ""  # the language the card is printed in (the OCR stage's finding)


def read_details(page: OcrPage, settings: Settings) -> CardText:
    """Layout, contact details and the words left on each line of one OCR page."""
    lines = split_fields(layout_lines(page))
    emails: list[Email] = []
    websites: list[Website] = []
    spans_by_line: dict[int, list[tuple[int, int]]] = {}
    for line in lines:
        spans: list[tuple[int, int]] = []
        evidence = Evidence(line.text, line.box, line.engine)
        for found in find_emails(line.text):
            emails.append(Email(found.address, round(line.confidence * (0.8 if found.repaired else 1.0), 3), evidence))
            spans.append((found.start, found.end))
        for url in find_urls(line.text, spans):
            websites.append(Website(url.url, url.kind, round(line.confidence, 3), evidence))
            spans.append((url.start, url.end))
        spans_by_line[line.index] = spans
    regions = infer_regions(lines, hosts_of(emails, websites), settings.region, page.language)
    emails, websites = repair_domains(emails, websites, regions)
    hosts = hosts_of(emails, websites)
    phones: list[Phone] = []
    read_phones: list[tuple[CardLine, Phone]] = []
    for line in lines:
        blocked = spans_by_line[line.index]
        above = number_above(line, read_phones)
        on_line = find_phones(line, regions, blocked, above=above)
        phones.extend(on_line)
        read_phones.extend((line, phone) for phone in on_line)
        spans_by_line[line.index] = blocked + phone_spans(line, regions, blocked, above)
    pieces = []
    for line in lines:
        spans = spans_by_line[line.index]
        text = residual(line.text, spans)
        if text:
            pieces.append(Piece(line, text, bool(spans)))
    return CardText(lines, emails, websites, phones, hosts, regions, pieces, page.language)


@dataclass(frozen=True)
class Decisions:
    """Which pieces are the name, title, departments, company and addresses of one card."""

    addresses: list[Address]
    used: set[int]  # line indexes in addresses
    name: PersonName | None
    name_piece: Piece | None
    title_piece: Piece | None
    departments: list[Piece]
    org: OrgCandidate | None
    org_used: set[int]

    def role_of(self, piece: Piece) -> str:
        """The role these decisions give a piece, in the line-role model's terms."""
        if piece.line.index in self.used:
            return "ADDR"
        if piece is self.name_piece and self.name is not None:
            return "NAME"
        if self.title_piece is not None and self.title_piece.line is piece.line:
            return "TITLE"
        if piece in self.departments:
            return "DEPT"
        return "ORG" if piece.line.index in self.org_used else "O"


def decide(card: CardText, settings: Settings, roles: dict[int, LineRole] | None = None) -> Decisions:
    """Step 4: addresses, then name, title, departments and company from the remaining pieces;
    the name and title by the line-role model where `roles` are given, by the rules otherwise."""
    emails, websites, hosts, regions, pieces = card.emails, card.websites, card.hosts, card.regions, card.pieces
    addresses, used = find_addresses([(p.line, p.text) for p in pieces], regions[0])
    rest = [p for p in pieces if p.line.index not in used]
    locals_ = [e.address.split("@", 1)[0] for e in emails]
    # the lines in Chinese characters, kana or Hangul first; the rules below read the Latin ones
    native = read_native(rest, card.language, locals_) if card.language in CJK_LANGUAGES else None
    if native is not None:
        rest = [p for i, p in enumerate(rest) if i not in native.used]
    bases = domain_bases(hosts)
    split: list[Piece] = []
    for piece in rest:
        parts = name_then_role(piece)
        split += parts
        if roles is not None and len(parts) > 1:  # the model read the line whole: each part keeps its reading
            roles = {**roles, **{id(part): roles[id(piece)] for part in parts}}
    rest = split
    title_like = [p for p in rest if title_strength(p.text) >= 0.6 and not is_department(p.text)]
    title_words = ""
    # "learned": the model decides; "combined": the rules decide, the model fills what they left empty
    learned = roles is not None and settings.line_roles == "learned"
    if learned and roles is not None:
        name, name_piece, title_words = learned_name(rest, roles)
    else:
        name, name_piece = pick_name(
            [p for p in rest if not p.had_contact or len(p.text.split()) <= 4], title_like, locals_, bases
        )
        if name is None and roles is not None:
            name, name_piece, title_words = learned_name(rest, roles)
    rest = [p for p in rest if p is not name_piece]
    if learned and roles is not None:
        title_piece = learned_title(rest, roles, name_piece, title_words)
    else:
        title_piece = pick_title(rest, name_piece)
        if title_piece is None and roles is not None:
            title_piece = learned_title(rest, roles, name_piece, title_words)
    rest = [p for p in rest if p is not title_piece]
    departments = [p for p in rest if is_department(p.text) and not LEGAL_RE.search(p.text) and not p.had_contact]
    rest = [p for p in rest if p not in departments]
    # a card without a person is a shop's card: its most company-like text is the name it goes by
    profiles = [w.url for w in websites if w.kind in ("facebook", "instagram")]
    org, org_used = pick_organization(
        [(p.line, p.text) for p in rest if not p.had_contact],
        hosts,
        threshold=0.6 if name else 0.2,
        # a mailbox at a provider names the business only on a card without a person
        handles=handles_of(hosts, [] if name else [e.address for e in emails], profiles),
        extra=[(name_piece.line, name_piece.text)] if name_piece else None,
        cover_handles=handles_of(hosts, [e.address for e in emails], profiles),
        shop=name is None and title_piece is None,  # no person named nor any role: a shop
    )
    # a line the company's name runs into is not a person ("Vento Norte / Sul de Minas")
    if name_piece is not None and name_piece.line.index in org_used:
        name = None
    if native is not None:
        return with_native(
            native, Decisions(addresses, used, name, name_piece, title_piece, departments, org, set(org_used))
        )
    return Decisions(addresses, used, name, name_piece, title_piece, departments, org, set(org_used))


@dataclass(frozen=True)
class NativeRoles:
    """The roles of a CJK card's lines written in its own script, as pieces."""

    roles: CjkRoles
    pieces: list[Piece]

    @property
    def used(self) -> set[int]:
        return self.roles.used


def read_native(pieces: list[Piece], language: str, locals_: list[str]) -> NativeRoles:
    lines = [CjkLine(p.text, p.line.size, p.line.top, p.line.bottom) for p in pieces]
    latin_names = [parts.core for p in pieces if (parts := split_affixes(p.text)) is not None]
    return NativeRoles(read_cjk_roles(lines, language, locals_, latin_names), pieces)


def with_native(native: NativeRoles, latin: Decisions) -> Decisions:
    """The card's roles with those read in its own script first: the name in that script (the Latin
    name found by the rules becomes its reading), its title, departments and company, each
    falling back to the Latin one."""
    roles, pieces = native.roles, native.pieces
    name, name_piece = latin.name, latin.name_piece
    if roles.name is not None and roles.name_at is not None:
        name_piece = pieces[roles.name_at]
        line = name_piece.line
        given, family = "", ""
        if latin.name is not None and latin.name_piece is not None:
            words = (split_affixes(latin.name_piece.text) or NameParts("", latin.name.full.split(), "")).core
            words = natural_case(" ".join(words)).split() if case_of(words) == "upper" else words
            position = family_position(roles.name, words)
            if position is not None:
                family, given = words[position], " ".join(w for i, w in enumerate(words) if i != position)
            else:
                given, family = latin.name.given, latin.name.family
        name = PersonName(
            full=roles.name.full,
            given=roles.name.given,
            family=roles.name.family,
            confidence=round(line.confidence, 3),
            evidence=Evidence(line.text, line.box, line.engine),
            phonetic_given=given,
            phonetic_family=family,
        )
    title_piece = latin.title_piece
    if roles.title_at is not None:
        at = pieces[roles.title_at]
        title_piece = Piece(at.line, roles.title, at.had_contact)
    departments = [Piece(pieces[i].line, text, pieces[i].had_contact) for i, text in roles.departments]
    departments += latin.departments
    org = latin.org
    org_used = set(latin.org_used)
    if roles.org_at is not None:
        at = pieces[roles.org_at]
        org = OrgCandidate(at.line, roles.org, 2.0)
        org_used.add(at.line.index)
    return Decisions(latin.addresses, latin.used, name, name_piece, title_piece, departments, org, org_used)


def model_inputs(card: CardText, rules: Decisions) -> tuple[list[LineInput], CardContext]:
    """The line-role model's input for a card: its pieces with the rules' roles, and the context."""
    return role_inputs(
        card.lines,
        [(p.line, p.text, p.had_contact) for p in card.pieces],
        [e.address for e in card.emails],
        card.hosts,
        card.regions[0],
        [rules.role_of(p) for p in card.pieces],
    )


def learned_roles(card: CardText, rules: Decisions, settings: Settings) -> dict[int, LineRole] | None:
    """The line-role model's reading of the card (the rules' decisions are among its features);
    None without a model."""
    inputs, ctx = model_inputs(card, rules)
    tagged = tag_card(inputs, ctx, settings.roles_model)
    return dict(zip([id(p) for p in card.pieces], tagged, strict=True)) if tagged else None


def extract_contact(page: OcrPage, settings: Settings) -> Contact:
    """Read a contact from one OCR page: name, title, company, department, phones, emails, sites, addresses."""
    card = read_details(page, settings)
    decided = decide(card, settings)
    if settings.line_roles != "rules":
        roles = learned_roles(card, decided, settings)
        if roles is not None:
            decided = decide(card, settings, roles)
    name, title_piece, org, departments = decided.name, decided.title_piece, decided.org, decided.departments
    contact = Contact(
        name=name,
        title=field(title_piece, tidy(title_piece.text)) if title_piece else None,
        organization=TextField(
            tidy(org.text),
            round(org.line.confidence * min(1.0, 0.4 + org.score / 4), 3),
            Evidence(org.line.text, org.line.box, org.line.engine),
        )
        if org
        else None,
        department=field(departments[0], ", ".join(tidy(d.text) for d in departments)) if departments else None,
        emails=tuple(dedupe_emails(card.emails)),
        phones=tuple(dedupe_phones(card.phones)),
        websites=tuple(dedupe_sites(card.websites)),
        addresses=tuple(decided.addresses),
    )
    return cross_check(contact)


def dedupe_emails(emails: list[Email]) -> list[Email]:
    """One reading per address: the most confident (the first of equals)."""
    seen: dict[str, Email] = {}
    for email in emails:
        key = email_key(email.address)
        if key not in seen or email.confidence > seen[key].confidence:
            seen[key] = email
    return list(seen.values())


def dedupe_phones(phones: list[Phone]) -> list[Phone]:
    """One reading per number and extension: the first."""
    out: list[Phone] = []
    for phone in phones:
        if any(phone_key(p) == phone_key(phone) and p.extension == phone.extension for p in out):
            continue
        out.append(phone)
    return out


def dedupe_sites(sites: list[Website]) -> list[Website]:
    """One reading per site (`url_key`): the first."""
    out: list[Website] = []
    for site in sites:
        if any(url_key(s.url) == url_key(site.url) for s in out):
            continue
        out.append(site)
    return out
