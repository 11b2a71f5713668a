"""CardDAV sync against a real Radicale server on 127.0.0.1."""

from __future__ import annotations

import itertools
from pathlib import Path

import httpx
import pytest
from storecards import card, person, sqlite_url, store_url  # noqa: F401  (fixture)
from test_store_exports import varied_contacts

from capture.errors import StoreError
from capture.store.carddav import CardDavClient, fetch_addressbook, push_contact, sync_store
from capture.store.contacts import ContactStore
from capture.store.vcardread import vcard_fields

_books = itertools.count(1)


# A Radicale server per worker that runs these: all of them on one worker.
pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("radicale")]


@pytest.fixture
def book_url(radicale_server: str) -> str:
    """A fresh, not yet existing address book for user alice."""
    return f"{radicale_server.rstrip('/')}/alice/book-{next(_books)}/"


def filled_store(url: str) -> ContactStore:
    store = ContactStore.open(url)
    for number, contact in enumerate(varied_contacts()):
        store.save_result(card(contact, f"card-{number}"))
    return store


def server_files(client: CardDavClient) -> dict[str, str]:
    return {card.href: card.vcard for card in client.read_all()}


def test_export_creates_the_book_reads_back_equal_and_a_second_export_changes_nothing(
    store_url: str,  # noqa: F811
    book_url: str,
) -> None:
    store = filled_store(store_url)
    with CardDavClient(book_url, user="alice") as client:
        first = sync_store(store, client)
        assert first.created_addressbook
        assert (first.created, first.updated, first.unchanged, first.conflicts) == (3, 0, 0, ())
        # Read back over CardDAV (REPORT addressbook-multiget): field for field the store.
        remote = {parsed.uid: vcard_fields(parsed.contact) for parsed in fetch_addressbook(client)}
        assert remote == {s.uid: vcard_fields(s.contact) for s in store.list()}
        etags = client.list_etags()
        files = server_files(client)
        assert sorted(etags) == sorted(client.href_for(s.uid) for s in store.list())

        second = sync_store(store, client)
        assert (second.created, second.updated, second.unchanged, second.deleted) == (0, 0, 3, 0)
        assert not second.created_addressbook
        assert client.list_etags() == etags
        assert server_files(client) == files


def test_changes_in_the_store_reach_the_server_as_updates_and_deletes(tmp_path: Path, book_url: str) -> None:
    store = filled_store(sqlite_url(tmp_path))
    ada, company, hostile = store.list()
    with CardDavClient(book_url, user="alice") as client:
        sync_store(store, client)
        store.edit(ada.id, {"title": "Countess"})
        store.delete(company.id)
        report = sync_store(store, client)
        assert (report.created, report.updated, report.unchanged, report.deleted) == (0, 1, 1, 1)
        remote = {parsed.uid: parsed.contact for parsed in fetch_addressbook(client)}
        assert set(remote) == {ada.uid, hostile.uid}
        assert remote[ada.uid].title is not None and remote[ada.uid].title.value == "Countess"


def test_a_card_edited_on_the_server_is_not_overwritten_without_force(tmp_path: Path, book_url: str) -> None:
    store = ContactStore.open(sqlite_url(tmp_path))
    ada = store.save_result(card(person(), "a")).stored
    with CardDavClient(book_url, user="alice") as client:
        sync_store(store, client)
        href = client.href_for(ada.uid)
        theirs = client.get(href).vcard.replace("TITLE:Engineer", "TITLE:Edited on the phone")
        assert client.put(href, theirs, etag=client.get(href).etag).status_code in (200, 201, 204)
        store.edit(ada.id, {"title": "Edited in cardcap"})
        report = sync_store(store, client)
        assert report.conflicts == (href,)
        assert "Edited on the phone" in client.get(href).vcard
        forced = sync_store(store, client, force=True)
        assert forced.updated == 1 and forced.conflicts == ()
        assert "Edited in cardcap" in client.get(href).vcard


def test_user_and_password_are_sent_and_a_wrong_password_is_a_clear_error(
    tmp_path: Path, radicale_htpasswd: tuple[str, str, str]
) -> None:
    base, user, password = radicale_htpasswd
    store = ContactStore.open(sqlite_url(tmp_path))
    store.save_result(card(person(), "a"))
    with CardDavClient(f"{base}/{user}/contacts/", user=user, password=password) as client:
        assert sync_store(store, client).created == 1
    with (
        CardDavClient(f"{base}/{user}/contacts/", user=user, password="wrong") as client,
        pytest.raises(StoreError, match="refused the user name or password"),
    ):
        sync_store(store, client)
    anonymous = httpx.request("PROPFIND", f"{base}/{user}/contacts/", headers={"Depth": "0"})
    assert anonymous.status_code == 401


def test_an_unreachable_server_is_one_sentence(tmp_path: Path) -> None:
    store = ContactStore.open(sqlite_url(tmp_path))
    with (
        CardDavClient("http://127.0.0.1:9/alice/book/", user="alice", timeout=2) as client,
        pytest.raises(StoreError, match="cannot be reached"),
    ):
        sync_store(store, client)


def test_pushing_one_contact_puts_only_it_and_says_what_happened(tmp_path: Path, book_url: str) -> None:
    store = filled_store(sqlite_url(tmp_path))
    ada, company, _ = store.list()
    with CardDavClient(book_url, user="alice") as client:
        first = push_contact(store, client, ada)
        assert "was added to" in first and "address book was created" in first
        assert list(client.list_etags()) == [client.href_for(ada.uid)]  # the other contacts stay local
        assert "already up to date" in push_contact(store, client, ada)
        edited = store.edit(ada.id, {"title": "Countess"})
        assert "was updated" in push_contact(store, client, edited)
        href = client.href_for(ada.uid)
        theirs = client.get(href).vcard.replace("TITLE:Countess", "TITLE:Edited on the phone")
        assert client.put(href, theirs, etag=client.get(href).etag).status_code in (200, 201, 204)
        edited = store.edit(ada.id, {"title": "Edited in cardcap"})
        assert "left alone" in push_contact(store, client, edited)
        assert "Edited on the phone" in client.get(href).vcard
        # a later full sync sends the rest and counts this one as known
        report = sync_store(store, client, force=True)
        assert report.created == 2 and company.uid in {p.uid for p in fetch_addressbook(client)}
