"""random_card: realistic contact data for one card, in its language, valid by phonenumbers and email-validator."""

from __future__ import annotations

import random

import phonenumbers
from phonenumbers import PhoneNumberFormat

from samples.cardgen import regions as R
from samples.cardgen.addresses import english_address, native_address
from samples.cardgen.fonts import pick_family
from samples.cardgen.locales import CJK, LANGS, LOCALES, Locale
from samples.cardgen.people import Person, ascii_fold, make_company, make_person, seeded, shop_name, slugify
from samples.cardgen.phones import make_number, print_number
from samples.cardgen.spec import AddressSpec, CardSpec, PhoneSpec, Style

REGION_CODES = ("US", "GB", "DE", "FR", "BR", "IN", "AU", "JP")  # English-language cards' countries
LATIN_LANGS = ("en", "pt", "de", "fr", "es", "it", "nl")
CLASSIC_LAYOUTS = ("left", "right", "centered", "two_column", "band", "logo")
LAYOUTS = (*CLASSIC_LAYOUTS, "photo", "busy")
VERTICAL_SHARE = 0.3  # of Japanese cards, printed in columns

LIGHT_BG = ((255, 255, 255), (255, 255, 255), (250, 247, 240), (243, 244, 246), (236, 243, 250))
DARK_TEXT = ((25, 25, 25), (20, 40, 80), (55, 55, 60))
ACCENTS = ((22, 54, 110), (0, 110, 110), (128, 24, 48), (34, 110, 60), (200, 95, 20),
           (90, 50, 130), (30, 90, 200), (50, 55, 60), (200, 30, 40), (230, 160, 0))
DARK_BG = ((20, 24, 32), (15, 45, 80), (38, 38, 40), (10, 70, 60), (90, 20, 35))
LIGHT_TEXT = ((245, 245, 245), (250, 238, 205))
GOLD = ((212, 175, 55), (120, 200, 230), (245, 245, 245))
# card sizes at 300 dpi: the US 3.5 x 2 in, ISO 85 x 55 mm, Japan 91 x 55 mm, China 90 x 54 mm, Korea 90 x 50 mm
CARD_SIZES = {"US": (1050, 600), "JP": (1075, 650), "CN": (1063, 638), "TW": (1063, 638), "KR": (1063, 591),
              "BR": (1063, 591)}
ISO_CARD = (1004, 650)

ENGLISH_LABELS: dict[str, dict[str, tuple[str, ...]]] = {"work": {"short": ("T:", "P:", "T", "D:"),
                           "word": ("Tel:", "Tel", "Phone:", "Office:", "Direct:", "Tel.")},
                  "mobile": {"short": ("M:", "M", "C:"), "word": ("Mobile:", "Mobile", "Cell:", "Cell", "Mob:")},
                  "fax": {"short": ("F:", "F"), "word": ("Fax:", "Fax")}}
SLOGANS = {
    "pt": ("Qualidade e confiança", "Atendimento 24 horas", "Entregamos em domicílio", "Há 20 anos com você"),
    "de": ("Qualität aus Leidenschaft", "Ihr Partner für Technik", "Seit 1972 in Familienhand"),
    "fr": ("Votre partenaire de confiance", "L'excellence au quotidien", "Depuis 1988"),
    "es": ("Calidad y confianza desde 1985", "Soluciones a su medida", "Su socio de confianza"),
    "it": ("Qualità e passione dal 1978", "Soluzioni su misura", "Il vostro partner di fiducia"),
    "nl": ("Uw partner in techniek", "Kwaliteit en service", "Sinds 1965"),
    "ja": ("お客様の未来を創る", "信頼と技術で社会に貢献", "確かな品質をお届けします"),
    "zh-Hans": ("诚信 创新 共赢", "专业 专注 专心", "品质成就未来"),
    "zh-Hant": ("誠信 專業 創新", "品質第一 服務至上", "用心服務每一天"),
    "ko": ("고객과 함께하는 기업", "믿음을 주는 파트너", "기술로 여는 미래"),
}
PREFIXES = {"de": ("Dr.", "Dipl.-Ing.", "Prof. Dr."), "it": ("Dott.", "Ing.", "Avv.", "Arch."),
            "es": ("Dr.", "Lic."), "fr": ("Dr", "Me"), "pt": ("Dr.", "Eng."), "nl": ("Ir.", "Drs.", "Dr.")}
FAKER_JOBS = {"en": 0.3, "de": 0.12, "fr": 0.12, "es": 0.12, "pt": 0.12}  # share of titles drawn from Faker's jobs


def phone_labels(lang: str, loc: Locale | None, kind: str, style: str, rng: random.Random) -> str | None:
    if style == "none":
        return None
    if loc is None:
        return rng.choice(ENGLISH_LABELS[kind][style])
    return rng.choice({"work": loc.work, "mobile": loc.mobile_labels, "fax": loc.fax}[kind])


def make_phones(region: str, cc: str, mobile_patterns: tuple[str, ...], city: R.City, kind: str, lang: str,
                loc: Locale | None, busy: bool, rng: random.Random) -> tuple[PhoneSpec, ...]:
    has_work = kind == "business" or rng.random() < 0.85
    has_mobile = rng.random() < (0.35 if kind == "business" else 0.6) or not has_work
    has_fax = rng.random() < (0.5 if lang in ("ja", "zh-Hans", "zh-Hant", "ko") else 0.2)
    extra = rng.randint(1, 3) if busy else int(kind == "business" and rng.random() < 0.3)
    wanted = ["work"] * has_work + ["work"] * extra + ["mobile"] * has_mobile + ["fax"] * has_fax
    if busy and rng.random() < 0.5:
        wanted.append("mobile")
    # Numbers may go unlabeled only where the reader can still tell their kinds apart.
    unlabeled_ok = not has_fax and (len(wanted) == 1 or (region != "US" and wanted == ["work", "mobile"]))
    label_style = rng.choice(("short", "word", "none" if unlabeled_ok else "word"))
    phones: list[PhoneSpec] = []
    for kind_ in wanted:
        number = make_number(region, cc, mobile_patterns, city, kind_ == "mobile", rng)
        label = phone_labels(lang, loc, kind_, label_style, rng)
        e164 = phonenumbers.format_number(number, PhoneNumberFormat.E164)
        if any(p.e164 == e164 for p in phones):
            continue
        phones.append(PhoneSpec(e164, print_number(number, region, rng), kind_, label))
    return tuple(phones)


def english_org(region: R.Region, rng: random.Random) -> tuple[str, str]:
    """(printed organization name, domain slug) of an English-language card."""
    legal = rng.choice(region.legal)
    pattern = rng.random()
    if pattern < 0.45:
        brand = rng.choice(R.COMPANY_FIRST) + rng.choice(R.COMPANY_SECOND)
        name, slug = f"{brand} {rng.choice(R.COMPANY_TRADE)}", brand
    elif pattern < 0.75:
        brand, trade = rng.choice(R.COMPANY_FIRST), rng.choice(R.COMPANY_TRADE)
        name, slug = f"{brand} {trade}", f"{brand}{trade}"
    else:
        a, b = rng.sample(region.family, 2)
        name, slug = (f"{a} & {b}", f"{a}{b}") if rng.random() < 0.5 else (f"{a} {rng.choice(R.COMPANY_TRADE)}", a)
    sep = ", " if legal in ("Inc.", "Ltd.") and rng.random() < 0.4 else " "
    return f"{name}{sep}{legal}", slugify(slug)


def make_style(rng: random.Random, lang: str, region: str, dark: bool | None, layout: str | None,
               layouts: tuple[str, ...] = LAYOUTS) -> Style:
    script = lang if lang in CJK else "latin"
    family = pick_family(rng.random(), script)
    latin = pick_family(rng.random(), "latin") if script != "latin" and rng.random() < 0.5 else family
    dark = rng.random() < 0.12 if dark is None else dark
    if layout == "vertical" and lang not in ("ja", "zh-Hant"):
        layout = None  # only Japanese and traditional Chinese cards are printed in columns
    if layout is None:
        layout = "vertical" if lang == "ja" and rng.random() < VERTICAL_SHARE else rng.choice(layouts)
    if dark:
        background, text = rng.choice(DARK_BG), rng.choice(LIGHT_TEXT)
        accent, accent_text = rng.choice(GOLD), (20, 20, 20)
    else:
        background, text = rng.choice(LIGHT_BG), rng.choice(DARK_TEXT)
        accent, accent_text = rng.choice(ACCENTS), (255, 255, 255)
    classic = layouts == CLASSIC_LAYOUTS
    size = CARD_SIZES["US"] if classic else CARD_SIZES.get(region, ISO_CARD if lang != "en" else CARD_SIZES["US"])
    if layout == "vertical":
        size = (size[1], size[0])
    return Style(layout, family, latin, background, text, accent, accent_text, dark,
                 uppercase_name=rng.random() < (0.2 if script == "latin" else 0.0), size=size, decorated=not classic)


def make_email(given: str | None, family: str | None, domain: str, rng: random.Random) -> str:
    if not given or not family:
        return f"{rng.choice(R.BUSINESS_MAILBOXES)}@{domain}"
    g, f = slugify(given), slugify(family)
    local = rng.choice((f"{g}.{f}", f"{g[0]}{f}", g, f"{g}_{f}", f"{g[0]}.{f}", f"{g}{f[0]}", f"{f}.{g}",
                        f"{f}-{g[0]}"))
    return f"{local}@{domain}"


def pick_lang(rng: random.Random, region: str | None, lang: str | None) -> str:
    if lang:
        if lang not in LANGS:
            raise ValueError(f"unknown language {lang!r}; the generator knows {', '.join(LANGS)}")
        return lang
    if region is None or region in R.REGIONS:
        return "en"
    for loc in LOCALES.values():
        if loc.region == region:
            return loc.lang
    raise ValueError(f"unknown region {region!r}")


def _name_fields(person: Person, lang: str, rng: random.Random) -> dict[str, str | None]:
    """The printed name lines and the label's name fields for a CJK person."""
    spaced = (lang == "ja" and rng.random() < 0.8) or (lang == "zh-Hant" and rng.random() < 0.2)
    native = f"{person.family} {person.given}" if spaced else person.family + person.given
    out: dict[str, str | None] = {"name_native": native, "given_native": person.given,
                                  "family_native": person.family, "name": None, "given": None, "family": None,
                                  "full_name": None}
    if rng.random() < {"ja": 0.7, "zh-Hans": 0.45, "zh-Hant": 0.6, "ko": 0.55}[lang]:
        g, f = person.given_latin or "", person.family_latin or ""
        roll = rng.random()
        if roll < 0.5:
            printed = f"{g} {f}"
        elif roll < 0.75:
            f = f.upper()
            printed = f"{f} {g}"
        else:
            printed = f"{f} {g}"
        if lang == "ko" and rng.random() < 0.3:
            g, f, printed = g.upper(), f.upper(), printed.upper()
        out.update(name=printed, given=g, family=f, full_name=printed)
    return out


def random_card(rng: random.Random, region: str | None = None, *, lang: str | None = None, kind: str | None = None,
                dark: bool | None = None, layout: str | None = None) -> CardSpec:
    """A card's full truth. `lang` picks the language (en pt de fr es it nl ja zh-Hans zh-Hant ko) and draws
    among all layouts; without it the card is the plain English card of US/GB/DE/FR/BR/IN/AU/JP (`region`, or
    one of them) in one of the six classic layouts, as the capture tests expect; keyword options force a
    kind, a dark palette or a layout."""
    classic = lang is None
    lang = pick_lang(rng, region, lang)
    loc = LOCALES.get(lang)
    if loc is None:
        reg = R.REGIONS[region if region in R.REGIONS else rng.choice(REGION_CODES)]
        code, cc, cities, mobiles, tlds = reg.code, reg.cc, reg.cities, reg.mobile, reg.tlds
    else:
        reg = None
        code, cc, cities, mobiles, tlds = loc.region, loc.cc, loc.cities, loc.mobile, loc.tlds
    kind = kind or ("business" if rng.random() < (0.35 if lang == "pt" else 0.15) else "person")
    style = make_style(rng, lang, code, dark, layout, CLASSIC_LAYOUTS if classic else LAYOUTS)
    busy = style.layout == "busy"
    city = rng.choice(cities)
    fields: dict[str, str | None] = dict.fromkeys(("name", "given", "family", "full_name", "name_native",
                                                   "given_native", "family_native", "prefix", "suffix", "middle"))
    title = department = tagline = brand = landmark = None
    title_alt: tuple[str, ...] = ()
    org_alt: list[str] = []
    # the organization
    if reg is not None:
        org, slug = english_org(reg, rng)
    elif kind == "business":
        org = shop_name(loc, rng) if loc else ""
        slug = slugify(org.split()[-1]) if loc and loc.script == "latin" else ""
    else:
        company = make_company(loc, rng, city.region)  # type: ignore[arg-type]
        org, slug = company.name, company.slug
        if company.english and rng.random() < 0.4:
            org_alt.append(company.english)
    if not slug:  # a CJK shop: its domain comes from the romanised brand of a company of the same place
        slug = make_company(loc, rng, city.region).slug  # type: ignore[arg-type]
    org_printed = not (kind == "person" and rng.random() < 0.05)  # a freelancer's card: no company
    domain = f"{slug}.{rng.choice(tlds)}"
    # the person
    if kind == "person":
        if reg is not None:
            female = rng.random() < 0.5
            given = rng.choice(reg.given_f if female else reg.given_m)
            family = rng.choice(reg.family)
            if reg.code == "BR" and rng.random() < 0.3:
                family = f"{rng.choice(reg.family)} {family}"
            if reg.code in ("US", "GB", "AU", "IN") and rng.random() < 0.15:
                fields["middle"] = rng.choice("ABCDEFGHJKLMPRST") + "."
            person = Person(given, family, female, None, None)
        else:
            person = make_person(loc, rng)  # type: ignore[arg-type]
        if lang in CJK:
            fields.update(_name_fields(person, lang, rng))
        else:
            fields["given"], fields["family"] = person.given, person.family
            fields["name"] = " ".join(p for p in (person.given, fields["middle"], person.family) if p)
            roll = rng.random()
            prefixes = R.PREFIXES if lang == "en" else PREFIXES.get(lang, ())
            fields["prefix"] = rng.choice(prefixes) if roll < 0.08 and prefixes else None
            fields["suffix"] = rng.choice(R.SUFFIXES) if lang == "en" and 0.08 <= roll < 0.18 else None
            full = " ".join(p for p in (fields["prefix"], fields["name"]) if p)
            if fields["suffix"]:
                full += f" {fields['suffix']}" if fields["suffix"] == "Jr." else f", {fields['suffix']}"
            fields["full_name"] = full
        title, title_alt = make_title(lang, loc, person.female, rng)
        if rng.random() < (0.55 if lang in CJK else 0.2):
            department = make_departments(lang, loc, rng)
    email_given = fields["given"] or (loc and kind == "person" and _latin_given(person)) or None
    email_family = fields["family"] or (loc and kind == "person" and _latin_family(person)) or None
    emails = [make_email(email_given, email_family, domain, rng)] if rng.random() < 0.9 else []
    if emails and rng.random() < 0.1 and kind == "person":
        emails.append(f"{rng.choice(R.BUSINESS_MAILBOXES)}@{domain}")
    phones = make_phones(code, cc, mobiles, city, kind, lang, loc, busy, rng)
    urls = []
    if rng.random() < 0.75:
        urls.append(rng.choice((f"www.{domain}",) * 3 + (domain, f"https://www.{domain}", f"http://{domain}")))
    if rng.random() < (0.35 if busy else 0.15):
        person_slug = ascii_fold(f"{email_given}-{email_family}").replace(" ", "-") if email_given else slug
        urls.append(rng.choice((f"linkedin.com/in/{person_slug}" if email_given else f"linkedin.com/company/{slug}",
                                f"instagram.com/{slug}", f"facebook.com/{slug}")))
    handles = (f"@{slug}",) if rng.random() < (0.3 if busy or lang == "pt" else 0.08) else ()
    addresses: list[AddressSpec] = []
    if rng.random() < 0.8:
        n_addresses = rng.choice((2, 2, 3)) if (busy or rng.random() < 0.1) and loc else 1
        for k in range(n_addresses):
            branch_city = city if k == 0 else rng.choice(cities)
            label = None
            if loc and n_addresses > 1 and loc.branch_labels:  # the head office first, then branches
                label = loc.branch_labels[rng.randint(0, 1)] if k == 0 else rng.choice(loc.branch_labels[2:])
            if loc and loc.landmarks and k == 0 and rng.random() < 0.3:
                landmark = rng.choice(loc.landmarks).format(x=rng.choice(loc.places))
            if reg is not None:
                addresses.append(english_address(reg, branch_city, rng))
            else:
                addresses.append(native_address(loc, branch_city, rng, label,  # type: ignore[arg-type]
                                                landmark if k == 0 else None))
    if rng.random() < (0.4 if kind == "business" else 0.2):
        tagline = rng.choice(SLOGANS.get(lang, R.TAGLINES))
    if org_printed and rng.random() < 0.25:
        brand = slug.upper() if rng.random() < 0.5 or lang in CJK else slug.capitalize()
        if len(brand) > 12 or brand.lower() == org.lower():
            brand = None
        elif lang in CJK or rng.random() < 0.5:
            org_alt.append(brand)
    style = _with_field_labels(style, lang, loc, rng)
    return CardSpec(code, kind, fields["name"], fields["prefix"], fields["given"], fields["middle"],
                    fields["family"], fields["suffix"], fields["full_name"], title, department,
                    org if org_printed else None, tuple(emails), phones, tuple(urls), tuple(addresses), style,
                    handles, tagline, lang, fields["name_native"], fields["given_native"], fields["family_native"],
                    title_alt, tuple(org_alt) if org_printed else (), brand if org_printed else None,
                    landmark if addresses else None)


def _latin_given(person: Person) -> str | None:
    return person.given_latin


def _latin_family(person: Person) -> str | None:
    return person.family_latin


def _with_field_labels(style: Style, lang: str, loc: Locale | None, rng: random.Random) -> Style:
    from dataclasses import replace

    if loc is None:
        email = rng.choice((None, None, "E:", "Email:", "E-mail:"))
        url = rng.choice((None, None, "W:", "Web:"))
    else:
        email = rng.choice(loc.email_labels) if rng.random() < 0.6 else None
        url = rng.choice(loc.url_labels) if rng.random() < 0.5 else None
    return replace(style, email_label=email, url_label=url)


def make_title(lang: str, loc: Locale | None, female: bool, rng: random.Random) -> tuple[str | None, tuple[str, ...]]:
    """(title as printed, the title's other printed forms)."""
    if rng.random() < (0.2 if lang == "ja" else 0.1):
        return None, ()
    if rng.random() < FAKER_JOBS.get(lang, 0.0):
        fake = seeded({"en": "en_US"}.get(lang) or loc.faker, rng)  # type: ignore[union-attr]
        return fake.job(), ()
    if loc is None:
        return rng.choice(R.LONG_TITLES if rng.random() < 0.2 else R.TITLES), ()
    masculine, feminine, english = rng.choice(loc.titles)
    title = feminine if female else masculine
    alt = (english,) if english != title and rng.random() < (0.35 if lang in CJK else 0.08) else ()
    return title, alt


def make_departments(lang: str, loc: Locale | None, rng: random.Random) -> str:
    if loc is None:
        return rng.choice(R.DEPARTMENTS)
    count = 2 if lang in ("ja", "ko") and rng.random() < 0.3 else 1
    return "; ".join(native for native, _ in rng.sample(loc.departments, count))
