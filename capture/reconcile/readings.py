"""What the reconciler knows about one reading of a field: normalized keys for matching the two
engines' readings of one value, the validators' checks, and comparisons of two texts."""

from __future__ import annotations

import re
from collections.abc import Sequence
from difflib import SequenceMatcher
from typing import TypeVar

import phonenumbers

from capture.contact import Email, PersonName, Phone, TextField, Website
from capture.normalize.emails import email_key, email_syntax_ok
from capture.normalize.text import LEGAL_RE, fold
from capture.normalize.web import same_site, url_host, url_key

T = TypeVar("T")

# Two list items this similar are one printed value read twice (one engine misread a character).
SAME_VALUE_RATIO = 0.8


# ---- keys: what two readings of one value share (the rules live in `capture.normalize`) ----------


def email_item_key(email: Email) -> str:
    return email_key(email.address)


def website_item_key(website: Website) -> str:
    return url_key(website.url)


def similar_text(a: str, b: str) -> bool:
    """Nearly the same characters: one engine misread or dropped a character or two."""
    return SequenceMatcher(None, a, b).ratio() >= SAME_VALUE_RATIO


def similar_digits(a: str, b: str) -> bool:
    """Phone numbers: the same length and one digit apart. Numbers on one card often share all
    but their last digits (switchboard, direct line, fax), so anything looser merges real ones."""
    return len(a) == len(b) and sum(x != y for x, y in zip(a, b, strict=True)) <= 1


def email_part(short: str, long: str) -> bool:
    """An address read only in part: the same domain, and the local part the start or the end of
    the other's ('ma@hotmail.com' of 'floresnsfatima@hotmail.com', a word on the line before
    the '@' left out)."""
    if "@" not in short or "@" not in long:
        return False
    local_s, domain_s = short.rsplit("@", 1)
    local_l, domain_l = long.rsplit("@", 1)
    return bool(local_s) and domain_s == domain_l and local_s != local_l and (
        local_l.endswith(local_s) or local_l.startswith(local_s)
    )


def similar_address(a: str, b: str) -> bool:
    """Two email addresses nearly the same: on one domain, judged by their local parts alone (a
    long shared domain made 'ann@example.com' and 'bob@example.com' look alike)."""
    local_a, _, domain_a = a.rpartition("@")
    local_b, _, domain_b = b.rpartition("@")
    if domain_a == domain_b and local_a and local_b:
        return similar_text(local_a, local_b)
    return similar_text(a, b)


def url_part(short: str, long: str) -> bool:
    """A web address read without its path ('linkedin.com' of 'linkedin.com/in/jane')."""
    return long.startswith(short.rstrip("/") + "/")


# ---- checks ---------------------------------------------------------------------------------


def email_is_valid(email: Email) -> bool:
    return email_syntax_ok(email.address)


def phone_is_valid(phone: Phone, region: str) -> bool:
    if not phone.valid:
        return False
    try:
        number = phonenumbers.parse(phone.e164 if phone.e164.startswith("+") else phone.raw, region or None)
    except phonenumbers.NumberParseException:
        return False
    return phonenumbers.is_valid_number(number)


def domains_of(emails: Sequence[Email]) -> set[str]:
    return {e.address.rsplit("@", 1)[1].lower() for e in emails if "@" in e.address and email_is_valid(e)}


def website_matches(website: Website, domains: set[str]) -> bool | None:
    if not domains or website.kind != "web":
        return None
    return any(same_site(url_host(website.url), domain) for domain in domains)


def name_tokens(name: PersonName) -> list[str]:
    return [t for t in (fold(part) for part in re.split(r"[\s.,'-]+", name.full)) if len(t) >= 3]


def name_in_local_parts(name: PersonName, locals_: set[str]) -> float | None:
    """How many of the name's words appear in an email's local part ('daniel.silva' vouches for
    'Daniel Carlos Silva' twice, for a misread 'Daniel Car1os Si1va' once); 0 = contradicted."""
    tokens = name_tokens(name)
    if not locals_ or not tokens:
        return None
    return float(max(sum(token in local for token in tokens) for local in locals_))


def common_run(a: str, b: str) -> int:
    """The length of the longest run of characters two strings share."""
    match = SequenceMatcher(None, a, b, autojunk=False).find_longest_match(0, len(a), 0, len(b))
    return match.size


def organization_in_domains(organization: TextField, domains: set[str]) -> float | None:
    """How much of a domain's name the organization spells ('Lumen Capital' spells all of
    lumencapital.com, a misread 'Lurnen Capita' only 'encapita'); no opinion below half of it,
    since many companies' domains are not their name."""
    joined = fold(organization.value)
    labels = {fold(label) for domain in domains for label in domain.split(".")[:-1] if len(fold(label)) >= 3}
    if not labels or len(joined) < 3:
        return None
    # the domain may spell the name ('lumencapital.com') or its initials ('iij.ad.jp')
    spelled = (joined, initials(organization.value))
    share = max(common_run(text, label) / len(label) for label in labels for text in spelled)
    return share if share >= 0.5 else None


# ---- comparing texts ------------------------------------------------------------------------


def text_of(item: object) -> str:
    if isinstance(item, PersonName):
        return item.full
    return item.value if isinstance(item, TextField) else ""


def initials(text: str) -> str:
    return "".join(fold(word)[:1] for word in text.split())


def fuller_text(a: T, b: T) -> T | None:
    """Between two readings of a name or text field that say the same thing, the one that says
    it more fully: with its word breaks (PP-OCR tends to drop spaces: 'Thecounter') and accents
    ('Sao' vs 'São'), but not with a break that cuts a word in pieces (see `stray_breaks`),
    or spelled out rather than as initials ('IIJ' vs 'Internet Initiative
    Japan Inc.', one engine reading the logo and the other the legal name). None if neither."""
    ta, tb = text_of(a), text_of(b)
    if not ta or not tb:
        return None
    fa, fb = fold(ta), fold(tb)
    if fa == fb and ta != tb:
        score_a = (-len(stray_breaks(ta, tb)), len(ta.split()), sum(not ch.isascii() for ch in ta))
        score_b = (-len(stray_breaks(tb, ta)), len(tb.split()), sum(not ch.isascii() for ch in tb))
        return None if score_a == score_b else (a if score_a > score_b else b)
    if len(fa) >= 2 and len(ta.split()) == 1 and len(tb.split()) >= len(fa) and fa in initials(tb):
        return b
    if len(fb) >= 2 and len(tb.split()) == 1 and len(ta.split()) >= len(fb) and fb in initials(ta):
        return a
    return cleaner_text(a, b)


def cleaner_text(a: T, b: T) -> T | None:
    """Of two readings one of which is the other with words added in front or behind: the longer
    when the words are a legal form ('Internet Initiative Japan' + 'Inc.'), the shorter when they
    are stray letters (a logo's 'T' read in front of 'Thomas & Laurent SAS'). None otherwise."""
    words_a, words_b = text_of(a).split(), text_of(b).split()
    if len(words_a) == len(words_b):
        return None
    long, short = (a, b) if len(words_a) > len(words_b) else (b, a)
    if cut_short(text_of(long).split(), text_of(short).split()):
        return long
    extra = added_words(text_of(long).split(), text_of(short).split())
    if not extra:
        return None
    if LEGAL_RE.fullmatch(" ".join(extra).strip(" ,")):
        return long
    if all(len(word) == 1 and word.isalpha() for word in extra):
        return short
    return None


def cut_short(long: list[str], short: list[str]) -> bool:
    """`short` is `long` read only up to part of one of its words ('Amor Iborra S' for 'Amor Iborra
    Sevilla S.L.U.': the end of a line lost at the edge of a photo)."""
    keys_l, keys_s = [fold(w) for w in long], [fold(w) for w in short]
    n = len(keys_s)
    return (
        0 < n < len(keys_l)
        and keys_l[: n - 1] == keys_s[:-1]
        and keys_l[n - 1] != keys_s[-1]
        and keys_l[n - 1].startswith(keys_s[-1])
    )


def added_words(long: list[str], short: list[str]) -> list[str]:
    """The words `long` has before or after a run that reads as `short` word for word."""
    long, short = [w for w in long if fold(w)], [w for w in short if fold(w)]  # '&', '|' aside
    keys_l, keys_s = [fold(w) for w in long], [fold(w) for w in short]
    n = len(keys_s)
    if not n or n >= len(keys_l):
        return []
    if keys_l[:n] == keys_s:
        return long[n:]
    if keys_l[-n:] == keys_s:
        return long[:-n]
    return []


def word_starts(text: str) -> list[int]:
    """Where each word of `text` starts, counted in the letters and digits of `fold(text)`."""
    starts, count = [], 0
    for word in text.split():
        if fold(word):  # a lone '&' or '|' holds no letters
            starts.append(count)
            count += len(fold(word))
    return starts


def stray_breaks(split: str, joined: str) -> list[int]:
    """Word breaks in `split` that cut a word `joined` reads whole into a piece of a letter or
    two (Tesseract reading widely spaced capitals 'LAURA' as 'LAU RA'). A break before a capital
    in `joined` ('WuJing': PP-OCR ran two words together) or around a lowercase particle
    ('Maria de Souza') is a real one."""
    letters = [ch for ch in joined if ch.isalnum()]
    if len(letters) != len(fold(joined)):
        return []  # letters that fold to more or fewer characters: positions do not line up
    starts = word_starts(split)
    ends = [*starts[1:], len(fold(split))]
    pieces = [word for word in split.split() if fold(word)]
    stray = []
    for i, start in enumerate(starts[1:], 1):
        if start in word_starts(joined) or start >= len(letters) or letters[start].isupper():
            continue
        before, after = pieces[i - 1], pieces[i]
        short = [w for w, n in ((before, start - starts[i - 1]), (after, ends[i] - start)) if n <= 2]
        if any(not w.islower() for w in short):
            stray.append(start)
    return stray
