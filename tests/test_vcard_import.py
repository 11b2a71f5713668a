"""vCard import of what phones and address books really export: vCard 2.1 with quoted-printable
soft line breaks and charsets (older phones, Outlook), UTF-16 files, unescaped commas; and the
size limits per property, each cut or left-out value with a warning naming its card."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from storecards import sqlite_url
from typer.testing import CliRunner

from capture.cli import app
from capture.contact import PhoneType
from capture.errors import InputFileError
from capture.store.contacts import ContactStore
from capture.store.vcardlines import VcardLimits
from capture.store.vcardread import parse_stream, parse_vcards, read_vcf

# As Outlook 2016 and a Nokia phone export: 2.1, quoted-printable with '=' soft line breaks and no
# leading space on the continuation, CHARSET parameters, bare TYPE parameters, CRLF line ends.
OUTLOOK_21 = (
    "BEGIN:VCARD\r\n"
    "VERSION:2.1\r\n"
    "N;LANGUAGE=de;CHARSET=Windows-1252:M\xfcller;J\xfcrgen\r\n"
    "FN;CHARSET=Windows-1252:J\xfcrgen M\xfcller\r\n"
    "ORG;CHARSET=Windows-1252;ENCODING=QUOTED-PRINTABLE:Stra=DFenbau GmbH;Vertrieb =\r\n"
    "S=FCd\r\n"
    "TITLE:Leiter, Vertrieb\r\n"
    "TEL;WORK;VOICE:+49 711 7729292\r\n"
    "TEL;CELL:+49 171 1234567\r\n"
    "TEL;WORK;FAX:+49 711 7729299\r\n"
    "ADR;WORK;PREF;CHARSET=Windows-1252;ENCODING=QUOTED-PRINTABLE:;;K=F6nigstra=DFe 1=0D=0AHinterhaus;Stutt=\r\n"
    "gart;;70173;Deutschland\r\n"
    "EMAIL;PREF;INTERNET:juergen.mueller@example.de\r\n"
    "URL;WORK:http://www.example.de/team,vertrieb\r\n"
    "NOTE;ENCODING=QUOTED-PRINTABLE:Messe Stuttgart, Halle 4=0D=0A=\r\n"
    "Termin am Montag; bitte zur=C3=BCckrufen\r\n"
    "PHOTO;TYPE=JPEG;ENCODING=BASE64:\r\n"
    "  /9j/4AAQSkZJRgABAQEAYABgAAD/2wBDAAgGBgcGBQgHBwcJCQgKDBQNDAsLDBkSEw8UHRof\r\n"
    "  Hh0aHBwgJC4nICIsIxwcKDcpLDAxNDQ0Hyc5PTgyPC4zNDL/2wBDAQkJCQwLDBgNDRgyIRwh\r\n"
    "\r\n"
    "END:VCARD\r\n"
).encode("cp1252")


def test_an_outlook_vcard_21_is_read_field_by_field(tmp_path: Path) -> None:
    path = tmp_path / "outlook.vcf"
    path.write_bytes(OUTLOOK_21)
    [card] = read_vcf(path)
    contact = card.contact
    assert contact.name is not None and (contact.name.given, contact.name.family) == ("Jürgen", "Müller")
    assert contact.organization is not None and contact.organization.value == "Straßenbau GmbH"
    assert contact.department is not None and contact.department.value == "Vertrieb Süd"
    assert contact.title is not None and contact.title.value == "Leiter, Vertrieb"  # not cut at the comma
    assert [(p.e164, p.type) for p in contact.phones] == [
        ("+497117729292", PhoneType.WORK), ("+491711234567", PhoneType.MOBILE), ("+497117729299", PhoneType.FAX)]
    [address] = contact.addresses
    assert (address.street, address.city, address.postal_code, address.country) == (
        "Königstraße 1\nHinterhaus", "Stuttgart", "70173", "Deutschland")
    assert [e.address for e in contact.emails] == ["juergen.mueller@example.de"]
    assert [w.url for w in contact.websites] == ["http://www.example.de/team,vertrieb"]
    assert contact.note == "Messe Stuttgart, Halle 4\nTermin am Montag; bitte zurückrufen"
    assert card.warnings == () and contact.warnings == ()  # the photo is skipped without a word


def test_contacts_import_reads_a_21_file_end_to_end(tmp_path: Path) -> None:
    path = tmp_path / "outlook.vcf"
    path.write_bytes(OUTLOOK_21)
    db = sqlite_url(tmp_path)
    result = CliRunner().invoke(app, ["contacts", "import", str(path), "--db", db])
    assert result.exit_code == 0, result.output
    assert result.stdout.split() == ["created", "#1", "Jürgen", "Müller"]
    [stored] = ContactStore.open(db).list()
    assert stored.contact.note.startswith("Messe Stuttgart, Halle 4\n")


def test_a_utf16_file_and_a_utf8_bom_are_read() -> None:
    text = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Zoë Ångström\r\nN:Ångström;Zoë;;;\r\nEND:VCARD\r\n"
    for data in (text.encode("utf-16"), text.encode("utf-8-sig"), text.encode("utf-16-be")):
        [card] = parse_stream(io.BytesIO(data if data[:2] != b"\x00B" else b"\xfe\xff" + data), "export.vcf")
        assert card.contact.formatted_name == "Zoë Ångström"


def test_vcard_30_values_keep_their_unescaped_commas() -> None:
    [card] = parse_vcards("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ana Lima\r\nTITLE:VP, Sales\r\n"
                          "NOTE:met at the fair, booth 4\\, row 2\\nsecond line\r\nORG:Lima\\, Silva & Co;Sales\r\n"
                          "END:VCARD\r\n")
    contact = card.contact
    assert contact.title is not None and contact.title.value == "VP, Sales"
    assert contact.note == "met at the fair, booth 4, row 2\nsecond line"
    assert contact.organization is not None and contact.organization.value == "Lima, Silva & Co"


def vcard(*lines: str) -> bytes:
    return ("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Long Note\r\n" + "".join(f"{line}\r\n" for line in lines)
            + "END:VCARD\r\n").encode()


SMALL = VcardLimits(note=50, other=20, properties=8)


def test_a_note_over_its_limit_is_cut_with_a_warning_on_the_card() -> None:
    folded = "NOTE:" + "x" * 70 + "\r\n " + "y" * 200  # folded, as exporters write long lines
    [card] = parse_stream(io.BytesIO(vcard(folded, "EMAIL:long@example.org")), "big.vcf", SMALL)
    assert card.contact.note == "x" * 50
    assert card.warnings == ("card 1 (Long Note): the NOTE is 270 bytes, longer than the 50 characters cardcap keeps; "
                             "its first 50 characters were imported",)
    [warning] = card.contact.warnings
    assert warning.field == "note" and warning.message.startswith("On import, the NOTE is 270 bytes")
    assert [e.address for e in card.contact.emails] == ["long@example.org"]  # the rest of the card is kept


def test_a_quoted_printable_note_over_its_limit_is_cut_on_a_character() -> None:
    encoded = "=C3=BC" * 300  # ü 300 times: 1,800 bytes of quoted-printable, more than SMALL keeps of a line
    lines = [f"NOTE;ENCODING=QUOTED-PRINTABLE;CHARSET=UTF-8:{encoded[:72]}="]
    lines += [f"{encoded[i:i + 72]}=" for i in range(72, len(encoded), 72)]
    lines[-1] = lines[-1].removesuffix("=")  # the last line of the value has no soft break
    [card] = parse_stream(io.BytesIO(vcard(*lines, "TEL:+14155550100")), "qp.vcf", SMALL)
    assert card.contact.note == "ü" * 50
    assert [p.e164 for p in card.contact.phones] == ["+14155550100"]  # the soft breaks ended where the NOTE did


def test_any_other_value_over_its_limit_is_left_out_with_a_warning() -> None:
    data = vcard("EMAIL:" + "a" * 40 + "@example.org", "EMAIL:short@example.org", "TEL:" + "1" * 30)
    [card] = parse_stream(io.BytesIO(data), "wide.vcf", SMALL)
    assert [e.address for e in card.contact.emails] == ["short@example.org"]
    assert card.contact.phones == ()
    ending = "is longer than the 20 characters cardcap accepts and was left out"
    assert card.warnings == (f"card 1 (Long Note): one EMAIL value of 52 bytes {ending}",
                             f"card 1 (Long Note): one TEL value of 30 bytes {ending}")


def test_too_many_properties_on_one_card_are_left_out_with_a_warning() -> None:
    data = vcard(*[f"EMAIL:p{n}@example.org" for n in range(12)])
    [card] = parse_stream(io.BytesIO(data), "many.vcf", SMALL)
    assert len(card.contact.emails) == SMALL.properties - 2  # VERSION and FN count too
    assert card.warnings[-1].endswith("it has 6 more properties than the 8 cardcap reads from one card; "
                                      "those were left out")


def test_a_huge_value_on_one_line_is_skipped_in_pieces_with_the_default_limits(tmp_path: Path) -> None:
    path = tmp_path / "huge.vcf"
    path.write_bytes(vcard("NOTE:" + "n" * 400_000, "TEL:+14155550100", "X-PHOTO-DATA:" + "p" * 400_000))
    [card] = read_vcf(path)
    assert len(card.contact.note) == VcardLimits().note
    assert [p.e164 for p in card.contact.phones] == ["+14155550100"]
    assert card.warnings == ("card 1 (Long Note): the NOTE is 0.4 MB, longer than the 20000 characters cardcap "
                             "keeps; its first 20000 characters were imported",)


def test_contacts_import_warns_on_stderr_and_keeps_the_cut_note(tmp_path: Path) -> None:
    path = tmp_path / "notes.vcf"
    path.write_bytes(vcard("NOTE:" + "z" * 25_000))
    db = sqlite_url(tmp_path)
    result = CliRunner().invoke(app, ["contacts", "import", str(path), "--db", db])
    assert result.exit_code == 0
    assert result.stderr == (f"warning: {path}: card 1 (Long Note): the NOTE is 25000 bytes, longer than the 20000 "
                             "characters cardcap keeps; its first 20000 characters were imported\n")
    [stored] = ContactStore.open(db).list()
    assert stored.contact.note == "z" * 20_000 and stored.review_state == "needs_review"


def test_a_nested_agent_card_is_skipped_and_a_missing_end_still_reads() -> None:
    text = ("BEGIN:VCARD\r\nVERSION:2.1\r\nN:Boss;Big\r\nAGENT:\r\nBEGIN:VCARD\r\nVERSION:2.1\r\nN:Assistant;Ann\r\n"
            "END:VCARD\r\nTEL;CELL:+14155550123\r\nEND:VCARD\r\nBEGIN:VCARD\r\nVERSION:3.0\r\nFN:Cut Off\r\n")
    first, second = parse_vcards(text, "agent.vcf")
    assert first.contact.formatted_name == "Big Boss" and [p.e164 for p in first.contact.phones] == ["+14155550123"]
    assert second.contact.formatted_name == "Cut Off"
    assert second.warnings == ("card 2 (Cut Off): the file ends before this card's END:VCARD",)


@pytest.mark.parametrize(("text", "problem"), [
    ("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:A\r\nthis line is no property\r\nEND:VCARD\r\n",
     "is not a valid vCard file (line 4 is not a vCard property (it has no ':'): 'this line is no property')."),
    ("just notes\r\n", "holds no vCard (BEGIN:VCARD ... END:VCARD)."),
])
def test_what_is_not_a_vcard_gets_a_sentence_naming_the_line(text: str, problem: str) -> None:
    with pytest.raises(InputFileError) as caught:
        parse_vcards(text, "bad.vcf")
    assert str(caught.value) == f"bad.vcf: {problem}"
