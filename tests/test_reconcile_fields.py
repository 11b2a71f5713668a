"""Reconciling two readings of one card, field by field: table-driven (two readings in, one field
out, with the engine it came from)."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from capture.contact import (
    Address,
    Contact,
    Email,
    Evidence,
    PersonName,
    Phone,
    PhoneType,
    TextField,
    Warning,
    Website,
)
from capture.reconcile import count_sources, reconcile, source_of, with_source

T, P = "tesseract", "ppocr"


def ev(source: str) -> Evidence:
    return Evidence("line", (0, 0, 10, 10), source)


def email(address: str, source: str, confidence: float = 0.9) -> Email:
    return Email(address, confidence, ev(source))


def phone(
    e164: str, source: str, confidence: float = 0.9, valid: bool = True, kind: PhoneType = PhoneType.WORK
) -> Phone:
    return Phone(e164, e164, kind, valid=valid, confidence=confidence, evidence=ev(source))


def site(url: str, source: str, confidence: float = 0.9) -> Website:
    return Website(url, "web", confidence, ev(source))


def name(full: str, source: str, confidence: float = 0.9) -> PersonName:
    parts = full.split()
    return PersonName(full, given=parts[0], family=parts[-1], confidence=confidence, evidence=ev(source))


def text(value: str, source: str, confidence: float = 0.9) -> TextField:
    return TextField(value, confidence, ev(source))


@dataclass(frozen=True)
class Case:
    why: str
    a: Contact
    b: Contact
    want: tuple[tuple[str, str], ...]  # (value, source) of the field, in order


def values(contact: Contact, field: str) -> tuple[tuple[str, str], ...]:
    if field == "emails":
        return tuple((e.address, source_of(e)) for e in contact.emails)
    if field == "phones":
        return tuple((p.e164, source_of(p)) for p in contact.phones)
    if field == "websites":
        return tuple((w.url, source_of(w)) for w in contact.websites)
    if field == "name":
        return () if contact.name is None else ((contact.name.full, source_of(contact.name)),)
    item = getattr(contact, field)
    return () if item is None else ((item.value, source_of(item)),)


EMAIL_CASES = [
    Case(
        "a valid address beats a more confident invalid one",
        Contact(emails=(email("jane@example.com", T, 0.6),)),
        Contact(emails=(email("jane@example,com", P, 0.99),)),
        (("jane@example.com", T),),
    ),
    Case(
        "the valid one wins whichever engine read it",
        Contact(emails=(email("jane@@example.com", T, 0.95),)),
        Contact(emails=(email("jane@example.com", P, 0.5),)),
        (("jane@example.com", P),),
    ),
    Case(
        "both valid and one character apart: the more confident reading",
        Contact(emails=(email("jane@examp1e.com", T, 0.7),)),
        Contact(emails=(email("jane@example.com", P, 0.98),)),
        (("jane@example.com", P),),
    ),
    Case(
        "the same address read by both counts once; a tie goes to the first reading",
        Contact(emails=(email("Jane@Example.com", T, 0.9),)),
        Contact(emails=(email("jane@example.com", P, 0.9),)),
        (("Jane@Example.com", T),),
    ),
    Case(
        "different addresses are all kept (union)",
        Contact(emails=(email("jane@example.com", T),)),
        Contact(emails=(email("sales@othercorp.org", P),)),
        (("jane@example.com", T), ("sales@othercorp.org", P)),
    ),
    Case(
        "similar addresses both read by one engine stay two addresses",
        Contact(emails=(email("ann@example.com", T), email("anne@example.com", T))),
        Contact(emails=(email("anne@example.com", P, 0.99),)),
        (("ann@example.com", T), ("anne@example.com", P)),
    ),
    Case(
        "only one engine read an email",
        Contact(),
        Contact(emails=(email("jane@example.com", P),)),
        (("jane@example.com", P),),
    ),
    Case(
        "an address one engine read only the end of counts once, as the whole address",
        Contact(emails=(email("ma@hotmail.com", T, 0.95),)),
        Contact(emails=(email("floresnsfatima@hotmail.com", P, 0.9),)),
        (("floresnsfatima@hotmail.com", P),),
    ),
    Case(
        "the whole address kept whichever engine read it",
        Contact(emails=(email("jane.doe@example.com", T, 0.6),)),
        Contact(emails=(email("jane@example.com", P, 0.99),)),
        (("jane.doe@example.com", T),),
    ),
    Case(
        "a different name on the same domain is another address",
        Contact(emails=(email("jane@example.com", T),)),
        Contact(emails=(email("jo@example.com", P),)),
        (("jane@example.com", T), ("jo@example.com", P)),
    ),
    Case(
        "a misread letter in the name before the '@' is the same address",
        Contact(emails=(email("r-fwimoto@iij.ad.jp", T, 0.68),)),
        Contact(emails=(email("r-fujimoto@iij.ad.jp", P, 1.0),)),
        (("r-fujimoto@iij.ad.jp", P),),
    ),
    Case(
        "a part read beside the whole by the same engine is not merged",
        Contact(emails=(email("info@example.com", T), email("sales.info@example.com", T))),
        Contact(emails=(email("sales.info@example.com", P),)),
        (("info@example.com", T), ("sales.info@example.com", T)),
    ),
]

PHONE_CASES = [
    Case(
        "a number valid for the country beats a misread invalid one",
        Contact(phones=(phone("+14155550134", T, 0.5),)),
        Contact(phones=(phone("+14155550l34", P, 0.99, valid=False),)),
        (("+14155550134", T),),
    ),
    Case(
        "one digit apart, one not a real number: the real one",
        Contact(phones=(phone("+12015550123", T, 0.99),)),  # 201-555 valid
        Contact(phones=(phone("+11015550123", P, 0.5),)),  # area code 101 does not exist
        (("+12015550123", T),),
    ),
    Case(
        "one digit apart, both valid: the more confident reading",
        Contact(phones=(phone("+14155550134", T, 0.7),)),
        Contact(phones=(phone("+14155550184", P, 0.97),)),
        (("+14155550184", P),),
    ),
    Case(
        "the same E.164 counts once",
        Contact(phones=(phone("+14155550134", T, 0.8),)),
        Contact(phones=(phone("+14155550134", P, 0.95),)),
        (("+14155550134", P),),
    ),
    Case(
        "line and fax one digit apart, both read by one engine, stay two numbers",
        Contact(phones=(phone("+14155550134", T), phone("+14155550135", T))),
        Contact(phones=(phone("+14155550134", P),)),
        (("+14155550134", T), ("+14155550135", T)),
    ),
    Case(
        "numbers two digits apart are different numbers",
        Contact(phones=(phone("+81367030000", T),)),
        Contact(phones=(phone("+81367030011", P),)),
        (("+81367030000", T), ("+81367030011", P)),
    ),
]

WEBSITE_CASES = [
    Case(
        "a website on the email's domain beats a more confident one that is not",
        Contact(emails=(email("jane@example.com", T),), websites=(site("www.example.com", T, 0.6),)),
        Contact(emails=(email("jane@example.com", P),), websites=(site("www.exarnple.com", P, 0.99),)),
        (("www.example.com", T),),
    ),
    Case(
        "no email to compare with: the more confident reading",
        Contact(websites=(site("www.exarnple.com", T, 0.6),)),
        Contact(websites=(site("www.example.com", P, 0.99),)),
        (("www.example.com", P),),
    ),
    Case(
        "same URL with and without www/scheme counts once",
        Contact(websites=(site("https://www.example.com/", T),)),
        Contact(websites=(site("example.com", P),)),
        (("https://www.example.com/", T),),
    ),
    Case(
        "an extra 'w' misread in front counts as the same site",
        Contact(websites=(site("wwww.example.com", T, 0.99),)),
        Contact(websites=(site("www.example.com", P, 0.9),)),
        (("wwww.example.com", T),),
    ),
    Case(
        "a lone website the reading engine itself doubted is dropped",
        Contact(websites=(site("jmail.com", T, 0.1),)),
        Contact(websites=(site("www.example.com", P, 0.9),)),
        (("www.example.com", P),),
    ),
    Case(
        "a lone confident website off the email's domain is kept (a company site, a gmail address)",
        Contact(emails=(email("shop@gmail.com", T),)),
        Contact(emails=(email("shop@gmail.com", P),), websites=(site("www.shopfront.com.br", P, 0.95),)),
        (("www.shopfront.com.br", P),),
    ),
    Case(
        "a profile address read without its path counts once, with the path",
        Contact(websites=(site("linkedin.com", T, 0.95),)),
        Contact(websites=(site("www.example.fr", P), site("linkedin.com/in/jane-doe", P, 0.9))),
        (("linkedin.com/in/jane-doe", P), ("www.example.fr", P)),
    ),
    Case(
        "a site's home page beside its profile page, both read by one engine, stay two",
        Contact(websites=(site("linkedin.com", T), site("linkedin.com/company/acme", T))),
        Contact(websites=(site("linkedin.com/company/acme", P),)),
        (("linkedin.com", T), ("linkedin.com/company/acme", T)),
    ),
]

NAME_CASES = [
    Case(
        "a word break that cuts a name into a piece of two letters loses to the whole word",
        Contact(name=name("Lau Ra Cooper", T, 0.96)),
        Contact(name=name("Laura Cooper", P, 0.7)),
        (("Laura Cooper", P),),
    ),
    Case(
        "two capitalized words run together: the reading with the break",
        Contact(name=name("Wu Jing", T, 0.7)),
        Contact(name=name("WuJing", P, 0.99)),
        (("Wu Jing", T),),
    ),
    Case(
        "a lowercase particle is a word, not a piece",
        Contact(name=name("Maria de Souza", T, 0.7)),
        Contact(name=name("Mariade Souza", P, 0.99)),
        (("Maria de Souza", T),),
    ),
    Case(
        "a name found in the email's local part beats a more confident one that is not",
        Contact(name=name("Daniel Car1os", T, 0.99), emails=(email("daniel.carlos@beltis.com.br", T),)),
        Contact(name=name("Daniel Carlos", P, 0.7)),
        (("Daniel Carlos", P),),
    ),
    Case(
        "initial + family name in the email",
        Contact(name=name("Tomoaki Higurashi", T, 0.6), emails=(email("t.higurashi@micron.co.jp", T),)),
        Contact(name=name("Tomoaki Hiqurash", P, 0.99)),
        (("Tomoaki Higurashi", T),),
    ),
    Case(
        "accents do not stop the match",
        Contact(name=name("José Gonçalves", T, 0.5), emails=(email("jose.goncalves@x.com.br", T),)),
        Contact(name=name("Jase Gancalvas", P, 0.99)),
        (("José Gonçalves", T),),
    ),
    Case(
        "a generic email says nothing: the more confident reading",
        Contact(name=name("Jim Glover", T, 0.6), emails=(email("info@thecounter.com", T),)),
        Contact(name=name("Jim Clover", P, 0.99)),
        (("Jim Clover", P),),
    ),
    Case(
        "only one engine found a name",
        Contact(name=None),
        Contact(name=name("Ryo Imai", P)),
        (("Ryo Imai", P),),
    ),
]

ORG_CASES = [
    Case(
        "of two companies in a CJK script, the one naming its legal form beats a unit read as a business",
        Contact(organization=text("유한회사한빛산업", T, 0.8)),
        Contact(organization=text("기술 연구소", P, 0.95)),
        (("유한회사한빛산업", T),),
    ),
    Case(
        "a reading cut short inside a word loses to the one that reads on ('Amor Iborra S')",
        Contact(organization=text("Amor Iborra S", T, 0.93)),
        Contact(organization=text("Amor Iborra Sevilla S.L.U.", P, 0.9)),
        (("Amor Iborra Sevilla S.L.U.", P),),
    ),
    Case(
        "a CJK card's company in its own script beats its Latin form, even one spelling the domain",
        Contact(organization=text("미래산업 주식회사", T, 0.8)),
        Contact(organization=text("Mirae Industries Co., Ltd.", P, 0.99), emails=(email("y@mirae.co.kr", P),)),
        (("미래산업 주식회사", T),),
    ),
    Case(
        "the name spelled out beats its initials, when the domain is the initials",
        Contact(organization=text("Internet Initiative Japan Inc.", T, 0.6), emails=(email("k@iij.ad.jp", T),)),
        Contact(organization=text("IIJ", P, 0.99)),
        (("Internet Initiative Japan Inc.", T),),
    ),
    Case(
        "the same letters with word breaks beat a reading that ran the words together",
        Contact(organization=text("The Counter", T, 0.6)),
        Contact(organization=text("Thecounter", P, 0.99)),
        (("The Counter", T),),
    ),
    Case(
        "the same letters with their accents beat the reading that lost them",
        Contact(organization=text("Microvida Informatica", T, 0.99)),
        Contact(organization=text("Microvida Informática", P, 0.6)),
        (("Microvida Informática", P),),
    ),
    Case(
        "an organization whose name is the email's domain beats a more confident misreading",
        Contact(organization=text("Beltis", T, 0.5), emails=(email("daniel@beltis.com.br", P),)),
        Contact(organization=text("BELT1S", P, 0.99)),
        (("Beltis", T),),
    ),
    Case(
        "an organization matching the website's domain",
        Contact(organization=text("Lumen Capital", T, 0.5), websites=(site("www.lumencapital.com", T),)),
        Contact(organization=text("Lurnen Capita", P, 0.99)),
        (("Lumen Capital", T),),
    ),
    Case(
        "the reading with the legal form beats one that lost it",
        Contact(organization=text("Internet Initiative Japan Inc.", T, 0.85)),
        Contact(organization=text("Internet Initiative Japan", P, 0.95)),
        (("Internet Initiative Japan Inc.", T),),
    ),
    Case(
        "a stray letter read in front (a logo's initial) loses to the reading without it",
        Contact(organization=text("Thomas & Laurent SAS", T, 0.94)),
        Contact(organization=text("T Thomas & Laurent SAS", P, 1.0)),
        (("Thomas & Laurent SAS", T),),
    ),
    Case(
        "an extra real word is not stray: the more confident reading",
        Contact(organization=text("Steg Singh Consulting LLP", T, 0.79)),
        Contact(organization=text("Singh Consulting LLP", P, 1.0)),
        (("Singh Consulting LLP", P),),
    ),
    Case(
        "no domain evidence: the more confident reading",
        Contact(organization=text("Acme", T, 0.5)),
        Contact(organization=text("Acme Corp", P, 0.8)),
        (("Acme Corp", P),),
    ),
]

TITLE_CASES = [
    Case(
        "titles have no validator: the more confident reading",
        Contact(title=text("Genera1 Manager", T, 0.7)),
        Contact(title=text("General Manager", P, 0.99)),
        (("General Manager", P),),
    ),
    Case(
        "a tie goes to the first reading",
        Contact(title=text("CEO", T, 0.9)),
        Contact(title=text("CE0", P, 0.9)),
        (("CEO", T),),
    ),
]

TABLE = (
    [("emails", c) for c in EMAIL_CASES]
    + [("phones", c) for c in PHONE_CASES]
    + [("websites", c) for c in WEBSITE_CASES]
    + [("name", c) for c in NAME_CASES]
    + [("organization", c) for c in ORG_CASES]
    + [("title", c) for c in TITLE_CASES]
)


@pytest.mark.parametrize(("field", "case"), TABLE, ids=[f"{f}: {c.why}" for f, c in TABLE])
def test_reconcile_field(field: str, case: Case) -> None:
    assert values(reconcile(case.a, case.b, "US"), field) == case.want


@pytest.mark.parametrize(("region", "want"), [("BR", T), ("US", P)])
def test_phone_validity_depends_on_the_cards_country(region: str, want: str) -> None:
    # printed without a country code: the first reading is a valid São Paulo number, the second is
    # not valid anywhere; in the US neither is valid, so the more confident reading wins
    a = Contact(phones=(Phone("1120765555", "(11) 2076-5555", confidence=0.5, evidence=ev(T)),))
    b = Contact(phones=(Phone("1100765555", "(11) 0076-5555", confidence=0.99, evidence=ev(P)),))
    assert [source_of(p) for p in reconcile(a, b, region).phones] == [want]


def test_a_fax_label_read_by_one_engine_is_kept() -> None:
    a = Contact(phones=(phone("+14155550134", T, 0.99),))
    b = Contact(phones=(phone("+14155550134", P, 0.5, kind=PhoneType.FAX),))
    (merged,) = reconcile(a, b, "US").phones
    assert merged.type == PhoneType.FAX
    assert source_of(merged) == T


def test_addresses_come_whole_from_the_fuller_reading() -> None:
    a = Contact(addresses=(Address(street="1 Main St", city="Springfield", evidence=ev(T)),))
    fuller = Address(street="1 Main St", city="Springfield", region="IL", postal_code="62701", evidence=ev(P))
    b = Contact(addresses=(fuller,))
    (address,) = reconcile(a, b, "US").addresses
    assert address.postal_code == "62701" and source_of(address) == P


def test_warnings_follow_the_winning_reading() -> None:
    a = Contact(title=text("CE0", T, 0.5), warnings=(Warning("title", "odd title"), Warning("", "card is blurry")))
    b = Contact(title=text("CEO", P, 0.99), warnings=(Warning("phones", "no phone"),))
    merged = reconcile(a, b, "US")
    assert Warning("title", "odd title") not in merged.warnings
    assert Warning("", "card is blurry") in merged.warnings
    assert Warning("phones", "no phone") in merged.warnings


def test_with_source_marks_every_field() -> None:
    contact = Contact(
        name=PersonName("Ryo Imai"),
        title=TextField("Manager"),
        emails=(Email("ryo@jic.vn"),),
        phones=(Phone("+84902175728", "+84-902 175 728", evidence=Evidence("Mobile: +84-902 175 728")),),
    )
    stamped = with_source(contact, P)
    assert count_sources(stamped) == {P: 4}
    assert stamped.phones[0].evidence == Evidence("Mobile: +84-902 175 728", None, P)
    assert stamped.name is not None and stamped.name.evidence == Evidence("Ryo Imai", None, P)


def test_a_line_filed_under_two_fields_keeps_the_better_read_one() -> None:
    # Tesseract filed the line as the name; PP-OCR, which ran the words together, as the company
    a = Contact(name=name("Dr. Kelly Focht", T, 0.9))
    b = Contact(organization=text("Dr.Kellyfocht", P, 0.99))
    merged = reconcile(a, b, "US")
    assert merged.name is not None and merged.name.full == "Dr. Kelly Focht"
    assert merged.organization is None


def test_a_lone_field_repeating_a_field_both_read_is_dropped() -> None:
    a = Contact(name=name("Ryo Imai", T), organization=text("Ryo Imai", T))
    b = Contact(name=name("Ryo Imai", P))
    merged = reconcile(a, b, "US")
    assert merged.organization is None and merged.name is not None


def test_different_fields_with_different_text_are_all_kept() -> None:
    a = Contact(name=name("Ryo Imai", T))
    b = Contact(organization=text("Jinno International", P))
    merged = reconcile(a, b, "US")
    assert merged.name is not None and merged.organization is not None


@pytest.mark.parametrize(
    ("a", "b", "kept", "dropped"),
    [
        # one engine misread the name line and filed it as the company; the confident reading wins
        (
            Contact(organization=text("Jane Exarnple!", T, 0.6)),
            Contact(name=name("Jane Example", P, 0.98)),
            "name",
            "organization",
        ),
        (
            Contact(name=name("Acme Widqets", T, 0.5)),
            Contact(organization=text("Acme Widgets", P, 0.97)),
            "organization",
            "name",
        ),
    ],
)
def test_a_misread_line_filed_under_two_fields_keeps_the_confident_one(
    a: Contact, b: Contact, kept: str, dropped: str
) -> None:
    merged = reconcile(a, b, "US")
    assert getattr(merged, kept) is not None
    assert getattr(merged, dropped) is None


@pytest.mark.parametrize(
    ("a", "b", "organization", "department"),
    [
        # the company line filed as the unit, the unit line as the company: swapped back
        (
            Contact(organization=text("Research and Development", T), department=text("Lumen Capital Group", T)),
            Contact(department=text("Lumen Capital Group", P), emails=(email("ryan@lumencapital.com", P),)),
            "Lumen Capital Group",
            "Research and Development",
        ),
        # the organization spells the domain too: left as read
        (
            Contact(organization=text("Lumen Capital", T), department=text("Lumen Capital Research", T)),
            Contact(emails=(email("ryan@lumencapital.com", P),)),
            "Lumen Capital",
            "Lumen Capital Research",
        ),
        # no domain to judge by: left as read
        (
            Contact(organization=text("Research and Development", T), department=text("Lumen Capital Group", T)),
            Contact(),
            "Research and Development",
            "Lumen Capital Group",
        ),
    ],
)
def test_the_unit_that_spells_the_domain_is_the_company(
    a: Contact, b: Contact, organization: str, department: str
) -> None:
    merged = reconcile(a, b, "US")
    assert merged.organization is not None and merged.organization.value == organization
    assert merged.department is not None and merged.department.value == department
