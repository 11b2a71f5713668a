"""Cards in each language, table by table: names, titles, company forms and addresses as each
language writes them (capture.lang, capture.extract.cjk, capture.extract.address_cjk)."""

from __future__ import annotations

import pytest

from capture.contact import Contact
from capture.extract import extract_contact
from capture.extract.address_cjk import parse_cjk
from capture.extract.addresses import find_addresses
from capture.extract.cjk import company_strength, split_title, words_of
from capture.extract.lines import layout_lines
from capture.extract.organization import LEGAL_RE
from capture.extract.titles import is_department, title_strength
from capture.lang.names import family_position, split_native
from capture.ocr.result import OcrPage
from capture.settings import Settings
from tests.extractpages import make_page, stacked


@pytest.mark.parametrize(
    ("text", "language", "family", "given"),
    [
        ("山田 太郎", "ja", "山田", "太郎"),
        ("中川太郎", "ja", "中川", "太郎"),
        ("佐々木 舞", "ja", "佐々木", "舞"),
        ("王小明", "zh-Hans", "王", "小明"),
        ("欧阳娜娜", "zh-Hans", "欧阳", "娜娜"),
        ("陳志明", "zh-Hant", "陳", "志明"),
        ("김정훈", "ko", "김", "정훈"),
        ("양 승 준", "ko", "양", "승준"),  # printed letter-spaced
        ("남궁민수", "ko", "남궁", "민수"),
    ],
)
def test_names_are_split_family_first(text: str, language: str, family: str, given: str) -> None:
    name = split_native(text, language)
    assert name is not None and (name.family, name.given) == (family, given)


@pytest.mark.parametrize(("text", "language"), [("대리", "ko"), ("Taro Yamada", "ja"), ("有限公司股份", "zh-Hans")])
def test_text_of_no_names_shape_is_no_name(text: str, language: str) -> None:
    assert split_native(text, language) is None


@pytest.mark.parametrize(
    ("native", "language", "latin", "family_at"),
    [
        ("中川太郎", "ja", ["Taro", "Nakagawa"], 1),
        ("山口 裕太", "ja", ["Yamaguchi", "Yuta"], 0),
        ("近藤晃", "ja", ["Akira", "Kondo"], 1),
        ("舒宁", "zh-Hans", ["Ning", "Shu"], 1),
        ("윤영철", "ko", ["Yoon", "Yeong-cheol"], 0),
        ("박정숙", "ko", ["JEONGSUK", "PARK"], 1),
    ],
)
def test_the_romanised_name_is_matched_to_the_native_one(
    native: str, language: str, latin: list[str], family_at: int
) -> None:
    name = split_native(native, language)
    assert name is not None and family_position(name, latin) == family_at


@pytest.mark.parametrize(
    ("text", "language", "departments", "title"),
    [
        ("部長", "ja", [], "部長"),
        ("営業部 部長", "ja", ["営業部"], "部長"),
        ("第一営業課室長", "ja", ["第一営業課"], "室長"),
        ("経理課プロジェクトマネージャー", "ja", ["経理課"], "プロジェクトマネージャー"),
        ("代表取締役社長", "ja", [], "代表取締役社長"),
        ("市场部 主任", "zh-Hans", ["市场部"], "主任"),
        ("销售经理", "zh-Hans", [], "销售经理"),
        ("總經理", "zh-Hant", [], "總經理"),
        ("재무팀 인사팀 실장", "ko", ["재무팀", "인사팀"], "실장"),
        ("대표이사", "ko", [], "대표이사"),
        ("마케팅팀 / 과장", "ko", ["마케팅팀"], "과장"),  # parts set apart by a slash or a bar
        ("부장 / 경영학박사", "ko", [], "부장"),  # a degree beside the title is no department
        ("営業部 | 課長", "ja", ["営業部"], "課長"),
        ("市场部／经理", "zh-Hans", ["市场部"], "经理"),
        ("マーケティング・マネージャー", "ja", [], "マーケティング・マネージャー"),  # ・ joins, it does not part
    ],
)
def test_cjk_titles_end_their_line(text: str, language: str, departments: list[str], title: str) -> None:
    assert split_title(text, words_of(language)) == (departments, title)


@pytest.mark.parametrize(
    ("text", "language", "strength"),
    [
        ("株式会社テクノプロジェクト", "ja", 2.0),
        ("三栄ハイテックス株式会社", "ja", 2.0),
        ("中川工務店", "ja", 1.0),
        ("杭州瑞丰物流股份有限公司", "zh-Hans", 2.0),
        ("施便利店", "zh-Hans", 1.0),
        ("(주)한빛테크", "ko", 2.0),
        ("아이솔루션 주식회사", "ko", 2.0),
        ("박 치과", "ko", 1.0),
        ("営業部", "ja", 0.0),
    ],
)
def test_cjk_company_forms_before_or_after_the_name(text: str, language: str, strength: float) -> None:
    assert company_strength(text, words_of(language)) == strength


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("Geschäftsführer", True), ("Vertriebsleiterin", True), ("Assistentin der Geschäftsführung", True),
        ("Directrice générale", True), ("Chargée de clientèle", True), ("Jefa de ventas", True),
        ("Responsabile acquisti", True), ("Amministratore delegato", True), ("Accountmanager", True),
        ("Projectleider", True), ("Hans Meister", False), ("Kaufmann Logistik", False),
    ],
)  # fmt: skip
def test_european_titles(text: str, title: bool) -> None:
    assert (title_strength(text) >= 1.0) is title


@pytest.mark.parametrize(
    "text", ["Qualitätsmanagement", "Abteilung Einkauf", "Service commercial", "Departamento de compras",
             "Ufficio acquisti", "Afdeling inkoop"],
)  # fmt: skip
def test_european_departments(text: str) -> None:
    assert is_department(text)


@pytest.mark.parametrize(
    ("text", "legal"),
    [
        ("Kappa Bau UG (haftungsbeschränkt)", True), ("Weinhold Medizintechnik e.K.", True),
        ("Logistik Putz GmbH", True), ("Quanta Transports SARL", True), ("Prisma Immobilier SA", True),
        ("Ferretería López S.L.", True), ("Rossi Costruzioni S.r.l.", True), ("Bakker Bouw B.V.", True),
        ("Bouwbedrijf De Vries V.O.F.", True), ("Samira Beckmann", False),
    ],
)  # fmt: skip
def test_european_company_forms(text: str, legal: bool) -> None:
    assert bool(LEGAL_RE.search(text)) is legal


@pytest.mark.parametrize(
    ("lines", "street", "city", "region", "postal"),
    [
        (["〒100-0005 東京都千代田区丸の内1-2-3", "丸の内ビル 5F"], "丸の内1-2-3 丸の内ビル 5F", "千代田区", "東京都",
         "100-0005"),
        (["〒530-0001", "大阪府大阪市北区梅田2丁目4番9号"], "梅田2丁目4番9号", "大阪市北区", "大阪府", "530-0001"),
        (["広東省深圳市南山区深南大道997号"], "深南大道997号", "深圳市南山区", "", ""),
        (["广东省深圳市南山区深南大道997号", "邮编：518051"], "深南大道997号", "深圳市南山区", "广东省", "518051"),
        (["上海市浦东新区世纪大道100号"], "世纪大道100号", "浦东新区", "上海市", ""),
        (["106 臺北市大安區忠孝東路100號12樓"], "忠孝東路100號12樓", "大安區", "臺北市", "106"),
        (["(06998) 서울특별시 강남구 한밭대로 72 (대치동, 민재타워 8층)"], "한밭대로 72 (대치동, 민재타워 8층)",
         "강남구", "서울특별시", "06998"),
        (["경기도 성남시 분당구 삼성로 114", "(대치동) 우편번호 13716"], "삼성로 114 (대치동)", "성남시 분당구",
         "경기도", "13716"),
    ],
)  # fmt: skip
def test_cjk_addresses_in_each_countrys_order(
    lines: list[str], street: str, city: str, region: str, postal: str
) -> None:
    (address,) = parse_cjk(lines)
    assert (address.street, address.city, address.postal_code) == (street, city, postal)
    if region:
        assert address.region == region


def test_a_head_office_and_a_branch_are_two_addresses() -> None:
    head, branch = parse_cjk(
        ["本社: 〒141-0098", "東京都品川区日光5-11", "工場 〒141-0062 東京都品川区土沢9丁目10番4号"]
    )
    assert (head.label, head.postal_code, head.street) == ("本社", "141-0098", "日光5-11")
    assert (branch.label, branch.postal_code, branch.street) == ("工場", "141-0062", "土沢9丁目10番4号")


@pytest.mark.parametrize(
    ("lines", "street", "postal", "city"),
    [
        (["Gero-Misicher-Straße 66", "80361 München"], "Gero-Misicher-Straße 66", "80361", "München"),
        (["123, rue de Olivier", "75059 Paris"], "123, rue de Olivier", "75059", "Paris"),
        (["Calle Mayor, 5, 2º B", "28013 Madrid"], "Calle Mayor, 5, 2º B", "28013", "Madrid"),
        (["Via Roma, 12", "20121 Milano (MI)"], "Via Roma, 12", "20121", "Milano"),
        (["Dorpsstraat 12", "1234 AB Utrecht"], "Dorpsstraat 12", "1234 AB", "Utrecht"),
    ],
)
def test_european_postal_code_before_the_city(lines: list[str], street: str, postal: str, city: str) -> None:
    page = make_page(stacked(lines))
    (address,), _ = find_addresses([(line, line.text) for line in layout_lines(page)], "US")
    assert (address.street, address.postal_code) == (street, postal)
    assert address.city.startswith(city)


def read(lines: list[str], language: str, sizes: dict[int, int] | None = None) -> Contact:
    page = make_page(stacked(lines, sizes=sizes))
    return extract_contact(OcrPage(page.lines, page.width, page.height, page.engine, language=language), Settings())


def test_a_japanese_card_keeps_its_script_and_the_romanised_name_as_its_reading() -> None:
    contact = read(
        ["株式会社テクノプロジェクト", "営業部 部長", "山田 太郎", "Taro Yamada", "TEL 03-1234-5678",
         "taro.yamada@techno.co.jp", "〒100-0005 東京都千代田区丸の内1-2-3"],
        "ja", sizes={2: 70},
    )  # fmt: skip
    assert contact.name is not None
    assert (contact.name.full, contact.name.family, contact.name.given) == ("山田 太郎", "山田", "太郎")
    assert (contact.name.phonetic_family, contact.name.phonetic_given) == ("Yamada", "Taro")
    assert contact.organization is not None and contact.organization.value == "株式会社テクノプロジェクト"
    assert contact.title is not None and contact.title.value == "部長"
    assert contact.department is not None and contact.department.value == "営業部"
    assert contact.addresses[0].city == "千代田区" and contact.addresses[0].postal_code == "100-0005"


def test_a_korean_card() -> None:
    contact = read(
        ["(주)한빛테크", "부장", "안옥자", "전화 02-7788-2643", "oahn@hanbittech.kr",
         "서울특별시 중구 테헤란로 335", "(송도동, 은지류아파트 4층) 우편번호 04555"],
        "ko", sizes={2: 70},
    )  # fmt: skip
    assert contact.name is not None and (contact.name.family, contact.name.given) == ("안", "옥자")
    assert contact.organization is not None and contact.organization.value == "(주)한빛테크"
    assert contact.title is not None and contact.title.value == "부장"
    assert contact.addresses[0].region == "서울특별시" and contact.addresses[0].postal_code == "04555"


def test_a_chinese_card_with_labels() -> None:
    contact = read(
        ["杭州瑞丰物流股份有限公司", "销售部", "刘欣", "电话：0571-83133042", "手机 186 2972 0513",
         "传真 0571 8346 5206", "邮箱：liu.xin@ruifenglogi.com.cn"],
        "zh-Hans", sizes={2: 70},
    )  # fmt: skip
    assert contact.name is not None and contact.name.full == "刘欣"
    assert contact.organization is not None and contact.organization.value == "杭州瑞丰物流股份有限公司"
    assert contact.department is not None and contact.department.value == "销售部"
    assert sorted(p.type.value for p in contact.phones) == ["fax", "mobile", "work"]
    assert [e.address for e in contact.emails] == ["liu.xin@ruifenglogi.com.cn"]
