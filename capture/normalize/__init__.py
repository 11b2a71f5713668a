"""The one home of every rule more than one stage needs: how a value is compared, parsed or judged.

Extraction, reconciliation, QR codes, the vCard reader, the contact store, the web form and the
follow-up planner all call these functions; none of them keeps its own copy.

- `text`: folding text to the letters and digits it spells ('São José' → 'saojose'), and the
  legal forms that end a company's name ('GmbH', 'S.A.', 'Inc.');
- `web`: a URL's host, its comparison key, and what kind of site it is;
- `phones`: parsing a typed number into a `Phone`, a number's comparison key, its digits, its
  country and how it is shown (`display_phone`: '+49 30 41755243');
- `emails`: an address's comparison key and its syntax check;
- `countries`: a printed country name → its ISO 3166 code;
- `tlds`: which top-level domains exist (the Public Suffix List), and the nearest one to a misread;
- `LOW_CONFIDENCE` (here): below which confidence a field is worth a person's look.
"""

from capture.normalize.countries import COUNTRY_NAMES, country_in, resolve_country
from capture.normalize.emails import check_email_address, email_key, email_syntax_ok
from capture.normalize.phones import digits_of, parse_phone, phone_key, printed_phone_key, same_number
from capture.normalize.text import LEGAL_RE, fold
from capture.normalize.web import site_kind, url_host, url_key, website_kind

# Below this confidence a field gets a warning from the validate stage, is highlighted on the
# review page, and leaves its stored contact "needs review": one threshold, so a field the page
# highlights always comes with a warning saying so. (The review page and the store used 0.6 and
# the validate stage 0.5; 0.6 was kept, so nothing highlighted before goes unflagged.)
LOW_CONFIDENCE = 0.6

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
