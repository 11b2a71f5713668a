"""Postal addresses as each country prints them, with the label's split into street, city, region, code.

Label conventions follow ../shared/realcards: Japanese and Korean wards go in `city` with the
prefecture or province in `region` (大阪府 / 大阪市北区; 서울특별시 / 강남구), and the rest
(town, block numbers, building) in `street`; Chinese addresses the same way (广东省 / 深圳市南山区);
European ones keep the street with its number, the postal code and the city apart; a landmark line
('Próximo ao …') is part of the street. A branch's printed label is the address's `label`.
"""

from __future__ import annotations

import random

from samples.cardgen import regions as R
from samples.cardgen.locales import Locale
from samples.cardgen.people import seeded
from samples.cardgen.spec import AddressSpec

ZH_ROADS = (
    "中山路",
    "人民路",
    "建国路",
    "解放路",
    "科技园南路",
    "深南大道",
    "长安街",
    "南京西路",
    "天府大道",
    "文三路",
)
ZH_HANT_ROADS = (
    "信義路五段",
    "忠孝東路四段",
    "敦化南路二段",
    "仁愛路三段",
    "南京東路三段",
    "中山北路二段",
    "民生東路三段",
    "復興北路",
    "文心路三段",
    "中華五路",
)
ZH_TOWERS = ("国际大厦", "科技大厦", "中心广场", "金融中心", "创业大厦", "商务中心")
ZH_HANT_TOWERS = ("國際大樓", "金融大樓", "商業大樓", "科技大樓", "世貿中心")
KO_DONGS = (
    "역삼동",
    "삼성동",
    "서초동",
    "대치동",
    "여의도동",
    "상암동",
    "우동",
    "송도동",
    "도룡동",
    "정자동",
    "을지로1가",
)
KO_ROADS = (
    "테헤란로",
    "강남대로",
    "세종대로",
    "삼성로",
    "을지로",
    "센텀중앙로",
    "대학로",
    "판교역로",
    "한밭대로",
    "월드컵북로",
)


def fill(pattern: str, rng: random.Random) -> str:
    """Expand '#' (digit), 'A' (capital letter) and '[a-b]' (digit range) in a pattern."""
    out = []
    i = 0
    while i < len(pattern):
        c = pattern[i]
        if c == "#":
            out.append(str(rng.randint(0, 9)))
        elif c == "A":
            out.append(rng.choice("ABDEFGHJLNPRSTUWXZ"))
        elif c == "[" and i + 4 < len(pattern) and pattern[i + 4] == "]":
            out.append(str(rng.randint(int(pattern[i + 1]), int(pattern[i + 3]))))
            i += 4
        else:
            out.append(c)
        i += 1
    return "".join(out)


def english_address(region: R.Region, city: R.City, rng: random.Random) -> AddressSpec:
    """An English-language card's address (US, GB, DE, FR, BR, IN, AU and JP cards printed in English)."""
    street_name = rng.choice(region.streets)
    num = rng.randint(1, 240)
    postal = fill(city.postal, rng)
    country = region.country if rng.random() < {"US": 0.1, "JP": 0.8, "IN": 0.5}.get(region.code, 0.35) else None
    code = region.code
    adr_region = city.region
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
        lines = [
            street,
            rng.choice((f"{city.name} - {city.region}, CEP {postal}", f"CEP {postal} - {city.name}/{city.region}")),
        ]
    elif code == "IN":
        floor = rng.randint(1, 12)
        nth = {1: "st", 2: "nd", 3: "rd"}.get(floor, "th")
        street = f"{floor}{nth} Floor, {rng.choice(region.family)} House, {num} {street_name}"
        lines = [street, f"{city.name} - {postal}, {city.region}"]
    elif code == "AU":
        street = (f"Level {rng.randint(2, 40)}, " if rng.random() < 0.5 else "") + f"{num} {street_name}"
        lines = [street, f"{city.name} {city.region} {postal}"]
    else:  # JP in English: building and floor, block and district, ward; city and postal code last
        ward = rng.choice(R.JP_WARDS[city.name])
        building = f"{rng.choice(region.family)} Bldg. {rng.randint(2, 30)}F"
        block = f"{rng.randint(1, 9)}-{rng.randint(1, 30)}-{rng.randint(1, 20)} {street_name}"
        street = f"{building}, {block}"
        adr_region = ward
        lines = [building, f"{block}, {ward}", f"{city.name} {postal}"]
    if country:
        lines[-1] += f", {country}"
    return AddressSpec(street, city.name, adr_region, postal, country, tuple(lines))


def native_address(
    loc: Locale, city: R.City, rng: random.Random, label: str | None = None, landmark: str | None = None
) -> AddressSpec:
    """An address in the locale's own language and order."""
    fake = seeded(loc.faker, rng)
    postal: str | None = fill(city.postal, rng)
    region = city.region
    country = None
    if loc.lang == "ja":
        town = fake.town()
        block = rng.choice(
            (
                f"{rng.randint(1, 9)}-{rng.randint(1, 30)}-{rng.randint(1, 20)}",
                f"{rng.randint(1, 9)}丁目{rng.randint(1, 30)}番{rng.randint(1, 20)}号",
                f"{rng.randint(1, 9)}-{rng.randint(1, 30)}",
            )
        )
        building = f"{fake.building_name()}ビル {rng.randint(2, 30)}F" if rng.random() < 0.7 else ""
        street = " ".join(p for p in (town + block, building) if p)
        head = f"〒{postal}"
        body = f"{region}{city.name}{town}{block}"
        lines = [f"{head} {body}", building] if rng.random() < 0.5 else [head, body, building]
        lines = [ln for ln in lines if ln]
    elif loc.lang in ("zh-Hans", "zh-Hant"):
        hans = loc.lang == "zh-Hans"
        road = rng.choice(ZH_ROADS if hans else ZH_HANT_ROADS)
        number = f"{rng.randint(1, 999)}号" if hans else f"{rng.randint(1, 300)}號"
        tower = (
            (f"{rng.choice(ZH_TOWERS if hans else ZH_HANT_TOWERS)}{rng.randint(2, 40)}" + ("层" if hans else "樓"))
            if rng.random() < 0.7
            else ""
        )
        if not hans and not tower and rng.random() < 0.5:
            number = f"{rng.randint(1, 300)}號{rng.randint(2, 20)}樓之{rng.randint(1, 9)}"
        street = f"{road}{number}{tower}"
        prefix = region if region != city.name else ""
        body = f"{prefix}{city.name}{street}"
        if hans:
            lines = [body] if rng.random() < 0.5 else [body, f"邮编：{postal}"]
        else:
            lines = [f"{postal} {body}" if rng.random() < 0.6 else body]
    elif loc.lang == "ko":
        road = rng.choice(KO_ROADS) if rng.random() < 0.6 else fake.road_name() + rng.choice(("로", "길"))
        number = f"{rng.randint(1, 600)}"
        dong = rng.choice(KO_DONGS)
        building = f"{fake.building_name()} {rng.randint(2, 25)}층" if rng.random() < 0.7 else ""
        extra = f" ({', '.join(p for p in (dong, building) if p)})" if (dong or building) else ""
        street = f"{road} {number}{extra}"
        body = f"{region} {city.name} {street}"
        lines = (
            [f"({postal}) {body}"]
            if rng.random() < 0.5
            else [f"{region} {city.name} {road} {number}", f"{extra.strip()} 우편번호 {postal}".strip()]
        )
    else:
        number = str(rng.randint(1, 180))
        street_name = fake.street_name()
        if loc.lang in ("de", "nl"):
            street = f"{street_name} {number}"
            city_line = f"{postal} {city.name}"
        elif loc.lang == "fr":
            street = f"{number}, {street_name}" if rng.random() < 0.5 else f"{number} {street_name}"
            city_line = f"{postal} {city.name}" + (" Cedex" if rng.random() < 0.1 else "")
        elif loc.lang == "es":
            floor = f", {rng.randint(1, 9)}º {rng.choice('ABCD')}" if rng.random() < 0.5 else ""
            street = f"{street_name}, {number}{floor}"
            city_line = f"{postal} {city.name}"
        elif loc.lang == "it":
            street = f"{street_name}, {number}"
            city_line = f"{postal} {city.name} ({region})" if rng.random() < 0.7 else f"{postal} {city.name}"
        else:  # pt (Brazil): street, number, room, neighbourhood; city - state, CEP
            room = f", Sala {rng.randint(1, 20)}{rng.choice(('', '0', '1'))}" if rng.random() < 0.3 else ""
            hood = f", {fake.bairro()}" if rng.random() < 0.6 else ""
            street = f"{street_name}, {number}{room}{hood}"
            city_line = rng.choice(
                (
                    f"{city.name} - {region}",
                    f"CEP {postal} - {city.name}/{region}",
                    f"{city.name}/{region} - CEP {postal}",
                )
            )
        if landmark:
            street += f", {landmark}"
        lines = (
            [street, city_line]
            if not landmark or rng.random() < 0.5
            else [street.rsplit(", ", 1)[0], landmark, city_line]
        )
        if rng.random() < 0.3:
            country = loc.country
            lines[-1] += f", {country}" if rng.random() < 0.5 else ""
            if not lines[-1].endswith(country):
                lines.append(country)
        if loc.lang != "it" and loc.lang != "pt":
            region = None
    if postal and not any(postal in line for line in lines):
        postal = None  # not printed (many Brazilian and Chinese cards give none): not in the label either
    return AddressSpec(street, city.name, region, postal, country, tuple(lines), label)
