"""Drafts: golden files for every kind of step, the letter PDF's text, missing data, user templates."""

from __future__ import annotations

import io
import os
from dataclasses import replace
from datetime import datetime
from email import message_from_bytes, policy
from pathlib import Path
from zoneinfo import ZoneInfo

import pypdf
import pytest
from followup_helpers import BARE, JANE, SAM, make_plan

from capture.contact import Address, Contact, Email, PersonName, Phone, PhoneType, TextField
from followup import workdays
from followup.drafts import render_draft, write_draft
from followup.model import Gap, Plan, Profile, StepState
from followup.rules import plan as plan_steps

GOLDEN = Path(__file__).parent / "golden" / "followup"
KEYS = ["thank-you", "cover-letter", "call-day5", "week-1", "week-2", "week-3"]


def _golden_text(key: str) -> tuple[str, str]:
    plan = make_plan()
    draft = render_draft(plan, plan.step(key), SAM, template_dir=Path("/nonexistent"))
    if draft.kind == "eml":
        return f"{key}.eml", draft.content.decode("utf-8").replace("\r\n", "\n")
    return f"{key}.txt", draft.text


@pytest.mark.parametrize("key", KEYS)
def test_drafts_match_the_golden_files(key: str) -> None:
    name, text = _golden_text(key)
    path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN"):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8"), f"{name} changed; UPDATE_GOLDEN=1 rewrites it after review"


def test_thank_you_eml_is_addressed_to_the_card_email_and_names_the_interviewer() -> None:
    plan = make_plan()
    draft = render_draft(plan, plan.step("thank-you"), SAM)
    message = message_from_bytes(draft.content, policy=policy.default)
    assert message["To"].addresses[0].addr_spec == "jane.odegard@acme-analytics.example"
    assert message["To"].addresses[0].display_name == "Jane Ødegård"
    assert message["From"].addresses[0].addr_spec == SAM.email
    body = message.get_body(("plain",)).get_content()
    assert "Dear Ms Ødegård," in body
    assert "Senior Data Engineer" in message["Subject"]
    assert all(point in body for point in SAM.strengths)


def test_letter_pdf_has_the_recipient_block_and_an_envelope_page() -> None:
    plan = make_plan()
    draft = render_draft(plan, plan.step("cover-letter"), SAM)
    assert draft.content.startswith(b"%PDF")
    reader = pypdf.PdfReader(io.BytesIO(draft.content))
    assert len(reader.pages) == 2
    letter, envelope = (page.extract_text() for page in reader.pages)
    block = [
        "Jane Ødegård",
        "Head of Data Engineering",
        "Acme Analytics GmbH",
        "Friedrichstraße 123",
        "10117 BERLIN",  # international mail: the city in capitals, then the country (UPU)
        "GERMANY",
    ]
    for text in (letter, envelope):
        lines = [line.strip() for line in text.splitlines()]
        start = lines.index("Jane Ødegård")
        assert lines[start : start + len(block)] == block
        assert "Sam Candidate" in text and "Springfield, IL 62704" in text
    assert "Dear Ms Ødegård," in letter and "Sincerely," in letter  # a US sender closes the American way
    assert "Eight years building data pipelines in Python." in letter
    assert float(envelope_width(reader)) > float(reader.pages[1].mediabox.height)  # landscape envelope


def envelope_width(reader: pypdf.PdfReader) -> float:
    return float(reader.pages[1].mediabox.width)


def test_call_script_has_the_number_to_dial_and_a_voicemail_script() -> None:
    plan = make_plan()
    draft = render_draft(plan, plan.step("call-day5"), SAM)
    assert draft.to == "+4930123456789"  # the work number, not the fax
    assert "Number to dial: +4930123456789" in draft.text
    assert "tel:+4930123456789" in draft.text
    assert "CALL SCRIPT" in draft.text and "VOICEMAIL SCRIPT" in draft.text
    assert SAM.phone in draft.text


def test_a_card_without_email_phone_or_address_still_gets_drafts_that_say_what_is_missing(tmp_path: Path) -> None:
    plan = make_plan(contact=BARE, profile=Profile(name="Sam Candidate"))
    drafts = {key: render_draft(plan, plan.step(key), Profile(name="Sam Candidate")) for key in KEYS}
    email = message_from_bytes(drafts["thank-you"].content, policy=policy.default)
    assert email["To"] is None
    assert drafts["thank-you"].missing == (Gap.EMAIL,)
    assert "Number to dial: (none on the card)" in drafts["call-day5"].text
    assert drafts["call-day5"].missing == (Gap.PHONE,)
    assert Gap.STREET in drafts["cover-letter"].missing
    text = pypdf.PdfReader(io.BytesIO(drafts["cover-letter"].content)).pages[0].extract_text()
    assert "Pat Lee" in text and "Lee & Co" in text  # markup-like card text is printed as is
    for draft in drafts.values():
        assert write_draft(draft, tmp_path).stat().st_size > 0


def test_user_templates_override_the_shipped_ones(tmp_path: Path) -> None:
    (tmp_path / "thank-you.eml.j2").write_text("Subject: Cheers {{ short_name }}\n\nThanks, {{ candidate.name }}.\n")
    plan = make_plan()
    draft = render_draft(plan, plan.step("thank-you"), SAM, template_dir=tmp_path)
    assert draft.subject == "Cheers Jane"
    assert draft.text == "Thanks, Sam Candidate.\n"
    other = render_draft(plan, plan.step("week-1"), SAM, template_dir=tmp_path)
    assert "follow up" in other.text  # a template the user did not override comes from the package


def test_a_subject_with_line_breaks_cannot_forge_headers() -> None:
    plan = make_plan(profile=replace(SAM, position="Engineer\nBcc: attacker@example.com"))
    draft = render_draft(plan, plan.step("thank-you"), replace(SAM, position="Engineer\nBcc: attacker@example.com"))
    message = message_from_bytes(draft.content, policy=policy.default)
    assert message["Bcc"] is None
    assert "Bcc" in message["Subject"]


def test_letters_for_a_us_recipient_use_us_letter_paper_and_city_state_zip() -> None:
    us = replace(
        JANE,
        addresses=(
            replace(
                JANE.addresses[0],
                street="1 Market St",
                city="San Francisco",
                region="CA",
                postal_code="94105",
                country="USA",
            ),
        ),
    )
    plan = make_plan(contact=us)
    draft = render_draft(plan, plan.step("cover-letter"), SAM)
    page = pypdf.PdfReader(io.BytesIO(draft.content)).pages[0]
    assert round(float(page.mediabox.width)) == 612
    lines = [line.strip() for line in page.extract_text().splitlines()]
    assert "San Francisco, CA 94105" in lines
    assert "USA" not in lines[lines.index("1 Market St") :][:3]  # same country as the sender: no country line



@pytest.mark.parametrize(
    ("company", "expected"),
    [
        ("Avtec Systems, Inc.", "more about Avtec Systems, Inc. I enjoyed"),
        ("Acme GmbH", "more about Acme GmbH. I enjoyed"),
    ],
)
def test_a_company_ending_in_a_full_stop_gets_no_second_one(company: str, expected: str) -> None:
    contact = replace(JANE, organization=TextField(company))
    plan = make_plan(contact)
    for key in ("thank-you", "week-1"):
        text = render_draft(plan, plan.step(key), SAM, template_dir=Path("/nonexistent")).content.decode("utf-8")
        assert ".." not in text, text
    thanks = render_draft(plan, plan.step("thank-you"), SAM, template_dir=Path("/nonexistent")).content.decode()
    assert expected in " ".join(thanks.split())


def test_a_us_card_without_a_country_line_is_addressed_the_american_way() -> None:
    from capture.contact import Address, Phone, PhoneType
    from followup.drafts import build_letter
    from followup.rules import contact_country

    card = replace(
        JANE,
        addresses=(Address(street="14432 Albemarle Point Place", city="Chantilly", region="VA", postal_code="20151"),),
        phones=(Phone("+17034882500", "(703) 488-2500", PhoneType.WORK),),
    )
    assert contact_country(card) == "US"
    plan = make_plan(card)
    letter = build_letter(plan, plan.step("cover-letter"), SAM, "body", plan.interview.date())
    assert "Chantilly, VA 20151" in letter.recipient
    assert "20151 Chantilly" not in letter.recipient


# -- every language the drafts are written in ------------------------------------------------------------------

def _card(name: str, title: str, company: str, email: str, phone: str, street: str, city: str, postal: str,
          region: str = "") -> Contact:
    given, family = name.split(" ", 1)
    if "株" in company:  # a Japanese name: the family name first
        given, family = family, given
    return Contact(name=PersonName(name, given=given, family=family), title=TextField(title),
                   organization=TextField(company), emails=(Email(email),),
                   phones=(Phone(phone, phone, PhoneType.WORK),),
                   addresses=(Address(street=street, city=city, region=region, postal_code=postal),))


CARDS = {  # printed the way they are at home: no country line, a national number that says the country
    "en": _card("John Poole", "VP Engineering", "Acme Corp.", "john.poole@acme.example", "+12125550134",
                "350 Fifth Avenue", "New York", "10118", "NY"),
    "de": _card("Jana Weber", "Leiterin Data Engineering", "Beispiel GmbH", "j.weber@beispiel.example",
                "+4989123456789", "Leopoldstraße 10", "München", "80802"),
    "fr": _card("Claire Dubois", "Directrice technique", "Exemple SA", "claire.dubois@exemple.example",
                "+33142345678", "12 rue de Rivoli", "Paris", "75004"),
    "es": _card("Javier García", "Director de Ingeniería", "Ejemplo S.L.", "javier@ejemplo.example",
                "+34912345678", "Calle de Alcalá, 50", "Madrid", "28014"),
    "pt": _card("Ana Souza", "Gerente de RH", "Exemplo Ltda.", "ana@exemplo.example", "+551132345678",
                "Av. Paulista, 1000", "São Paulo", "01310-100", "SP"),
    "ja": _card("山田 太郎", "技術部長", "山田商事株式会社", "yamada@yamada.example", "+81335550123",
                "丸の内1-1-1", "千代田区", "100-0005", "東京都"),
}
LANGUAGE_KEYS = ("thank-you", "cover-letter", "call-day5", "week-1", "week-2")


# (what the job needs, the candidate's strength that answers it, what the day-five call was about)
WORDS = {
    "en": ("reliable data pipelines", "Eight years building data pipelines in Python", "the data platform"),
    "de": ("zuverlässige Datenpipelines", "Acht Jahre Erfahrung mit Datenpipelines in Python", "die Datenplattform"),
    "fr": ("des pipelines de données fiables", "Huit ans de pipelines de données en Python",
           "la plateforme de données"),
    "es": ("pipelines de datos fiables", "Ocho años construyendo pipelines de datos en Python",
           "la plataforma de datos"),
    "pt": ("pipelines de dados confiáveis", "Oito anos construindo pipelines de dados em Python",
           "a plataforma de dados"),
    "ja": ("データパイプライン", "Pythonによるデータパイプライン構築の経験8年", "データ基盤"),
}


def language_plan(language: str) -> tuple[Plan, Profile]:
    """The interviewer's language by their country; the call on day five done, with what was discussed."""
    from followup.api import holiday_country_for
    from followup.language import country_language
    from followup.rules import contact_country

    contact = CARDS[language]
    country = contact_country(contact)
    zone = ZoneInfo(workdays.zones_of_country(country)[0])
    interview = datetime(2026, 12, 1, 14, 0, tzinfo=zone)
    need, strength, called = WORDS[language]
    profile = replace(SAM, position="", strengths=(strength,))
    steps = plan_steps(contact, interview, profile, interview, holiday_country=holiday_country_for(contact, None))
    steps = tuple(replace(s, state=StepState.DONE, done_at=s.due, topic=called) if s.key == "call-day5" else s
                  for s in steps)
    assert country_language(country) == language
    return Plan(uid="lang-" + language, contact=contact, interview=interview, steps=steps, language=language,
                needs=(need,), holiday_country=country), profile


@pytest.mark.parametrize("language", list(CARDS))
def test_drafts_in_each_language_match_their_golden_files(language: str) -> None:
    plan, profile = language_plan(language)
    for key in LANGUAGE_KEYS:
        step = plan.step(key)
        now = plan.interview.replace(hour=19) if key == "thank-you" else step.due
        draft = render_draft(plan, step, profile, template_dir=Path("/nonexistent"), now=now)
        text = (f"Subject: {draft.subject}\n\n" if draft.kind == "eml" else "") + draft.text
        path = GOLDEN / language / f"{key}.txt"
        if os.environ.get("UPDATE_GOLDEN"):
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        assert text == path.read_text(encoding="utf-8"), f"{path} changed; UPDATE_GOLDEN=1 rewrites it after review"
        assert "[" not in text and "{" not in text  # nothing left unfilled


LETTER_CONVENTIONS = {  # how a letter opens and closes, by its language
    "en": ("Dear Mr. Poole:", "Sincerely,"),  # a US letter
    "de": ("Sehr geehrte Frau Weber,", "Mit freundlichen Grüßen"),
    "fr": ("Madame,", "Je vous prie d'agréer, Madame, l'expression de mes salutations distinguées."),
    "es": ("Estimado Sr. García:", "Atentamente,"),
    "pt": ("Prezada Sra. Souza,", "Atenciosamente,"),
    "ja": ("拝啓", "敬具"),
}


@pytest.mark.parametrize("language", list(LETTER_CONVENTIONS))
def test_letters_follow_the_conventions_of_their_language(language: str) -> None:
    salutation, closing = LETTER_CONVENTIONS[language]
    plan, profile = language_plan(language)
    draft = render_draft(plan, plan.step("cover-letter"), profile, now=plan.step("cover-letter").due)
    lines = draft.text.splitlines()
    assert any(line.startswith(salutation) for line in lines), draft.text
    assert closing in lines


ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"


def _fonts(page: pypdf.PageObject) -> set[str]:
    fonts = page["/Resources"]["/Font"]
    return {str(fonts[name].get_object()["/BaseFont"]) for name in fonts}


@pytest.mark.skipif(not Path("/usr/bin/pdftoppm").exists(), reason="poppler-utils is not installed")
def test_german_and_japanese_letters_as_printed(tmp_path: Path) -> None:
    """Domestic letters as someone there expects them; the pages are also rendered to test-artifacts/ to look at."""
    import subprocess

    german = Profile(name="Lena Vogel", street="Hauptstraße 5", city="Hamburg", postal_code="20095",
                     country="Deutschland", email="lena.vogel@example.org")
    japanese = Profile(name="佐藤 花子", street="梅田1-2-3", city="大阪市北区", region="大阪府", postal_code="530-0001",
                       country="日本", email="hanako@example.jp")
    ARTIFACTS.mkdir(exist_ok=True)
    for language, profile in (("de", german), ("ja", japanese)):
        plan, _ = language_plan(language)
        step = plan.step("cover-letter")
        pdf = render_draft(plan, step, profile, now=step.due).content
        reader = pypdf.PdfReader(io.BytesIO(pdf))
        letter, envelope = (page.extract_text() for page in reader.pages)
        if language == "de":  # DIN 5008: A4, the address in the window, "Ort, Datum", subject in bold, DL envelope
            assert [round(float(v)) for v in reader.pages[0].mediabox.upper_right] == [595, 842]
            block = "Frau Jana Weber\nLeiterin Data Engineering\nBeispiel GmbH\nLeopoldstraße 10\n80802 München"
            assert block in letter
            assert "Hamburg, 2. Dezember 2026" in letter and "Mit freundlichen Grüßen" in letter
            assert "Lena Vogel · Hauptstraße 5 · 20095 Hamburg" in letter  # the return line above the window
            assert any("Bold" in font for font in _fonts(reader.pages[0]))
            assert [round(float(v) / 72 * 25.4) for v in reader.pages[1].mediabox.upper_right] == [220, 110]
        else:  # A4, 拝啓 … 敬具, the address from the postal code down, a vertical 長形3号 envelope in kanji numbers
            assert any("IPAMincho" in font for font in _fonts(reader.pages[0]))
            assert "〒100-0005\n東京都\n千代田区丸の内1-1-1\n山田商事株式会社\n技術部長 山田 太郎 様" in letter
            assert "拝啓" in letter and "敬具" in letter and "2026年12月2日" in letter
            assert [round(float(v) / 72 * 25.4) for v in reader.pages[1].mediabox.upper_right] == [120, 235]
            assert "一" in envelope and "1-1-1" not in envelope
        source = tmp_path / f"letter-{language}.pdf"
        source.write_bytes(pdf)
        subprocess.run(["pdftoppm", "-r", "60", "-png", str(source), str(ARTIFACTS / f"letter-{language}")],
                       check=True, timeout=60)
        assert (ARTIFACTS / f"letter-{language}-1.png").stat().st_size > 5_000
