"""The organization: legal suffixes, agreement with the email/web domain, logo-sized text.

Each remaining line gets a score; the best one above a threshold is the company. A line printed
right under it that only completes it ("JOINT STOCK COMPANY", "IT Solutions", "COMMUNICATIONS")
is joined to it.
"""

from __future__ import annotations

import re
import statistics
from dataclasses import dataclass
from difflib import SequenceMatcher

from capture.extract.lines import CardLine, below
from capture.extract.logo import (
    agreed_handle,
    closest_word,
    cover_handle,
    logo_fragments,
    long_form,
    tail_from_handle,
)
from capture.lang.lexicon import alternation, words
from capture.lang.lexicon import latin as latin_words
from capture.normalize.countries import printed_country
from capture.normalize.text import LEGAL_RE, fold

BUSINESS_BASE = (
    r"solutions|systems|technologies|technology|tech|software|consulting|consultants|consultoria"
    r"|communications|comunicações|media|group|grupo|international|global|industries|industrial|industria"
    r"|services|serviços|servicios|partners|associates|associados|advogados|law|legal|bank|banco|capital"
    r"|insurance|seguros|realty|imóveis|imobiliária|construction|construções|engineering|engenharia|design"
    r"|studio|studios|agency|agência|marketing|travel|tours|turismo|dental|clinic|clínica|clinica|medical"
    r"|health|saúde|care|hospital|pharmacy|farmácia|restaurant|restaurante|café|cafe|bar|grill|bakery"
    r"|padaria|hotel|hotels|salon|salão|beauty|spa|fitness|gym|academy|academia|school|escola|university"
    r"|universidade|institute|instituto|foundation|fundação|laboratories|labs|laboratório|electronics"
    r"|informática|informatica|telecom|networks|network|logistics|transportes|motors|automotive|automotiva"
    r"|foods|alimentos|store|shop|loja|market|mercado|distribuidora|comércio|comercio|enterprises|ventures"
    r"|cellars|saunas|wines|florist|flores|floricultura|tabelião|cartório|notas|security|segurança"
)
# each language's own trades (Metzgerei, Boulangerie, Panadería, 工務店 is not Latin: capture.extract.cjk)
BUSINESS_WORDS = re.compile(
    rf"(?<![\w])(?:{BUSINESS_BASE}|{alternation(latin_words(words('business_words')))})(?![\w])", re.IGNORECASE
)
# the same words as a list, to recognize one read with junk letters ('Sollutons')
VOCABULARY = [w for w in BUSINESS_BASE.split("|") if len(w) >= 6]
# words of legal forms, left out when an acronym's letters are matched to a long form
LEGAL_WORDS = {"inc", "ltd", "llc", "co", "corp", "corporation", "company", "limited", "jsc", "plc", "gmbh", "ltda"}
PROMO_WORDS = re.compile(
    r"(?<![\w])(?:free|offer|special|discount|sale|off|gift|coupon|here|now|call|visit|appointment|hours"
    r"|please|your|you|our|we|if|must|next|ask|about|only|orçamento|compromisso|aluguel|segunda|sábado)(?![\w])",
    re.IGNORECASE,
)
# Mail providers: their domain says nothing about the company.
MAIL_PROVIDERS = {
    "gmail",
    "googlemail",
    "hotmail",
    "outlook",
    "live",
    "msn",
    "yahoo",
    "ymail",
    "aol",
    "icloud",
    "me",
    "mac",
    "bol",
    "uol",
    "terra",
    "ig",
    "globo",
    "r7",
    "zipmail",
    "verizon",
    "comcast",
    "att",
    "sbcglobal",
    "gmx",
    "web",
    "t-online",
    "orange",
    "free",
    "wanadoo",
    "laposte",
    "libero",
    "qq",
    "163",
    "126",
    "naver",
    "mail",
    "protonmail",
    "proton",
    "yandex",
    "rediffmail",
    "bigpond",
    "optusnet",
    "btinternet",
    "sky",
    "virginmedia",
}


@dataclass(frozen=True)
class OrgCandidate:
    line: CardLine
    text: str
    score: float


def compact(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", text.lower())


def domain_bases(hosts: list[str]) -> list[str]:
    """'mail.acme-corp.co.uk' → 'acmecorp' (the registrable name), mail providers left out."""
    bases = []
    for host in hosts:
        labels = [lb for lb in host.lower().split(".") if lb and lb != "www"]
        if len(labels) < 2:
            continue
        # drop the public suffix: one label, or two for "co.jp", "com.br", "ad.jp", "org.uk", ...
        name = labels[-3] if len(labels) >= 3 and (len(labels[-1]) == 2 and len(labels[-2]) <= 3) else labels[-2]
        if name not in MAIL_PROVIDERS:
            bases.append(compact(name))
    return [b for b in bases if len(b) >= 2]


def domain_agreement(text: str, bases: list[str]) -> float:
    """1 when the line spells the domain name, less for a partial match, 0 for none."""
    line = compact(text)
    if len(line) < 2:
        return 0.0
    best = 0.0
    for base in bases:
        if line == base:
            return 1.0
        if len(line) >= 4 and (base.startswith(line) or (line.startswith(base) and len(base) >= 4)):
            best = max(best, 0.9)
            continue
        match = SequenceMatcher(None, line, base).find_longest_match(0, len(line), 0, len(base))
        if match.size >= 5 and match.size >= 0.6 * min(len(line), len(base)):
            best = max(best, 0.7)
        elif len(base) <= 4 and len(line.split()) > 1:
            initials = "".join(w[0] for w in re.findall(r"[A-Za-z]+", text) if w)
            if initials.lower() == base:
                best = max(best, 0.7)
    return best


def clean_org_text(text: str) -> str:
    """Strip OCR debris around logo text ('‘Micron Inc.', 'THE COUNTER &', '== JOINT')."""
    text = re.sub(r"^[^\w]+", "", text)
    text = re.sub(r"[\s&=~_\-|:;,'\"‘’“”]+$", "", text)
    return text.strip()


HANDLE_RE = re.compile(r"(?<![\w.])@\w")  # a social handle ('Facebook: @nascimento'): a contact detail


def org_score(line: CardLine, text: str, bases: list[str], median_size: float, largest: float) -> float:
    words = text.split()
    letters = sum(ch.isalpha() for ch in text)
    if letters < 2 or line.confidence < 0.3 or HANDLE_RE.search(text) or printed_country(text):
        return 0.0  # a handle, or the country ending an address ('España')
    score = 0.0
    legal = LEGAL_RE.search(text)
    if legal and sum(ch.isalpha() for ch in text[: legal.start()] + text[legal.end() :]) >= 3:
        score += 2.0
    score += 1.6 * domain_agreement(text, bases)
    if BUSINESS_WORDS.search(text):
        score += 0.6
    if "&" in text and all(w[:1].isupper() or w == "&" for w in words):
        score += 0.4
    if line.size >= largest * 0.95:
        score += 0.6
    elif line.size >= 1.3 * median_size:
        score += 0.3
    if PROMO_WORDS.search(text):
        score -= 1.0
    if sentence_case(text) and not legal and domain_agreement(text, bases) < 0.7:
        score -= SENTENCE_PENALTY
    if len(words) > 7 or text.rstrip().endswith((":", "!", "?")) or "|" in text:
        score -= 1.0
    if line.confidence < 0.6:
        score -= 0.5
    if letters < 4 and score < 2.0:
        score -= 0.5
    return score


SENTENCE_PENALTY = 1.0  # a line written as a sentence is a slogan, seldom a company: as strong as a promotion word


def sentence_case(text: str) -> bool:
    """A line of three words or more written as a sentence, a word of four letters or more in lower
    case ('Engineering the future', 'Quality you can trust'): a slogan's shape, not a name's."""
    words = re.findall(r"[^\W\d_]+", text)
    return len(words) >= 3 and any(
        w.islower() and len(w) >= 4 and w not in NAME_JOINERS for w in words[1:]
    )


def completes(text: str) -> bool:
    """A line that only finishes a company name: a legal form or a line of business words."""
    rest = BUSINESS_WORDS.sub(" ", LEGAL_RE.sub(" ", text))
    words = re.sub(r"[^A-Za-z]+", " ", rest).split()
    return (
        len(words) <= 1
        and (bool(LEGAL_RE.search(text)) or bool(BUSINESS_WORDS.search(text)))
        and len(text.split()) <= 4
    )


def handles_of(hosts: list[str], emails: list[str], profiles: list[str]) -> list[str]:
    """Names the business writes without spaces: its domain ('bikeconnection.net'), the mailbox
    it keeps at a mail provider ('dimariorestaurante@gmail.com') and its social page's path
    ('facebook.com/acmebakery')."""
    handles = domain_bases(hosts)
    for address in emails:
        local, _, host = address.lower().partition("@")
        if domain_bases([host]) == [] and re.fullmatch(r"[a-z]+", local):
            handles.append(local)
    for url in profiles:
        path = re.sub(r"^[a-z]+://", "", url.lower()).partition("/")[2]
        if path:
            handles.append(compact(path.split("/")[0]))
    return [h for h in handles if len(h) >= 5]


def spelled_out(text: str, handles: list[str]) -> str:
    """The company name in full when the line read is only its end: a logo fragment that a handle
    holds with more in front ('Quemnãoquer' in 'sonaocasaquemnaoquer' → 'Sonaocasa Quemnãoquer');
    the printed fragment keeps its spelling, the rest comes from the handle. Only a missing head
    is added: what a handle has after the printed name is mostly a descriptor
    ('thecounterburger.com' for 'The Counter', 'acmebakery' for 'Acme')."""
    folded = fold(text)
    if len(folded) < 5 or LEGAL_RE.search(text):
        return text
    for handle in sorted(handles, key=len, reverse=True):
        at = handle.find(folded)
        if at < 3:
            continue
        # a line that only says the kind of business ('RESTAURANTE' under 'bellapastarestaurante')
        # is not the name: the handle's head is
        if not re.sub(r"[\W_]+", "", BUSINESS_WORDS.sub("", text)):
            return handle[:at].capitalize()
        return f"{handle[:at].capitalize()} {text}"
    if not any(fold(text) in handle for handle in handles):
        for handle in sorted(handles, key=len, reverse=True):
            longer = tail_from_handle(text, handle)
            if longer:
                return longer
        for handle in sorted(handles, key=len, reverse=True):
            # the end of a handle read with a wrong letter or two: the handle spells it right
            match = SequenceMatcher(None, folded, handle).find_longest_match(0, len(folded), 0, len(handle))
            if match.size >= max(5, 0.8 * len(folded)) and match.b >= 3 and match.b + match.size == len(handle):
                return handle.capitalize()
    return text


def respell(read: str, word: str | None) -> str:
    """The vocabulary word in the case the card printed it, or the text as read without one."""
    if not word:
        return read
    return word.upper() if read.isupper() else word.capitalize()


TRADING_NAME_SIZE = 0.6  # a trading name's second line is printed at least this large against its first
TRADING_NAME_WORDS = 3  # ... and is short ('R. OLIVEIRA'); a longer line under a logo is a slogan


def capitalised(text: str) -> bool:
    """Every word but the small joining ones starts with a capital (or is no word at all)."""
    return all(w[:1].isupper() or not w[:1].isalpha() or w.lower() in NAME_JOINERS for w in text.split())


NAME_JOINERS = {"de", "da", "do", "das", "dos", "del", "della", "di", "du", "la", "le", "van", "von", "der", "den",
                "e", "y", "et", "und", "&", "and", "of", "the"}


def latin(text: str) -> bool:
    return any("a" <= ch.lower() <= "z" for ch in text)


def trading_name_rest(others: list[OrgCandidate], parts: list[OrgCandidate]) -> list[OrgCandidate]:
    """Lines of big type right under a shop's name ('AUTO SOCORRO' over 'R. OLIVEIRA'): the rest of
    its trading name. Slogans ('Aceitamos cartões') and street lines are left out."""
    found: list[OrgCandidate] = []
    block = list(parts)
    if any(LEGAL_RE.search(c.text) for c in block):  # a name with its legal form is whole
        return found
    for other in sorted(others, key=lambda c: c.line.top):
        upper = max(block, key=lambda c: c.line.bottom)
        left, right = min(c.line.left for c in block), max(c.line.right for c in block)
        overlap = min(right, other.line.right) - max(left, other.line.left)
        gap = other.line.top - upper.line.bottom
        if (
            other.line.top >= upper.line.top
            and -0.3 * other.line.size < gap < 0.6 * other.line.size
            and overlap > 0.5 * (other.line.right - other.line.left)
            and other.line.size >= TRADING_NAME_SIZE * max(c.line.size for c in block)
            and other.score > -0.5
            and len(other.text.split()) <= TRADING_NAME_WORDS
            and capitalised(other.text)  # a name, not a sentence ('Qualidade e confiança')
            and latin(other.text) == latin(block[0].text)  # another script: the name's second form
            and not PROMO_WORDS.search(other.text)
        ):
            found.append(other)
            block.append(other)
    return found


WRAP_SIZE = 0.65  # a name wrapped onto two lines keeps its type: the smaller line at least this against the larger
WRAP_GAP = 1.0  # ... under it closer than the smaller line's letter height
WRAP_WORDS = 4  # ... and a wrapped part is short ('Salão de Beleza' / 'Brito'); a longer line is a sentence


JOINED_WRAP_SIZE = 0.5  # ... a line ending in a joining word ('Ótica Albuquerque do') runs on in smaller type too


def runs_on(text: str) -> bool:
    """The line ends in a word that joins it to the next ('Ótica Albuquerque do', 'van Ginkel &')."""
    words = text.split()
    return bool(words) and words[-1].lower() in NAME_JOINERS


def stacked(upper: CardLine, lower: CardLine, max_gap: float = WRAP_GAP) -> bool:
    """`lower` is printed right under `upper`, closer than `max_gap` times its own letters' height,
    and aligned with it."""
    gap = lower.top - upper.bottom
    size = min(upper.size, lower.size)
    aligned = min(abs(upper.left - lower.left), abs((upper.left + upper.right) - (lower.left + lower.right)) / 2)
    return -0.3 * size < gap < max_gap * size and aligned < max(upper.size, lower.size)


REPEAT_GAP = 1.6  # a logo word and the full name holding it may stand further apart than a wrapped name's lines


def repeats(word: OrgCandidate, full: OrgCandidate) -> bool:
    """`full` is the company's name printed right under or over its one-word logo `word`, holding it."""
    folded = fold(word.text)
    return (
        len(word.text.split()) == 1
        and len(folded) >= 3
        and len(full.text.split()) > 1
        and folded in [fold(w) for w in full.text.split()]
        and (stacked(word.line, full.line, REPEAT_GAP) or stacked(full.line, word.line, REPEAT_GAP))
        and not PROMO_WORDS.search(full.text)
    )


def wrapped_rest(others: list[OrgCandidate], parts: list[OrgCandidate]) -> list[OrgCandidate]:
    """The rest of a company name printed over two lines in its own type ('van Ginkel &' over 'Belpere',
    'Inmobiliaria' over 'Ibérica S.L.U.'): a short capitalised line right over or under a short name,
    aligned with it, in type of about its size. Slogans, street lines and a logo word it repeats are
    left out."""
    if len(parts) != 1 or len(parts[0].text.split()) > WRAP_WORDS:
        return []
    head = parts[0]
    for other in sorted(others, key=lambda c: c.line.top):
        upper, lower = sorted((head, other), key=lambda c: c.line.top)
        between = any(upper.line.bottom <= c.line.top and c.line.bottom <= lower.line.top for c in others)
        if (
            stacked(upper.line, lower.line)
            and not between
            and min(upper.line.size, lower.line.size)
            >= (JOINED_WRAP_SIZE if runs_on(upper.text) else WRAP_SIZE) * max(upper.line.size, lower.line.size)
            and fold(other.text) not in fold(head.text)
            and (other.score > -0.5 or runs_on(upper.text))
            and len(other.text.split()) <= WRAP_WORDS
            and not any(ch.isdigit() for ch in other.text)
            and capitalised(other.text)
            and latin(other.text) == latin(head.text)
            and not PROMO_WORDS.search(other.text)
            and not (LEGAL_RE.search(upper.text) and upper is head)  # a name ends with its legal form
        ):
            return [other]
    return []


def pick_organization(
    pieces: list[tuple[CardLine, str]],
    hosts: list[str],
    threshold: float = 0.6,
    handles: list[str] | None = None,
    extra: list[tuple[CardLine, str]] | None = None,
    cover_handles: list[str] | None = None,
    shop: bool = False,
) -> tuple[OrgCandidate | None, list[int]]:
    """The company line (joined with a completing line under it) and the indexes of the lines used."""
    if not pieces:
        return None, []
    bases = domain_bases(hosts)
    sizes = [line.size for line, _ in pieces]
    median_size = statistics.median(sizes)
    largest = max(sizes)
    scored = []
    for line, text in pieces:
        text = clean_org_text(text)
        if text:
            scored.append(OrgCandidate(line, text, org_score(line, text, bases, median_size, largest)))
    if not scored:
        return None, []
    best = max(scored, key=lambda c: (c.score, c.line.size))
    handles = handles or []
    words = [
        (line.index, word)
        for line, text in sorted(pieces + (extra or []), key=lambda p: p[0].index)
        for word in text.split()
    ]
    # a cover lying wholly on the person's line is that person's own mailbox, not the company
    own = {line.index for line, _ in extra or []}
    covers = (cover_handle(h, words) for h in sorted(cover_handles or handles, key=len, reverse=True))
    covered = next((c for c in covers if c and set(c.indexes) - own), None)
    if best.score < threshold:
        agreed = agreed_handle(handles)
        if covered:
            return OrgCandidate(best.line, covered.text, threshold), list(covered.indexes)
        if agreed:
            return OrgCandidate(best.line, agreed.capitalize(), threshold), []
        return None, []
    # an acronym read as the logo gives way to its long form printed on the card
    expanded = long_form(best.text, [(c.line, c.text) for c in scored if c is not best], LEGAL_WORDS)
    if expanded:
        best = OrgCandidate(expanded[0], clean_org_text(expanded[1]), best.score)
    # a logo word over the full name that repeats it ('STICHTING' over 'Stichting Dircken'): the full name
    fuller = next((c for c in scored if c is not best and repeats(best, c)), None)
    if fuller is not None:
        best = fuller
    fragments = logo_fragments(best.line, [(o.line, o.text) for o in scored], median_size)
    # ... and the logo word beside a full name already holding it is no part of it ('SOUSA' / 'Sousa Ltda.')
    parts = [best, *(c for c in scored if (c.line, c.text) in fragments and fold(c.text) not in fold(best.text))]
    if shop:  # no person on the card: the trading name is the whole block of big type under the logo
        parts += trading_name_rest([c for c in scored if c not in parts], parts)
    wrapped = wrapped_rest([c for c in scored if c not in parts], parts)
    parts.sort(key=lambda c: (c.line.top > best.line.bottom - 0.3 * best.line.size, c.line.left))
    parts = sorted([*parts, *wrapped], key=lambda c: c.line.top) if wrapped else parts
    used = [c.line.index for c in parts]
    # a logo word read with junk letters is written as the business word it stands for
    text = " ".join(
        c.text if c is best or BUSINESS_WORDS.search(c.text) else respell(c.text, closest_word(c.text, VOCABULARY))
        for c in parts
    )
    for other in sorted(scored, key=lambda c: c.line.index):
        if other.line.index in used or fold(other.text) in fold(text):  # a logo word the name already holds
            continue
        word = closest_word(other.text, VOCABULARY) if len(other.text.split()) == 1 else None
        if below(best.line, other.line, 1.2) and (completes(other.text) or word) and not completes(best.text):
            text = f"{text} {other.text if completes(other.text) else respell(other.text, word)}"
            used.append(other.line.index)
            break
        # the legal form printed under the name ("JINNO INTERNATIONAL" / "JOINT STOCK COMPANY")
        if (
            below(other.line, best.line, 1.2)
            and completes(best.text)
            and not completes(other.text)
            and not PROMO_WORDS.search(other.text)
        ):
            text = f"{other.text} {text}"
            used.append(other.line.index)
            break
    # the card's words that spell a handle name the company more fully than the logo read
    if covered and fold(text) in fold(covered.text) and len(fold(covered.text)) > len(fold(text)):
        return OrgCandidate(best.line, covered.text, best.score), sorted(set(used) | set(covered.indexes))
    spelled = spelled_out(text, handles)
    agreed = agreed_handle(handles)
    if spelled == text and agreed and best.score < 2.0 and not any(fold(text) in h for h in handles):
        # nothing printed agrees with the business's handles, but they agree with each other
        return OrgCandidate(best.line, agreed.capitalize(), best.score), used
    return OrgCandidate(best.line, spelled, best.score), used
