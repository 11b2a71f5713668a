"""Table-driven tests of the extraction steps: one OCR line (or block) in, fields out."""

from __future__ import annotations

import pytest

from capture.contact import PhoneType
from capture.extract.addresses import find_addresses
from capture.extract.emails import find_emails
from capture.extract.lines import CardLine, unglue_labels
from capture.extract.organization import handles_of, spelled_out
from capture.extract.phones import find_phones
from capture.extract.websites import find_urls


def card_line(text: str, index: int = 0, top: int = 100, size: int = 40, left: int = 100) -> CardLine:
    return CardLine(
        text, (left, top, left + int(len(text) * size * 0.55), top + size), float(size), 0.9, "tesseract", index
    )


M, W, F = PhoneType.MOBILE, PhoneType.WORK, PhoneType.FAX


@pytest.mark.parametrize(
    ("text", "regions", "expected"),
    [
        ("Tel: +84-43-943-6161 / Fax: +84-43-943-4511", ["VN"], [("+84439436161", W), ("+84439434511", F)]),
        ("650 3213900 650 321 3902 Fax", ["US"], [("+16503213900", W), ("+16503213902", F)]),
        ("h65 9630 1571", ["SG"], [("+6596301571", M)]),
        ("t 65 6379 5248", ["SG", "US"], [("+6563795248", W)]),
        ("Fones 11 2082- 2399 / 2646-6123", ["BR"], [("+551120822399", W), ("+551126466123", W)]),
        ("Cel.: 11 99884-8929", ["BR"], [("+5511998848929", M)]),
        ("11 99176-1552", ["BR"], [("+5511991761552", M)]),
        ("Direct (703) 488-2348", ["US"], [("+17034882348", W)]),
        ("TEL: 81-52-204-2601", ["JP", "US"], [("+81522042601", W)]),
        ("F A X:81-52-204-2612", ["JP"], [("+81522042612", F)]),
        ("Handphone: +65 9123 4567", ["SG"], [("+6591234567", M)]),
        ("WhatsApp +55 21 99876-5432", ["BR"], [("+5521998765432", M)]),
        ("Celular: (21) 99876-5432", ["BR"], [("+5521998765432", M)]),
        ("Office: 020 7946 0958", ["GB"], [("+442079460958", W)]),
        ("Fone/Fax: (11) 3392-3817", ["BR"], [("+551133923817", W)]),
        ("Tax code: 0106472242", ["VN"], []),
        ("Tax code; 0301234567", ["VN"], []),  # the colon read as a semicolon
        ("VAT, 0207946095", ["GB"], []),
        # the country code printed without "+": not cut off to make another country's number
        ("Tel: 84-43-943-6161", ["VN", "JP"], [("+84439436161", W)]),
        ("T: 44 20 7946 0958", ["GB", "US"], [("+442079460958", W)]),
        ("IS 512641 / ISO 27001", ["JP"], []),
        # an icon read as a digit before a number with its trunk prefix is no calling code (+20, +44...)
        ("2 02-6204-5024(248)", ["KR", "US"], [("+82262045024", W)]),
        ("8 020 7946 0958", ["GB", "US"], [("+442079460958", W)]),
        # a one-digit trunk-less lead that is a real calling code stays one ('1 800 ...' in the US)
        ("1 800 555 0199", ["US"], [("+18005550199", W)]),
    ],
)
def test_phones_with_label_types(text: str, regions: list[str], expected: list[tuple[str, PhoneType]]) -> None:
    phones = find_phones(card_line(text), regions, [])
    assert [(p.e164, p.type) for p in phones] == expected


def test_phone_extension_is_kept() -> None:
    (phone,) = find_phones(card_line("Tel: 11 3241-0322 Ramal 240"), ["BR"], [])
    assert (phone.e164, phone.extension) == ("+551132410322", "240")
    (us,) = find_phones(card_line("Phone: (212) 555-0147 ext. 12"), ["US"], [])
    assert us.extension == "12"


def test_impossible_number_kept_as_invalid_with_less_confidence() -> None:
    (phone,) = find_phones(card_line("(375) 555-0100"), ["US"], [])
    assert not phone.valid
    assert phone.confidence < 0.9


@pytest.mark.parametrize(
    ("text", "address"),
    [
        ("MICHAEL POOLE mpoole @ avtec.com", "mpoole@avtec.com"),
        ("E-mail: sonaocasa@bol. com.br", "sonaocasa@bol.com.br"),
        ("jane©acme.com", "jane@acme.com"),
        ("info®studio-nove.com.br", "info@studio-nove.com.br"),
        ("URL: http://x.co.jp E-mail: saji@ns.asahi-san.co,jp", "saji@ns.asahi-san.co.jp"),
        ("bernard@modern-barns.com", "bernard@modern-barns.com"),  # valid 'rn' is never touched
    ],
)
def test_email_repairs(text: str, address: str) -> None:
    found = find_emails(text)
    assert [f.address for f in found] == [address]
    assert found[0].valid


def test_no_email_in_plain_text() -> None:
    assert find_emails("© 2024 Acme Inc. All rights reserved") == []


@pytest.mark.parametrize(
    ("text", "url", "kind"),
    [
        ("http//www.iij.ad.jp/ NASDAQ:IIJI", "http://www.iij.ad.jp/", "web"),
        ("Website: www. DFWCarpentry.com", "www.dfwcarpentry.com", "web"),
        ("URL: http://www.asahi-san.co,jp", "http://www.asahi-san.co.jp", "web"),
        ("linkedin.com/in/jane-doe", "linkedin.com/in/jane-doe", "linkedin"),
        ("facebook.com.br/sonaocasaquemnaoquer", "facebook.com.br/sonaocasaquemnaoquer", "facebook"),
        ("instagram.com/acme.studio", "instagram.com/acme.studio", "instagram"),
        ("https://twitter.com/acme", "https://twitter.com/acme", "twitter"),
        ("liderfriorefrigeracao.com:br", "liderfriorefrigeracao.com.br", "web"),
    ],
)
def test_websites(text: str, url: str, kind: str) -> None:
    found = find_urls(text, [])
    assert [(f.url, f.kind) for f in found] == [(url, kind)]


@pytest.mark.parametrize(
    "text",
    [
        "Web Developer",
        "Palo Alto, CA 94306",
        "Jd. Fernandes",
        "MARK D. MALVIN, D.M.D.",
        "ASAHI SANGYO VIETNAM CO., LTD.",
        "410 S. Craig St. Suite 102",
    ],
)
def test_not_websites(text: str) -> None:
    assert find_urls(text, []) == []


def block(texts: list[str], top: int = 100) -> list[tuple[CardLine, str]]:
    return [(card_line(t, i, top + i * 60), t) for i, t in enumerate(texts)]


@pytest.mark.parametrize(
    ("texts", "hint", "street", "city", "region", "postal", "country"),
    [
        (
            ["410 S. Craig St. Suite 102", "Pittsburgh, PA 15213"],
            "US",
            "410 S. Craig St. Suite 102",
            "Pittsburgh",
            "PA",
            "15213",
            "",
        ),
        (
            ["5407 trillium boulevard, suite 130", "hoffman estates, illinois 60192"],
            "US",
            "5407 trillium boulevard, suite 130",
            "hoffman estates",
            "illinois",
            "60192",
            "",
        ),
        (
            ["Iidabashi Grand Bloom, 2-10-2 Fujimi, Chiyoda-ku,", "Tokyo 102-0071, Japan"],
            "JP",
            "Iidabashi Grand Bloom, 2-10-2 Fujimi",
            "Tokyo",
            "Chiyoda-ku",
            "102-0071",
            "Japan",
        ),
        (
            ["〒460-0003 1-19-25 Nishiki, Naka-ku", "Nagoya, Aichi"],
            "JP",
            "1-19-25 Nishiki, Naka-ku",
            "Nagoya",
            "Aichi",
            "460-0003",
            "",
        ),
        (
            ["Rua Cruzeiro, 406 - Barra Funda", "Cep Oll37-O00 - Sao Paulo - SP"],
            "BR",
            "Rua Cruzeiro, 406, Barra Funda",
            "Sao Paulo",
            "SP",
            "01137-000",
            "",
        ),
        (
            ["10 Downing Street", "London SW1A 2AA", "United Kingdom"],
            "GB",
            "10 Downing Street",
            "London",
            "",
            "SW1A 2AA",
            "United Kingdom",
        ),
        (["Hauptstraße 5", "10115 Berlin", "Germany"], "DE", "Hauptstraße 5", "Berlin", "", "10115", "Germany"),
        (["12 rue de Rivoli", "75001 Paris, France"], "FR", "12 rue de Rivoli", "Paris", "", "75001", "France"),
        (
            ["Level 5, 1 George Street", "Sydney NSW 2000"],
            "AU",
            "Level 5, 1 George Street",
            "Sydney",
            "NSW",
            "2000",
            "",
        ),
        (["1 Raffles Place, #20-01", "Singapore 048616"], "SG", "1 Raffles Place, #20-01", "", "", "048616", ""),
        (
            ["12 MG Road, Indiranagar", "Bengaluru, Karnataka 560038"],
            "IN",
            "12 MG Road, Indiranagar",
            "Bengaluru",
            "Karnataka",
            "560038",
            "",
        ),
    ],
)
def test_addresses_by_country(
    texts: list[str], hint: str, street: str, city: str, region: str, postal: str, country: str
) -> None:
    (address,), used = find_addresses(block(texts), hint)
    assert (address.street, address.city, address.region, address.postal_code, address.country) == (
        street,
        city,
        region,
        postal,
        country,
    )
    assert used == set(range(len(texts)))


def test_two_addresses_with_their_labels() -> None:
    texts = ["Head Office:", "1 Main Street", "Springfield, IL 62701", "Branch:", "200 Oak Avenue", "Chicago, IL 60601"]
    addresses, _ = find_addresses(block(texts), "US")
    assert [(a.label, a.city, a.postal_code) for a in addresses] == [
        ("Head Office", "Springfield", "62701"),
        ("Branch", "Chicago", "60601"),
    ]


def test_no_address_in_names_and_titles() -> None:
    addresses, used = find_addresses(block(["Jane Doe", "Software Engineer", "Acme Inc."]), "US")
    assert addresses == [] and used == set()


@pytest.mark.parametrize(
    ("text", "url"),
    [("Wwww.pv.com", "www.pv.com"), ("avww.iij.ad.jp/", "www.iij.ad.jp/"), ("vww.acme.com", "www.acme.com")],
)
def test_misread_www_is_repaired(text: str, url: str) -> None:
    assert [f.url for f in find_urls(text, [])] == [url]


def test_bare_mail_provider_is_no_website() -> None:
    # the tail of an email whose start OCR lost
    assert find_urls("jmail.com", []) == []
    assert [f.url for f in find_urls("www.gmail-shop.com.br", [])] == ["www.gmail-shop.com.br"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Website:www.example.com", "Website: www.example.com"),
        ("E-mail:ana@example.com.br", "E-mail: ana@example.com.br"),
        ("Tel:(11)2747-8430", "Tel: (11)2747-8430"),
        ("Fones11 2082-2399", "Fones 11 2082-2399"),
        ("Cel.:11 99884-8929", "Cel.: 11 99884-8929"),
        # words that only start like a label stay whole
        ("Telecom Services", "Telecom Services"),
        ("Websites and Apps", "Websites and Apps"),
        ("Faxon Street 12", "Faxon Street 12"),
        ("Tel: 11 3241-0322", "Tel: 11 3241-0322"),
    ],
)
def test_labels_glued_to_their_value_are_split(text: str, expected: str) -> None:
    assert unglue_labels(text) == expected


def test_glued_label_does_not_hide_the_value() -> None:
    line = card_line(unglue_labels("Website:www.example.com"))
    assert [u.url for u in find_urls(line.text, [])] == ["www.example.com"]


@pytest.mark.parametrize(
    ("hosts", "emails", "profiles", "expected"),
    [
        (["www.bikeshack.net"], [], [], ["bikeshack"]),
        ([], ["padariabomdia@gmail.com"], [], ["padariabomdia"]),  # a shop's mailbox at a provider
        ([], ["info@gmail.com"], [], []),  # too short to name anything
        ([], [], ["facebook.com/lojaexemplo"], ["lojaexemplo"]),
        (["gmail.com"], ["ana.silva@gmail.com"], [], []),  # a person's mailbox, not one word
    ],
)
def test_handles_of_a_business(hosts: list[str], emails: list[str], profiles: list[str], expected: list[str]) -> None:
    assert handles_of(hosts, emails, profiles) == expected


@pytest.mark.parametrize(
    ("text", "handles", "expected"),
    [
        # the logo's head was missed; the handle holds it
        ("Paodequeijo", ["casadopaodequeijo"], "Casado Paodequeijo"),
        ("Ferragens", ["centralferragens"], "Central Ferragens"),
        # what the handle adds after the printed name is a descriptor: not added
        ("The Counter", ["thecounterburger"], "The Counter"),
        ("Bella Vista", ["bellavistahotel"], "Bella Vista"),
        # a name with its legal form is complete; a short fragment proves nothing
        ("Acme Widgets Inc.", ["bestacmewidgetsinc"], "Acme Widgets Inc."),
        ("Rio", ["padariario"], "Rio"),
        ("Papelaria Sol", [], "Papelaria Sol"),
    ],
)
def test_company_fragment_spelled_out_from_a_handle(text: str, handles: list[str], expected: str) -> None:
    assert spelled_out(text, handles) == expected
