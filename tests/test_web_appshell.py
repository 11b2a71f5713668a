"""The installable web app: manifest, icons, favicon and service worker, served without a login and
with the same security headers as every page; and the time zone the pages assume."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from PIL import Image
from storecards import person, sqlite_url

from capture.settings import Settings
from capture.store.contacts import ContactStore
from capture.web.app import create_app
from capture.web.boundary import SECURITY_HEADERS
from capture.web.security import WebAuth, hash_password

LAN = "http://192.168.1.20:8000"


@pytest.fixture
def lan(tmp_path: Path) -> Iterator[TestClient]:
    app = create_app(Settings(), sqlite_url(tmp_path), WebAuth(hash_password("correct horse battery")),
                     workspace_dir=tmp_path / "cards", profile_path=tmp_path / "profile.json")
    with TestClient(app, base_url=LAN, follow_redirects=False) as client:
        yield client


def test_favicon_manifest_icons_and_worker_need_no_login(lan: TestClient) -> None:
    assert lan.get("/").status_code == 303  # the pages do
    favicon = lan.get("/favicon.ico")
    assert favicon.status_code == 200 and favicon.headers["content-type"] == "image/x-icon"
    assert Image.open(io.BytesIO(favicon.content)).format == "ICO"
    for path in ("/favicon.ico", "/manifest.webmanifest", "/sw.js", "/icons/icon-192.png"):
        response = lan.get(path)
        assert response.status_code == 200, path
        for name, value in SECURITY_HEADERS.items():
            assert response.headers[name] == value, (path, name)


def test_the_manifest_makes_the_app_installable(lan: TestClient) -> None:
    response = lan.get("/manifest.webmanifest")
    assert response.headers["content-type"] == "application/manifest+json"
    manifest = json.loads(response.text)
    assert manifest["start_url"] == "/" and manifest["display"] == "standalone"
    assert manifest["short_name"] and manifest["name"]
    sizes = set()
    for icon in manifest["icons"]:
        image = Image.open(io.BytesIO(lan.get(icon["src"]).content))
        assert image.format == "PNG" and f"{image.width}x{image.height}" == icon["sizes"]
        sizes.add((image.width, icon["purpose"]))
    assert {(192, "any"), (512, "any"), (512, "maskable")} <= sizes
    assert lan.get("/icons/icon-100.png").status_code == 404  # only the sizes drawn


def test_the_worker_is_served_from_the_root_with_a_version_of_the_files_it_keeps(lan: TestClient) -> None:
    worker = lan.get("/sw.js")
    assert worker.headers["content-type"].startswith("text/javascript")
    assert worker.headers["cache-control"] == "no-cache"
    first_line = worker.text.splitlines()[0]
    assert first_line.startswith('const VERSION = "') and len(first_line) > len('const VERSION = "";')
    assert 'importScripts("/static/outbox.js")' in worker.text
    for kept in ("/static/scan.js", "/static/outbox.js", "/static/offline.html"):
        assert lan.get(kept).status_code == 200, kept


def test_pages_link_the_manifest_and_icons(tmp_path: Path) -> None:
    app = create_app(Settings(), sqlite_url(tmp_path), None, workspace_dir=tmp_path / "cards")
    with TestClient(app, base_url="http://127.0.0.1:8000") as local:
        page = local.get("/").text
    assert '<link rel="manifest" href="/manifest.webmanifest">' in page
    assert 'rel="icon" href="/favicon.ico"' in page and 'rel="apple-touch-icon"' in page
    with TestClient(app, base_url="http://127.0.0.1:8000") as local:
        assert local.get("/icons/icon-180.png").status_code == 200


def test_the_interview_time_zone_is_the_computers_named_zone_not_a_bare_offset(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Lisbon is +00:00 in winter: the page used to offer the bare offset as the zone
    monkeypatch.setenv("TZ", "Europe/Lisbon")
    url = sqlite_url(tmp_path)
    stored = ContactStore.open(url, region="PT").save_contact(person()).stored
    app = create_app(Settings(), url, None, workspace_dir=tmp_path / "cards")
    with TestClient(app, base_url="http://127.0.0.1:8000") as local:
        page = local.get(f"/contacts/{stored.id}").text
    assert 'name="tz" value="Europe/Lisbon"' in page
    assert "+00:00" not in page and "+01:00" not in page
