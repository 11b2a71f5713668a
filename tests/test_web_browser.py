"""End to end in a real headless Chromium on a phone-sized screen, against a real uvicorn server.

Upload a card drawn in the test, see its fields, correct one, save, download the vCard and read it
with vobject, start a follow-up and find the thank-you step due that evening on the Today page; then
a whole follow-up on the phone: a missing email added from the link that says so, another
interviewer, a call done with what was talked about, a reply seen and acted on, an offer recorded.
Screenshots are saved to test-artifacts/.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import vobject

from capture.contact import Contact, PersonName, Phone, PhoneType, TextField
from capture.settings import Settings
from capture.store.contacts import ContactStore
from capture.web.app import create_app
from followup import api
from tests.browser_helpers import ARTIFACTS, phone_context, serving
from tests.web_helpers import FixedClock, card_png, sample_card

pytestmark = pytest.mark.browser

ZONE = ZoneInfo("Europe/Berlin")
DECODED_SIZE = """() => new Promise((resolve) => {
  const img = new Image();
  img.onload = () => resolve([img.naturalWidth, img.naturalHeight]);
  img.onerror = () => resolve([0, 0]);
  img.src = document.querySelector('#card-svg image').getAttribute('href');
})"""

@dataclass
class Server:
    url: str
    clock: FixedClock


@pytest.fixture
def server(tmp_path: Path) -> Iterator[Server]:
    # Tuesday 10 March 2026, 09:30 in Berlin: the interview is this afternoon
    clock = FixedClock(datetime(2026, 3, 10, 9, 30, tzinfo=ZONE))
    # These tests are about the pages; the OCR modes are tested with the pipeline. Tesseract alone
    # reads the markup printed on the HTML card glyph for glyph, which the escaping test needs.
    app = create_app(Settings(region="DE", engine="tesseract"), f"sqlite:///{tmp_path / 'store.sqlite3'}", None,
                     now=clock, workspace_dir=tmp_path / "cards", profile_path=tmp_path / "profile.json")
    with serving(app) as url:
        yield Server(url, clock)


@pytest.fixture
def page(browser: object, server: Server) -> Iterator[object]:
    context = phone_context(browser, server.url)
    tab = context.new_page()
    dialogs: list[str] = []
    tab.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    tab.dialogs = dialogs
    yield tab
    context.close()


def upload(page: object, name: str, data: bytes, mime: str = "image/png") -> None:
    page.goto("/")  # type: ignore[attr-defined]
    page.set_input_files("#files", files=[{"name": name, "mimeType": mime, "buffer": data}])  # type: ignore[attr-defined]


def review_when_read(page: object) -> None:
    """Tap "Review" once the card shows up in the queue, read."""
    page.click("#review-next")  # type: ignore[attr-defined]
    page.wait_for_url("**/review/**")  # type: ignore[attr-defined]


def test_phone_scan_review_save_vcard_and_follow_up(page: object, server: Server, tmp_path: Path) -> None:
    p = page  # playwright's Page (untyped here: the package ships no stubs mypy reads)
    p.goto("/")
    camera = p.locator("#files")
    assert camera.get_attribute("accept") == "image/*"
    assert camera.get_attribute("capture") == "environment"
    assert camera.get_attribute("multiple") is not None

    upload(p, "maria.png", sample_card())
    review_when_read(p)
    assert p.input_value("#f-name") == "Maria Schmidt"
    assert p.input_value("#f-email_0") == "maria.schmidt@acmerobotics.com"
    assert p.locator("#card-svg rect.box").count() >= 5
    assert p.locator("#card-svg image").count() == 1
    # the straightened card image decodes in the browser, with the shape the text boxes refer to
    width, height = p.evaluate(DECODED_SIZE)
    box_width, box_height = (int(p.get_attribute("#card-svg image", side)) for side in ("width", "height"))
    assert height > 0 and abs(width / height - box_width / box_height) < 0.02

    ARTIFACTS.mkdir(exist_ok=True)
    shot = ARTIFACTS / "web-review-phone.png"
    p.screenshot(path=str(shot), full_page=True)
    assert shot.stat().st_size > 10_000
    p.screenshot(path=str(ARTIFACTS / "web-review-phone-top.png"))

    p.fill("#f-title", "Head of Talent")
    p.click("#save")
    p.wait_for_url("**/contacts/*")
    assert "Saved as a new contact" in p.inner_text("main")
    assert p.inner_text("#contact-name") == "Maria Schmidt"

    with p.expect_download() as download_info:
        p.click("#download-vcf")
    download = download_info.value
    assert download.suggested_filename == "maria-schmidt.vcf"
    card = vobject.readOne(Path(download.path()).read_text(encoding="utf-8"))
    assert card.fn.value == "Maria Schmidt"
    assert card.title.value == "Head of Talent"
    assert card.email.value == "maria.schmidt@acmerobotics.com"

    p.fill("#followup-form input[name=date]", "2026-03-10")
    p.fill("#followup-form input[name=time]", "14:00")
    p.fill("#followup-form input[name=tz]", "Europe/Berlin")
    p.click("#followup-form button[type=submit]")
    p.wait_for_url("**/plans/*done=started*")
    thank_you = p.locator('.timeline li[data-step="thank-you"]')
    assert "Tue 10 Mar, 19:00" in thank_you.inner_text()
    p.screenshot(path=str(ARTIFACTS / "web-plan-phone.png"), full_page=True)

    p.click("nav >> text=Today")
    step = p.locator('article[data-step="thank-you"]')
    assert "19:00" in step.inner_text()
    mailto = step.locator("a[href^='mailto:']").get_attribute("href")
    assert mailto.startswith("mailto:maria.schmidt@acmerobotics.com?subject=")
    p.screenshot(path=str(ARTIFACTS / "web-today-phone.png"), full_page=True)
    step.locator("button", has_text="Done").click()
    p.wait_for_url("**/today?done=done")
    assert p.locator('article[data-step="thank-you"]').count() == 0
    assert p.dialogs == []  # type: ignore[attr-defined]


def test_bad_uploads_get_a_clear_message_in_the_page(page: object) -> None:
    p = page
    upload(p, "notes.jpg", b"just some text, not a photo\n", "image/jpeg")
    alert = p.locator("#problems li").first
    alert.wait_for()
    assert "notes.jpg: is a text file, not an image" in alert.inner_text()
    assert p.url.endswith("/")
    assert p.locator("#progress").is_hidden()
    ARTIFACTS.mkdir(exist_ok=True)
    p.screenshot(path=str(ARTIFACTS / "web-upload-error-phone.png"))


def test_html_printed_on_a_card_stays_text(page: object) -> None:
    p = page
    upload(p, "eve.png", card_png([("Eve <b>Hacker</b>", 60, True), ("<script>alert(1)</script>", 40, False),
                                   ("eve@example.com", 38, False)]))
    review_when_read(p)
    p.click("details.raw summary")
    raw = p.inner_text("details.raw pre")
    assert "<script>alert(1)</script>" in raw
    assert p.locator("main b", has_text="Hacker").count() == 0
    assert p.evaluate("() => document.querySelectorAll('main script').length") == 0
    p.click("#save")
    p.wait_for_url("**/contacts/*")
    p.goto("/contacts")
    assert "Eve <b>Hacker</b>" in p.inner_text("#contact-list")
    assert p.dialogs == []  # type: ignore[attr-defined]


def test_your_details_are_filled_in_on_the_phone_and_kept(page: object, tmp_path: Path) -> None:
    p = page
    p.goto("/today")
    p.click("nav >> text=You")
    assert p.url.endswith("/profile")
    assert p.locator("#profile-missing").is_visible()
    p.fill("#p-name", "Ana Lima")
    p.fill("#p-email", "ana@example.org")
    p.fill("#p-street", "Rua Augusta 100")
    p.fill("#p-city", "São Paulo")
    p.fill("#p-strengths", "Ten years of payments\nShipped the mobile app")
    p.click("#profile-form button[type=submit]")
    p.wait_for_url("**/profile?saved=1")
    assert p.locator("[role=status]").inner_text() == "Saved."
    assert p.locator("#profile-missing").count() == 0
    p.reload()
    assert p.input_value("#p-name") == "Ana Lima" and p.input_value("#p-city") == "São Paulo"
    assert p.input_value("#p-strengths") == "Ten years of payments\nShipped the mobile app"
    saved = json.loads((tmp_path / "profile.json").read_text(encoding="utf-8"))
    assert saved["email"] == "ana@example.org"


COMMAND = re.compile(r"\bcardcap (followup|contacts|export|serve|scan|batch)\b|`|\s--[a-z]")


def no_command(p: object) -> str:
    """The page's text, checked: a phone has no terminal, so no page may ask for a command."""
    text = p.inner_text("body")  # type: ignore[attr-defined]
    assert not COMMAND.search(text), f"{p.url} asks for a command"  # type: ignore[attr-defined]
    return str(text)


def test_a_whole_follow_up_on_the_phone(page: object, server: Server, tmp_path: Path) -> None:
    p = page
    store = ContactStore.open(f"sqlite:///{tmp_path / 'store.sqlite3'}")
    lee = Contact(name=PersonName("Pat Lee", given="Pat", family="Lee"), organization=TextField("Lee & Co"),
                  phones=(Phone("+4930123456789", "030 123456789", PhoneType.WORK),))
    contact_id = store.save_contact(lee).stored.id
    p.goto(f"/contacts/{contact_id}")
    p.fill("#followup-form input[name=date]", "2026-03-10")
    p.fill("#followup-form input[name=time]", "14:00")
    p.fill("#followup-form input[name=tz]", "Europe/Berlin")
    p.click("#followup-form summary")
    p.fill("#followup-form textarea[name=needs]", "reliable data pipelines")
    p.click("#followup-form button[type=submit]")
    p.wait_for_url("**/plans/*done=started*")
    plan_url = p.url.split("?")[0]
    thank_you = p.locator('.timeline li[data-step="thank-you"]')
    assert "The card has no email address." in thank_you.inner_text()
    no_command(p)

    # the missing email, added where the plan says it is missing
    thank_you.locator("a", has_text="Add the email").click()
    p.wait_for_url(f"**/contacts/{contact_id}/edit**")
    no_command(p)
    p.fill("#f-email_0", "pat@lee.example")
    p.click("#save")
    p.wait_for_url("**/plans/*done=edited")
    assert "pat@lee.example" in p.locator('.timeline li[data-step="thank-you"]').inner_text()
    assert "no email address" not in p.locator('.timeline li[data-step="thank-you"]').inner_text()

    # another interviewer
    p.click("#add-interviewer summary")
    p.fill("#interviewer-form input[name=name]", "Omar Berg")
    p.fill("#interviewer-form input[name=email_0]", "omar@lee.example")
    p.click("#interviewer-form button[type=submit]")
    p.wait_for_url("**/plans/*done=interviewer")
    assert "Omar Berg" in p.inner_text("#interviewers")
    assert p.locator('.timeline li[data-step="thank-you-2"]').count() == 1

    # Today: the thank-yous, ready in the mail app; then the day-five call, done with what was talked about
    p.click("nav >> text=Today")
    assert p.locator("article[data-step='thank-you'] a[href^='mailto:pat@lee.example']").count() == 1
    no_command(p)
    server.clock.moment = datetime(2026, 3, 16, 10, 30, tzinfo=ZONE)  # Monday, day six: the call is due
    p.goto(plan_url)
    call = p.locator('.timeline li[data-step="call-day5"]')
    call.locator("summary").click()
    call.locator("input[name=topic]").fill("the data platform")
    call.locator("button", has_text="Done").click()
    p.wait_for_url("**/plans/*done=done")
    assert "Talked about: the data platform" in p.locator('.timeline li[data-step="call-day5"]').inner_text()

    # a reply from the interviewer (found in the mailbox): on Today, with what it says; the plan waits
    plan = api.list_plans(store.engine)[0]
    api.record_reply(store.engine, plan, server.clock(), message_id="<r1@lee.example>", sender="pat@lee.example",
                     subject="Re: Thank you for the interview", snippet="We would like to make you an offer.",
                     received=server.clock())
    p.click("nav >> text=Today")
    reply = p.locator("article.reply")
    assert "Re: Thank you for the interview" in reply.inner_text()
    assert "We would like to make you an offer." in reply.inner_text()
    p.screenshot(path=str(ARTIFACTS / "web-today-reply-phone.png"), full_page=True)
    reply.locator("a", has_text="Record the outcome").click()
    p.wait_for_url("**/plans/*#outcome")
    p.select_option("#outcome-form select[name=outcome]", "offer")
    p.fill("#outcome-form input[name=note]", "start in May")
    p.click("#outcome-form button[type=submit]")
    p.wait_for_url("**/plans/*done=outcome")
    assert "offer" in p.inner_text("#status") and "start in May" in p.inner_text("#status")
    no_command(p)
    p.screenshot(path=str(ARTIFACTS / "web-plan-offer-phone.png"), full_page=True)
    p.click("nav >> text=Today")
    assert p.locator("article.reply").count() == 0  # acted on
    assert p.dialogs == []  # type: ignore[attr-defined]
