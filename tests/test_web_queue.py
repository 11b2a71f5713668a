"""The review queue: photos kept as they arrive, read in order, each card reviewable as soon as the
first reader is done with it, a photo that fails failing alone, nothing lost across a restart."""

from __future__ import annotations

import io
import json
import time
from pathlib import Path

import pytest
from PIL import Image

from capture.settings import Settings
from capture.web.queue import Job, JobState, ReviewQueue
from capture.web.workspace import CardKey, Stage, Workspace
from tests.web_helpers import card_png, sample_card

TESSERACT = Settings(engine="tesseract")
WAIT = 120.0


def other_card(name: str, email: str) -> bytes:
    return card_png([(name, 64, True), (email, 38, False), ("Tel: +1 212 555 0199", 38, False)])


def blank_photo() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (900, 560), "white").save(out, "PNG")
    return out.getvalue()


def broken_jpeg() -> bytes:
    """A JPEG whose header reads (so it is kept) and whose picture does not decode."""
    out = io.BytesIO()
    Image.effect_noise((600, 400), 64).convert("RGB").save(out, "JPEG")
    data = out.getvalue()
    return data[:600] + b"\x00" * 200


def wait_all(queue: ReviewQueue, jobs: list[Job]) -> list[Job]:
    done = [queue.wait(job.id, WAIT) for job in jobs]
    assert all(job is not None and job.state in (JobState.DONE, JobState.FAILED) for job in done), done
    return done  # type: ignore[return-value]


def test_photos_are_read_in_the_order_they_came_and_a_bad_one_fails_alone(tmp_path: Path) -> None:
    queue = ReviewQueue(Workspace(tmp_path), TESSERACT)
    photos = [("maria.png", sample_card()), ("blank.png", blank_photo()), ("broken.jpg", broken_jpeg()),
              ("jon.png", other_card("Jon Park", "jon.park@example.org"))]
    jobs = [queue.add(data, name) for name, data in photos]
    maria, blank, broken, jon = wait_all(queue, jobs)
    assert maria.state is JobState.DONE and jon.state is JobState.DONE
    assert blank.state is JobState.FAILED and blank.message == (
        "blank.png: has no readable text; is it a business card, in focus and well lit?")
    assert broken.state is JobState.FAILED and broken.message.startswith("broken.jpg: ")
    assert blank.status == broken.status == 422
    # read in order by the one reader: maria's first answer, then broken failing as it was read, then
    # jon's first answer; blank (no text) fails in the finisher, which takes the readings in order too
    def at(seconds: float | None, job: Job) -> float:
        assert seconds is not None, job
        return job.received + seconds

    assert at(maria.first_ready, maria) < at(broken.finished, broken) < at(jon.first_ready, jon)
    ends = [at(job.finished, job) for job in (maria, blank, jon)]
    assert ends == sorted(ends)
    assert queue.workspace.get(CardKey(jon.id, 1)).contact.name.full == "Jon Park"  # type: ignore[union-attr]
    assert not list(tmp_path.glob("*.upload"))  # every photo read: none kept any more
    queue.close()


def test_the_same_photo_twice_is_one_job_and_a_failed_one_is_tried_again(tmp_path: Path) -> None:
    queue = ReviewQueue(Workspace(tmp_path), TESSERACT)
    first = queue.add(sample_card(), "maria.png")
    again = queue.add(sample_card(), "maria (1).png")
    assert again.id == first.id and len(queue.jobs()) == 1
    assert wait_all(queue, [first])[0].state is JobState.DONE
    failed = wait_all(queue, [queue.add(blank_photo(), "blank.png")])[0]
    assert failed.state is JobState.FAILED
    retried = queue.add(blank_photo(), "blank.png")
    assert retried.state is JobState.QUEUED  # read again: the failure may have been the server's
    wait_all(queue, [retried])
    queue.close()


def test_a_photo_kept_before_a_restart_is_read_after_it(tmp_path: Path) -> None:
    workspace = Workspace(tmp_path)
    data = sample_card()
    job_id = workspace.upload_id(data)
    workspace.keep_upload(job_id, data)
    # the server stopped while reading it
    workspace.write_job(job_id, json.dumps(Job(job_id, "maria.png", time.time(), JobState.READING).to_json()).encode())
    queue = ReviewQueue(workspace, TESSERACT)  # starts reading what was left, by itself
    job = queue.wait(job_id, WAIT)
    assert job is not None and job.state is JobState.DONE and job.cards == (1,)
    assert workspace.get(CardKey(job_id, 1)).contact.name.full == "Maria Schmidt"  # type: ignore[union-attr]
    queue.close()


@pytest.mark.slow
def test_in_both_mode_the_first_readers_answer_comes_before_the_final_one(tmp_path: Path) -> None:
    queue = ReviewQueue(Workspace(tmp_path), Settings())  # both engines, the default
    jobs = [queue.add(sample_card(), "maria.png"), queue.add(other_card("Jon Park", "jon.park@example.org"), "jon.png")]
    for job in wait_all(queue, jobs):
        assert job.state is JobState.DONE
        assert job.first_ready is not None and job.finished is not None and job.first_ready < job.finished
        key = job.keys[0]
        first, final = queue.workspace.first(key), queue.workspace.get(key)
        assert first is not None and final is not None and queue.workspace.stage(key) is Stage.FINAL
        assert first.page.engine == "tesseract"  # the first engine's page alone
    queue.close()
