"""The review page, in-process (no OCR: cards are put in the workspace as a reading leaves them):
each doubtful entry marked alone, on the form and on the card; numbers in their country's
grouping and typed in any spelling; a form shown from the first reader's answer; a card's back."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

from storecards import card

from capture.contact import Address, Contact, Email, Evidence, PersonName, Phone, PhoneType, TextField
from capture.ocr.result import OcrLine, OcrPage, OcrWord, union_box
from capture.settings import Settings
from capture.validate import validate_contact
from capture.web.workspace import Stage
from tests.web_helpers import MakeClient, csrf_of, put_read_card

MOBILE, SHORT, WRONG = (10, 300, 400, 340), (10, 360, 300, 400), (10, 420, 300, 460)
US = Settings(region="US", engine="tesseract")


def field_div(html: str, name: str) -> str:
    """The opening tag of the form row holding input `name`."""
    match = re.search(r'<div class="(field[^"]*)">\s*<label for="f-' + re.escape(name) + '"', html)
    assert match, name
    return match.group(1)


def entry_rect(html: str, name: str) -> str:
    match = re.search(r'<rect class="([^"]*)" data-for="f-' + re.escape(name) + '"', html)
    assert match, name
    return match.group(1)


def german(name: str = "Lena Vogel", *, phones: tuple[Phone, ...] = ()) -> Contact:
    given, family = name.split()
    return validate_contact(Contact(
        name=PersonName(name, given=given, family=family, evidence=Evidence(name, (10, 10, 500, 80))),
        emails=(Email("lena.vogel@kanzlei.example", evidence=Evidence("", (10, 100, 600, 140))),),
        phones=phones,
    ), Settings(region="DE"))


def test_a_doubtful_number_is_marked_alone_on_the_form_and_on_the_card(tmp_path: Path, make_client: MakeClient
                                                                      ) -> None:
    # a valid mobile beside two numbers that are not valid: only those two are to check
    contact = german(phones=(
        Phone("+4915123456789", "0151 23456789", PhoneType.MOBILE, evidence=Evidence("", MOBILE)),
        Phone("3041", "030 41", PhoneType.WORK, valid=False, evidence=Evidence("", SHORT)),
        Phone("49301", "+49 30 1", PhoneType.FAX, valid=False, evidence=Evidence("", WRONG))))
    key = put_read_card(tmp_path / "cards", card(contact, "vogel"))
    page = make_client(US).get(f"/review/{key.text}").text
    assert field_div(page, "phone_0") == "field"
    assert field_div(page, "phone_1") == field_div(page, "phone_2") == "field low"
    assert entry_rect(page, "phone_0") == "entry"
    assert entry_rect(page, "phone_1") == entry_rect(page, "phone_2") == "entry low"
    assert field_div(page, "email_0") == "field" and entry_rect(page, "email_0") == "entry"
    # each box is where its field was read, so the page can zoom to it
    assert 'x="10" y="300" width="390" height="40"' in page
    assert 'data-box="10 300 390 40" data-side="front"' in page


def test_numbers_show_in_their_countrys_grouping_and_are_typed_in_any_spelling(
        tmp_path: Path, make_client: MakeClient) -> None:
    berlin = Phone("+493041755243", "030 / 4175 5243", PhoneType.WORK, evidence=Evidence("", MOBILE))
    key = put_read_card(tmp_path / "cards", card(german(phones=(berlin,)), "vogel"))
    client = make_client(US)
    page = client.get(f"/review/{key.text}").text
    assert 'name="phone_0" type="tel" value="+49 30 41755243"' in page
    # typed again without the country code on a server whose region is the US: still the Berlin number
    form = {"csrf_token": csrf_of(page), "name": "Lena Vogel", "email_0": "lena.vogel@kanzlei.example",
            "phone_0": "030 41755243", "phone_0_type": "work"}
    assert client.post(f"/review/{key.text}", data=form).status_code == 303
    [stored] = client.get("/api/contacts").json()
    [phone] = stored["contact"]["phones"]
    assert (phone["e164"], phone["valid"], phone["raw"]) == ("+493041755243", True, "030 / 4175 5243")
    assert "phones" not in stored["edited_fields"]  # the same number, spelled otherwise: no correction


def test_words_read_with_doubt_are_outlined_on_the_card(tmp_path: Path, make_client: MakeClient) -> None:
    sure = OcrWord("Lena", (10, 10, 200, 80), 0.96)
    doubtful = OcrWord("Vogcl", (220, 10, 500, 80), 0.31)
    page = OcrPage((OcrLine((sure, doubtful), union_box([sure.box, doubtful.box]), 0.64),), 1000, 600)
    key = put_read_card(tmp_path / "cards", replace(card(german(), "vogel"), page=page))
    html = make_client(US).get(f"/review/{key.text}").text
    assert re.search(r'<rect class="word low" x="220" y="10" width="280" height="70"[^>]*><title>Vogcl: read with 31%',
                     html)
    assert html.count('class="word low"') == 1  # the sure word is not


def test_a_form_shown_from_the_first_answer_keeps_the_edits_and_takes_the_rest_from_the_final(
        tmp_path: Path, make_client: MakeClient) -> None:
    first = german("Lena Voge1")
    first = replace(first, title=TextField("Rechtsanwäl", 0.62))
    key = put_read_card(tmp_path / "cards", card(first, "vogel"), stage=Stage.FIRST)
    client = make_client(US)
    page = client.get(f"/review/{key.text}").text
    assert 'name="stage" value="first"' in page and "The second reader is still checking this card" in page
    assert client.get(f"/api/cards/{key.text}/stage").json() == {"stage": "first"}
    # the second reader finishes: the title is read right, the name still wrong
    final = replace(first, title=TextField("Rechtsanwältin", 0.97))
    client.app.state.cardcap.workspace.put(card(final, "vogel"), Stage.FINAL)  # type: ignore[attr-defined]
    # the person corrected the name on the form shown from the first answer, and left the title
    form = {"csrf_token": csrf_of(page), "stage": "first", "name": "Lena Vogel", "title": "Rechtsanwäl",
            "email_0": "lena.vogel@kanzlei.example"}
    assert client.post(f"/review/{key.text}", data=form).status_code == 303
    [stored] = client.get("/api/contacts").json()
    assert stored["contact"]["name"]["full"] == "Lena Vogel"  # the person's correction
    assert stored["contact"]["title"]["value"] == "Rechtsanwältin"  # the second reader's
    assert stored["edited_fields"] == ["name"]


def test_the_back_of_a_card_paired_with_its_front_fills_what_the_front_lacks(
        tmp_path: Path, make_client: MakeClient) -> None:
    front = put_read_card(tmp_path / "cards", card(german(), "front"), "front.jpg")
    back_contact = Contact(
        name=PersonName("Lena Vogel", given="Lena", family="Vogel"),
        phones=(Phone("+4915123456789", "0151 23456789", PhoneType.MOBILE, evidence=Evidence("", MOBILE)),),
        addresses=(Address("Friedrichstraße 12", "Berlin", "", "10117", "Germany", evidence=Evidence("", SHORT)),))
    back = put_read_card(tmp_path / "cards", card(back_contact, "back"), "back.jpg")
    client = make_client(US)
    scan = client.get("/").text
    assert scan.count('class="card-row"') == 2 and "Back of the card above" in scan
    paired = client.post("/queue/pair", data={"csrf_token": csrf_of(scan), "front": front.text, "back": back.text})
    assert paired.status_code == 303
    scan = client.get("/").text
    assert scan.count('class="card-row"') == 1 and "Front and back" in scan and "Review 1 card" in scan
    page = client.get(f"/review/{front.text}").text
    assert 'id="card-svg"' in page and 'id="card-svg-back"' in page
    assert 'value="Friedrichstraße 12"' in page and 'value="+49 1512 3456789"' in page
    assert 'data-box="10 300 390 40" data-side="back"' in page  # the mobile was read on the back
    form = {name: value for name, value in re.findall(r'name="([a-z_0-9]+)"[^>]*value="([^"]*)"', page)}
    form.update(csrf_token=csrf_of(page), phone_0_type="mobile")
    done = client.post(f"/review/{front.text}", data=form)
    assert done.status_code == 303 and done.headers["location"].startswith("/contacts/")
    [stored] = client.get("/api/contacts").json()
    assert stored["contact"]["emails"][0]["address"] == "lena.vogel@kanzlei.example"  # from the front
    assert stored["contact"]["addresses"][0]["city"] == "Berlin"  # from the back
    assert client.get("/api/queue").json()["jobs"] == []  # both faces saved: off the list
