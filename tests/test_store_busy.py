"""Another process holding the store's write lock: a write waits and tries again, and past its
patience fails with one sentence (a `StoreError`), never a driver traceback; the store stays usable."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from storecards import card, lock_held, person, store_url  # noqa: F401  (fixture)

from capture.errors import ExitCode, StoreError
from capture.store.contacts import ContactStore
from capture.store.database import BusyPolicy


def recording_sleep(pauses: list[float]) -> Callable[[float], None]:
    import time

    def sleep(seconds: float) -> None:
        pauses.append(seconds)
        time.sleep(seconds)

    return sleep


def test_a_write_waits_out_a_lock_held_for_a_while(store_url: str) -> None:  # noqa: F811
    pauses: list[float] = []
    busy = BusyPolicy(wait=0.3, attempts=12, pause=0.1, sleep=recording_sleep(pauses))
    store = ContactStore.open(store_url, busy=busy)
    with lock_held(store_url, 1.5) as holder:
        outcome = store.save_result(card(person(), "held"))
        assert holder.wait(30) == 0  # the other program finished its transaction first
    assert outcome.action == "created" and [s.name for s in store.list()] == ["Ada Lovelace"]
    # it tried again, backing off (how many times depends on when the other program let go:
    # on a loaded machine this process may start waiting late)
    assert pauses and pauses == pytest.approx([0.1 * 2**i for i in range(len(pauses))])


def test_a_lock_held_too_long_fails_that_write_with_a_sentence(store_url: str) -> None:  # noqa: F811
    busy = BusyPolicy(wait=0.2, attempts=3, pause=0.05)
    store = ContactStore.open(store_url, busy=busy)
    kept = store.save_result(card(person("Grace Hopper", email="grace@navy.example"), "first")).stored
    with lock_held(store_url, 120):
        with pytest.raises(StoreError) as caught:
            store.save_result(card(person(), "blocked"))
        for write in (lambda: store.edit(kept.id, {"title": "Admiral"}), lambda: store.delete(kept.id)):
            with pytest.raises(StoreError):
                write()
        assert [s.name for s in store.list()] == ["Grace Hopper"]  # reading still works meanwhile
    message = str(caught.value)
    assert message.startswith("The contact store at ") and message.endswith(
        "is busy: another program has held its write lock for over 0.8 seconds, so nothing was written; "
        "try again once it is done."
    ), message
    assert "sqlalchemy" not in message.lower() and "\n" not in message
    assert caught.value.exit_code == ExitCode.STORE
    # once the other program lets go, the same store object writes again
    store.save_result(card(person(), "after"))
    assert sorted(s.name for s in store.list()) == ["Ada Lovelace", "Grace Hopper"]


def test_opening_a_store_another_process_holds_fails_with_a_sentence(store_url: str) -> None:  # noqa: F811
    ContactStore.open(store_url)  # the schema exists; opening again still takes the write lock to check it
    with lock_held(store_url, 120), pytest.raises(StoreError, match="is busy: another program has held"):
        ContactStore.open(store_url, busy=BusyPolicy(wait=0.2, attempts=2, pause=0.05))


def test_busy_policy_patience_adds_the_waits_and_pauses() -> None:
    assert BusyPolicy(wait=15, attempts=4, pause=1).patience == 15 * 4 + 1 + 2 + 4
    assert BusyPolicy(wait=0.2, attempts=1, pause=9).patience == pytest.approx(0.2)


def test_the_web_app_answers_a_busy_store_with_its_sentence(tmp_path: Path) -> None:
    from fastapi.testclient import TestClient

    from capture.settings import Settings
    from capture.web.app import create_app

    url = f"sqlite:///{tmp_path / 'store.sqlite3'}"
    app = create_app(Settings(), url, workspace_dir=tmp_path / "cards", profile_path=tmp_path / "profile.json")
    app.state.cardcap.store = ContactStore.open(url, busy=BusyPolicy(wait=0.2, attempts=2, pause=0.05))
    client = TestClient(app, base_url="http://127.0.0.1:8000", raise_server_exceptions=False)
    key = app.state.cardcap.workspace.put(card(person(), "web"))
    with lock_held(url, 120):
        saved = client.post(f"/api/cards/{key.text}/save")
    assert saved.status_code == 503 and saved.headers["retry-after"] == "60"
    assert saved.json()["detail"].endswith("so nothing was written; try again once it is done.")
    assert client.post(f"/api/cards/{key.text}/save").status_code == 200  # the card still waits; now it is saved
