"""Printed field labels ("T:", "Tel", "Mob", "Celular", "Fax", "E-mail", "Web", ...) and what they mean.

Labels decide a phone's type and tell a website from a job title. They come in many languages and
OCR spellings; short one-letter labels ("t", "f", "m", "h") only count right before a number.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from capture.contact import PhoneType
from capture.lang.lexicon import alternation, lexicons
from capture.lang.lexicon import phone_labels as language_labels

# Longer words first so "fax" wins over "f" and "mobile" over "m". Each language's own labels
# (携帯, 手机, 핸드폰, Portable, Móvil...) come from its lexicon (`capture.lang`).
PHONE_LABELS: tuple[tuple[str, PhoneType], ...] = (
    (r"fax|facsimile|telefax|fac|" + alternation(language_labels("fax")), PhoneType.FAX),
    (
        r"mobile|mobil|mob|cell(?:ular)?|cel|celular|handphone|hand ?phone|hp|whats ?app|wa|portable|handy|gsm"
        r"|movil|móvil|m[oó]vil|" + alternation(language_labels("mobile")),
        PhoneType.MOBILE,
    ),
    (
        r"tel(?:ephone|efone|éfono|efono|éphone|ephon)?|phone|ph|fone|fones|direct|direct line|dir|office|off|main"
        r"|business|work|switchboard|reception|ramal|voice|land ?line|toll[- ]free|pabx|geral|central|"
        + alternation(language_labels("work")),
        PhoneType.WORK,
    ),
)
SHORT_PHONE_LABELS: dict[str, PhoneType] = {
    "t": PhoneType.WORK,
    "p": PhoneType.WORK,
    "o": PhoneType.WORK,
    "d": PhoneType.WORK,
    "w": PhoneType.WORK,
    "m": PhoneType.MOBILE,
    "c": PhoneType.MOBILE,
    "h": PhoneType.MOBILE,
    "f": PhoneType.FAX,
}
PHONE_LABEL_RE = re.compile(
    r"(?<![A-Za-z])(?P<label>" + "|".join(f"(?:{p})" for p, _ in PHONE_LABELS) + r")\.?\s*(?:[:.#/]|no\.?|nr\.?)?",
    re.IGNORECASE,
)
# One letter right before a digit or "+" ("t 847 ...", "h65 9630 ...", "M: +1 ...").
SHORT_LABEL_RE = re.compile(r"(?<![A-Za-z0-9])(?P<label>[tpodwmchfTPODWMCHF])\s*[:.]?\s*(?=[+(]?\d)")
def other_labels(cjk: bool) -> str:
    """Every language's email, website and address labels, those written in CJK characters or the others."""
    found = {w for lex in lexicons().values() for w in lex.other_labels if (ord(w[0]) >= 0x2E80) == cjk}
    return alternation(tuple(found))


OTHER_LABEL_RE = re.compile(
    r"(?<![A-Za-z])(?:e-?mail|email|mail|emall|emoll|web(?:site|page)?|site|url|www|address|adr|addr|endere[cç]o"
    r"|tax code|tax id|cnpj|cpf|vat|reg(?:istration)? no|crea|crm|oab|" + other_labels(cjk=False) + r")\s*[:.]"
    # labels written in CJK characters, with a colon or first on the line before a space ("邮箱 a@b.cn")
    r"|(?:^|(?<=\s))(?:" + other_labels(cjk=True) + r")(?:\s*:|\s+)",
    re.IGNORECASE,
)
# Labels that introduce something that is not a phone number, though it is printed with digits.
# OCR often reads the colon after them as a semicolon or comma.
NOT_PHONE_RE = re.compile(
    r"(?<![A-Za-z])(?:tax code|tax id|tax|cnpj|cpf|vat|ein|abn|gst|reg(?:istration)?(?: no)?|crea|crm|oab|nasdaq"
    r"|nyse|iso|is|license|lic|id|zip|cep|p\.?o\.? box|plz|cap"
    # postal codes: 〒 (and the marks OCR reads for it), 郵便番号, 邮编, 郵遞區號, 우편번호
    r"|〒|テ|亍|干|郵便番号|邮编|郵編|邮政编码|郵遞區號|우편번호)\s*[:;,.#]?\s*\(?\s*$",
    re.IGNORECASE,
)

SPACED_LABEL_RE = re.compile(r"(?<![A-Za-z])(?P<label>(?:[A-Za-z]\s){1,4}[A-Za-z]{0,3})\s*[:.]")


@dataclass(frozen=True)
class LabelHit:
    start: int
    end: int
    type: PhoneType


def phone_label_type(word: str) -> PhoneType | None:
    """The phone type a label word means, or None when it is no phone label."""
    word = word.strip().rstrip(":.").strip()
    if not word:
        return None
    if len(word) == 1:
        return SHORT_PHONE_LABELS.get(word.lower())
    for pattern, kind in PHONE_LABELS:
        if re.fullmatch(pattern, word, re.IGNORECASE):
            return kind
    return None


def find_phone_labels(text: str) -> list[LabelHit]:
    """Every phone label in a line, with its character span and meaning, in order."""
    hits: list[LabelHit] = []
    for match in PHONE_LABEL_RE.finditer(text):
        kind = phone_label_type(match.group("label"))
        if kind is not None:
            hits.append(LabelHit(match.start(), match.end(), kind))
    for match in SHORT_LABEL_RE.finditer(text):
        if any(h.start <= match.start() < h.end for h in hits):
            continue
        kind = SHORT_PHONE_LABELS.get(match.group("label").lower())
        if kind is not None:
            hits.append(LabelHit(match.start(), match.end(), kind))
    # letter-spaced labels: "F A X:", "T EL:"
    for match in SPACED_LABEL_RE.finditer(text):
        kind = phone_label_type(re.sub(r"\s", "", match.group("label")))
        if kind is not None and not any(h.start <= match.start() < h.end for h in hits):
            hits.append(LabelHit(match.start(), match.end(), kind))
    # "Fone/Fax: ..." means one number for both; the first word decides.
    return sorted(hits, key=lambda h: h.start)
