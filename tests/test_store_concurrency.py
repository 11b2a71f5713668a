"""Several processes saving at once into one store lose no contact and create no duplicate."""

from __future__ import annotations

import multiprocessing

from storecards import card, person, store_url  # noqa: F401  (fixture)

from capture.store.contacts import ContactStore

WORKERS = 4
OWN = 15  # contacts only one worker saves
SHARED = 5  # contacts every worker saves (the same person, from a different card each time)


def save_many(url: str, worker: int, start: multiprocessing.synchronize.Event) -> None:  # type: ignore[name-defined]
    start.wait(30)
    store = ContactStore.open(url)  # every worker opens (and migrates) the new store at once
    for n in range(OWN):
        contact = person(f"Person W{worker}N{n}", email=f"w{worker}n{n}@example.org", phone=None)
        store.save_result(card(contact, f"own-{worker}-{n}"))
        if n < SHARED:
            shared = person(f"Shared Person{n}", email=f"shared{n}@example.org", phone=None, title=f"T{worker}")
            store.save_result(card(shared, f"shared-{worker}-{n}"))


def test_concurrent_writers_lose_nothing(store_url: str) -> None:  # noqa: F811
    context = multiprocessing.get_context("fork")
    start = context.Event()
    processes = [context.Process(target=save_many, args=(store_url, w, start)) for w in range(WORKERS)]
    for process in processes:
        process.start()
    start.set()
    for process in processes:
        process.join(120)
    assert [p.exitcode for p in processes] == [0] * WORKERS
    stored = ContactStore.open(store_url).list()
    emails = sorted(s.contact.emails[0].address for s in stored)
    expected = sorted(
        [f"w{w}n{n}@example.org" for w in range(WORKERS) for n in range(OWN)]
        + [f"shared{n}@example.org" for n in range(SHARED)]
    )
    assert emails == expected
    assert len({s.uid for s in stored}) == len(stored)
