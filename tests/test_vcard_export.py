"""vCard 3.0 and 4.0 out: parsed back with vobject; CRLF, folding, escaping, UTF-8, PHOTO and NOTE."""

from __future__ import annotations

import base64

import pytest
import vobject

from capture.contact import Address, Contact, Email, PersonName, Phone, PhoneType, TextField, Website
from capture.export.vcard import contact_to_vcard, join_vcards

PERSON = Contact(
    name=PersonName("Dr. José Ñúñez-Ortiz, PhD", prefix="Dr.", given="José", family="Ñúñez-Ortiz", suffix="PhD"),
    title=TextField("Head of R&D; Labs, Europe \\ Asia"),
    organization=TextField("Acme, Inc."),
    department=TextField("Research; Devices"),
    phones=(
        Phone("+14155550100", "415 555 0100", PhoneType.WORK, extension="12"),
        Phone("+14155550123", "415 555 0123", PhoneType.MOBILE),
        Phone("+14155550199", "415 555 0199", PhoneType.FAX),
        Phone("5550100", "555 0100", PhoneType.OTHER, valid=False),
    ),
    emails=(Email("jose@acme.com"),),
    websites=(Website("https://acme.com"), Website("https://www.linkedin.com/in/jose", "linkedin")),
    addresses=(
        Address(
            street="1 Main St, Suite 2",
            city="São Paulo",
            region="SP",
            postal_code="01013-001",
            country="Brasil",
            label="Head office",
        ),
    ),
)


def parse(text: str) -> vobject.base.Component:
    return next(vobject.readComponents(text))


@pytest.mark.parametrize("version", ["3.0", "4.0"])
def test_round_trip(version: str) -> None:
    text = contact_to_vcard(PERSON, version=version)
    card = parse(text)
    assert card.version.value == version
    assert card.fn.value == "Dr. José Ñúñez-Ortiz, PhD"
    assert (card.n.value.family, card.n.value.given, card.n.value.prefix, card.n.value.suffix) == (
        "Ñúñez-Ortiz",
        "José",
        "Dr.",
        "PhD",
    )
    assert card.org.value == ["Acme, Inc.", "Research; Devices"]
    assert card.title.value == "Head of R&D; Labs, Europe \\ Asia"
    tels = [(t.value, {x.lower() for x in t.params["TYPE"]}) for t in card.contents["tel"]]
    assert tels[1][1] >= {"cell"} and tels[2][1] >= {"fax"} and tels[0][1] >= {"work"}
    assert "+14155550123" in tels[1][0]
    assert [e.value for e in card.contents["email"]] == ["jose@acme.com"]
    assert [u.value for u in card.contents["url"]] == ["https://acme.com", "https://www.linkedin.com/in/jose"]
    adr = card.adr.value
    assert (adr.street, adr.city, adr.region, adr.code, adr.country) == (
        "1 Main St, Suite 2",
        "São Paulo",
        "SP",
        "01013-001",
        "Brasil",
    )
    assert "work" in {x.lower() for x in card.adr.params["TYPE"]}
    assert "note" not in card.contents and "photo" not in card.contents


def test_vcard4_tel_is_an_unescaped_uri() -> None:
    text = contact_to_vcard(PERSON, version="4.0")
    assert "TEL;VALUE=uri;TYPE=work,voice:tel:+14155550100;ext=12\r\n" in text
    assert "TEL;TYPE=voice:555 0100\r\n" in text  # an unvalidated number stays text
    assert "TEL;TYPE=WORK,VOICE:+14155550100 x12\r\n" in contact_to_vcard(PERSON, version="3.0")


@pytest.mark.parametrize("version", ["3.0", "4.0"])
def test_crlf_folding_and_utf8(version: str) -> None:
    photo = bytes(range(256)) * 20
    note = "Line one\nLine two, with; punctuation, Überweisung für São Paulo — 東京 " * 5
    text = contact_to_vcard(PERSON, version=version, photo_jpeg=photo, note=note)
    assert text.endswith("END:VCARD\r\n")
    assert "\n" not in text.replace("\r\n", "")
    for line in text.split("\r\n"):
        assert len(line.encode("utf-8")) <= 75
    card = parse(text)
    assert card.note.value == note  # folds never fall inside a multibyte letter
    if version == "3.0":
        assert card.photo.value == photo
    else:
        # a vCard 4.0 PHOTO is a data: URI, not escaped text (vobject, a 3.0 reader, would split it at ',')
        unfolded = text.replace("\r\n ", "")
        assert "\r\nPHOTO:data:image/jpeg;base64," + base64.b64encode(photo).decode("ascii") + "\r\n" in unfolded


def test_folding_never_splits_a_multibyte_character() -> None:
    contact = Contact(name=PersonName("Ñ" * 100, given="Ñ" * 100), organization=TextField("日本語" * 30))
    text = contact_to_vcard(contact)
    for line in text.split("\r\n"):
        line.encode("utf-8")
        assert len(line.encode("utf-8")) <= 75
    card = parse(text)
    assert card.fn.value == "Ñ" * 100 and card.org.value == ["日本語" * 30]


def test_business_card_fn_is_the_company() -> None:
    shop = Contact(organization=TextField("Di Mario"), emails=(Email("dimario@gmail.com"),))
    card3, card4 = parse(contact_to_vcard(shop)), parse(contact_to_vcard(shop, version="4.0"))
    assert card3.fn.value == "Di Mario" and card3.n.value.family == "" and card3.n.value.given == ""
    assert card4.kind.value == "org"
    nothing = parse(contact_to_vcard(Contact(emails=(Email("x@y.com"),))))
    assert nothing.fn.value == ""  # never an email or "Unknown" dressed up as a person


def test_several_cards_in_one_file() -> None:
    joined = join_vcards([contact_to_vcard(PERSON), contact_to_vcard(PERSON, version="4.0")])
    cards = list(vobject.readComponents(joined))
    assert [c.version.value for c in cards] == ["3.0", "4.0"]
