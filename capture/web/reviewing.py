"""Reviewing one card of the queue: what the review form shows (the front, with its paired back
filling the gaps) and the contact a posted form saves.

A form shown from the first reader's answer is read against that answer: what the person changed
is kept, and the rest is taken from the final reading once the second reader is done (the form
waits for it, a second or so at most), so accepting a card early loses neither the person's
corrections nor the second reader's."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from capture.contact import CardResult, Contact
from capture.store.merging import Mode, combine
from capture.web import services
from capture.web.edit import FormError, apply_form, carry_edits
from capture.web.state import WebState
from capture.web.workspace import CardKey, Stage, Workspace

FINAL_WAIT_SECONDS = 30.0  # a form posted from the first answer waits this long for the final one


@dataclass(frozen=True)
class Review:
    key: CardKey
    result: CardResult  # the front as read
    back: CardResult | None  # the card paired with it as its back
    back_key: CardKey | None
    stage: Stage  # FIRST while a reader is still at work on either face

    @property
    def contact(self) -> Contact:
        """What the form shows: the front's contact, the back's filling what the front lacks."""
        if self.back is None:
            return self.result.contact
        return combine(self.result.contact, self.back.contact, Mode.OLDER)


def back_of(workspace: Workspace, front: CardKey) -> CardKey | None:
    """The card paired as the back of `front` (cards of the same upload or of any other)."""
    for path in workspace.folder.glob("*.pair"):
        back = CardKey.parse(path.name.removesuffix(".pair"))
        if back is not None and workspace.front_of(back) == front:
            return back
    return None


def load_review(workspace: Workspace, key: CardKey, first: bool = False) -> Review | None:
    """The card as the review page shows it (`first`: as the first reader's answer showed it)."""
    read = workspace.first if first else workspace.get
    result = read(key) or workspace.get(key)
    if result is None:
        return None
    back_key = back_of(workspace, key)
    back = (read(back_key) or workspace.get(back_key)) if back_key else None
    stages = {workspace.stage(k) for k in (key, back_key) if k is not None}
    stage = Stage.FIRST if first or Stage.FIRST in stages else Stage.FINAL
    return Review(key, result, back, back_key if back else None, stage)


def corrected(state: WebState, review: Review, form: Mapping[str, str]) -> tuple[Contact, frozenset[str]]:
    """The contact a posted review form saves, and the field groups the person changed; blocking
    (it may wait for the second reader). Raises `FormError` for a value that cannot be kept."""
    region = state.settings.region
    shown = load_review(state.workspace, review.key, first=True) if form.get("stage") == Stage.FIRST else None
    if shown is None:
        contact, edited = apply_form(review.contact, form, region)
    else:
        contact, edited = apply_form(shown.contact, form, region)
        if all(state.queue.wait_final(k, FINAL_WAIT_SECONDS) for k in (review.key, review.back_key) if k):
            final = load_review(state.workspace, review.key)
            if final is not None:
                contact = carry_edits(final.contact, contact, edited)
    if contact.is_empty:
        raise FormError("Nothing to save: every field is empty.")
    return contact, edited


def save(state: WebState, review: Review, contact: Contact, edited: frozenset[str]) -> services.Saved:
    """Store the reviewed card (its front's picture) and take it, and its back, off the queue."""
    workspace = state.workspace
    result = workspace.get(review.key) or review.result
    saved = services.save_reviewed(state, result, contact, edited, workspace.image_path(review.key))
    for key in (review.key, review.back_key):
        if key is not None:
            workspace.mark_saved(key, saved.id)
    return saved
