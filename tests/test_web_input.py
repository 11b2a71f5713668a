"""What a person (or an attacker) types or uploads: a damaged photo gets a sentence naming the upload,
and only web addresses and known profile links are accepted as websites, everywhere a website
can come in (review form, API, CLI edit, vCard import, QR code) or go out (vCard, CSV)."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from PIL import Image
from storecards import card, person, sqlite_url
from typer.testing import CliRunner

from capture.cli import app as cli_app
from capture.contact import Website
from capture.errors import StoreError
from capture.export.vcard import contact_to_vcard
from capture.extract.qr import parse_payload
from capture.normalize.web import website_problem
from capture.settings import Settings
from capture.store.contacts import ContactStore
from capture.store.csvexport import export_csv
from capture.store.vcardread import parse_vcards
from capture.web.app import create_app

# A Python object's repr leaked into a page ("<_io.BytesIO object at 0x7f…>", escaped or not); a
# bare "0x" is no sign of one: a random CSRF token holds it now and then.
OBJECT_REPR = re.compile(r"(<|&lt;)[\w.]+ object at 0x[0-9a-fA-F]+")

SCRIPT_URL = "javascript:alert(document.cookie)"


@pytest.fixture
def client(tmp_path: Path) -> Iterator[TestClient]:
    app = create_app(Settings(), sqlite_url(tmp_path), workspace_dir=tmp_path / "cards",
                     profile_path=tmp_path / "profile.json")
    with TestClient(app, base_url="http://127.0.0.1:8000", follow_redirects=False) as test_client:
        yield test_client


def csrf_of(html: str) -> str:
    match = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert match
    return match.group(1)


def damaged_jpeg(size: int) -> bytes:
    """A large photo whose header was overwritten: it starts like a JPEG and nothing else is right."""
    buffer = io.BytesIO()
    Image.effect_noise((1600, 1200), 64).convert("RGB").save(buffer, "JPEG", quality=95)
    body = buffer.getvalue()
    data = body[:4] + bytes(range(256)) * 8 + body[2052:]
    return (data * (size // len(data) + 1))[:size]


def test_a_damaged_large_jpeg_upload_gets_a_sentence_naming_it(client: TestClient) -> None:
    data = damaged_jpeg(12_000_000)
    response = client.post("/api/scan", files={"files": ("IMG_2041.JPG", data, "image/jpeg")})
    assert response.status_code == 422
    [problem] = response.json()["problems"]
    assert problem["message"] == "IMG_2041.JPG: is a damaged JPEG image: its header cannot be read"
    page = client.post("/upload", data={"csrf_token": csrf_of(client.get("/").text)},
                       files={"files": ("IMG_2041.JPG", data, "image/jpeg")})
    assert page.status_code == 422 and "IMG_2041.JPG: is a damaged JPEG image" in page.text
    assert "BytesIO" not in page.text and not OBJECT_REPR.search(page.text)  # no "<_io.BytesIO object at 0x7f…>"


@pytest.mark.parametrize(("url", "accepted"), [
    ("https://example.com/team", True), ("www.example.com", True), ("example.com:8080/a", True),
    ("skype:ana.lima?call", True), ("xmpp:ana@example.org", True), ("HTTP://EXAMPLE.COM", True),
    (SCRIPT_URL, False), ("JavaScript:alert(1)", False), ("data:text/html,<script>", False),
    ("vbscript:msgbox", False), ("file:///etc/passwd", False), ("mailto:ana@example.org", False),
    ("https://example.com/\r\nEMAIL:x@evil.example", False), ("java\tscript:alert(1)", False), ("", False),
])
def test_which_websites_are_accepted(url: str, accepted: bool) -> None:
    assert (website_problem(url) is None) == accepted


def waiting_card(client: TestClient) -> str:
    """A scanned card put in the review queue directly (no OCR needed here); its review URL."""
    workspace = client.app.state.cardcap.workspace  # type: ignore[attr-defined]
    key = workspace.put(card(person("Ana Lima", email="ana@lima.example"), "lima"))
    return f"/review/{key.text}"


def test_a_script_url_typed_on_the_review_page_is_refused_with_a_sentence(client: TestClient) -> None:
    review = waiting_card(client)
    form = {"csrf_token": csrf_of(client.get(review).text), "name": "Ana Lima", "title": "Head of Sales",
            "email_0": "ana@lima.example", "website_0": SCRIPT_URL}
    refused = client.post(review, data=form)
    assert refused.status_code == 422
    assert "is not a web address: a website starts with http:// or https://" in refused.text
    assert 'value="Head of Sales"' in refused.text  # what the person typed is still in the form
    assert client.get("/api/contacts").json() == []  # nothing was saved
    form["website_0"] = "https://lima.example"
    assert client.post(review, data=form).status_code == 303
    [stored] = client.get("/api/contacts").json()
    assert [w["url"] for w in stored["contact"]["websites"]] == ["https://lima.example"]


def test_the_api_refuses_a_script_url_on_save_and_edit(client: TestClient) -> None:
    key = waiting_card(client).rsplit("/", 1)[1]
    refused = client.post(f"/api/cards/{key}/save", json={"website_0": SCRIPT_URL})
    assert refused.status_code == 422 and "not a web address" in refused.json()["detail"]
    saved = client.post(f"/api/cards/{key}/save").json()
    patched = client.patch(f"/api/contacts/{saved['id']}", json={"website": "data:text/html,hi"})
    assert patched.status_code == 422 and "not data:" in patched.json()["detail"]


def test_cli_edit_refuses_a_script_url(tmp_path: Path) -> None:
    db = sqlite_url(tmp_path)
    ContactStore.open(db).save_result(card(person(), "a"))
    result = CliRunner().invoke(cli_app, ["contacts", "edit", "1", "--set", f"website={SCRIPT_URL}", "--db", db])
    assert result.exit_code == StoreError.exit_code and "is not a web address" in result.stderr


def test_imported_and_qr_script_urls_are_left_out_and_never_exported(tmp_path: Path) -> None:
    [imported] = parse_vcards(f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Eve\r\nURL:{SCRIPT_URL}\r\n"
                              "URL:https://eve.example\r\nEND:VCARD\r\n", "eve.vcf")
    assert [w.url for w in imported.contact.websites] == ["https://eve.example"]
    assert [w.field for w in imported.contact.warnings] == ["websites"]
    qr = parse_payload(f"MECARD:N:Doe,Eve;URL:{SCRIPT_URL};EMAIL:eve@example.org;;")
    assert qr is not None and qr.websites == ()
    # a contact saved before this check existed still never carries it into an address book
    store = ContactStore.open(sqlite_url(tmp_path))
    store.save_contact(replace(person("Old Record"), websites=(Website(SCRIPT_URL), Website("https://ok.example"))))
    [stored] = store.list()
    vcard = contact_to_vcard(stored.contact)
    assert SCRIPT_URL not in vcard and "https://ok.example" in vcard
    for style in ("google", "outlook"):
        exported = export_csv([stored], style)
        assert "javascript" not in exported and "https://ok.example" in exported


NO_NAME_PART = (b'--B\r\nContent-Disposition: form-data; name="files"\r\nContent-Type: image/jpeg\r\n\r\n'
                b'\xff\xd8\xff\xe0 a photo sent without a file name\r\n--B--\r\n')


def test_an_upload_part_without_a_file_name_gets_a_sentence(client: TestClient) -> None:
    """A script's multipart part with no filename= is text to the server, not a file: a sentence saying
    so, not FastAPI's validation error ("Expected UploadFile, received: <class 'str'>")."""
    multipart = {"content-type": "multipart/form-data; boundary=B"}
    response = client.post("/api/scan", content=NO_NAME_PART, headers=multipart)
    assert response.status_code == 422
    assert response.json()["detail"] == (
        "A part named “files” came without a file name, so it is not a file; send each photo as a file "
        "(a form field of type file, or curl -F files=@card.jpg).")
    queued = client.post("/api/uploads", content=NO_NAME_PART, headers=multipart)  # the phone's way: the same
    assert queued.status_code == 422 and queued.json()["detail"] == response.json()["detail"]
    token = csrf_of(client.get("/").text)
    body = NO_NAME_PART.replace(b"--B--", b'--B\r\nContent-Disposition: form-data; name="csrf_token"\r\n\r\n'
                                + token.encode() + b"\r\n--B--")
    page = client.post("/upload", content=body, headers=multipart)
    assert page.status_code == 422 and "came without a file name" in page.text
    assert client.post("/api/scan", files={"other": ("card.jpg", b"x", "image/jpeg")}).json()["detail"] == (
        "No file was uploaded; choose a photo of a business card.")
