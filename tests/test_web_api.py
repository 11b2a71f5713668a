"""The web app in-process (FastAPI TestClient): real OCR, real SQLite store, real follow-up planner."""

from __future__ import annotations

import email
import email.policy
import io
import json
import time
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import vobject
from fastapi.testclient import TestClient
from PIL import Image

from capture.settings import Settings
from capture.web.security import SESSION_COOKIE, WebAuth, hash_password
from capture.web.state import CardDavSettings
from tests.web_helpers import CARD_LINES, FixedClock, MakeClient, card_png, csrf_of, sample_card

ZONE = ZoneInfo("America/New_York")


@pytest.fixture
def client(make_client: MakeClient) -> TestClient:
    return make_client()


def scan(client: TestClient, data: bytes, name: str = "card.png") -> dict:  # type: ignore[type-arg]
    response = client.post("/api/scan", files={"files": (name, data, "image/png")})
    assert response.status_code == 200, response.text
    cards = response.json()["cards"]
    assert len(cards) == 1
    return cards[0]  # type: ignore[no-any-return]


def test_scan_review_correct_save_and_vcard(client: TestClient) -> None:
    card = scan(client, sample_card())
    assert card["record"]["contact"]["name"]["full"] == "Maria Schmidt"

    page = client.get(card["review_url"])
    assert page.status_code == 200
    assert 'value="Maria Schmidt"' in page.text
    assert 'value="maria.schmidt@acmerobotics.com"' in page.text
    # the prepared image and one outlined box per OCR line
    assert f'href="/cards/{card["key"]}.jpg"' in page.text
    read_lines = [line for line in card["record"]["lines"] if line["text"].strip()]
    assert page.text.count('<rect class="box') == len(read_lines)
    image = client.get(f"/cards/{card['key']}.jpg")
    assert image.status_code == 200 and image.content[:3] == b"\xff\xd8\xff"

    form = {"csrf_token": csrf_of(page.text), "name": "Maria Schmidt", "title": "Head of Talent",
            "email_0": "maria.schmidt@acmerobotics.com", "phone_0": "+14155550134", "phone_0_type": "mobile"}
    saved = client.post(card["review_url"], data=form)
    assert saved.status_code == 303
    contact_url = saved.headers["location"].split("?")[0]
    contact_id = int(contact_url.rsplit("/", 1)[1])

    stored = client.get(f"/api/contacts/{contact_id}").json()
    assert stored["contact"]["title"]["value"] == "Head of Talent"
    assert stored["review_state"] == "reviewed"
    assert "title" in stored["edited_fields"]
    assert stored["contact"]["phones"][0]["type"] == "mobile"

    vcf = client.get(f"{contact_url}/vcard")
    assert vcf.status_code == 200
    assert "attachment" in vcf.headers["content-disposition"]
    parsed = vobject.readOne(vcf.text)
    assert parsed.fn.value == "Maria Schmidt"
    assert parsed.title.value == "Head of Talent"
    assert parsed.email.value == "maria.schmidt@acmerobotics.com"
    assert parsed.tel.value == "+14155550134"

    listing = client.get("/contacts", params={"q": "schmidt"})
    assert "Maria Schmidt" in listing.text
    assert "Maria Schmidt" not in client.get("/contacts", params={"q": "nobody-like-this"}).text


def test_api_save_with_corrections_and_search(client: TestClient) -> None:
    card = scan(client, sample_card())
    saved = client.post(f"/api/cards/{card['key']}/save", json={"title": "Talent Partner"})
    assert saved.status_code == 200 and saved.json()["action"] == "created"
    found = client.get("/api/contacts", params={"search": "talent partner"}).json()
    assert [c["contact"]["title"]["value"] for c in found] == ["Talent Partner"]
    again = client.post(f"/api/cards/{card['key']}/save")
    assert again.json()["id"] == saved.json()["id"]  # the same card again updates, never duplicates
    assert len(client.get("/api/contacts").json()) == 1
    edited = client.patch(f"/api/contacts/{saved.json()['id']}", json={"department": "People Ops"})
    assert edited.json()["contact"]["department"]["value"] == "People Ops"


def test_followup_from_the_contact_page_and_today(client: TestClient) -> None:
    card = scan(client, sample_card())
    contact_id = client.post(f"/api/cards/{card['key']}/save").json()["id"]
    page = client.get(f"/contacts/{contact_id}")
    started = client.post(f"/contacts/{contact_id}/followup", data={
        "csrf_token": csrf_of(page.text), "date": "2026-03-10", "time": "14:00", "tz": "America/New_York",
        "position": "Robotics engineer"})
    assert started.status_code == 303
    timeline = client.get(f"/contacts/{contact_id}").text
    assert 'data-step="thank-you"' in timeline and "Tue 10 Mar, 19:00" in timeline

    today = client.get("/today")
    assert 'data-step="thank-you"' in today.text
    assert "mailto:maria.schmidt@acmerobotics.com?subject=" in today.text
    due = client.get("/api/today").json()
    assert [d["key"] for d in due] == ["thank-you"]
    assert due[0]["effective_due"] == "2026-03-10T19:00:00-04:00"

    eml = client.get(f"/steps/{due[0]['id']}/draft")
    message = email.message_from_bytes(eml.content, policy=email.policy.default)
    assert message["To"].addresses[0].addr_spec == "maria.schmidt@acmerobotics.com"

    done = client.post(f"/steps/{due[0]['id']}/done", data={"csrf_token": csrf_of(today.text)})
    assert done.status_code == 303
    assert client.get("/api/today").json() == []
    assert "Nothing to follow up today" in client.get("/today").text


def test_followup_api_snooze_moves_the_step(make_client: MakeClient) -> None:
    clock = FixedClock(datetime(2026, 3, 10, 20, 0, tzinfo=ZONE))
    client = make_client(now=clock)
    contact_id = client.post(f"/api/cards/{scan(client, sample_card())['key']}/save").json()["id"]
    plan = client.post(f"/api/contacts/{contact_id}/followup", json={"interview": "2026-03-10T14:00:00-04:00"})
    assert plan.status_code == 201
    thank_you = plan.json()["steps"][0]
    assert thank_you["key"] == "thank-you"
    assert [d["key"] for d in client.get("/api/today").json()] == ["thank-you"]
    snoozed = client.post(f"/api/steps/{thank_you['id']}/snooze", json={"hours": 24})
    assert snoozed.json()["state"] == "snoozed"
    assert client.get("/api/today").json() == []
    clock.moment = datetime(2026, 3, 11, 21, 0, tzinfo=ZONE)  # the next evening: the snooze is over
    assert "thank-you" in [d["key"] for d in client.get("/api/today").json()]


def test_non_image_upload_is_refused_with_a_sentence(client: TestClient) -> None:
    response = client.post("/api/scan", files={"files": ("card.jpg", b"%PDF-1.7 not a photo", "image/jpeg")})
    assert response.status_code == 415
    assert "PDF document, not an image" in response.json()["detail"]

    page = client.get("/")
    form = client.post("/upload", data={"csrf_token": csrf_of(page.text)},
                       files={"files": ("notes.png", b"hello, just text\n", "image/png")})
    assert form.status_code == 415
    assert "notes.png: is a text file, not an image" in form.text


def test_oversized_uploads_are_refused(make_client: MakeClient) -> None:
    small = make_client(Settings(engine="tesseract", max_bytes=20_000))
    response = small.post("/api/scan", files={"files": ("big.png", sample_card(), "image/png")})
    assert response.status_code == 413
    assert "limit" in response.json()["detail"]

    few_pixels = make_client(Settings(engine="tesseract", max_megapixels=0.5))
    response = few_pixels.post("/api/scan", files={"files": ("wide.png", sample_card(), "image/png")})
    assert response.status_code == 413
    assert "megapixel" in response.json()["detail"]
    page = few_pixels.get("/")
    form = few_pixels.post("/upload", data={"csrf_token": csrf_of(page.text)},
                           files={"files": ("wide.png", sample_card(), "image/png")})
    assert form.status_code == 413 and "megapixel" in form.text


def test_a_whole_request_over_the_limit_is_refused_before_reading(make_client: MakeClient) -> None:
    client = make_client(Settings(engine="tesseract", max_bytes=1_000_000))
    response = client.post("/api/scan", content=b"x" * 100, headers={"content-length": str(10**9)})
    assert response.status_code == 413


def test_html_on_a_card_is_shown_as_text(make_client: MakeClient) -> None:
    # Tesseract alone: it reads the markup character for character, which is what this test needs.
    client = make_client(Settings(engine="tesseract"))
    card = scan(client, card_png([("Eve <b>Hacker</b>", 60, True), ("<script>alert(1)</script>", 40, False),
                                  ("eve@example.com", 38, False)]))
    assert "<script>" in card["record"]["text"]  # the OCR really read the markup
    page = client.get(card["review_url"]).text
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<b>Hacker</b>" not in page and "&lt;b&gt;Hacker&lt;/b&gt;" in page
    contact_id = client.post(f"/api/cards/{card['key']}/save").json()["id"]
    for url in (f"/contacts/{contact_id}", "/contacts"):
        html = client.get(url).text
        assert "<b>Hacker</b>" not in html and "&lt;b&gt;Hacker&lt;/b&gt;" in html
    assert client.get("/").headers["content-security-policy"].startswith("default-src 'self'")


def test_no_request_path_reaches_the_file_system(client: TestClient, tmp_path: Path) -> None:
    secret = tmp_path / "secret.json"
    secret.write_text("{}")
    for url in ("/cards/..%2Fsecret.jpg", "/cards/../secret.json", "/review/..%2F..%2Fsecret",
                "/api/cards/%2E%2E%2Fsecret", f"/cards/{'a' * 64}-1.jpg", f"/review/{'A' * 64}-1",
                "/static/..%2Fapp.py", "/steps/..%2F1/draft"):
        response = client.get(url)
        assert response.status_code == 404, url
        assert response.text != "{}"


def test_cross_site_posts_and_foreign_host_names_are_refused(client: TestClient) -> None:
    page = client.get("/")
    token = csrf_of(page.text)
    forged = client.post("/upload", data={"csrf_token": token}, headers={"Origin": "http://evil.example"})
    assert forged.status_code == 403
    for headers in ({"Sec-Fetch-Site": "cross-site"}, {"Sec-Fetch-Site": "same-site"}, {"Origin": "null"}):
        assert client.post("/upload", data={"csrf_token": token}, headers=headers).status_code == 403, headers
    no_token = client.post("/upload", files={"files": ("card.png", b"x", "image/png")})
    assert no_token.status_code == 403 and "expired" in no_token.text
    # DNS rebinding: a hostile name resolving to 127.0.0.1 gets nothing from a password-less server
    assert client.get("/api/contacts", headers={"Host": "evil.example:8000"}).status_code == 421
    assert client.get("/api/contacts", headers={"Host": "localhost:8000"}).status_code == 200


def test_lan_server_requires_login(make_client: MakeClient) -> None:
    auth = WebAuth(hash_password("correct horse battery"))
    client = make_client(auth=auth)
    lan = {"Host": "192.168.1.20:8000"}
    assert client.get("/", headers=lan).status_code == 303
    assert client.get("/", headers=lan).headers["location"] == "/login"
    assert client.get("/api/contacts", headers=lan).status_code == 401
    assert client.get("/openapi.json", headers=lan).status_code == 401
    upload = {"files": ("c.png", sample_card(), "image/png")}
    assert client.post("/api/scan", headers=lan, files=upload).status_code == 401
    image = client.get("/cards/" + "0" * 64 + "-1.jpg", headers=lan)
    assert image.status_code == 303 and image.headers["location"] == "/login"

    login_page = client.get("/login", headers=lan)
    token = csrf_of(login_page.text)
    wrong = client.post("/login", headers=lan, data={"csrf_token": token, "password": "guess"})
    assert wrong.status_code == 401
    right = client.post("/login", headers=lan, data={"csrf_token": token, "password": "correct horse battery"})
    assert right.status_code == 303
    cookie = right.headers["set-cookie"]
    assert cookie.startswith(SESSION_COOKIE) and "HttpOnly" in cookie and "SameSite=lax" in cookie
    assert client.get("/", headers=lan).status_code == 200
    assert client.get("/api/contacts", headers=lan).status_code == 200
    # an API write with the session cookie also needs the page's CSRF token
    files = {"files": ("c.png", b"%PDF-", "application/pdf")}
    assert client.post("/api/scan", headers=lan, files=files).status_code == 403
    page_token = csrf_of(client.get("/", headers=lan).text)
    assert client.post("/api/scan", headers={**lan, "X-CSRF-Token": page_token}, files=files).status_code == 415

    fresh = make_client(auth=auth)
    bearer = {**lan, "Authorization": "Bearer correct horse battery"}
    assert fresh.get("/api/contacts", headers=bearer).status_code == 200
    assert fresh.get("/api/contacts", headers={**lan, "Authorization": "Bearer nope"}).status_code == 401


def test_login_is_throttled_after_many_failures(make_client: MakeClient) -> None:
    client = make_client(auth=WebAuth(hash_password("correct horse battery")))
    token = csrf_of(client.get("/login").text)
    statuses = [client.post("/login", data={"csrf_token": token, "password": f"guess{i}"}).status_code
                for i in range(6)]
    assert statuses[:5] == [401] * 5 and statuses[5] == 429  # (more in test_web_login.py)
    blocked = client.post("/login", data={"csrf_token": token, "password": "correct horse battery"})
    assert blocked.status_code == 429


def test_openapi_documents_the_api(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    paths = spec["paths"]
    for path in ("/api/scan", "/api/contacts", "/api/contacts/{contact_id}/vcard", "/api/today",
                 "/api/contacts/{contact_id}/followup", "/api/steps/{step_id}/{action}"):
        assert path in paths, path
    assert not any(p.startswith(("/review", "/contacts", "/login")) for p in paths)
    # no explorer page that would load its scripts from a CDN (cardcap works offline)
    assert client.get("/docs").status_code == 404


def wait_for_queue(client: TestClient, seconds: float = 120) -> dict:  # type: ignore[type-arg]
    """The review queue once no photo is being read any more."""
    deadline = time.monotonic() + seconds
    while (queue := client.get("/api/queue").json())["pending"]:
        assert time.monotonic() < deadline, queue
        time.sleep(0.1)
    return queue  # type: ignore[no-any-return]


def test_several_files_review_one_after_another(client: TestClient) -> None:
    other = card_png([("Jon Park", 64, True), ("jon.park@example.org", 38, False), ("Tel: +1 212 555 0199", 38, False)])
    page = client.get("/")
    response = client.post("/upload", data={"csrf_token": csrf_of(page.text)}, files=[
        ("files", ("a.png", sample_card(), "image/png")), ("files", ("b.png", other, "image/png"))])
    assert response.status_code == 303 and response.headers["location"] == "/"  # the Scan page lists them
    queue = wait_for_queue(client)
    assert [job["name"] for job in queue["jobs"]] == ["a.png", "b.png"]  # read in the order sent
    assert 'Review 2 cards' in client.get("/").text
    first = client.get("/review/next").headers["location"]
    review = client.get(first)
    assert 'value="Maria Schmidt"' in review.text
    assert "1 more card after this one" in review.text and "Accept · next card" in review.text
    saved = client.post(first, data={"csrf_token": csrf_of(review.text), "stage": "final", "name": "Maria Schmidt"})
    second = saved.headers["location"]
    assert second.startswith("/review/") and second != first
    last = client.get(second)
    assert 'value="Jon Park"' in last.text and "Accept and save" in last.text
    done = client.post(second, data={"csrf_token": csrf_of(last.text), "stage": "final", "name": "Jon Park"})
    assert done.headers["location"].startswith("/contacts/")
    assert client.get("/api/queue").json()["jobs"] == []  # every card saved: the list is empty again


@pytest.mark.slow
@pytest.mark.xdist_group("radicale")
def test_carddav_push_from_the_contact_page(make_client: MakeClient, radicale_server: str) -> None:
    book = f"{radicale_server}/webtest/book/"
    client = make_client(carddav=CardDavSettings(book, "webtest"))
    contact_id = client.post(f"/api/cards/{scan(client, sample_card())['key']}/save").json()["id"]
    page = client.get(f"/contacts/{contact_id}")
    assert "Push to address book" in page.text
    pushed = client.post(f"/contacts/{contact_id}/carddav", data={"csrf_token": csrf_of(page.text)})
    assert pushed.status_code == 200 and "was added to" in pushed.text
    import httpx

    listing = httpx.request("PROPFIND", book, headers={"Depth": "1"}, auth=("webtest", ""))
    assert listing.text.count(".vcf") == 1
    again = client.post(f"/api/contacts/{contact_id}/carddav")
    assert again.status_code == 200 and "already up to date" in again.text


def test_card_lines_match_the_sample(client: TestClient) -> None:
    # guards the sample used across the web tests: every printed line is read back
    text = scan(client, sample_card())["record"]["text"]
    for line, _, _ in CARD_LINES[:4]:
        assert line in text


def test_your_details_page_saves_the_profile_that_signs_the_drafts(client: TestClient, tmp_path: Path) -> None:
    page = client.get("/profile")
    assert page.status_code == 200 and 'id="profile-missing"' in page.text  # nothing set yet
    saved = client.post("/profile", data={
        "csrf_token": csrf_of(page.text), "name": "  Ana   Lima ", "email": "ana@example.org", "street": "Rua A, 1",
        "city": "São Paulo", "strengths": "Ten years of payments\n\nShipped the mobile app\n",
    })
    assert saved.status_code == 303 and saved.headers["location"] == "/profile?saved=1"
    stored = json.loads((tmp_path / "profile.json").read_text(encoding="utf-8"))
    assert (stored["name"], stored["city"]) == ("Ana Lima", "São Paulo")
    assert stored["strengths"] == ["Ten years of payments", "Shipped the mobile app"]
    again = client.get("/profile?saved=1")
    assert 'value="Ana Lima"' in again.text and "Saved." in again.text and 'id="profile-missing"' not in again.text
    assert client.post("/profile", data={"name": "no token"}).status_code == 403
    assert client.get("/api/profile").json()["email"] == "ana@example.org"
    patched = client.patch("/api/profile", json={"phone": "+55 11 99876 5432"}).json()
    assert (patched["phone"], patched["name"], patched["missing"]) == ("+55 11 99876 5432", "Ana Lima", [])
    assert client.patch("/api/profile", json={"shoe_size": "42"}).status_code == 422


def test_a_profile_that_cannot_be_saved_says_so_in_one_sentence(make_client: MakeClient, tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the profile's folder should be", encoding="utf-8")
    client = make_client(profile_path=blocker / "profile.json")
    page = client.get("/profile")
    failed = client.post("/profile", data={"csrf_token": csrf_of(page.text), "name": "Ana Lima"})
    assert failed.status_code == 500
    assert "The profile was not saved:" in failed.text and "Traceback" not in failed.text
    assert blocker.read_text(encoding="utf-8").startswith("a file")  # nothing overwritten


def test_a_photo_that_fails_says_why_on_the_scan_page_beside_the_others_and_can_be_removed(
        client: TestClient) -> None:
    blank = io.BytesIO()
    Image.new("RGB", (900, 560), "white").save(blank, "PNG")
    response = client.post("/api/scan", files=[("files", ("blank.png", blank.getvalue(), "image/png")),
                                               ("files", ("maria.png", sample_card(), "image/png"))])
    assert response.status_code == 200 and len(response.json()["cards"]) == 1  # maria's card went on
    sentence = "blank.png: has no readable text; is it a business card, in focus and well lit?"
    assert [p["message"] for p in response.json()["problems"]] == [sentence]
    page = client.get("/").text
    assert sentence in page and "Maria Schmidt" in page
    [job] = [j for j in client.get("/api/queue").json()["jobs"] if j["state"] == "failed"]
    removed = client.post(f"/queue/{job['id']}/dismiss", data={"csrf_token": csrf_of(page)})
    assert removed.status_code == 303
    page = client.get("/").text
    assert sentence not in page and "Maria Schmidt" in page
