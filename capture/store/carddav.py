"""Sync the store to a CardDAV address book (RFC 6352), and read an address book back.

Each contact is one resource named after its stable UID, so exporting again updates instead of
duplicating. What was pushed (href, ETag, hash of the vCard) is remembered per address book in
`carddav_resources`: a contact whose vCard did not change, and whose copy on the server did not
change either, is not sent again — a second export changes nothing on the server. Updates carry
`If-Match` with the remembered ETag, so a card someone edited on the server is reported as a
conflict instead of being overwritten (unless `force`).
"""

from __future__ import annotations

import hashlib
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import cast
from urllib.parse import quote, unquote, urljoin, urlsplit

import httpx
from sqlalchemy import Connection, Table, delete, insert, select, update

from capture.errors import StoreError
from capture.store.contacts import ContactStore, StoredContact
from capture.store.exports import stored_vcard
from capture.store.tables import CarddavResourceRow
from capture.store.vcardread import ParsedVcard, parse_vcards

DAV = "DAV:"
CARD = "urn:ietf:params:xml:ns:carddav"
XML_HEADERS = {"Content-Type": "application/xml; charset=utf-8"}
VCARD_TYPE = "text/vcard; charset=utf-8"
resources_t = cast(Table, CarddavResourceRow.__table__)

PROPFIND_ETAGS = f"""<?xml version="1.0" encoding="utf-8"?>
<d:propfind xmlns:d="{DAV}"><d:prop><d:resourcetype/><d:getetag/></d:prop></d:propfind>"""

MKCOL_ADDRESSBOOK = f"""<?xml version="1.0" encoding="utf-8"?>
<d:mkcol xmlns:d="{DAV}" xmlns:c="{CARD}"><d:set><d:prop>
<d:resourcetype><d:collection/><c:addressbook/></d:resourcetype>
<d:displayname>cardcap</d:displayname>
</d:prop></d:set></d:mkcol>"""


@dataclass(frozen=True)
class RemoteCard:
    href: str
    etag: str
    vcard: str


@dataclass(frozen=True)
class SyncReport:
    url: str
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    deleted: int = 0
    conflicts: tuple[str, ...] = ()  # hrefs left alone because they changed on the server
    created_addressbook: bool = False

    @property
    def summary(self) -> str:
        made = "created the address book; " if self.created_addressbook else ""
        text = (
            f"{made}{self.created} created, {self.updated} updated, {self.unchanged} unchanged, "
            f"{self.deleted} deleted on {self.url}"
        )
        if self.conflicts:
            text += f"; {len(self.conflicts)} changed on the server and left alone (use --force to overwrite)"
        return text


def resource_name(uid: str) -> str:
    """A safe file name for a UID: the UUID itself, or a hash for any other UID."""
    bare = uid.removeprefix("urn:uuid:")
    return bare if re.fullmatch(r"[A-Za-z0-9._-]{1,100}", bare) else hashlib.sha256(uid.encode()).hexdigest()


def _tag(namespace: str, name: str) -> str:
    return f"{{{namespace}}}{name}"


@dataclass
class CardDavClient:
    """The few WebDAV/CardDAV requests cardcap needs, over one httpx client."""

    url: str
    user: str | None = None
    password: str | None = None
    timeout: float = 30.0
    client: httpx.Client = field(init=False)

    def __post_init__(self) -> None:
        if not self.url.endswith("/"):
            self.url += "/"
        if urlsplit(self.url).scheme not in ("http", "https"):
            raise StoreError(f"The CardDAV address {self.url!r} must start with http:// or https://.")
        auth = httpx.BasicAuth(self.user, self.password or "") if self.user else None
        self.client = httpx.Client(auth=auth, timeout=self.timeout, follow_redirects=True)

    def close(self) -> None:
        self.client.close()

    def __enter__(self) -> CardDavClient:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    @property
    def path(self) -> str:
        return urlsplit(self.url).path

    def href_for(self, uid: str) -> str:
        return self.path + quote(resource_name(uid)) + ".vcf"

    def _request(self, method: str, url: str, **kwargs: object) -> httpx.Response:
        try:
            response = self.client.request(method, url, **kwargs)  # type: ignore[arg-type]
        except httpx.HTTPError as error:
            raise StoreError(f"The CardDAV server at {self.url} cannot be reached: {error}.") from error
        if response.status_code == 401:
            raise StoreError(f"The CardDAV server at {self.url} refused the user name or password (HTTP 401).")
        if response.status_code == 403:
            raise StoreError(f"The CardDAV server at {self.url} does not allow {method} on {url} (HTTP 403).")
        return response

    def fail(self, response: httpx.Response, what: str) -> StoreError:
        return StoreError(
            f"The CardDAV server at {self.url} could not {what}: HTTP {response.status_code} {response.reason_phrase}."
        )

    def _multistatus(self, response: httpx.Response) -> list[ET.Element]:
        try:
            root = ET.fromstring(response.content)
        except ET.ParseError as error:
            raise StoreError(f"The CardDAV server at {self.url} sent XML cardcap cannot read: {error}.") from error
        return root.findall(_tag(DAV, "response"))

    def ensure_addressbook(self) -> bool:
        """Create the address book with an extended MKCOL (RFC 5689) if missing; True if created."""
        response = self._request("PROPFIND", self.url, content=PROPFIND_ETAGS, headers={**XML_HEADERS, "Depth": "0"})
        if response.status_code == 207:
            kinds = {child.tag for child in self._multistatus(response)[0].iter() if child.tag.startswith("{")}
            if _tag(CARD, "addressbook") not in kinds:
                raise StoreError(f"{self.url} exists but is not a CardDAV address book.")
            return False
        if response.status_code != 404:
            raise self.fail(response, "describe the address book")
        made = self._request("MKCOL", self.url, content=MKCOL_ADDRESSBOOK, headers=XML_HEADERS)
        if made.status_code not in (200, 201):
            raise self.fail(made, "create the address book")
        return True

    def list_etags(self) -> dict[str, str]:
        """Every vCard resource in the address book: href (decoded path) -> ETag."""
        response = self._request("PROPFIND", self.url, content=PROPFIND_ETAGS, headers={**XML_HEADERS, "Depth": "1"})
        if response.status_code != 207:
            raise self.fail(response, "list the address book")
        found = {}
        for item in self._multistatus(response):
            href = unquote(item.findtext(_tag(DAV, "href"), "").strip())
            href = urlsplit(href).path or href
            etag = item.findtext(f".//{_tag(DAV, 'getetag')}", "").strip()
            is_collection = item.find(f".//{_tag(DAV, 'collection')}") is not None
            if href and not is_collection and href.rstrip("/") != self.path.rstrip("/"):
                found[href] = etag
        return found

    def put(self, href: str, vcard: str, *, etag: str | None = None, create: bool = False) -> httpx.Response:
        headers = {"Content-Type": VCARD_TYPE}
        if create:
            headers["If-None-Match"] = "*"
        elif etag:
            headers["If-Match"] = etag
        return self._request("PUT", urljoin(self.url, quote(href)), content=vcard.encode("utf-8"), headers=headers)

    def etag_of(self, href: str, response: httpx.Response) -> str:
        """The new ETag from a PUT's response, else asked for (a server need not send it)."""
        etag = response.headers.get("ETag", "")
        return etag or self.get(href).etag

    def get(self, href: str) -> RemoteCard:
        response = self._request("GET", urljoin(self.url, quote(href)))
        if response.status_code != 200:
            raise self.fail(response, f"read {href}")
        return RemoteCard(href, response.headers.get("ETag", ""), response.text)

    def delete(self, href: str, etag: str | None) -> httpx.Response:
        headers = {"If-Match": etag} if etag else {}
        return self._request("DELETE", urljoin(self.url, quote(href)), headers=headers)

    def multiget(self, hrefs: Iterable[str]) -> list[RemoteCard]:
        """The vCards at `hrefs` in one REPORT addressbook-multiget (RFC 6352 §8.7)."""
        hrefs = list(hrefs)
        if not hrefs:
            return []
        body = "".join(f"<d:href>{quote(h)}</d:href>" for h in hrefs)
        report = (
            f'<?xml version="1.0" encoding="utf-8"?><c:addressbook-multiget xmlns:d="{DAV}" xmlns:c="{CARD}">'
            f"<d:prop><d:getetag/><c:address-data/></d:prop>{body}</c:addressbook-multiget>"
        )
        response = self._request("REPORT", self.url, content=report, headers={**XML_HEADERS, "Depth": "1"})
        if response.status_code != 207:
            raise self.fail(response, "read the address book (addressbook-multiget)")
        cards = []
        for item in self._multistatus(response):
            data = item.findtext(f".//{_tag(CARD, 'address-data')}")
            if data:
                href = unquote(item.findtext(_tag(DAV, "href"), "").strip())
                cards.append(RemoteCard(href, item.findtext(f".//{_tag(DAV, 'getetag')}", "").strip(), data))
        return cards

    def read_all(self) -> list[RemoteCard]:
        return self.multiget(sorted(self.list_etags()))


def _vcard_hash(vcard: str) -> str:
    return hashlib.sha256(vcard.encode("utf-8")).hexdigest()


def sync_store(store: ContactStore, client: CardDavClient, *, force: bool = False) -> SyncReport:
    """Push every stored contact to the address book; delete what this store pushed and no longer has."""
    created_book = client.ensure_addressbook()
    remote = client.list_etags()
    with store.engine.connect() as conn:
        rows = conn.execute(select(resources_t).where(resources_t.c.collection_url == client.url)).all()
    state = {row.uid: row for row in rows}
    counts = {"created": 0, "updated": 0, "unchanged": 0, "deleted": 0}
    conflicts: list[str] = []
    contacts = store.list()
    for stored in contacts:
        outcome = _push(store, client, stored, state.get(stored.uid), remote, force)
        if outcome == "conflict":
            conflicts.append(client.href_for(stored.uid))
        else:
            counts[outcome] += 1
    kept = {stored.uid for stored in contacts}
    for uid, row in state.items():
        if uid in kept:
            continue
        response = client.delete(row.href, None if force else row.etag)
        if response.status_code == 412:
            conflicts.append(row.href)
            continue
        if response.status_code not in (200, 204, 404):
            raise client.fail(response, f"delete {row.href}")
        _forget(store, client.url, uid)
        counts["deleted"] += response.status_code != 404
    return SyncReport(client.url, **counts, conflicts=tuple(conflicts), created_addressbook=created_book)


def push_contact(store: ContactStore, client: CardDavClient, stored: StoredContact, *, force: bool = False) -> str:
    """Put one stored contact into the address book (the web page's push button), leaving every
    other card alone; returns one sentence saying what happened."""
    created_book = client.ensure_addressbook()
    remote = client.list_etags()
    with store.engine.connect() as conn:
        row = conn.execute(
            select(resources_t).where(resources_t.c.collection_url == client.url, resources_t.c.uid == stored.uid)
        ).first()
    outcome = _push(store, client, stored, row, remote, force)
    who = stored.contact.formatted_name or "The contact"
    made = " (the address book was created)" if created_book else ""
    return {
        "created": f"{who} was added to {client.url}{made}.",
        "updated": f"{who} was updated in {client.url}.",
        "unchanged": f"{who} is already up to date in {client.url}.",
        "conflict": f"{who} was changed on the server since the last push and was left alone.",
    }[outcome]


def _push(
    store: ContactStore,
    client: CardDavClient,
    stored: StoredContact,
    row: object,
    remote: dict[str, str],
    force: bool,
) -> str:
    vcard = stored_vcard(stored)
    digest = _vcard_hash(vcard)
    href = client.href_for(stored.uid)
    known_etag = getattr(row, "etag", None)
    on_server = remote.get(href)
    if (
        row is not None
        and on_server is not None
        and on_server == known_etag
        and getattr(row, "vcard_sha256", "") == digest
    ):
        return "unchanged"
    if on_server is None:
        response = client.put(href, vcard, create=True)
        action = "created"
        if response.status_code == 412:  # appeared meanwhile: ours by name, so update it
            response = client.put(href, vcard, etag=None if force else client.get(href).etag)
            action = "updated"
    elif row is None and not force:
        current = client.get(href)
        if current.vcard.replace("\r\n", "\n").strip() == vcard.replace("\r\n", "\n").strip():
            _remember(store, client.url, stored.uid, href, current.etag, digest)
            return "unchanged"
        response = client.put(href, vcard, etag=current.etag)
        action = "updated"
    else:
        response = client.put(href, vcard, etag=None if force else known_etag)
        action = "updated"
    if response.status_code == 412:
        return "conflict"
    if response.status_code not in (200, 201, 204):
        raise client.fail(response, f"store {href}")
    _remember(store, client.url, stored.uid, href, client.etag_of(href, response), digest)
    return action


def _remember(store: ContactStore, url: str, uid: str, href: str, etag: str, digest: str) -> None:
    def remember(conn: Connection) -> None:
        found = conn.execute(
            select(resources_t.c.id).where(resources_t.c.collection_url == url, resources_t.c.uid == uid)
        ).scalar()
        values = {"href": href, "etag": etag, "vcard_sha256": digest}
        if found is None:
            conn.execute(insert(resources_t).values(collection_url=url, uid=uid, **values))
        else:
            conn.execute(update(resources_t).where(resources_t.c.id == found).values(**values))

    store.write(remember)


def _forget(store: ContactStore, url: str, uid: str) -> None:
    def forget(conn: Connection) -> None:
        conn.execute(delete(resources_t).where(resources_t.c.collection_url == url, resources_t.c.uid == uid))

    store.write(forget)


def fetch_addressbook(client: CardDavClient) -> list[ParsedVcard]:
    """Every contact in the address book, parsed (to compare with the store)."""
    parsed: list[ParsedVcard] = []
    for card in client.read_all():
        parsed += parse_vcards(card.vcard, card.href)
    return parsed
