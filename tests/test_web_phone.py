"""The phone experience in a real headless Chromium at 390 x 844 with touch, against a real server:
ten cards chosen at once and reviewed one tap each, photos taken offline sent once the server is
back, the review page fitting a thumb, the second reader's changes filled in, the app installable.
Screenshots of each step go to test-artifacts/ (phone-*.png)."""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import httpx
import pytest
from storecards import card

from capture.contact import Contact, Email, Evidence, PersonName, TextField
from capture.settings import Settings
from capture.web.app import create_app
from capture.web.workspace import Stage, Workspace
from tests.browser_helpers import phone_context, screenshot, serving
from tests.web_helpers import card_png, put_read_card, sample_card

pytestmark = pytest.mark.browser

SAMPLES = Path(__file__).resolve().parent.parent / "samples" / "cards"
# ten generated cards in Latin script, each a person's (photos, a dark card and a phone shot among them)
TEN = ["S_01_en_US_flat", "S_02_pt_flat", "S_03_de_photo0", "S_04_fr_dark", "S_05_es_flat", "S_06_it_phone",
       "S_07_nl_flat", "S_12_en_GB_photo90", "S_14_de_flat", "S_15_fr_phone"]
ZOOM_SCRIPT = """(id) => {
  const rect = document.querySelector(`.card-view .entry[data-for="${id}"]`).getBoundingClientRect();
  return [rect.width, rect.height, document.getElementById('card-svg').getAttribute('viewBox')];
}"""


@dataclass
class Phone:
    url: str
    page: Any  # playwright's Page (the package ships no stubs mypy reads)
    context: Any
    folder: Path

    def queue(self) -> dict[str, Any]:
        """The server's queue, asked from here (not through the phone, which may be offline)."""
        return httpx.get(f"{self.url}/api/queue", timeout=30).json()  # type: ignore[no-any-return]


@pytest.fixture
def phone_for(browser: Any, tmp_path: Path) -> Iterator[Any]:
    stack: list[Any] = []

    def start(settings: Settings) -> Phone:
        app = create_app(settings, f"sqlite:///{tmp_path / 'store.sqlite3'}", None, workspace_dir=tmp_path / "cards",
                         profile_path=tmp_path / "profile.json")
        server = serving(app)
        url = server.__enter__()
        context = phone_context(browser, url)
        stack.append((server, context))
        return Phone(url, context.new_page(), context, tmp_path / "cards")

    yield start
    for server, context in stack:
        context.close()
        server.__exit__(None, None, None)


def files(names: list[str]) -> list[dict[str, Any]]:
    return [{"name": f"{name}.jpg", "mimeType": "image/jpeg", "buffer": (SAMPLES / f"{name}.jpg").read_bytes()}
            for name in names]


def wait_until(check: Any, seconds: float = 120, what: str = "") -> None:
    deadline = time.monotonic() + seconds
    while not check():
        assert time.monotonic() < deadline, f"gave up waiting: {what}"
        time.sleep(0.1)


def test_the_scan_page_keeps_hidden_things_hidden_and_the_camera_at_hand(phone_for: Any) -> None:
    p = phone_for(Settings(engine="tesseract")).page
    p.goto("/")
    camera = p.locator("#files")
    assert (camera.get_attribute("capture"), camera.get_attribute("accept")) == ("environment", "image/*")
    assert camera.get_attribute("multiple") is not None
    # `hidden` wins over a class's display (the form is a grid: it used to stay visible and tappable)
    assert p.evaluate("() => { const f = document.getElementById('upload-form'); f.hidden = true;"
                      " return getComputedStyle(f).display; }") == "none"
    assert p.evaluate("() => getComputedStyle(document.getElementById('connection')).display") == "none"
    assert p.evaluate("() => fetch('/favicon.ico').then(r => r.status)") == 200


def test_the_app_can_be_installed(phone_for: Any) -> None:
    phone = phone_for(Settings(engine="tesseract"))
    p = phone.page
    p.goto("/")
    p.evaluate("() => navigator.serviceWorker.ready.then(() => true)")
    session = phone.context.new_cdp_session(p)
    errors = [e["errorId"] for e in session.send("Page.getInstallabilityErrors")["installabilityErrors"]]
    assert [e for e in errors if e != "in-incognito"] == []  # (a test browser's context is a private one)
    manifest = session.send("Page.getAppManifest")
    assert manifest["errors"] == [] and manifest["url"].endswith("/manifest.webmanifest")


def test_the_review_page_fits_a_thumb(phone_for: Any) -> None:
    p = phone_for(Settings(region="US", engine="tesseract")).page
    p.goto("/")
    p.set_input_files("#files", files=[{"name": "maria.png", "mimeType": "image/png", "buffer": sample_card()}])
    p.locator("#review-next").tap()
    p.wait_for_url("**/review/**")
    screenshot(p, "phone-review.png")
    # the card fills the width of the phone (it was 334 px of 390), above the form
    box = p.locator("#card-svg").bounding_box()
    assert box["width"] >= 388 and box["x"] <= 1
    whole_width, whole_height, whole = p.evaluate(ZOOM_SCRIPT, "f-title")
    # tapping into a field zooms the card to where it was read: its line across the phone
    p.locator("#f-title").tap()
    wait_until(lambda: p.evaluate(ZOOM_SCRIPT, "f-title")[2] != whole, 10, "the card to zoom")
    p.wait_for_timeout(400)  # the zoom's animation
    width, height, _ = p.evaluate(ZOOM_SCRIPT, "f-title")
    assert width >= 0.6 * box["width"] and height >= 1.8 * whole_height, (whole_width, whole_height, width, height)
    assert p.locator(".card-view .entry.current").get_attribute("data-for") == "f-title"
    screenshot(p, "phone-review-zoomed.png")
    # tapping a box on the card opens its field
    p.locator("#f-name").scroll_into_view_if_needed()
    p.locator('.card-view .entry[data-for="f-name"]').tap(force=True)
    wait_until(lambda: p.evaluate("() => document.activeElement.id") == "f-name", 10, "the name field")
    # one tap accepts the card
    p.locator("#save").tap()
    p.wait_for_url("**/contacts/*")
    assert p.inner_text("#contact-name") == "Maria Schmidt"


def test_the_second_readers_changes_are_filled_in_and_marked(phone_for: Any) -> None:
    phone = phone_for(Settings(engine="tesseract"))
    name_box = Evidence("", (40, 40, 600, 110))
    first = Contact(name=PersonName("Lena Voge1", given="Lena", family="Voge1", evidence=name_box),
                    title=TextField("Rechtsanwäl", 0.55, Evidence("", (40, 130, 500, 180))),
                    emails=(Email("lena.vogel@kanzlei.example", evidence=Evidence("", (40, 200, 700, 250))),))
    reading = replace(card(first, "vogel"), card_jpeg=jpeg(card_png([("Lena Vogel", 60, True),
                                                                     ("Rechtsanwältin", 40, False)])))
    key = put_read_card(phone.folder, reading, "vogel.jpg", Stage.FIRST)
    p = phone.page
    p.goto(f"/review/{key.text}")
    assert p.input_value('input[name="stage"]') == "first"
    p.locator("#f-name").fill("Lena Vogel")  # the person corrects the name meanwhile
    # the second reader is done: another title, and another name (which the person already typed)
    final = replace(first, name=PersonName("Lena Vogcl", given="Lena", family="Vogcl"),
                    title=TextField("Rechtsanwältin", 0.97, Evidence("", (40, 130, 500, 180))))
    Workspace(phone.folder).put(replace(reading, contact=final), Stage.FINAL)
    wait_until(lambda: p.input_value('input[name="stage"]') == "final", 20, "the final reading")
    assert p.input_value("#f-title") == "Rechtsanwältin"
    assert "updated" in p.locator("#f-title").locator("xpath=..").get_attribute("class")
    assert "changed by the 2nd reader" in p.inner_text("label[for=f-title]")
    assert p.input_value("#f-name") == "Lena Vogel"  # what the person typed stays
    assert "2nd reader: Lena Vogcl" in p.inner_text("label[for=f-name]")
    screenshot(p, "phone-review-second-reader.png")
    p.locator("#save").tap()
    p.wait_for_url("**/contacts/*")
    assert p.inner_text("#contact-name") == "Lena Vogel"


def jpeg(png: bytes) -> bytes:
    import io

    from PIL import Image

    out = io.BytesIO()
    Image.open(io.BytesIO(png)).convert("RGB").save(out, "JPEG")
    return out.getvalue()


@pytest.mark.slow
def test_photos_taken_offline_wait_on_the_phone_and_are_sent_when_the_server_is_back(phone_for: Any) -> None:
    phone = phone_for(Settings(engine="tesseract"))
    p = phone.page
    p.goto("/")
    p.evaluate("() => navigator.serviceWorker.ready.then(() => true)")
    p.reload()  # the service worker now looks after the page, and has kept it
    wait_until(lambda: p.evaluate("() => Boolean(navigator.serviceWorker.controller)"), 20, "the service worker")
    phone.context.set_offline(True)
    names = ["S_01_en_US_flat", "S_05_es_flat", "S_14_de_flat"]
    p.set_input_files("#files", files=files(names))
    p.locator("#connection").wait_for()
    assert "3 photos are kept on this phone" in p.inner_text("#connection")
    wait_until(lambda: p.locator("#outbox li").count() == 3, 20, "three photos in the outbox")
    screenshot(p, "phone-offline-kept.png")
    assert phone.queue()["jobs"] == []  # nothing reached the server
    p.reload()  # offline: the page comes from the service worker, the photos from IndexedDB
    wait_until(lambda: p.locator("#outbox li").count() == 3, 20, "the outbox after a reload")
    assert [p.locator("#outbox li b").nth(i).inner_text() for i in range(3)] == [f"{n}.jpg" for n in names]
    screenshot(p, "phone-offline-reloaded.png")
    phone.context.set_offline(False)  # back in reach: the photos go by themselves
    wait_until(lambda: len(phone.queue()["jobs"]) == 3, 60, "the three photos on the server")
    wait_until(lambda: p.locator("#outbox li").count() == 0, 20, "an empty outbox")
    wait_until(lambda: not phone.queue()["pending"], 120, "the photos read")
    assert [job["name"] for job in phone.queue()["jobs"]] == [f"{n}.jpg" for n in names]  # in order, none lost
    p.locator("#review-next").wait_for()
    assert p.locator("#connection").is_hidden()
    screenshot(p, "phone-offline-sent.png")


@pytest.mark.slow
def test_ten_cards_chosen_at_once_are_read_in_order_and_reviewed_one_tap_each(phone_for: Any) -> None:
    phone = phone_for(Settings())  # both readers: each card is reviewable after the first
    p = phone.page
    p.goto("/")
    p.set_input_files("#files", files=files(TEN[:7]))
    screenshot(p, "phone-batch-sending.png")
    # the first card can be reviewed while the others are still waiting or being read
    p.locator("#review-next").wait_for(timeout=60_000)
    states = [job["state"] for job in phone.queue()["jobs"]]
    assert "queued" in states or "reading" in states, states
    screenshot(p, "phone-batch-first-ready.png")
    p.set_input_files("#library", files=files(TEN[7:]))  # three more, while the first ones are read
    wait_until(lambda: len(phone.queue()["jobs"]) == 10, 60, "ten photos on the server")
    wait_until(lambda: not phone.queue()["pending"], 300, "ten photos read")
    queue = phone.queue()
    assert [job["name"] for job in queue["jobs"]] == [f"{name}.jpg" for name in TEN]
    assert all(job["state"] == "done" and len(job["cards"]) == 1 for job in queue["jobs"]), queue
    p.wait_for_function("() => document.querySelectorAll('#queue .card-row[data-card]').length === 10")
    screenshot(p, "phone-batch-all-read.png", full_page=True)
    p.locator("#review-next").tap()
    shown = ""
    for number in range(10):
        # the next card's page (the one just accepted is a review page too: wait for another)
        p.wait_for_url(lambda url, before=shown: "/review/" in url and url != before)
        p.wait_for_load_state()
        shown = p.url
        if number in (0, 9):
            screenshot(p, f"phone-batch-review-{number + 1}.png")
        assert ("Accept · next card" if number < 9 else "Accept and save") in p.inner_text("#save")
        p.locator("#save").tap()
    p.wait_for_url("**/contacts/*")
    contacts = httpx.get(f"{phone.url}/api/contacts", timeout=30).json()
    assert len(contacts) == 10
    assert phone.queue()["jobs"] == []
