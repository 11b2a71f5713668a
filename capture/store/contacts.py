"""The contact store: save scans without duplicates, find, edit, merge, delete and import contacts.

    store = ContactStore.open()                  # --db URL, else CARDCAP_DB, else the user's data dir
    outcome = store.save_result(card_result)     # "created", "updated" or "unchanged"
    store.edit(outcome.stored.id, {"title": "CTO"})

A scan is matched to a stored contact by its image (hash and card number), else by a shared
email or E.164 phone number (unless the two name clearly different people), and then updates
it instead of adding a duplicate. Fields a person edited by hand are never overwritten by a scan.
Every write is one serialized transaction, so concurrent processes lose no contact.
"""

from __future__ import annotations

import builtins
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal, TypeVar, cast

from sqlalchemy import Connection, Engine, Table, delete, insert, inspect, or_, select, update

from capture.contact import CardResult, Contact, PhoneType
from capture.errors import StoreError
from capture.export.record import contact_from_record, contact_to_record
from capture.export.vcard import new_uid
from capture.store.database import DEFAULT_BUSY, BusyPolicy, open_database, run_reading, run_writing
from capture.store.merging import (
    GROUPS,
    Mode,
    apply_edits,
    combine,
    keep_richer,
    names_conflict,
    review_state_for,
    search_text,
)
from capture.store.tables import ContactEmailRow, ContactImageRow, ContactPhoneRow, ContactRow
from capture.store.vcardread import read_vcf

T = TypeVar("T")
Action = Literal["created", "updated", "unchanged"]
REVIEW_STATES = ("unreviewed", "needs_review", "reviewed")

contacts_t = cast(Table, ContactRow.__table__)
emails_t = cast(Table, ContactEmailRow.__table__)
phones_t = cast(Table, ContactPhoneRow.__table__)
images_t = cast(Table, ContactImageRow.__table__)


def utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True)
class StoredContact:
    id: int
    uid: str
    contact: Contact
    raw_text: str
    image_sha256: str | None
    image_path: str | None
    review_state: str  # unreviewed | needs_review | reviewed
    created_at: datetime
    updated_at: datetime
    edited_fields: tuple[str, ...]  # field groups a person set by hand: "name", "title", "emails", ...
    source: str = "scan"  # scan | import | manual | web | merge
    card_index: int = 1

    @property
    def name(self) -> str:
        return self.contact.formatted_name


@dataclass(frozen=True)
class SaveOutcome:
    stored: StoredContact
    action: Action


@dataclass(frozen=True)
class _Incoming:
    """One reading to save: a scan, an imported vCard or a form."""

    contact: Contact
    source: str
    raw_text: str = ""
    sha256: str | None = None
    card_index: int = 1
    image_path: str | None = None
    uid: str | None = None
    edited: frozenset[str] = frozenset()
    review_state: str | None = None


def _aware(value: datetime) -> datetime:
    # SQLite hands back naive datetimes; every time cardcap stores is UTC.
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def _like(term: str) -> str:
    escaped = term.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


class ContactStore:
    """Contacts in a SQLAlchemy database (SQLite file, PostgreSQL, ...)."""

    def __init__(
        self,
        engine: Engine,
        *,
        now: Callable[[], datetime] = utc_now,
        make_uid: Callable[[], str] = new_uid,
        region: str = "US",
        busy: BusyPolicy = DEFAULT_BUSY,
    ) -> None:
        self.engine = engine
        self.busy = busy  # how long a write waits for another process's lock, then fails with a StoreError
        self._now = now
        self._make_uid = make_uid
        self.region = region  # for phone numbers typed by hand without a country code

    @classmethod
    def open(cls, url: str | None = None, *, busy: BusyPolicy = DEFAULT_BUSY, **options: object) -> ContactStore:
        """The store at `url` (else CARDCAP_DB, else the default file), schema brought up to date."""
        return cls(open_database(url, busy=busy), busy=busy, **options)  # type: ignore[arg-type]

    def write(self, work: Callable[[Connection], T]) -> T:
        """One serialized write transaction; retried while another process holds the lock (`self.busy`),
        then a `StoreError` sentence, as is any other database failure."""
        return run_writing(self.engine, work, self.busy)

    def _read(self, work: Callable[[Connection], T]) -> T:
        return run_reading(self.engine, work)

    # ---- saving --------------------------------------------------------------------------------

    def save_result(
        self,
        result: CardResult,
        *,
        image_path: str | None = None,
        edited: Iterable[str] = (),
        review_state: str | None = None,
    ) -> SaveOutcome:
        """Store one scanned card, updating the contact it matches. `edited`: groups a person fixed."""
        return self._save(
            _Incoming(
                result.contact,
                "scan",
                result.text,
                result.sha256 or None,
                result.index,
                image_path if image_path is not None else result.source,
                edited=frozenset(edited),
                review_state=review_state,
            )
        )

    def save_contact(
        self,
        contact: Contact,
        *,
        source: str = "manual",
        uid: str | None = None,
        raw_text: str = "",
        edited: Iterable[str] = (),
        review_state: str | None = None,
    ) -> SaveOutcome:
        """Store a contact that did not come from a scan (a form, an import)."""
        return self._save(
            _Incoming(
                contact,
                source,
                raw_text,
                uid=uid,
                edited=frozenset(edited),
                review_state=review_state,
            )
        )

    def import_vcf(
        self, path: str | Path, on_warning: Callable[[str], None] | None = None
    ) -> builtins.list[SaveOutcome]:
        """Every vCard of a .vcf file (2.1, 3.0 or 4.0) saved, matched by UID first, then like a scan.
        A value cut or left out for its size is a warning on that contact and, one sentence each,
        passed to `on_warning`."""
        cards = read_vcf(path)
        for sentence in (s for card in cards for s in card.warnings):
            if on_warning is not None:
                on_warning(f"{path}: {sentence}")
        return [self._save(_Incoming(p.contact, "import", uid=p.uid)) for p in cards]

    def _save(self, incoming: _Incoming) -> SaveOutcome:
        if incoming.review_state and incoming.review_state not in REVIEW_STATES:
            raise StoreError(f"The review state {incoming.review_state!r} is not one of {', '.join(REVIEW_STATES)}.")

        def save(conn: Connection) -> SaveOutcome:
            match = self._find_match(conn, incoming)
            if match is None:
                return SaveOutcome(self._insert(conn, incoming), "created")
            stored, action = self._update(conn, match[0], match[1], incoming)
            return SaveOutcome(stored, action)

        return self.write(save)

    def _find_match(self, conn: Connection, incoming: _Incoming) -> tuple[StoredContact, Mode] | None:
        if incoming.uid:
            row = conn.execute(select(contacts_t).where(contacts_t.c.uid == incoming.uid)).first()
            if row:
                return self._stored(row), Mode.REREAD
        if incoming.sha256:
            contact_id = conn.execute(
                select(images_t.c.contact_id).where(
                    images_t.c.sha256 == incoming.sha256, images_t.c.card_index == incoming.card_index
                )
            ).scalar()
            if contact_id is not None:
                stored = self._load(conn, contact_id)
                images = conn.execute(select(images_t.c.id).where(images_t.c.contact_id == contact_id)).all()
                return stored, Mode.REREAD if len(images) <= 1 else Mode.OLDER
        addresses = {e.address.lower() for e in incoming.contact.emails}
        numbers = {p.e164 for p in incoming.contact.phones if p.valid and p.type is not PhoneType.FAX}
        candidates: builtins.list[int] = []
        if addresses:
            query = select(emails_t.c.contact_id).where(emails_t.c.address.in_(addresses))
            candidates += sorted(set(conn.execute(query).scalars()))
        if numbers:
            query = select(phones_t.c.contact_id).where(phones_t.c.e164.in_(numbers))
            candidates += sorted(set(conn.execute(query).scalars()) - set(candidates))
        for contact_id in candidates:
            stored = self._load(conn, contact_id)
            if not names_conflict(stored.contact, incoming.contact):
                return stored, Mode.NEWER
        return None

    def _insert(self, conn: Connection, incoming: _Incoming) -> StoredContact:
        now = self._now()
        contact = incoming.contact
        state = incoming.review_state or review_state_for(contact)
        values = {
            "uid": incoming.uid or self._make_uid(),
            "raw_text": incoming.raw_text,
            "image_sha256": incoming.sha256,
            "card_index": incoming.card_index,
            "image_path": incoming.image_path,
            "review_state": state,
            "source": incoming.source,
            "created_at": now,
            "updated_at": now,
            "edited_fields": json.dumps(sorted(incoming.edited)),
            **self._contact_columns(contact),
        }
        contact_id = conn.execute(insert(contacts_t).values(**values).returning(contacts_t.c.id)).scalar_one()
        self._index(conn, contact_id, contact)
        self._remember_image(conn, contact_id, incoming.sha256, incoming.card_index)
        return self._load(conn, contact_id)

    def _update(
        self, conn: Connection, stored: StoredContact, mode: Mode, incoming: _Incoming
    ) -> tuple[StoredContact, Action]:
        keep = set(stored.edited_fields) - incoming.edited
        reading = incoming.contact
        if incoming.source == "import":
            reading = keep_richer(stored.contact, reading)
        contact = combine(stored.contact, reading, mode, keep)
        for group in incoming.edited:  # what a person just typed wins, even over an older edit
            contact = combine(contact, reading, Mode.REREAD, set(GROUPS) - {group})
        newest = mode is not Mode.OLDER
        values: dict[str, Any] = {
            "raw_text": incoming.raw_text if newest and incoming.raw_text else stored.raw_text,
            "image_sha256": incoming.sha256 if newest and incoming.sha256 else stored.image_sha256,
            "card_index": incoming.card_index if newest and incoming.sha256 else stored.card_index,
            "image_path": incoming.image_path if newest and incoming.sha256 else stored.image_path,
            "edited_fields": json.dumps(sorted(set(stored.edited_fields) | incoming.edited)),
            **self._contact_columns(contact),
        }
        if stored.review_state != "reviewed" or incoming.review_state:
            values["review_state"] = incoming.review_state or review_state_for(contact)
        current = {
            "raw_text": stored.raw_text,
            "image_sha256": stored.image_sha256,
            "card_index": stored.card_index,
            "image_path": stored.image_path,
            "edited_fields": json.dumps(sorted(stored.edited_fields)),
            "review_state": stored.review_state,
        }
        self._remember_image(conn, stored.id, incoming.sha256, incoming.card_index)
        # The contact is compared as data (its JSON text may be spelled differently); the name,
        # organization and search columns follow from it.
        derived = ("record", "formatted_name", "organization", "search_text")
        same = all(current[key] == value for key, value in values.items() if key not in derived)
        if same and contact == stored.contact:
            return stored, "unchanged"
        values["updated_at"] = self._now()
        conn.execute(update(contacts_t).where(contacts_t.c.id == stored.id).values(**values))
        self._index(conn, stored.id, contact)
        return self._load(conn, stored.id), "updated"

    @staticmethod
    def _contact_columns(contact: Contact) -> dict[str, str]:
        return {
            "record": json.dumps(contact_to_record(contact), ensure_ascii=False, sort_keys=True),
            "formatted_name": contact.formatted_name[:300],
            "organization": (contact.organization.value if contact.organization else "")[:300],
            "search_text": search_text(contact),
        }

    @staticmethod
    def _index(conn: Connection, contact_id: int, contact: Contact) -> None:
        conn.execute(delete(emails_t).where(emails_t.c.contact_id == contact_id))
        conn.execute(delete(phones_t).where(phones_t.c.contact_id == contact_id))
        addresses = sorted({e.address.lower() for e in contact.emails})
        numbers = sorted({p.e164 for p in contact.phones if p.e164})
        if addresses:
            conn.execute(insert(emails_t), [{"contact_id": contact_id, "address": a} for a in addresses])
        if numbers:
            conn.execute(insert(phones_t), [{"contact_id": contact_id, "e164": n} for n in numbers])

    @staticmethod
    def _remember_image(conn: Connection, contact_id: int, sha256: str | None, card_index: int) -> None:
        if not sha256:
            return
        known = conn.execute(
            select(images_t.c.id).where(images_t.c.sha256 == sha256, images_t.c.card_index == card_index)
        ).first()
        if known is None:
            conn.execute(insert(images_t).values(contact_id=contact_id, sha256=sha256, card_index=card_index))

    # ---- reading -------------------------------------------------------------------------------

    @staticmethod
    def _stored(row: object) -> StoredContact:
        data = row._mapping  # type: ignore[attr-defined]
        return StoredContact(
            id=data["id"],
            uid=data["uid"],
            contact=contact_from_record(json.loads(data["record"])),
            raw_text=data["raw_text"] or "",
            image_sha256=data["image_sha256"],
            image_path=data["image_path"],
            review_state=data["review_state"],
            created_at=_aware(data["created_at"]),
            updated_at=_aware(data["updated_at"]),
            edited_fields=tuple(json.loads(data["edited_fields"] or "[]")),
            source=data["source"],
            card_index=data["card_index"],
        )

    def _load(self, conn: Connection, contact_id: int) -> StoredContact:
        row = conn.execute(select(contacts_t).where(contacts_t.c.id == contact_id)).first()
        if row is None:
            raise StoreError(f"There is no contact with ID {contact_id}.",
                             terminal_hint="`cardcap contacts list` shows them.")
        return self._stored(row)

    def list(self, search: str | None = None) -> builtins.list[StoredContact]:
        """Every contact, oldest first; with `search`, those matching every word of it."""
        query = select(contacts_t).order_by(contacts_t.c.id)
        for word in (search or "").split():
            query = query.where(contacts_t.c.search_text.like(_like(word), escape="\\"))
        return self._read(lambda conn: [self._stored(row) for row in conn.execute(query)])

    def count(self) -> int:
        return self._read(lambda conn: len(conn.execute(select(contacts_t.c.id)).all()))

    def get(self, ref: str | int) -> StoredContact:
        """A contact by ID, UID, email address, or a search that matches exactly one contact."""
        text = str(ref).strip()

        def exact(conn: Connection) -> StoredContact | None:
            if text.isdigit():
                return self._load(conn, int(text))
            row = conn.execute(
                select(contacts_t).where(
                    or_(
                        contacts_t.c.uid == text,
                        contacts_t.c.id.in_(select(emails_t.c.contact_id).where(emails_t.c.address == text.lower())),
                    )
                )
            ).first()
            return self._stored(row) if row is not None else None

        found_exactly = self._read(exact)
        if found_exactly is not None:
            return found_exactly
        found = self.list(text)
        if len(found) == 1:
            return found[0]
        if not found:
            raise StoreError(f"No contact matches {text!r}.", terminal_hint="`cardcap contacts list` shows them.")
        names = ", ".join(f"{s.name or '(no name)'} (ID {s.id})" for s in found[:5])
        more = f" and {len(found) - 5} more" if len(found) > 5 else ""
        raise StoreError(f"{text!r} matches {len(found)} contacts ({names}{more}); give the ID instead.")

    # ---- changing ------------------------------------------------------------------------------

    def edit(self, ref: str | int, changes: dict[str, str]) -> StoredContact:
        """Set fields by hand ({"title": "CTO", "email": "a@b.c, d@e.f"}); a later scan keeps them."""
        if not changes:
            raise StoreError("Nothing to change: give at least one field=value.")
        return self._save_edit(ref, lambda contact: apply_edits(contact, changes, self.region))

    def replace_edited(self, ref: str | int, contact: Contact, groups: frozenset[str]) -> StoredContact:
        """Keep `contact` as a person corrected it in a form (the web's edit page); the field groups
        they changed are kept against later scans, as with `edit`."""
        return self._save_edit(ref, lambda _: (contact, set(groups)))

    def _save_edit(self, ref: str | int, change: Callable[[Contact], tuple[Contact, set[str]]]) -> StoredContact:
        target = self.get(ref)

        def edit(conn: Connection) -> StoredContact:
            stored = self._load(conn, target.id)
            contact, groups = change(stored.contact)
            values: dict[str, object] = {
                **self._contact_columns(contact),
                "edited_fields": json.dumps(sorted(set(stored.edited_fields) | groups)),
                "updated_at": self._now(),
            }
            if stored.review_state != "reviewed":
                values["review_state"] = review_state_for(contact)
            conn.execute(update(contacts_t).where(contacts_t.c.id == stored.id).values(**values))
            self._index(conn, stored.id, contact)
            return self._load(conn, stored.id)

        return self.write(edit)

    def set_review_state(self, ref: str | int, state: str) -> StoredContact:
        if state not in REVIEW_STATES:
            raise StoreError(f"The review state {state!r} is not one of {', '.join(REVIEW_STATES)}.")
        target = self.get(ref)

        def mark(conn: Connection) -> StoredContact:
            conn.execute(
                update(contacts_t)
                .where(contacts_t.c.id == target.id)
                .values(review_state=state, updated_at=self._now())
            )
            return self._load(conn, target.id)

        return self.write(mark)

    def delete(self, ref: str | int) -> StoredContact:
        """Remove a contact (with its indexed emails, phones and images); returns what was removed."""
        target = self.get(ref)

        def remove(conn: Connection) -> None:
            for table in (emails_t, phones_t, images_t):
                conn.execute(delete(table).where(table.c.contact_id == target.id))
            conn.execute(delete(contacts_t).where(contacts_t.c.id == target.id))

        self.write(remove)
        return target

    def merge(self, a: str | int, b: str | int) -> StoredContact:
        """Fold contact `b` into `a`: `a` keeps its ID, UID and values; `b` fills its gaps and goes."""
        first, second = self.get(a), self.get(b)
        if first.id == second.id:
            raise StoreError(f"{a!r} and {b!r} are the same contact (ID {first.id}); nothing to merge.")

        def fold(conn: Connection) -> StoredContact:
            kept, gone = self._load(conn, first.id), self._load(conn, second.id)
            return self._fold(conn, kept, gone)

        return self.write(fold)

    def _fold(self, conn: Connection, first: StoredContact, second: StoredContact) -> StoredContact:
        """`second` folded into `first` (see `merge`), inside the caller's write transaction."""
        contact = combine(first.contact, second.contact, Mode.OLDER, first.edited_fields)
        edited = sorted(set(first.edited_fields) | set(second.edited_fields))
        raw = "\n\n".join(t for t in (first.raw_text, second.raw_text) if t)
        conn.execute(update(images_t).where(images_t.c.contact_id == second.id).values(contact_id=first.id))
        self._repoint_references(conn, second.id, first.id)
        for table in (emails_t, phones_t):
            conn.execute(delete(table).where(table.c.contact_id == second.id))
        conn.execute(delete(contacts_t).where(contacts_t.c.id == second.id))
        values = {
            **self._contact_columns(contact),
            "raw_text": raw,
            "image_sha256": first.image_sha256 or second.image_sha256,
            "image_path": first.image_path or second.image_path,
            "edited_fields": json.dumps(edited),
            "updated_at": self._now(),
            "review_state": first.review_state if first.review_state == "reviewed" else review_state_for(contact),
        }
        conn.execute(update(contacts_t).where(contacts_t.c.id == first.id).values(**values))
        self._index(conn, first.id, contact)
        return self._load(conn, first.id)

    @staticmethod
    def _repoint_references(conn: Connection, old_id: int, new_id: int) -> None:
        """Other components' rows that point at the merged-away contact now point at the kept one."""
        own = {"contacts", "contact_emails", "contact_phones", "contact_images"}
        inspector = inspect(conn)
        for table in inspector.get_table_names():
            if table in own:
                continue
            for key in inspector.get_foreign_keys(table):
                if key["referred_table"] == "contacts" and key["referred_columns"] == ["id"]:
                    column = key["constrained_columns"][0]
                    conn.exec_driver_sql(
                        f'UPDATE "{table}" SET "{column}" = {int(new_id)} WHERE "{column}" = {int(old_id)}'
                    )
