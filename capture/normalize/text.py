"""Text: what two spellings of one word have in common, and the legal forms that end a company's name."""

from __future__ import annotations

import re
import unicodedata

from capture.lang.lexicon import alternation, latin, words
from capture.lang.script import has_cjk, is_cjk

FULL_WIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}


def fold_width(text: str) -> str:
    """Full-width Latin letters, digits and signs as plain ones ('ＴＥＬ：０３' → 'TEL:03'), and a
    long-vowel mark or full-width dash between digits as a hyphen ('141ー0098' → '141-0098'):
    CJK fonts print them, readers return them, and the number and email rules expect ASCII."""
    text = text.translate(FULL_WIDTH)
    return re.sub(r"(?<=\d)\s?[ー－‐−―]\s?(?=\d)", "-", text)


def fold(text: str) -> str:
    """Lower-case ASCII letters and digits only, accents removed: 'São José' → 'saojose',
    'José-Luis' → 'joseluis'. Two readings of one printed word compare equal folded even when
    one engine dropped a space, an accent or a hyphen. Characters of the CJK scripts are kept
    ('株式会社 昭和' → '株式会社昭和'): folded to nothing, any two such texts would compare equal."""
    decomposed = unicodedata.normalize("NFKD", text)
    if has_cjk(text):
        return "".join(ch for ch in decomposed.lower() if ("a" <= ch <= "z") or ch in DIGITS or is_cjk(ch))
    return re.sub(r"[^a-z0-9]", "", decomposed.encode("ascii", "ignore").decode().lower())


DIGITS = frozenset("0123456789")


# Legal forms ('Inc.', 'GmbH', 'S.A.', 'Ltda', 'K.K.'): the distinctive ones count anywhere in a
# line; the short ones that are also common words ("as", "me", "co", "sa") only at the end of the
# line or written with dots ("S.A.", "Co.,").
LEGAL_LONG = (
    r"inc|incorporated|ltd|limited|llc|l\.l\.c|llp|lllp|plc|corp|corporation|company|gmbh|mbh|ltda|eireli"
    r"|kaisha|kabushiki|jsc|joint stock company|holdings|pte|sdn bhd|bhd|pty|pvt|pllc|sarl|s\.a\.r\.l|s\.r\.l"
    r"|s\.p\.a|s\.a\.s|k\.k|s/a|a/s|l\.p|p\.c|e\.v|b\.v|n\.v|s\.a|s\.l|s\.c"
)
LEGAL_SHORT = r"co|sa|me|ag|kg|bv|nv|as|ab|oy|lp|pc|sl|sc|ug|kk|srl|spa|sas|epp|lda|ohg|gbr|ulc|ev"
# each language's own forms (capture.lang: e.K., UG (haftungsbeschränkt), S.L.U., V.O.F....): the
# distinctive ones anywhere, those of three letters or fewer like the short ones above
_FORMS = latin(words("company_forms"))
LEGAL_LONG += "|" + alternation(tuple(f.rstrip(".") for f in _FORMS if len(f.rstrip(".")) > 3 or "." in f.rstrip(".")))
LEGAL_SHORT += "|" + alternation(tuple(f for f in _FORMS if len(f) <= 3 and "." not in f))
LEGAL_RE = re.compile(
    rf"(?<![\w])(?:(?:{LEGAL_LONG})\.?(?![\w])|(?:{LEGAL_SHORT})(?:\.\s*,?|(?=\s*[,.]?\s*$))(?![\w]))",
    re.IGNORECASE,
)
