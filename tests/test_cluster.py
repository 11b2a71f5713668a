"""Batches and web scans on a real Dask cluster: a `dask scheduler` and two `dask worker`
processes on 127.0.0.1, started by the tests (conftest `DaskProcesses`)."""

from __future__ import annotations

import csv
import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from cardimages import SAMPLES, sample_folder
from fastapi.testclient import TestClient
from storecards import sqlite_url
from test_batch_input import busy_store_batch

from capture.batch import MANIFEST_NAME, BatchItem, run_batch
from capture.cluster import Cluster, ClusterError, cluster_address
from capture.daskprocs import DaskProcesses, free_port
from capture.errors import SettingsError
from capture.settings import Settings
from capture.web.app import create_app

CARDS = ("S_01_en_US_flat", "S_02_pt_flat", "S_03_de_photo0", "S_05_es_flat", "S_07_nl_flat", "S_14_de_flat")
SETTINGS = Settings(engine="tesseract")
CARDCAP = [sys.executable, "-m", "capture.cli"]

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("dask")]  # one cluster's workers at a time on the 2 cores


@pytest.fixture(scope="module")
def cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[DaskProcesses]:
    running = DaskProcesses(tmp_path_factory.mktemp("dask-module"))
    try:
        yield running
    finally:
        running.stop()


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    cards = sample_folder(tmp_path / "cards", CARDS)
    (cards / "paper.jpg").write_bytes(b"%PDF-1.5\n")  # a bad file: the same sentence either way
    return cards


def report(out: Path) -> list[dict[str, str]]:
    with (out / "report.csv").open() as handle:
        return [{k: v for k, v in row.items() if k != "seconds"} for row in csv.DictReader(handle)]


def written(out: Path) -> dict[str, str]:
    return {path.name: path.read_text() for path in sorted(out.glob("*.vcf"))}


def test_a_cluster_batch_writes_what_a_local_batch_writes(cluster: DaskProcesses, folder: Path, tmp_path: Path) -> None:
    local = run_batch(folder, tmp_path / "local", SETTINGS, workers=2)
    seen: list[BatchItem] = []
    remote = run_batch(folder, tmp_path / "remote", SETTINGS, cluster=cluster.address, on_item=seen.append)
    assert written(tmp_path / "remote") == written(tmp_path / "local")
    assert len(written(tmp_path / "remote")) == len(CARDS) + 1  # contacts.vcf too
    assert report(tmp_path / "remote") == report(tmp_path / "local")
    assert (remote.cards, remote.failed) == (local.cards, local.failed) == (len(CARDS), 1)
    assert sorted(item.file for item in seen) == sorted(p.name for p in folder.iterdir())  # the progress bar's ticks
    record = json.loads((tmp_path / "remote" / "S_01_en_US_flat.json").read_text())
    assert record["source"] == str(folder / "S_01_en_US_flat.jpg")
    again = run_batch(folder, tmp_path / "remote", SETTINGS, cluster=cluster.address)
    assert again.skipped == len(CARDS) and again.failed == 1  # resumes: only the bad file is tried again


def test_a_busy_store_leaves_cluster_cards_not_saved_and_the_rerun_saves_them(
    cluster: DaskProcesses, tmp_path: Path
) -> None:
    cards = sample_folder(tmp_path / "cards", CARDS[:2])
    again = busy_store_batch(cards, tmp_path / "out", sqlite_url(tmp_path), cluster=cluster.address)
    assert (again.cards, again.failed) == (2, 0)


def test_shared_paths_are_opened_by_the_workers(cluster: DaskProcesses, folder: Path, tmp_path: Path) -> None:
    run_batch(folder, tmp_path / "local", SETTINGS, workers=1)
    run_batch(folder, tmp_path / "shared", SETTINGS, cluster=cluster.address, shared_paths=True)
    assert written(tmp_path / "shared") == written(tmp_path / "local")


def test_a_worker_killed_mid_batch_loses_nothing(cluster: DaskProcesses, folder: Path, tmp_path: Path) -> None:
    cluster.wait_for_workers(2)
    victims = cluster.worker_pids()
    killed: list[int] = []

    def kill_one_worker(item: BatchItem) -> None:
        if not killed:  # both workers are reading cards now: one dies in the middle of one
            os.kill(victims[0], signal.SIGKILL)
            killed.append(victims[0])

    summary = run_batch(folder, tmp_path / "out", SETTINGS, cluster=cluster.address, on_item=kill_one_worker)
    assert killed
    assert summary.cards == len(CARDS) and summary.failed == 1  # only the PDF
    assert {row["file"]: row["status"] for row in report(tmp_path / "out")} == {
        **{f"{stem}.jpg": "ok" for stem in CARDS},
        "paper.jpg": "failed",
    }
    cluster.wait_for_workers(2)  # the nanny started a fresh worker
    assert victims[0] not in cluster.worker_pids()


class NoLocalReading:
    """An engine that fails the test if the web process reads a card itself."""

    name = "tesseract"

    def read(self, image: object) -> object:
        raise AssertionError("the web app read the card itself instead of sending it to the cluster")


def test_web_scans_are_read_on_the_cluster(cluster: DaskProcesses, tmp_path: Path) -> None:
    reader = Cluster(cluster.address, SETTINGS)
    app = create_app(SETTINGS, f"sqlite:///{tmp_path / 'store.sqlite3'}", workspace_dir=tmp_path / "cards",
                     profile_path=tmp_path / "profile.json", engine=NoLocalReading(), cluster=reader)  # fmt: skip
    data = (SAMPLES / "S_01_en_US_flat.jpg").read_bytes()
    try:
        with TestClient(app, base_url="http://127.0.0.1:8000") as client:
            response = client.post("/api/scan", files={"files": ("card.jpg", data, "image/jpeg")})
            assert response.status_code == 200, response.text
            assert "christopher.clark@sterlinggate.com" in json.dumps(response.json()["cards"][0])
            response = client.post("/api/scan", files={"files": ("card.jpg", b"%PDF-1.7", "image/jpeg")})
            assert response.status_code == 415  # checked here, as without a cluster
    finally:
        reader.close()


@pytest.mark.postgres
def test_a_team_saves_a_cluster_batch_into_one_postgresql_store(
    cluster: DaskProcesses, folder: Path, tmp_path: Path, postgres_url: str
) -> None:
    batch = run_cli("batch", str(folder), "--out", str(tmp_path / "out"), "--engine", "tesseract", "--json",
                    "--save", "--db", postgres_url, "--cluster", cluster.address)  # fmt: skip
    stdout, stderr = batch.communicate(timeout=300)
    assert batch.returncode == 1, stderr  # the PDF
    listed = run_cli("contacts", "list", "--json", "--db", postgres_url)
    contacts, stderr = listed.communicate(timeout=60)
    assert listed.returncode == 0, stderr
    assert len(json.loads(contacts)) == json.loads(stdout)["cards"] == len(CARDS)


def test_workers_that_cannot_read_the_languages_stop_the_batch_with_a_sentence(
    cluster: DaskProcesses, folder: Path, tmp_path: Path
) -> None:
    with pytest.raises(ClusterError, match=r"cannot read cards: .*tesseract-ocr-xyz"):
        run_batch(folder, tmp_path / "out", Settings(engine="tesseract", languages=("eng", "xyz")),
                  cluster=cluster.address)  # fmt: skip
    assert run_batch(folder, tmp_path / "out", SETTINGS, cluster=cluster.address).cards == len(CARDS)


def run_cli(*args: str, env_extra: dict[str, str] | None = None, **kwargs) -> subprocess.Popen[str]:  # type: ignore[no-untyped-def]
    env = {**os.environ, "OMP_THREAD_LIMIT": "1", **(env_extra or {})}
    return subprocess.Popen([*CARDCAP, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
                            **kwargs)  # fmt: skip


def test_a_lost_cluster_exits_7_keeps_what_finished_and_the_rerun_resumes(folder: Path, tmp_path: Path) -> None:
    first = DaskProcesses(tmp_path / "first")
    out = tmp_path / "out"
    try:
        process = run_cli("batch", str(folder), "--out", str(out), "--engine", "tesseract", "--json",
                          env_extra={"CARDCAP_CLUSTER": first.address})  # fmt: skip
        manifest = out / MANIFEST_NAME
        deadline = time.monotonic() + 300
        while not (manifest.exists() and '"ok"' in manifest.read_text()) and time.monotonic() < deadline:
            time.sleep(0.2)
        first.scheduler.kill()  # the cluster goes away mid-run
        _, stderr = process.communicate(timeout=300)
    finally:
        first.stop()
    assert process.returncode == 7, stderr
    assert f"The Dask cluster at {first.address} was lost while reading" in stderr
    assert "running the same command again resumes" in stderr
    done = [row["file"] for row in report(out) if row["status"] == "ok"]
    assert done and len(report(out)) == len(CARDS) + 1  # every file is in the report
    for name in done:
        assert (out / name.replace(".jpg", ".vcf")).exists()
    second = DaskProcesses(tmp_path / "second")
    try:
        rerun = run_cli("batch", str(folder), "--out", str(out), "--engine", "tesseract", "--json",
                        "--cluster", second.address)  # fmt: skip
        stdout, stderr = rerun.communicate(timeout=300)
    finally:
        second.stop()
    assert rerun.returncode == 1, stderr  # only the PDF failed
    summary = json.loads(stdout)
    assert summary["skipped"] == len(done) and summary["cards"] == len(CARDS)


def test_an_unreachable_cluster_is_one_sentence_and_exit_7(folder: Path, tmp_path: Path) -> None:
    address = f"tcp://127.0.0.1:{free_port()}"
    process = run_cli("batch", str(folder), "--out", str(tmp_path / "out"), "--cluster", address)
    _, stderr = process.communicate(timeout=120)
    assert process.returncode == 7
    assert stderr.startswith(f"cardcap: The Dask cluster at {address} cannot be reached")
    assert "Traceback" not in stderr


def test_cluster_addresses_are_checked_at_the_edge(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CARDCAP_CLUSTER", raising=False)
    assert cluster_address(None) is None
    assert cluster_address("tcp://10.0.0.5:8786") == "tcp://10.0.0.5:8786"
    monkeypatch.setenv("CARDCAP_CLUSTER", "tcp://scheduler:8786")
    assert cluster_address(None) == "tcp://scheduler:8786"
    assert cluster_address("tcp://other:1") == "tcp://other:1"
    with pytest.raises(SettingsError, match="not a Dask scheduler address"):
        cluster_address("scheduler 8786")
    assert issubclass(ClusterError, Exception) and ClusterError.exit_code == 7
