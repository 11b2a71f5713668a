"""The review queue as the Scan page and the API show it: each photo with its progress, each card
with its name and state, which card to review next, and which cards are the backs of others."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from capture.web.queue import PENDING, Job, JobState, ReviewQueue
from capture.web.workspace import CardKey, Stage, Workspace

# the progress bar of one photo: sent, in line, being read, first answer ready, every reader done
STEPS = {JobState.QUEUED: 1, JobState.READING: 2, JobState.READY: 3, JobState.DONE: 4, JobState.FAILED: 4}


@dataclass(frozen=True)
class QueueCard:
    key: CardKey
    title: str  # who: the name, else the company, else "Card n"
    subtitle: str  # the company (under a name) or the title
    stage: Stage
    saved: int | None  # the stored contact's id once saved
    back: CardKey | None = None  # the card paired as this one's back
    pair_with: CardKey | None = None  # the card above, whose back this one could be

    @property
    def reviewable(self) -> bool:
        return self.saved is None


@dataclass(frozen=True)
class QueueEntry:
    job: Job
    status: str  # one sentence: where the photo is
    step: int  # 1..4, see STEPS
    cards: tuple[QueueCard, ...]


@dataclass(frozen=True)
class QueueView:
    entries: tuple[QueueEntry, ...]
    pending: bool  # a photo is still being read: the page asks again soon

    @property
    def cards(self) -> tuple[QueueCard, ...]:
        return tuple(card for entry in self.entries for card in entry.cards)

    @property
    def next(self) -> CardKey | None:
        """The first card waiting for review."""
        return next((card.key for card in self.cards if card.reviewable), None)

    @property
    def reviewable(self) -> int:
        return sum(card.reviewable for card in self.cards)

    def after(self, key: CardKey) -> CardKey | None:
        """The next card waiting for review after `key`, else the first one still waiting before it."""
        keys = [card.key for card in self.cards if card.reviewable or card.key == key]
        at = keys.index(key) if key in keys else 0
        return next((k for k in keys[at + 1:] + keys[:at] if k != key), None)


def status_of(job: Job, ahead: int) -> str:
    if job.state is JobState.QUEUED:
        return "Next to be read" if not ahead else f"In line: {ahead} photo{'s' if ahead > 1 else ''} before it"
    if job.state is JobState.READING:
        return "Reading…"
    if job.state is JobState.READY:
        return "Ready to review; the second reader is still checking it"
    if job.state is JobState.FAILED:
        return job.message
    return "Ready to review"


def card_of(workspace: Workspace, key: CardKey) -> QueueCard | None:
    result = workspace.get(key)
    if result is None:
        return None
    contact = result.contact
    title = contact.formatted_name or f"Card {key.index}"
    subtitle = next((f.value for f in (contact.organization, contact.title)
                     if f is not None and f.value != title), "")
    return QueueCard(key, title, subtitle, workspace.stage(key) or Stage.FINAL, workspace.saved(key))


def entry_of(queue: ReviewQueue, job: Job) -> QueueEntry:
    """One job as the queue lists it (whether or not the list still shows it)."""
    cards = tuple(card for key in job.keys if (card := card_of(queue.workspace, key)) is not None)
    return QueueEntry(job, status_of(job, queue.ahead_of(job)), STEPS[job.state], cards)


def queue_view(queue: ReviewQueue) -> QueueView:
    """What the Scan page lists: every photo not dismissed whose cards are not all saved (a saved
    one stays while others of its batch wait), backs folded into their fronts."""
    workspace = queue.workspace
    jobs = queue.jobs()
    entries: list[QueueEntry] = []
    backs: dict[CardKey, CardKey] = {}  # front -> back
    cards_of: dict[str, list[QueueCard]] = {}
    for job in jobs:
        found = [card for key in job.keys if (card := card_of(workspace, key)) is not None]
        for card in found:
            front = workspace.front_of(card.key)
            if front is not None:
                backs[front] = card.key
        cards_of[job.id] = [card for card in found if workspace.front_of(card.key) is None]
    waiting = any(card.saved is None for cards in cards_of.values() for card in cards)
    above: QueueCard | None = None
    for job in jobs:
        cards = []
        for card in cards_of[job.id]:
            back = backs.get(card.key)
            pair_with = above.key if above is not None and above.back is None else None
            card = QueueCard(card.key, card.title, card.subtitle, card.stage, card.saved, back, pair_with)
            cards.append(card)
            above = card
        if job.cards and not cards:
            continue  # its card is the back of another, listed with it
        if job.state not in PENDING and job.state is not JobState.FAILED and cards \
                and all(c.saved for c in cards) and not waiting:
            continue  # a finished batch: saved cards leave the list
        entries.append(QueueEntry(job, status_of(job, queue.ahead_of(job)), STEPS[job.state], tuple(cards)))
    return QueueView(tuple(entries), any(job.state in PENDING for job in jobs))


def job_json(entry: QueueEntry) -> dict[str, Any]:
    job = entry.job
    return {
        "id": job.id, "name": job.name, "state": str(job.state), "status": entry.status, "message": job.message,
        "received": job.received, "first_ready_seconds": job.first_ready, "finished_seconds": job.finished,
        "cards": [{"key": c.key.text, "stage": str(c.stage), "name": c.title, "review_url": f"/review/{c.key.text}",
                   "image_url": f"/cards/{c.key.text}.jpg", "saved": c.saved,
                   "back": c.back.text if c.back else None} for c in entry.cards],
    }


def queue_json(view: QueueView) -> dict[str, Any]:
    return {"jobs": [job_json(entry) for entry in view.entries], "pending": view.pending,
            "next": view.next.text if view.next else None}
