"""Names written in Chinese characters, kana and Hangul: family name first (山田 太郎, 王小明, 김정훈).

Chinese and Korean family names are one syllable but for a few compound ones (欧阳, 남궁), so a
name splits after its first character unless it starts with a compound one. Japanese family
names are longer and many: pykakasi's dictionary splits a name into family and given name and
gives both a reading ('山田 太郎' → yamada, tarou). A card printing the name in Latin letters
too (Taro Yamada, YAMADA Taro) prints one person: the readings tell which Latin word is the
family name, and the Latin form becomes the name's phonetic part.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from functools import cache

from capture.lang.script import script_counts

# The commonest Chinese family names (simplified and traditional forms), which cover most people
ZH_SURNAMES = frozenset(
    "王李张張刘劉陈陳杨楊黄黃赵趙吴吳周徐孙孫马馬朱胡郭何高林罗羅郑鄭梁谢謝宋唐许許韩韓冯馮邓鄧曹彭曾肖萧蕭田董"
    "袁潘于蒋蔣蔡余杜叶葉程苏蘇魏吕呂丁任沈姚卢盧姜崔钟鍾谭譚陆陸汪范金石廖贾賈夏韦韋付傅方白邹鄒孟熊秦邱江尹薛"
    "闫閆段雷侯龙龍史陶黎贺賀顾顧毛郝龚龔邵万萬钱錢严嚴覃武戴莫孔向汤湯常温溫康施文牛樊葛邢安齐齊易乔喬伍庞龐"
    "颜顏倪庄莊聂聶章鲁魯岳翟殷詹申欧歐耿关關兰蘭焦俞左柳甘祝包宁寧尚符舒阮柯纪紀梅童凌毕畢单單季裴霍涂成苗谷"
    "盛曲翁冉骆駱蓝藍路游辛靳管柴蒙鲍鮑华華喻祁蒲房滕屈饶饒解牟艾尤阳陽时時穆农農司卓古吉缪繆简簡车車项項连連"
    "芦蘆麦麥褚娄婁窦竇戚岑景党宫宮费費卜冷晏席卫衛米柏宗瞿桂全佟应應臧闵閔苟邬鄔边邊卞姬师師和仇栾欒隋商刁沙"
    "荣榮巫寇桑郎甄丛叢仲虞敖巩鞏明佘池查麻苑迟遲邝鄺洪侯黎鄧賴赖蕭游"
)
ZH_COMPOUND = ("欧阳", "歐陽", "司马", "司馬", "上官", "诸葛", "諸葛", "东方", "東方", "皇甫", "尉迟", "尉遲", "公孙",
               "公孫", "慕容", "长孙", "長孫", "宇文", "司徒", "夏侯", "令狐", "端木", "轩辕", "軒轅", "澹台", "澹臺")
# Korean family names (about 99% of people)
KO_SURNAMES = frozenset(
    "김이박최정강조윤장임한오서신권황안송류전홍고문양손배백허유남심노하곽성차주우구민진지엄채원천방공현함변염여추"
    "도소석선설마길연위표명기반왕금옥육인맹제모탁국어은편용예경봉사부가복태목형피두감음빈동온호범좌팽승간상갈시견당화창"
)
KO_COMPOUND = ("남궁", "선우", "제갈", "황보", "독고", "사공", "서문", "동방")
# How Korean family names are usually spelled in Latin letters (not the Revised Romanization)
KO_SPELLINGS = {
    "김": ("kim", "gim"), "이": ("lee", "yi", "rhee", "i"), "박": ("park", "pak", "bak"), "최": ("choi", "choe"),
    "정": ("jung", "jeong", "chung"), "강": ("kang", "gang"), "조": ("cho", "jo"), "윤": ("yoon", "yun"),
    "장": ("jang", "chang"), "임": ("lim", "im", "rim"), "한": ("han",), "오": ("oh", "o"), "서": ("seo", "suh"),
    "신": ("shin", "sin"), "권": ("kwon", "gwon"), "황": ("hwang",), "안": ("ahn", "an"), "송": ("song",),
    "류": ("ryu", "yoo", "yu"), "유": ("yoo", "yu"), "전": ("jeon", "jun", "chun"), "홍": ("hong",),
    "고": ("ko", "go"), "문": ("moon", "mun"), "양": ("yang",), "손": ("son", "sohn"), "배": ("bae",),
    "백": ("baek", "paik"), "허": ("heo", "huh"), "남": ("nam",), "심": ("shim", "sim"), "노": ("noh", "roh", "no"),
    "하": ("ha",), "곽": ("kwak", "gwak"), "성": ("sung", "seong"), "차": ("cha",), "주": ("joo", "ju"),
    "우": ("woo", "u"), "구": ("koo", "gu"), "민": ("min",), "진": ("jin",), "지": ("ji",), "엄": ("eom", "um"),
    "채": ("chae",), "원": ("won",), "천": ("cheon", "chun"), "방": ("bang",), "공": ("kong", "gong"),
    "현": ("hyun", "hyeon"), "함": ("ham",), "변": ("byun", "byeon"), "염": ("yeom",), "여": ("yeo",),
}


@dataclass(frozen=True)
class NativeName:
    """A name in its own script, split: family name first, as printed."""

    family: str
    given: str
    language: str

    @property
    def full(self) -> str:
        """As an address book shows it: Japanese with a space between the two, Chinese and Korean without."""
        separator = " " if self.language == "ja" else ""
        return f"{self.family}{separator}{self.given}"


def name_script(text: str, language: str) -> bool:
    """Written wholly in the script names take in the language (Hangul for Korean, Chinese
    characters for Chinese, Chinese characters and kana for Japanese)."""
    counts = script_counts(text)
    total = sum(counts.values())
    if language == "ko":
        return total > 0 and counts["Hangul"] == total
    if language == "ja":
        return total > 0 and counts["Han"] + counts["Kana"] == total and counts["Han"] >= 1
    return total > 0 and counts["Han"] == total


def split_native(text: str, language: str) -> NativeName | None:
    """'山田 太郎' → 山田 / 太郎; '김정훈' → 김 / 정훈; None when the text has no name's shape."""
    parts = text.split()
    compact = "".join(parts)
    if not name_script(compact, language):
        return None
    low, high = (2, 4) if language in ("zh", "zh-Hans", "zh-Hant") else (2, 5) if language == "ko" else (2, 7)
    if not low <= len(compact) <= high:
        return None
    if len(parts) == 2 and all(parts):
        return NativeName(parts[0], parts[1], language)
    if language == "ja":
        return split_japanese(compact)
    compounds = KO_COMPOUND if language == "ko" else ZH_COMPOUND
    surnames = KO_SURNAMES if language == "ko" else ZH_SURNAMES
    if len(compact) >= 3 and compact[:2] in compounds:
        return NativeName(compact[:2], compact[2:], language)
    if compact[0] in surnames:
        return NativeName(compact[0], compact[1:], language)
    return None


@cache
def kakasi() -> object | None:
    try:
        import pykakasi  # type: ignore[import-untyped,unused-ignore]
    except ImportError:  # pragma: no cover - a declared dependency
        return None
    return pykakasi.kakasi()


def split_japanese(compact: str) -> NativeName | None:
    """A Japanese name without a space, split where pykakasi's dictionary splits it (most family
    names are two characters: the fallback)."""
    converter = kakasi()
    if converter is not None:
        tokens = [t["orig"] for t in converter.convert(compact) if t["orig"].strip()]  # type: ignore[attr-defined]
        if len(tokens) >= 2:
            return NativeName(tokens[0], "".join(tokens[1:]), "ja")
    if len(compact) < 3:
        return NativeName(compact[:1], compact[1:], "ja")
    return NativeName(compact[:2], compact[2:], "ja")


def fold_reading(text: str) -> str:
    """Romanised forms compared loosely: 'Kondō', 'kondou', 'Kondoh' and 'kondo' are one name."""
    text = re.sub(r"[^a-z]", "", text.lower().replace("ō", "o").replace("ū", "u"))
    return re.sub(r"(?<=[ou])[uh](?![aeiou])", "", text).replace("oo", "o").replace("uu", "u")


def readings(name: NativeName) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Latin spellings of the family and the given name (several for Korean family names)."""
    if name.language == "ja":
        converter = kakasi()
        if converter is None:
            return (), ()

        def romaji(text: str) -> str:
            return "".join(t["hepburn"] for t in converter.convert(text))  # type: ignore[attr-defined]

        return (fold_reading(romaji(name.family)),), (fold_reading(romaji(name.given)),)
    if name.language == "ko":
        try:
            from korean_romanizer.romanizer import Romanizer  # type: ignore[import-untyped,unused-ignore]
        except ImportError:  # pragma: no cover - a declared dependency
            return (), ()
        family = KO_SPELLINGS.get(name.family, (fold_reading(Romanizer(name.family).romanize()),))
        return tuple(family), (fold_reading(Romanizer(name.given).romanize()),)
    try:
        from pypinyin import lazy_pinyin  # type: ignore[import-untyped,unused-ignore]
    except ImportError:  # pragma: no cover - a declared dependency
        return (), ()
    return ("".join(lazy_pinyin(name.family)),), ("".join(lazy_pinyin(name.given)),)


def similarity(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, a, b).ratio() if a and b else 0.0


def family_position(name: NativeName, latin_words: list[str]) -> int | None:
    """Which of a Latin name's words is the native name's family name ('Taro Yamada' → 1), when
    the readings say so; None when they do not match."""
    families, givens = readings(name)
    words = [fold_reading(w) for w in latin_words]
    best: tuple[float, int] | None = None
    for i, word in enumerate(words):
        score = max((similarity(word, fold_reading(f)) for f in families), default=0.0)
        given = max((similarity("".join(words[:i] + words[i + 1:]), fold_reading(g)) for g in givens), default=0.0)
        total = score + 0.5 * given
        if score >= 0.6 and (best is None or total > best[0]):
            best = (total, i)
    return best[1] if best else None


def matches(name: NativeName, latin_words: list[str], threshold: float = 0.6) -> bool:
    """The Latin words spell the native name (any order)."""
    families, givens = readings(name)
    joined = fold_reading("".join(latin_words))
    options = [fold_reading(f + g) for f in families for g in givens] + [fold_reading(g + f) for f in families
                                                                            for g in givens]
    return any(similarity(joined, option) >= threshold for option in options)


def email_matches(name: NativeName, local_parts: list[str]) -> bool:
    """An email's local part spells the name, or its family or given name ('adachi.haruyasu')."""
    families, givens = readings(name)
    for local in local_parts:
        letters = fold_reading(local)
        for reading in (*families, *givens):
            folded = fold_reading(reading)
            if len(folded) >= 3 and folded in letters:
                return True
    return False
