"""People and companies per language, from Faker's locales, with the romanised forms cards print.

Japanese names come with Faker's own readings (山田 太郎 / Taro Yamada); Chinese names are
romanised with pypinyin, Korean ones with korean-romanizer (family names in the spelling people
use on cards: 이 → Lee, 박 → Park). A company gets its native name, its English name (printed on
bilingual cards and used for the domain) and its legal form's placement.
"""

from __future__ import annotations

import random
import re
import unicodedata
from dataclasses import dataclass
from functools import cache

from faker import Faker
from korean_romanizer.romanizer import Romanizer
from pypinyin import lazy_pinyin

from samples.cardgen.locales import Locale

# The romanised spelling Korean families use on cards and passports, where it differs from the
# Revised Romanization that korean-romanizer gives.
KOREAN_FAMILY_SPELLING = {
    "이": "Lee",
    "박": "Park",
    "최": "Choi",
    "정": "Jung",
    "강": "Kang",
    "조": "Cho",
    "윤": "Yoon",
    "장": "Jang",
    "임": "Lim",
    "한": "Han",
    "오": "Oh",
    "서": "Seo",
    "신": "Shin",
    "권": "Kwon",
    "황": "Hwang",
    "안": "Ahn",
    "송": "Song",
    "유": "Yoo",
    "홍": "Hong",
    "전": "Jeon",
    "고": "Ko",
    "문": "Moon",
    "손": "Son",
    "양": "Yang",
    "배": "Bae",
    "백": "Baek",
    "허": "Heo",
    "노": "Noh",
    "김": "Kim",
    "우": "Woo",
}
# katakana and kanji brand words of Japanese companies, with their romanised/English forms
JA_BRANDS = (
    ("テクノ", "Techno"),
    ("ネクスト", "Next"),
    ("グローバル", "Global"),
    ("データ", "Data"),
    ("クリエイト", "Create"),
    ("フューチャー", "Future"),
    ("サンライズ", "Sunrise"),
    ("アクア", "Aqua"),
    ("スマイル", "Smile"),
    ("エコ", "Eco"),
    ("ライフ", "Life"),
    ("メディカル", "Medical"),
)
JA_BRAND_TAILS = (
    ("ソリューションズ", "Solutions"),
    ("システムズ", "Systems"),
    ("ワークス", "Works"),
    ("テック", "Tech"),
    ("ラボ", "Lab"),
    ("パートナーズ", "Partners"),
    ("リンク", "Link"),
    ("デザイン", "Design"),
    ("コンサルティング", "Consulting"),
)
JA_PLACES = (
    ("日本", "Nihon"),
    ("東洋", "Toyo"),
    ("大和", "Daiwa"),
    ("三和", "Sanwa"),
    ("中央", "Chuo"),
    ("東邦", "Toho"),
    ("昭和", "Showa"),
    ("北斗", "Hokuto"),
    ("新日本", "Shin-Nihon"),
    ("日東", "Nitto"),
)
ZH_BRANDS = (
    "华信",
    "中科",
    "天成",
    "鑫达",
    "宏远",
    "金桥",
    "恒通",
    "瑞丰",
    "博远",
    "新锐",
    "明德",
    "嘉禾",
    "东方",
    "远航",
)
ZH_HANT_BRANDS = ("華信", "宏遠", "鼎盛", "永新", "晶豐", "勝達", "長興", "瑞昌", "嘉禾", "恆通", "博遠", "明德")
KO_BRANDS = (
    ("한빛", "Hanbit"),
    ("누리", "Nuri"),
    ("미래", "Mirae"),
    ("대한", "Daehan"),
    ("한국", "Korea"),
    ("글로벌", "Global"),
    ("스마트", "Smart"),
    ("디지털", "Digital"),
    ("하나", "Hana"),
    ("새솔", "Saesol"),
    ("푸른", "Pureun"),
    ("아이", "I"),
)
LATIN_BRANDS = (
    "Nova",
    "Vertex",
    "Orion",
    "Atlas",
    "Lumen",
    "Apex",
    "Nexus",
    "Helix",
    "Quanta",
    "Solaris",
    "Aurora",
    "Kappa",
    "Prisma",
    "Vita",
    "Terra",
    "Delta",
)
ZH_CITY_PREFIX = {
    "北京市": "北京",
    "上海市": "上海",
    "广东省": "深圳市",
    "浙江省": "杭州",
    "江苏省": "南京",
    "四川省": "成都",
    "湖北省": "武汉",
}


@dataclass(frozen=True)
class Person:
    given: str  # in the card's own script
    family: str
    female: bool
    given_latin: str | None  # the romanised form, for CJK names
    family_latin: str | None


@dataclass(frozen=True)
class Company:
    name: str  # as printed, legal form included
    english: str | None  # the English/romanised name printed on bilingual cards, also the domain's source
    slug: str  # ascii, for the domain


@cache
def faker_for(locale: str) -> Faker:
    fake = Faker(locale)
    for provider in fake.providers:
        # Some locales' lists are built from a set (it_IT's 16,559 cities), so their order, and
        # with it what a seed picks, changed with PYTHONHASHSEED: the same seed made another card.
        cities = getattr(provider, "cities", None)
        if isinstance(cities, list):
            provider.cities = sorted(cities)  # type: ignore[attr-defined]
    return fake


def seeded(locale: str, rng: random.Random) -> Faker:
    fake = faker_for(locale)
    fake.seed_instance(rng.getrandbits(32))
    return fake


def ascii_fold(text: str) -> str:
    text = text.replace("ü", "ue").replace("ö", "oe").replace("ä", "ae").replace("ß", "ss")
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if not unicodedata.combining(c)).lower()


def slugify(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "", ascii_fold(text))


def korean_latin(text: str) -> str:
    return Romanizer(text).romanize().replace(" ", "").capitalize()


def make_person(loc: Locale, rng: random.Random) -> Person:
    fake = seeded(loc.faker, rng)
    female = rng.random() < 0.45
    if loc.lang == "ja":
        given, _, given_latin = fake.first_name_female_pair() if female else fake.first_name_male_pair()
        family, _, family_latin = fake.last_name_pair()
        return Person(given, family, female, given_latin, family_latin)
    given = fake.first_name_female() if female else fake.first_name_male()
    family = fake.last_name()
    if loc.lang in ("zh-Hans", "zh-Hant"):
        family_latin = "".join(lazy_pinyin(family)).capitalize()
        syllables = lazy_pinyin(given)
        given_latin = ("-" if loc.lang == "zh-Hant" and len(syllables) > 1 else "").join(syllables).capitalize()
        return Person(given, family, female, given_latin, family_latin)
    if loc.lang == "ko":
        family_latin = KOREAN_FAMILY_SPELLING.get(family) or korean_latin(family)
        syllables = [korean_latin(ch) for ch in given]
        given_latin = (rng.choice(("-", "")).join(syllables)).capitalize()
        return Person(given, family, female, given_latin, family_latin)
    if loc.lang == "pt" and rng.random() < 0.35:
        family = f"{fake.last_name()} {family}"
    return Person(given, family, female, None, None)


def make_company(loc: Locale, rng: random.Random, region: str | None = None) -> Company:
    """A company name in the locale's own language, with its legal form where that language puts it."""
    fake = seeded(loc.faker, rng)
    legal = rng.choice(loc.legal)
    trade, trade_en = rng.choice(loc.trades)
    if loc.lang == "ja":
        roll = rng.random()
        if roll < 0.4:
            family, _, family_latin = fake.last_name_pair()
            core, core_en = family + trade, f"{family_latin} {trade_en}"
        elif roll < 0.7:
            (brand, brand_en), (tail, tail_en) = rng.choice(JA_BRANDS), rng.choice(JA_BRAND_TAILS)
            core, core_en = brand + tail, f"{brand_en} {tail_en}"
        else:
            place, place_en = rng.choice(JA_PLACES)
            core, core_en = place + trade, f"{place_en} {trade_en}"
        name = legal + core if rng.random() < 0.55 else core + legal
        english = f"{core_en} {rng.choice(('Co., Ltd.', 'Corporation', 'Inc.', 'K.K.'))}"
        return Company(name, english, slugify(core_en))
    if loc.lang in ("zh-Hans", "zh-Hant"):
        brand = rng.choice(ZH_BRANDS if loc.lang == "zh-Hans" else ZH_HANT_BRANDS)
        city = ZH_CITY_PREFIX.get(region or "", "") if loc.lang == "zh-Hans" and rng.random() < 0.5 else ""
        name = f"{city}{brand}{trade}{legal}"
        pinyin = "".join(lazy_pinyin(brand)).capitalize()
        english = f"{pinyin} {trade_en} Co., Ltd."
        return Company(name, english, slugify(pinyin + (trade_en.split()[0][:4] if rng.random() < 0.5 else "")))
    if loc.lang == "ko":
        brand, brand_en = rng.choice(KO_BRANDS)
        core = brand + trade
        form = rng.random()
        name = f"{legal} {core}" if form < 0.35 else (f"{legal}{core}" if form < 0.65 else f"{core}{legal}")
        if legal == "주식회사" and form >= 0.65:
            name = f"{core} {legal}"
        english = f"{brand_en} {trade_en} Co., Ltd."
        return Company(name, english, slugify(brand_en + trade_en))
    roll = rng.random()
    if roll < 0.35:
        family = fake.last_name()
        core = rng.choice((f"{family} {trade}", f"{trade} {family}"))
        slug = slugify(family)
    elif roll < 0.6:
        brand = rng.choice(LATIN_BRANDS)
        core, slug = f"{brand} {trade}", slugify(brand + trade[:4])
    else:  # Faker's own company names, which carry their legal forms
        name = fake.company()
        return Company(name, None, slugify(name.split()[0]))
    return Company(f"{core} {legal}", None, slug)


def shop_name(loc: Locale, rng: random.Random) -> str:
    """A trading name for a card with no person: 'Despachante Estrela', 'Bäckerei Schmidt'."""
    fake = seeded(loc.faker, rng)
    pattern = rng.choice(loc.shops) if loc.shops else "{x}"
    if loc.lang in ("ja", "zh-Hans", "zh-Hant", "ko"):
        filler = fake.last_name() + (fake.first_name() if loc.lang == "ko" and rng.random() < 0.3 else "")
    elif rng.random() < 0.3:
        filler = f"{rng.randint(1, 9) * 1000 if rng.random() < 0.5 else rng.randint(2, 99)} {fake.last_name()}"
    else:
        filler = rng.choice((fake.last_name(), fake.first_name(), fake.city()))
    return pattern.format(x=filler)
