"""ContactStore against a real SQLite file (and a real PostgreSQL server when installed)."""

from __future__ import annotations

from dataclasses import replace

import pytest
from storecards import Clock, card, person, store_url  # noqa: F401  (fixture)

from capture.contact import Email, Phone, PhoneType, TextField, Warning
from capture.errors import StoreError
from capture.store.contacts import ContactStore


@pytest.fixture
def store(store_url: str) -> ContactStore:  # noqa: F811
    return ContactStore.open(store_url, now=Clock())


def test_a_saved_scan_keeps_every_field_and_its_provenance(store: ContactStore) -> None:
    result = card(person(), "card-a")
    outcome = store.save_result(result, image_path="/keep/card-a.jpg")
    assert outcome.action == "created"
    again = store.get(outcome.stored.id)
    assert again.contact == result.contact  # confidences, evidence boxes and warnings included
    assert again.raw_text == result.text
    assert again.image_sha256 == result.sha256
    assert again.image_path == "/keep/card-a.jpg"
    assert again.uid.startswith("urn:uuid:")
    assert again.review_state == "needs_review"  # it carries a warning
    assert again.created_at == again.updated_at
    assert again.created_at.tzinfo is not None


def test_scanning_the_same_card_twice_changes_nothing(store: ContactStore) -> None:
    first = store.save_result(card(person(), "card-a"))
    second = store.save_result(card(person(), "card-a"))
    assert second.action == "unchanged"
    assert second.stored == first.stored
    assert len(store.list()) == 1


def test_two_cards_on_one_image_are_two_contacts(store: ContactStore) -> None:
    store.save_result(card(person(), "sheet", index=1))
    store.save_result(card(person("Grace Hopper", email="grace@navy.example", phone="+12025550143"), "sheet", index=2))
    assert sorted(s.name for s in store.list()) == ["Ada Lovelace", "Grace Hopper"]


def test_another_card_with_the_same_email_updates_the_contact(store: ContactStore) -> None:
    first = store.save_result(card(person(phone=None), "old-card")).stored
    newer = person(title="Chief Engineer", phone="+442079460999")
    outcome = store.save_result(card(newer, "new-card"))
    assert outcome.action == "updated"
    assert outcome.stored.id == first.id and outcome.stored.uid == first.uid
    assert outcome.stored.contact.title.value == "Chief Engineer"
    assert [p.e164 for p in outcome.stored.contact.phones] == ["+442079460999"]
    assert outcome.stored.updated_at > first.updated_at
    assert len(store.list()) == 1
    # Re-scanning the older card again neither duplicates nor undoes the newer card's values.
    assert store.save_result(card(person(phone=None), "old-card")).action == "unchanged"
    assert store.get(first.id).contact.title.value == "Chief Engineer"


def test_the_same_phone_matches_but_not_a_different_person_at_the_switchboard(store: ContactStore) -> None:
    ada = store.save_result(card(person(email=None), "a")).stored
    same = store.save_result(card(person(email="ada@home.example"), "b"))
    assert same.stored.id == ada.id
    assert [e.address for e in same.stored.contact.emails] == ["ada@home.example"]
    colleague = store.save_result(card(person("Charles Babbage", email=None), "c"))
    assert colleague.action == "created"
    assert len(store.list()) == 2


def test_hand_edited_fields_survive_a_later_scan(store: ContactStore) -> None:
    stored = store.save_result(card(person(), "card-a")).stored
    edited = store.edit(stored.id, {"title": "Countess of Lovelace", "email": "ada@lovelace.example"})
    assert edited.edited_fields == ("emails", "title")
    assert edited.contact.title == TextField("Countess of Lovelace", 1.0, edited.contact.title.evidence)
    assert edited.contact.title.evidence.source == "user"
    rescan = person(title="Enginer", email="ada@lovelace.example")
    rescan = replace(rescan, emails=(*rescan.emails, Email("ada@analytical.example")))
    after = store.save_result(card(rescan, "card-b")).stored
    assert after.id == stored.id
    assert after.contact.title.value == "Countess of Lovelace"
    assert [e.address for e in after.contact.emails] == ["ada@lovelace.example"]


def test_edit_rejects_unknown_fields_and_parses_phones(store: ContactStore) -> None:
    stored = store.save_result(card(person(), "card-a")).stored
    with pytest.raises(StoreError, match="no contact field 'shoe_size'"):
        store.edit(stored.id, {"shoe_size": "42"})
    edited = store.edit(stored.id, {"phone": "+44 20 7946 0123, mobile:+44 7911 123456", "city": "Bath"})
    assert [(p.e164, p.type) for p in edited.contact.phones] == [
        ("+442079460123", PhoneType.WORK),
        ("+447911123456", PhoneType.MOBILE),
    ]
    assert edited.contact.addresses[0].city == "Bath"
    assert store.get("+447911123456").id == stored.id


def test_get_by_uid_email_and_search_and_clear_errors(store: ContactStore) -> None:
    ada = store.save_result(card(person(), "a")).stored
    grace = store.save_result(card(person("Grace Hopper", email="grace@navy.example", phone=None), "g")).stored
    assert store.get(ada.uid).id == ada.id
    assert store.get("GRACE@navy.example").id == grace.id
    assert store.get("hopper").id == grace.id
    assert [s.id for s in store.list("lovelace engineer")] == [ada.id]
    assert [s.id for s in store.list("100%")] == []
    with pytest.raises(StoreError, match="No contact matches 'nobody'"):
        store.get("nobody")
    with pytest.raises(StoreError, match="matches 2 contacts"):
        store.get("engineer")
    with pytest.raises(StoreError, match="no contact with ID 999"):
        store.get(999)


def test_delete_and_merge(store: ContactStore) -> None:
    a = store.save_result(card(person(phone=None), "a")).stored
    b = store.save_result(card(person("Ada King", email="ada@king.example", phone="+442079460000"), "b")).stored
    c = store.save_result(card(person("Someone Else", email="else@example.org", phone=None), "c")).stored
    assert len({a.id, b.id, c.id}) == 3
    merged = store.merge(a.id, b.id)
    assert merged.id == a.id and merged.uid == a.uid
    assert merged.contact.name.full == "Ada Lovelace"  # a's values win
    assert [e.address for e in merged.contact.emails] == ["ada@analytical.example", "ada@king.example"]
    assert [p.e164 for p in merged.contact.phones] == ["+442079460000"]
    assert [s.id for s in store.list()] == [a.id, c.id]
    # b's image now belongs to a: re-scanning it updates a instead of bringing b back.
    assert (
        store.save_result(card(person("Ada King", email="ada@king.example", phone="+442079460000"), "b")).stored.id
        == a.id
    )
    with pytest.raises(StoreError, match="same contact"):
        store.merge(a.id, a.uid)
    assert store.delete(c.id).id == c.id
    assert [s.id for s in store.list()] == [a.id]


def test_saving_a_contact_without_an_image(store: ContactStore) -> None:
    contact = replace(person(), warnings=(), department=None)
    outcome = store.save_contact(contact, source="web", edited={"title"}, review_state="reviewed")
    assert outcome.action == "created"
    assert outcome.stored.source == "web"
    assert outcome.stored.review_state == "reviewed"
    assert outcome.stored.edited_fields == ("title",)
    assert outcome.stored.image_sha256 is None
    again = store.save_contact(contact, source="web")
    assert again.action == "unchanged" and again.stored.id == outcome.stored.id


def test_a_rescan_of_the_same_image_replaces_misreads(store: ContactStore) -> None:
    misread = replace(
        person(),
        phones=(Phone("4420794", "+44 20 794", valid=False),),
        warnings=(Warning("phones", "+44 20 794 is not valid"),),
    )
    store.save_result(card(misread, "card-a"))
    fixed = store.save_result(card(replace(person(), warnings=()), "card-a"))
    assert fixed.action == "updated"
    assert [p.e164 for p in fixed.stored.contact.phones] == ["+442079460000"]
    assert fixed.stored.contact.warnings == ()
    assert fixed.stored.review_state == "unreviewed"
