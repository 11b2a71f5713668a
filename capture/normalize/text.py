"""Text: what two spellings of one word have in common, and the legal forms that end a company's name."""

from __future__ import annotations

import re
import unicodedata


def fold(text: str) -> str:
    """Lower-case ASCII letters and digits only, accents removed: 'São José' → 'saojose',
    'José-Luis' → 'joseluis'. Two readings of one printed word compare equal folded even when
    one engine dropped a space, an accent or a hyphen."""
    decomposed = unicodedata.normalize("NFKD", text)
    return re.sub(r"[^a-z0-9]", "", decomposed.encode("ascii", "ignore").decode().lower())


# Legal forms ('Inc.', 'GmbH', 'S.A.', 'Ltda', 'K.K.'): the distinctive ones count anywhere in a
# line; the short ones that are also common words ("as", "me", "co", "sa") only at the end of the
# line or written with dots ("S.A.", "Co.,").
LEGAL_LONG = (
    r"inc|incorporated|ltd|limited|llc|l\.l\.c|llp|lllp|plc|corp|corporation|company|gmbh|mbh|ltda|eireli"
    r"|kaisha|kabushiki|jsc|joint stock company|holdings|pte|sdn bhd|bhd|pty|pvt|pllc|sarl|s\.a\.r\.l|s\.r\.l"
    r"|s\.p\.a|s\.a\.s|k\.k|s/a|a/s|l\.p|p\.c|e\.v|b\.v|n\.v|s\.a|s\.l|s\.c"
)
LEGAL_SHORT = r"co|sa|me|ag|kg|bv|nv|as|ab|oy|lp|pc|sl|sc|ug|kk|srl|spa|sas|epp|lda|ohg|gbr|ulc|ev"
LEGAL_RE = re.compile(
    rf"(?<![\w])(?:(?:{LEGAL_LONG})\.?(?![\w])|(?:{LEGAL_SHORT})(?:\.\s*,?|(?=\s*[,.]?\s*$))(?![\w]))",
    re.IGNORECASE,
)
