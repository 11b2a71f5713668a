"""The one home of every rule more than one stage needs: how a value is compared, parsed or judged.

Extraction, reconciliation, QR codes, the vCard reader, the contact store, the web form and the
follow-up planner all call these functions; none of them keeps its own copy.

- `text`: folding text to the letters and digits it spells ('São José' → 'saojose');
- `web`: a URL's host, its comparison key, and what kind of site it is;
- `phones`: parsing a typed number into a `Phone`, a number's comparison key, its digits;
- `emails`: an address's comparison key and its syntax check;
- `countries`: a printed country name → its ISO 3166 code;
- `companies`: legal forms ('GmbH', 'S.A.', 'Inc.') that end a company's name;
- `confidence`: below which confidence a field is worth a person's look.
"""

from capture.normalize.companies import LEGAL_RE
from capture.normalize.confidence import LOW_CONFIDENCE
from capture.normalize.countries import COUNTRY_NAMES, country_in, resolve_country
from capture.normalize.emails import check_email_address, email_key, email_syntax_ok
from capture.normalize.phones import digits_of, parse_phone, phone_key, printed_phone_key, same_number
from capture.normalize.text import fold
from capture.normalize.web import site_kind, url_host, url_key, website_kind

__all__ = [
    "COUNTRY_NAMES",
    "LEGAL_RE",
    "LOW_CONFIDENCE",
    "check_email_address",
    "country_in",
    "digits_of",
    "email_key",
    "email_syntax_ok",
    "fold",
    "parse_phone",
    "phone_key",
    "printed_phone_key",
    "resolve_country",
    "same_number",
    "site_kind",
    "url_host",
    "url_key",
    "website_kind",
]
