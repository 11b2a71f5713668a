"""random_card: realistic contact data for one card, valid by phonenumbers and email-validator."""

from __future__ import annotations

import random
import re
import unicodedata

import phonenumbers
from phonenumbers import PhoneNumberFormat, PhoneNumberType

from samples.cardgen import regions as R
from samples.cardgen.fonts import pick_family
from samples.cardgen.spec import AddressSpec, CardSpec, PhoneSpec, Style

REGION_CODES = ("US", "GB", "DE", "FR", "BR", "IN", "AU", "JP")
LAYOUTS = ("left", "right", "centered", "two_column", "band", "logo")

LIGHT_BG = ((255, 255, 255), (255, 255, 255), (250, 247, 240), (243, 244, 246), (236, 243, 250))
DARK_TEXT = ((25, 25, 25), (20, 40, 80), (55, 55, 60))
ACCENTS = ((22, 54, 110), (0, 110, 110), (128, 24, 48), (34, 110, 60), (200, 95, 20),
           (90, 50, 130), (30, 90, 200), (50, 55, 60))
DARK_BG = ((20, 24, 32), (15, 45, 80), (38, 38, 40), (10, 70, 60), (90, 20, 35))
LIGHT_TEXT = ((245, 245, 245), (250, 238, 205))
GOLD = ((212, 175, 55), (120, 200, 230), (245, 245, 245))

Labels = dict[str, tuple[str, ...]]
WORK_LABELS: Labels = {"short": ("T:", "P:", "T", "D:"),
                       "word": ("Tel:", "Tel", "Phone:", "Office:", "Direct:", "Tel.")}
MOBILE_LABELS: Labels = {"short": ("M:", "M", "C:"), "word": ("Mobile:", "Mobile", "Cell:", "Cell", "Mob:")}
FAX_LABELS: Labels = {"short": ("F:", "F"), "word": ("Fax:", "Fax")}
LABELS_BY_TYPE: dict[str, Labels] = {
    "work": WORK_LABELS, "mobile": MOBILE_LABELS, "fax": FAX_LABELS}
LANDLINE = {PhoneNumberType.FIXED_LINE, PhoneNumberType.FIXED_LINE_OR_MOBILE}
MOBILE = {PhoneNumberType.MOBILE, PhoneNumberType.FIXED_LINE_OR_MOBILE}


def fill(pattern: str, rng: random.Random) -> str:
    """Expand '#' (digit), 'A' (capital letter) and '[a-b]' (digit range) in a pattern."""
    out = []
    for token in re.findall(r"\[\d-\d\]|.", pattern):
        if token == "#":
            out.append(str(rng.randint(0, 9)))
        elif token == "A":
            out.append(rng.choice("ABDEFGHJLNPQRSTUWXYZ"))
        elif token.startswith("["):
            out.append(str(rng.randint(int(token[1]), int(token[3]))))
        else:
            out.append(token)
    return "".join(out)


def ascii_fold(text: str) -> str:
    text = text.replace("ü", "ue").replace("ö", "oe").replace("ä", "ae").replace("ß", "ss")
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if not unicodedata.combining(c)).lower()


def make_number(region: R.Region, city: R.City, mobile: bool, rng: random.Random) -> phonenumbers.PhoneNumber:
    """Draw subscriber numbers until phonenumbers calls one valid and of the wanted kind."""
    wanted = MOBILE if mobile else LANDLINE
    if region.code != "US":  # outside NANP the ranges tell mobiles apart; keep them unambiguous
        wanted = wanted - {PhoneNumberType.FIXED_LINE_OR_MOBILE}
    for _ in range(200):
        pattern = rng.choice(region.mobile) if mobile else city.area + city.local
        nsn = fill(pattern.replace("AREA", city.area), rng)
        number = phonenumbers.parse("+" + region.cc + nsn)
        if phonenumbers.is_valid_number(number) and phonenumbers.number_type(number) in wanted:
            return number
    raise RuntimeError(f"could not draw a valid {region.code} number for {city.name}")


def print_number(number: phonenumbers.PhoneNumber, region: str, rng: random.Random) -> str:
    """One of the ways people print a number: national, international, or a local habit."""
    national = phonenumbers.format_number(number, PhoneNumberFormat.NATIONAL)
    intl = phonenumbers.format_number(number, PhoneNumberFormat.INTERNATIONAL)
    style = rng.random()
    if style < 0.5:
        return national
    if style < 0.8:
        return intl
    digits = phonenumbers.national_significant_number(number)
    if region == "US":
        return f"{digits[:3]}.{digits[3:6]}.{digits[6:]}"
    if region in ("DE", "FR", "GB"):
        return intl.replace(" ", " (0)", 1).replace("(0)", "(0) ", 1).replace("  ", " ")
    if region == "JP":
        return intl.replace(" ", "-")
    return intl


def make_phones(region: R.Region, city: R.City, kind: str, rng: random.Random) -> tuple[PhoneSpec, ...]:
    has_work = kind == "business" or rng.random() < 0.85
    has_mobile = rng.random() < (0.35 if kind == "business" else 0.6) or not has_work
    has_fax = rng.random() < (0.45 if region.code == "JP" else 0.2)
    wanted = (["work"] * has_work + ["work"] * (kind == "business" and rng.random() < 0.3)
              + ["mobile"] * has_mobile + ["fax"] * has_fax)
    # Numbers may go unlabeled only where the reader can still tell their kinds apart.
    unlabeled_ok = not has_fax and (len(wanted) == 1 or (region.code != "US" and wanted == ["work", "mobile"]))
    label_style = rng.choice(("short", "word", "none" if unlabeled_ok else "word"))
    phones: list[PhoneSpec] = []
    for kind_ in wanted:
        number = make_number(region, city, kind_ == "mobile", rng)
        labels = LABELS_BY_TYPE[kind_]
        label = None if label_style == "none" else rng.choice(labels[label_style])
        e164 = phonenumbers.format_number(number, PhoneNumberFormat.E164)
        if any(p.e164 == e164 for p in phones):
            continue
        phones.append(PhoneSpec(e164, print_number(number, region.code, rng), kind_, label))
    return tuple(phones)


def make_org(region: R.Region, rng: random.Random) -> tuple[str, str]:
    """(printed organization name, domain slug)."""
    legal = rng.choice(region.legal)
    pattern = rng.random()
    if pattern < 0.45:
        brand = rng.choice(R.COMPANY_FIRST) + rng.choice(R.COMPANY_SECOND)
        trade = rng.choice(R.COMPANY_TRADE)
        name, slug = f"{brand} {trade}", brand
    elif pattern < 0.75:
        brand = rng.choice(R.COMPANY_FIRST)
        trade = rng.choice(R.COMPANY_TRADE)
        name, slug = f"{brand} {trade}", f"{brand}{trade}"
    else:
        a, b = rng.sample(region.family, 2)
        name, slug = (f"{a} & {b}", f"{a}{b}") if rng.random() < 0.5 else (
            f"{a} {rng.choice(R.COMPANY_TRADE)}", a)
    sep = ", " if legal in ("Inc.", "Ltd.") and rng.random() < 0.4 else " "
    return f"{name}{sep}{legal}", re.sub(r"[^a-z0-9]", "", ascii_fold(slug))


def make_address(region: R.Region, city: R.City, rng: random.Random) -> AddressSpec:
    street_name = rng.choice(region.streets)
    num = rng.randint(1, 240)
    postal = fill(city.postal, rng)
    country = region.country if rng.random() < {"US": 0.1, "JP": 0.8, "IN": 0.5}.get(region.code, 0.35) else None
    code = region.code
    if code == "US":
        suite = f", Suite {rng.randint(1, 30)}00" if rng.random() < 0.4 else ""
        street = f"{rng.randint(100, 9999)} {street_name}{suite}"
        lines = [street, f"{city.name}, {city.region} {postal}"]
    elif code in ("GB", "FR"):
        street = f"{num} {street_name}"
        lines = [street, f"{city.name} {postal}" if code == "GB" else f"{postal} {city.name}"]
    elif code == "DE":
        street = f"{street_name} {num}"
        lines = [street, f"{postal} {city.name}"]
    elif code == "BR":
        room = f", Sala {rng.randint(1, 20)}0" if rng.random() < 0.4 else ""
        street = f"{street_name}, {rng.randint(10, 3000)}{room}"
        lines = [street, rng.choice((f"{city.name} - {city.region}, CEP {postal}",
                                     f"CEP {postal} - {city.name}/{city.region}"))]
    elif code == "IN":
        floor = rng.randint(1, 12)
        nth = {1: "st", 2: "nd", 3: "rd"}.get(floor, "th")
        street = f"{floor}{nth} Floor, {rng.choice(region.family)} House, {num} {street_name}"
        lines = [street, f"{city.name} - {postal}, {city.region}"]
    elif code == "AU":
        street = (f"Level {rng.randint(2, 40)}, " if rng.random() < 0.5 else "") + f"{num} {street_name}"
        lines = [street, f"{city.name} {city.region} {postal}"]
    else:  # JP: building and floor, block number and district, ward; city and postal code last
        ward = rng.choice(R.JP_WARDS[city.name])
        building = f"{rng.choice(region.family)} Bldg. {rng.randint(2, 30)}F"
        block = f"{rng.randint(1, 9)}-{rng.randint(1, 30)}-{rng.randint(1, 20)} {street_name}, {ward}"
        street = f"{building}, {block}"
        lines = [building, block, f"{city.name} {postal}"]
    if country:
        lines[-1] += f", {country}"
    return AddressSpec(street, city.name, city.region, postal, country, tuple(lines))


def make_style(rng: random.Random, dark: bool | None, layout: str | None) -> Style:
    regular, bold = pick_family(rng.random())
    dark = rng.random() < 0.15 if dark is None else dark
    layout = layout or rng.choice(LAYOUTS)
    if dark:
        background, text = rng.choice(DARK_BG), rng.choice(LIGHT_TEXT)
        accent = rng.choice(GOLD)
        accent_text = (20, 20, 20)
    else:
        background, text = rng.choice(LIGHT_BG), rng.choice(DARK_TEXT)
        accent, accent_text = rng.choice(ACCENTS), (255, 255, 255)
    return Style(layout, regular, bold, background, text, accent, accent_text, dark,
                 uppercase_name=rng.random() < 0.2)


def random_card(rng: random.Random, region: str | None = None, *, kind: str | None = None,
                dark: bool | None = None, layout: str | None = None) -> CardSpec:
    """A card's full truth. Keyword options force a kind, a dark palette or a layout."""
    reg = R.REGIONS[region or rng.choice(REGION_CODES)]
    kind = kind or ("business" if rng.random() < 0.15 else "person")
    city = rng.choice(reg.cities)
    org, slug = make_org(reg, rng)
    domain = f"{slug}.{rng.choice(reg.tlds)}"
    prefix = middle = suffix = given = family = name = full = title = None
    if kind == "person":
        given = rng.choice(reg.given_m if rng.random() < 0.5 else reg.given_f)
        family = rng.choice(reg.family)
        if reg.code == "BR" and rng.random() < 0.3:
            family = f"{rng.choice(reg.family)} {family}"
        if reg.code in ("US", "GB", "AU", "IN") and rng.random() < 0.15:
            middle = rng.choice("ABCDEFGHJKLMPRST") + "."
        roll = rng.random()
        prefix = rng.choice(R.PREFIXES) if roll < 0.08 else None
        suffix = rng.choice(R.SUFFIXES) if 0.08 <= roll < 0.18 else None
        name = " ".join(p for p in (given, middle, family) if p)
        full = " ".join(p for p in (prefix, name) if p)
        if suffix:
            full += f" {suffix}" if suffix == "Jr." else f", {suffix}"
        title = rng.choice(R.TITLES) if rng.random() < 0.9 else None
    department = rng.choice(R.DEPARTMENTS) if kind == "person" and rng.random() < 0.2 else None
    emails = [make_email(given, family, domain, rng)] if rng.random() < 0.9 else []
    if emails and rng.random() < 0.1 and kind == "person":
        emails.append(f"{rng.choice(R.BUSINESS_MAILBOXES)}@{domain}")
    phones = make_phones(reg, city, kind, rng)
    urls = []
    if rng.random() < 0.75:
        urls.append(rng.choice((f"www.{domain}",) * 3 + (domain, f"https://www.{domain}", f"https://{domain}")))
    if rng.random() < 0.2:
        person_slug = ascii_fold(f"{given}-{family}").replace(" ", "-") if given else slug
        urls.append(rng.choice((f"linkedin.com/in/{person_slug}" if given else f"linkedin.com/company/{slug}",
                                f"instagram.com/{slug}")))
    handles = (f"@{slug}",) if rng.random() < 0.1 else ()
    addresses = (make_address(reg, city, rng),) if rng.random() < 0.8 else ()
    tagline = rng.choice(R.TAGLINES) if rng.random() < 0.25 else None
    style = make_style(rng, dark, layout)
    return CardSpec(reg.code, kind, name, prefix, given, middle, family, suffix, full, title, department,
                    org, tuple(emails), phones, tuple(urls), addresses, style, handles, tagline)


def make_email(given: str | None, family: str | None, domain: str, rng: random.Random) -> str:
    if not given or not family:
        return f"{rng.choice(R.BUSINESS_MAILBOXES)}@{domain}"
    g, f = ascii_fold(given), ascii_fold(family).replace(" ", "")
    local = rng.choice((f"{g}.{f}", f"{g[0]}{f}", g, f"{g}_{f}", f"{g[0]}.{f}", f"{g}{f[0]}"))
    return f"{local}@{domain}"
