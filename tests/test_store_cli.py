"""`cardcap contacts ...`, `cardcap export ...` and `scan/batch --save`, on a real SQLite file."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import vobject
from cardimages import PERSON_CARD, save_card
from storecards import card, sqlite_url
from test_store_exports import varied_contacts
from typer.testing import CliRunner

from capture.cli import app
from capture.store.contacts import ContactStore

runner = CliRunner()


@pytest.fixture
def db(tmp_path: Path) -> str:
    url = sqlite_url(tmp_path)
    store = ContactStore.open(url)
    for number, contact in enumerate(varied_contacts()):
        store.save_result(card(contact, f"card-{number}"))
    return url


def cardcap(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.output


def test_list_search_show_json(db: str) -> None:
    code, out = cardcap("contacts", "list", "--db", db)
    assert code == 0
    assert "Ada Lovelace" in out and "Müller & Söhne GmbH" in out
    code, out = cardcap("contacts", "list", "--search", "lovelace", "--json", "--db", db)
    [record] = json.loads(out)
    assert record["contact"]["name"]["full"] == "Ada Lovelace"
    code, out = cardcap("contacts", "show", "ada@analytical.example", "--db", db)
    assert code == 0 and "phone (mobile): +447911123456" in out and "warning (department)" in out
    code, out = cardcap("contacts", "show", "nobody-at-all", "--db", db)
    assert code == 7 and "No contact matches 'nobody-at-all'" in out


def test_edit_delete_merge_import(db: str, tmp_path: Path) -> None:
    code, out = cardcap("contacts", "edit", "1", "--set", "title=Countess", "--set", "city=Bath", "--db", db)
    assert code == 0, out
    store = ContactStore.open(db)
    assert store.get(1).contact.title.value == "Countess"  # type: ignore[union-attr]
    assert store.get(1).edited_fields == ("addresses", "title")
    code, out = cardcap("contacts", "edit", "1", "--set", "title", "--db", db)
    assert code == 2
    code, out = cardcap("contacts", "merge", "1", "3", "--db", db)
    assert code == 0 and "jose@example.org" in out
    code, out = cardcap("contacts", "delete", "2", "--yes", "--db", db)
    assert code == 0 and [s.id for s in store.list()] == [1]
    vcf = tmp_path / "one.vcf"
    code, out = cardcap("export", "--format", "vcf", "-o", str(vcf), "--db", db)
    assert code == 0 and vcf.read_text().count("BEGIN:VCARD") == 1
    other = sqlite_url(tmp_path / "other")
    code, out = cardcap("contacts", "import", str(vcf), "--db", other)
    assert code == 0 and "created" in out and "Ada Lovelace" in out


@pytest.mark.parametrize(("style", "first_column"), [("google", "First Name"), ("outlook", "Title")])
def test_export_csv_json(db: str, style: str, first_column: str) -> None:
    code, out = cardcap("export", "--format", "csv", "--csv-style", style, "--db", db)
    assert code == 0
    rows = list(csv.reader(io.StringIO(out)))
    assert rows[0][0] == first_column and len(rows) == 4
    code, out = cardcap("export", "--format", "json", "--db", db)
    assert len(json.loads(out)["contacts"]) == 3
    code, out = cardcap("export", "--format", "xml", "--db", db)
    assert code == 6 and "export format 'xml'" in out


@pytest.mark.slow
@pytest.mark.xdist_group("radicale")
def test_export_to_carddav_with_password_env(db: str, radicale_htpasswd: tuple[str, str, str]) -> None:
    base, user, password = radicale_htpasswd
    url = f"{base}/{user}/cli-book/"
    os.environ["CARDCAP_TEST_DAV_PASSWORD"] = password
    try:
        args = ("export", "--carddav", url, "--user", user, "--password-env", "CARDCAP_TEST_DAV_PASSWORD", "--db", db)
        code, out = cardcap(*args)
        assert code == 0 and "3 created" in out
        code, out = cardcap(*args)
        assert code == 0 and "0 created, 0 updated, 3 unchanged" in out
    finally:
        del os.environ["CARDCAP_TEST_DAV_PASSWORD"]
    code, out = cardcap("export", "--carddav", url, "--user", user, "--password-env", "NOT_SET_ANYWHERE", "--db", db)
    assert code == 6 and "NOT_SET_ANYWHERE" in out


@pytest.mark.slow
def test_scan_save_with_real_tesseract_then_rescan_keeps_one_contact(tmp_path: Path) -> None:
    """End to end: a card image drawn here, read by the real Tesseract, saved, scanned again."""
    image = save_card(tmp_path / "jane.png", PERSON_CARD)
    db = sqlite_url(tmp_path)
    env = dict(os.environ, COLUMNS="200")
    command = [sys.executable, "-m", "capture.cli", "scan", str(image), "--engine", "tesseract", "--save", "--db", db]
    first = subprocess.run(command, capture_output=True, text=True, env=env, timeout=300)
    assert first.returncode == 0, first.stderr
    [stored] = ContactStore.open(db).list()
    assert [e.address for e in stored.contact.emails] == ["jane.example@example.com"]
    assert [p.e164 for p in stored.contact.phones] == ["+14155550134"]
    assert "Head of Engineering" in stored.raw_text
    assert stored.image_path == str(image.resolve())
    assert vobject.readOne(first.stdout).email.value == "jane.example@example.com"
    again = subprocess.run(command, capture_output=True, text=True, env=env, timeout=300)
    assert again.returncode == 0, again.stderr
    assert "unchanged" in again.stderr
    assert [s.id for s in ContactStore.open(db).list()] == [stored.id]
    # Another card of the same person (same email, new title) updates, and a hand edit survives.
    ContactStore.open(db).edit(stored.id, {"organization": "Example Widgets, Inc."})
    newer = save_card(tmp_path / "jane2.png", [*PERSON_CARD[:1], ("VP Engineering", 32), *PERSON_CARD[2:]])
    third = subprocess.run([*command[:4], str(newer), *command[5:]], capture_output=True, text=True, env=env)
    assert third.returncode == 0, third.stderr
    [updated] = ContactStore.open(db).list()
    assert updated.contact.title is not None and "VP" in updated.contact.title.value
    assert updated.contact.organization is not None
    assert updated.contact.organization.value == "Example Widgets, Inc."
