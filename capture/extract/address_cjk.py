"""Addresses written in Chinese characters, kana or Hangul, in each country's own order.

- Japan: 〒 and a NNN-NNNN code, then prefecture → city (and ward) → town and block, then the
  building and floor, often on the next line (〒100-0005 東京都千代田区丸の内1-2-3 ○○ビル 5F).
- China and Taiwan: province or municipality → city (and district) → road and number → building;
  the postal code after 邮编, or first on a Taiwanese line (106 臺北市大安區…).
- Korea: (NNNNN) or 우편번호 NNNNN, then province or metropolitan city → city, county or district →
  road and number → (neighbourhood, building and floor), words separated by spaces.
The first part becomes the address's region, the second its city, the rest its street.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from capture.contact import Address
from capture.lang import ja, ko, zh
from capture.lang.lexicon import alternation, lexicons
from capture.lang.script import script_counts

DASH = "-－ー‐−―"
# 〒 is often read as テ, 亍 or 干 by PP-OCR and as a 7 glued to the code by Tesseract
JP_POSTAL_RE = re.compile(rf"(?:〒|テ|亍|干|T)?\s*(?<!\d)(?P<lead>7?)(?P<a>\d{{3}})\s*[{DASH}]\s*(?P<b>\d{{4}})(?!\d)")
# (OCR often reads 우편번호 as two words, 우편 번호)
KR_POSTAL_RE = re.compile(r"(?:우편\s?번호\s*[:：]?\s*(?P<a>\d{5})|\((?P<b>\d{5})\)|^(?P<c>\d{5})(?=\s))")
ZH_POSTAL_RE = re.compile(
    r"(?:(?:邮编|郵編|邮政编码|郵遞區號|郵政編碼)\s*[:：]?\s*(?P<a>\d{5,6})|^(?P<b>\d{3}(?:\d{2,3})?)(?=\s))"
)
PREFECTURE_RE = re.compile(alternation(ja.PREFECTURES))
# the provinces by name, and any other two or three characters ending in 省 first on a line
PROVINCE_RE = re.compile(alternation(zh.PROVINCES) + r"|^[^\d\s]{2,3}?省")
JP_CITY_RE = re.compile(
    r"^(?:[^\d\s]{1,6}?郡[^\d\s]{1,6}?[町村]|[^\d\s]{1,6}?市[^\d\s]{1,5}?区|[^\d\s]{1,6}?市|[^\d\s]{1,6}?区|[^\d\s]{1,6}?[町村])"
)
ZH_CITY_RE = re.compile(r"^(?:[^\d\s]{1,8}?[市][^\d\s]{1,6}?[区區县縣]|[^\d\s]{1,8}?[市]|[^\d\s]{1,6}?[区區县縣])")
KR_PROVINCE_END = ("특별시", "광역시", "특별자치시", "특별자치도", "도")
KR_CITY_END = ("시", "군", "구")
# blocks (丁目, 番地), road numbers (路…号) and Korean roads (…로 12) mark an address line
JP_BLOCK_RE = re.compile(r"\d+\s*(?:丁目|番地?|号|-\d+)")
ZH_STREET_RE = re.compile(r"[路街道巷弄里村镇鎮].{0,3}\d+\s*[号號]")
KR_ROAD_RE = re.compile(r"[가-힣\d]+(?:로|길|대로)\s*\d+")
ADMIN_RE = re.compile(r"[都道府県市区郡町村省县縣區]")


def label_words() -> tuple[str, ...]:
    found = {w for code in ("ja", "zh", "ko") for w in lexicons()[code].address_labels}
    return tuple(sorted(found, key=len, reverse=True))


# a known address label ('本社', '공장', '总部') with or without a colon, or any short word with one
LABEL_RE = re.compile(
    rf"^\s*(?P<label>(?:{alternation(label_words())})[^\s:：]{{0,6}}?)\s*[:：]?\s+"
    r"|^\s*(?P<label2>[^\d\s]{2,10}?)\s*[:：]\s*"
)


def is_cjk_text(text: str) -> bool:
    counts = script_counts(text)
    cjk = counts["Han"] + counts["Kana"] + counts["Hangul"]
    return cjk >= 2 and cjk >= 0.3 * (cjk + counts["Latin"])


def cjk_address_score(text: str) -> float:
    """How much a line written in CJK characters looks like (part of) an address; 0 for other text."""
    if not is_cjk_text(text):
        return 0.0
    score = 0.0
    korean_code = KR_POSTAL_RE.search(text)
    postal_label = re.search(r"〒\s*\d{3}|邮编|郵編", text) or (korean_code and "번호" in text)
    if postal_label:
        score += 1.0
    # the province first, after the postal code printed before it ('(07960) 서울특별시 …')
    first = KR_POSTAL_RE.sub(" ", text).split() if korean_code and korean_code.start() == 0 else text.split()
    if PREFECTURE_RE.search(text) or PROVINCE_RE.search(text) or kr_province(first[0] if first else ""):
        score += 1.0
    if JP_BLOCK_RE.search(text) or ZH_STREET_RE.search(text) or KR_ROAD_RE.search(text):
        score += 0.8
    elif ADMIN_RE.search(text) and any(ch.isdigit() for ch in text):
        score += 0.3
    if any(w in text for w in (*ja.BUILDING_WORDS, *zh.BUILDING_WORDS, *ko.BUILDING_WORDS)) and re.search(
        r"\d+\s*(?:F|階|层|樓|층|호|号室)", text
    ):
        score += 0.6
    return score


def kr_province(word: str) -> bool:
    return word in ko.PROVINCES or (word.endswith(KR_PROVINCE_END) and 2 <= len(word) <= 8 and word[:-1] != "")


POSTAL_LABEL_RE = re.compile(r"^\s*(?:邮编|郵編|邮政编码|郵遞區號|郵政編碼|우편번호)")


def split_label(text: str) -> tuple[str, str]:
    """('本社', '〒…') from '本社: 〒…': an address's own label printed before it."""
    match = LABEL_RE.match(text)
    if match and not re.match(r"\s*(?:〒|\(|\d)", text) and not POSTAL_LABEL_RE.match(text):
        label = match.group("label") or match.group("label2") or ""
        rest = text[match.end():]
        if label and not PREFECTURE_RE.match(label) and not PROVINCE_RE.match(label) and not kr_province(label):
            return label.strip(), rest.strip()
    return "", text.strip()


def starts_address(text: str) -> bool:
    """A line that begins a new address: a label, a postal code or a prefecture/province first."""
    label, rest = split_label(text)
    rest = rest.lstrip("〒 ")
    return bool(label) or bool(re.match(r"\(?\d{3}", rest)) or bool(
        PREFECTURE_RE.match(rest) or PROVINCE_RE.match(rest) or (rest.split() and kr_province(rest.split()[0]))
    )


def names_place(text: str) -> bool:
    """The line names where (a prefecture, province or city, or a block or road and number), not
    only a label or a postal code."""
    text = ZH_POSTAL_RE.sub(" ", KR_POSTAL_RE.sub(" ", JP_POSTAL_RE.sub(" ", text)))
    words = text.split()
    return bool(
        PREFECTURE_RE.search(text) or PROVINCE_RE.search(text) or JP_BLOCK_RE.search(text)
        or ZH_STREET_RE.search(text) or KR_ROAD_RE.search(text) or any(kr_province(w) for w in words)
    )


def split_block(lines: list[str]) -> list[list[str]]:
    """A block of stacked lines → one list of lines per address (a head office above a branch)."""
    out: list[list[str]] = []
    for line in lines:
        has_place = bool(out) and any(names_place(t) for t in out[-1])
        if out and not (starts_address(line) and has_place):
            out[-1].append(line)
        else:
            out.append([line])
    return out


def cut_postal(text: str, pattern: re.Pattern[str], code: Callable[[re.Match[str]], str]) -> tuple[str, str]:
    """The postal code `pattern` finds (as `code` writes it) and the text without it."""
    match = pattern.search(text)
    if not match:
        return "", text
    return code(match), text[: match.start()] + " " + text[match.end():]


def region_and_city(text: str, region_re: re.Pattern[str], city_re: re.Pattern[str], short_city: bool) -> Address:
    """Prefecture or province (anywhere in the text), then the city or ward that starts what is
    left, then the rest as the street; a one-character 'city' counts only after a region or when
    `short_city` allows it."""
    region = ""
    found = region_re.search(text)
    if found:
        region = found.group()
        text = (text[: found.start()] + text[found.end():]).strip()
    city = ""
    text = text.lstrip()
    found = city_re.match(text)
    if found and (region or short_city or len(found.group()) >= 2):
        city = found.group()
        text = text[found.end():]
    return Address(street=text.strip(" ,，、"), city=city, region=region, postal_code="", country="")


def parse_japanese(text: str) -> Address:
    postal, text = cut_postal(text, JP_POSTAL_RE, lambda m: f"{m.group('a')}-{m.group('b')}")
    return replace(region_and_city(" ".join(text.split()), PREFECTURE_RE, JP_CITY_RE, False), postal_code=postal)


def parse_chinese(text: str) -> Address:
    postal, text = cut_postal(text, ZH_POSTAL_RE, lambda m: m.group("a") or m.group("b") or "")
    text = " ".join(text.split()).strip(" ,，、")
    return replace(region_and_city(text, PROVINCE_RE, ZH_CITY_RE, True), postal_code=postal)


def parse_korean(text: str) -> Address:
    postal, text = cut_postal(text, KR_POSTAL_RE, lambda m: m.group("a") or m.group("b") or m.group("c") or "")
    words = re.sub(r"우편\s?번호", " ", text).split()
    region = words.pop(0) if words and kr_province(words[0]) else ""
    if region and words and words[0] in ("특별시", "광역시", "특별자치시", "특별자치도", "도"):
        region += words.pop(0)  # '부산 광역시'
    if not region and words:  # glued to what follows ('부산광역시해운대구')
        found = re.match(alternation(ko.PROVINCES), words[0])
        if found and len(words[0]) > len(found.group()):
            region, words[0] = found.group(), words[0][found.end():]
    city_words: list[str] = []
    while words and len(city_words) < 2 and words[0].endswith(KR_CITY_END) and not KR_ROAD_RE.match(words[0]):
        city_words.append(words.pop(0))
    street = " ".join(words).strip(" ,")
    return Address(street=street, city=" ".join(city_words), region=region, postal_code=postal, country="")


def parse_cjk(lines: list[str]) -> list[Address]:
    """The addresses of a block of CJK address lines, each split into region, city and street."""
    out = []
    for group in split_block(lines):
        label, first = split_label(group[0])
        text = " ".join([first, *group[1:]])
        counts = script_counts(text)
        if counts["Hangul"] > counts["Han"]:
            address = parse_korean(text)
        elif counts["Kana"] or PREFECTURE_RE.search(text) or (
            JP_POSTAL_RE.search(text) and not PROVINCE_RE.search(text)
        ):
            address = parse_japanese(text)
        else:
            address = parse_chinese(text)
        out.append(Address(address.street, address.city, address.region, address.postal_code, "", label.rstrip(":：")))
    return out
