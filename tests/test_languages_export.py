"""A name printed in its own script and in Latin letters: N and FN in the card's script, the Latin
form where address books keep a name's reading (vCard, CSV), and back again on import."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
import vobject
from storecards import card, sqlite_url

from capture.contact import Contact, PersonName, TextField
from capture.export.vcard import contact_to_vcard
from capture.store.contacts import ContactStore
from capture.store.csvexport import export_csv
from capture.store.vcardread import read_vcf

YAMADA = Contact(
    name=PersonName("山田 太郎", given="太郎", family="山田", phonetic_given="Taro", phonetic_family="Yamada"),
    organization=TextField("株式会社テクノ"),
    title=TextField("部長"),
)


@pytest.mark.parametrize("version", ["3.0", "4.0"])
def test_the_vcard_keeps_the_script_and_the_reading(version: str) -> None:
    text = contact_to_vcard(YAMADA, version=version)
    parsed = vobject.readOne(text)
    assert parsed.fn.value == "山田 太郎"
    assert (parsed.n.value.family, parsed.n.value.given) == ("山田", "太郎")
    assert parsed.contents["x-phonetic-first-name"][0].value == "Taro"
    assert parsed.contents["x-phonetic-last-name"][0].value == "Yamada"
    assert ('SORT-AS="Yamada,Taro"' in text) is (version == "4.0")


def test_a_name_without_a_reading_writes_no_phonetic_lines() -> None:
    text = contact_to_vcard(Contact(name=PersonName("Jane Doe", given="Jane", family="Doe")), version="4.0")
    assert "PHONETIC" not in text and "SORT-AS" not in text


def test_the_reading_comes_back_from_a_vcard(tmp_path: Path) -> None:
    path = tmp_path / "yamada.vcf"
    path.write_text(contact_to_vcard(YAMADA), encoding="utf-8")
    (parsed,) = read_vcf(path)
    name = parsed.contact.name
    assert name is not None and (name.phonetic_given, name.phonetic_family) == ("Taro", "Yamada")


@pytest.mark.parametrize(
    ("style", "given", "family"),
    [("google", "Phonetic First Name", "Phonetic Last Name"), ("outlook", "Given Yomi", "Surname Yomi")],
)
def test_csv_keeps_utf8_and_the_phonetic_columns(tmp_path: Path, style: str, given: str, family: str) -> None:
    store = ContactStore.open(sqlite_url(tmp_path / "a"))
    store.save_result(card(YAMADA, "yamada"))
    text = export_csv(store.list(), style)
    (row,) = list(csv.DictReader(io.StringIO(text)))
    assert (row[given], row[family]) == ("Taro", "Yamada")
    assert row["First Name"] == "太郎" and row["Last Name"] == "山田"
    assert text.encode("utf-8").decode("utf-8") == text
