"""Batch stage: every image under a folder → one vCard and JSON record per card, resumably.

Worker processes (`capture.workers`, or a Dask cluster's workers: `capture.cluster`) each load
the OCR engine once. The main process alone writes outputs, each atomically, and records every
finished file in a manifest keyed by the image's content hash, so a second run skips what is
done (even if files were renamed) and a crash, or a cluster lost mid-run, loses nothing written.
"""

from __future__ import annotations

import csv
import io
import json
import os
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from capture.atomic import write_output
from capture.batchfiles import find_files
from capture.cluster import ClusterError
from capture.contact import CardResult
from capture.errors import CardcapError, OutputError, unreadable_problem
from capture.export import contact_to_vcard, join_vcards, result_to_record
from capture.load import hash_bytes
from capture.manifest import (
    DUPLICATE,
    FAILED,
    FAILURES,
    MANIFEST_NAME,
    NOT_SAVED,
    OK,
    SKIPPED,
    UNREADABLE,
    BatchItem,
    Manifest,
    ManifestSaver,
)
from capture.outlock import batch_lock
from capture.outnames import Claim, base_of, plan_names
from capture.settings import Settings
from capture.workers import WorkerDied, WorkerPool

if TYPE_CHECKING:
    from capture.api import Outcome

__all__ = ["MANIFEST_NAME", "BatchItem", "BatchSummary", "Manifest", "find_files", "run_batch"]

REPORT_COLUMNS = ("file", "status", "card", "name", "organization", "warnings", "seconds", "error")


@dataclass(frozen=True)
class BatchSummary:
    items: tuple[BatchItem, ...]
    out_dir: Path
    cards: int
    failed: int
    skipped: int
    seconds: float

    @property
    def ok(self) -> bool:
        return self.failed == 0


ProgressCallback = Callable[[BatchItem], None]
ResultSink = Callable[[CardResult, Path], None]


# --- worker side -----------------------------------------------------------------------------

_worker_settings: Settings | None = None


def _init_worker(settings: Settings) -> None:
    global _worker_settings
    os.environ["OMP_THREAD_LIMIT"] = "1"
    _worker_settings = settings
    from capture.api import engines_for

    engines_for(settings)  # load the OCR engine(s) once per process, not once per card


def _scan_in_worker(task: Task) -> Outcome:
    from capture.api import scan_outcome

    assert _worker_settings is not None
    return scan_outcome(str(task.path), str(task.path), _worker_settings)


# --- main process ----------------------------------------------------------------------------


def write_card_outputs(result: CardResult, out_dir: Path, stem: str, settings: Settings) -> None:
    vcard = contact_to_vcard(
        result.contact,
        version=settings.vcard_version,
        note=result.text if settings.include_note else None,
    )
    write_output(out_dir / f"{stem}.vcf", vcard)
    write_output(out_dir / f"{stem}.json", json.dumps(result_to_record(result), indent=2, ensure_ascii=False))


def write_summary_files(out_dir: Path, items: Iterable[BatchItem]) -> None:
    """contacts.vcf (every card) and report.csv (every file), rebuilt from the manifest."""
    cards = []
    rows = []
    for item in sorted(items, key=lambda i: i.file):
        for stem in item.outputs:
            vcf = out_dir / f"{stem}.vcf"
            if vcf.exists():
                cards.append(vcf.read_text(encoding="utf-8"))
        for i, _stem in enumerate(item.outputs or ("",)):
            rows.append(
                {
                    "file": item.file,
                    "status": item.status,
                    "card": i + 1 if item.outputs else "",
                    "name": item.names[i] if i < len(item.names) else "",
                    "organization": item.organizations[i] if i < len(item.organizations) else "",
                    "warnings": item.warnings,
                    "seconds": f"{item.seconds:.2f}",
                    "error": item.error,
                }
            )
    write_output(out_dir / "contacts.vcf", join_vcards(cards))
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=REPORT_COLUMNS)
    writer.writeheader()
    writer.writerows(rows)
    write_output(out_dir / "report.csv", buffer.getvalue())


class Task(NamedTuple):
    """An image to read: its path, content hash and the base its cards are named after (a tuple:
    the worker pool and the cluster send it as it is)."""

    path: Path
    sha256: str
    base: str


def hash_images(images: Iterable[Path], folder: Path) -> tuple[list[tuple[Path, str, str]], list[BatchItem]]:
    """(path, relative name, sha256) of each image whose bytes can be read; a failed row for the others."""
    hashed: list[tuple[Path, str, str]] = []
    failed: list[BatchItem] = []
    for path in images:
        rel = path.relative_to(folder).as_posix()
        try:
            hashed.append((path, rel, hash_bytes(path.read_bytes())))
        except OSError as error:
            failed.append(BatchItem(rel, "", UNREADABLE, error=f"{path}: {unreadable_problem(error)}"))
    return hashed, failed


def plan_work(
    images: Iterable[Path], folder: Path, manifest: Manifest, out_dir: Path, force: bool
) -> tuple[list[Task], list[BatchItem]]:
    """Split images into those to read and those already done or duplicated, and name each one's
    cards (`capture.outnames`): never two on one name, never a name an earlier run gave another."""
    hashed, done = hash_images(images, folder)
    # A file an earlier run read under this name keeps its outputs; later copies are the duplicates.
    hashed.sort(key=lambda entry: (getattr(manifest.get(entry[2]), "file", None) != entry[1], entry[1]))
    seen: dict[str, str] = {}
    unique: list[tuple[Path, str, str]] = []
    for path, rel, sha in hashed:
        if sha in seen:
            done.append(BatchItem(rel, sha, DUPLICATE, error=f"same image as {seen[sha]}"))
        else:
            seen[sha] = rel
            unique.append((path, rel, sha))
    finished = {sha: manifest.finished(sha, out_dir) for _path, _rel, sha in unique}
    claims = [
        Claim(rel, base_of(earlier.outputs) if earlier else None, finished[sha] is not None and not force)
        for _path, rel, sha in unique
        for earlier in [manifest.get(sha)]
    ]
    kept = (base_of(item.outputs) for sha, item in manifest.items.items() if sha not in seen)
    bases = plan_names(claims, [base for base in kept if base])
    todo: list[Task] = []
    for (path, rel, sha), claim in zip(unique, claims, strict=True):
        earlier = finished[sha]
        if claim.done and earlier is not None and bases[rel] == claim.earlier:
            done.append(BatchItem(rel, sha, SKIPPED, earlier.outputs))
        else:
            todo.append(Task(path, sha, bases[rel]))
    return todo, done


def save_what_is_done(
    out: Path, manifest: Manifest, saver: ManifestSaver, items: list[BatchItem], stopped: BaseException | None
) -> None:
    """Save the manifest and rewrite contacts.vcf and report.csv. On a full disk this may fail too:
    the sentence that stopped the batch then stands (the rerun re-reads what the manifest lacks)."""
    try:
        saver.save(manifest, now=True)
        write_summary_files(out, [manifest.report_item(item) for item in items])
    except OutputError:
        if stopped is None:
            raise


def run_batch(
    folder: str | Path,
    out_dir: str | Path,
    settings: Settings,
    *,
    workers: int | None = None,
    force: bool = False,
    cluster: str | None = None,
    shared_paths: bool = False,
    on_item: ProgressCallback | None = None,
    on_start: Callable[[int], None] | None = None,
    sink: ResultSink | None = None,
) -> BatchSummary:
    """Read every image under `folder` into `out_dir`, with local worker processes or on the Dask
    cluster at `cluster` (whose workers open the files themselves when `shared_paths`). Raises only
    for a bad folder, `ClusterError` once the cluster is lost, or `OutputError` when an output cannot
    be written (a full disk); what finished is written first, and a rerun reads the rest."""
    started = time.perf_counter()
    folder, out = Path(folder), Path(out_dir)
    contents = find_files(folder, out)
    with batch_lock(out):
        manifest = Manifest.load(out)
        todo, items = plan_work(contents.images, folder, manifest, out, force)
        items += contents.passed_over
        if on_start:
            on_start(len(contents.images) + len(contents.passed_over))
        for item in items:
            if on_item:
                on_item(item)
        workers = max(1, min(workers or os.cpu_count() or 1, len(todo) or 1))
        saver = ManifestSaver(out)
        stopped: BaseException | None = None
        try:
            for item, results in _read_all(todo, folder, settings, workers, cluster, shared_paths):
                if results:
                    item = write_results(item, results, folder, out, settings, sink)
                # Recorded only once its outputs are on disk: a crash re-reads this card, never loses it.
                manifest.record(item)
                saver.save(manifest)
                items.append(item)
                if on_item:
                    on_item(item)
        except (ClusterError, OutputError) as error:  # every file this run meant to read is in the report
            why = "the cluster was lost" if isinstance(error, ClusterError) else "its output could not be written"
            finished = {item.sha256 for item in items}
            items += [
                BatchItem(task.path.relative_to(folder).as_posix(), task.sha256, FAILED,
                          error=f"{task.path}: not read; {why}")
                for task in todo
                if task.sha256 not in finished
            ]  # fmt: skip
            stopped = error
            raise
        finally:  # the manifest and report list what is done even when the cluster was lost
            save_what_is_done(out, manifest, saver, items, stopped)
    failed = sum(1 for item in items if item.status in FAILURES)
    skipped = sum(1 for item in items if item.status in (SKIPPED, DUPLICATE))
    cards = sum(len(item.outputs) for item in items if item.status in (OK, SKIPPED, NOT_SAVED))
    return BatchSummary(
        tuple(sorted(items, key=lambda i: i.file)),
        out,
        cards,
        failed,
        skipped,
        time.perf_counter() - started,
    )


def write_results(
    item: BatchItem, results: list[CardResult], folder: Path, out: Path, settings: Settings, sink: ResultSink | None
) -> BatchItem:
    """Write each card's files, then hand it to `sink` (the contact store). A card the store refuses
    (busy past its patience, unreachable) leaves the file "not saved", with the store's sentence:
    its files are written, the batch goes on, and a rerun reads and saves it again."""
    refused: list[str] = []
    for result, stem in zip(results, item.outputs, strict=True):
        write_card_outputs(result, out, stem, settings)
        if sink:
            try:
                sink(result, folder / item.file)
            except CardcapError as error:
                refused.append(f"{folder / item.file}: {stem} was not saved in the contact store: {error}")
    return replace(item, status=NOT_SAVED, error="; ".join(refused)) if refused else item


def _read_all(
    todo: list[Task],
    folder: Path,
    settings: Settings,
    workers: int,
    cluster: str | None,
    shared_paths: bool,
) -> Iterable[tuple[BatchItem, list[CardResult] | None]]:
    def finish(path: Path, sha: str, stem: str, outcome: Outcome | WorkerDied):
        if isinstance(outcome, WorkerDied):
            outcome = (None, outcome.sentence(str(path)), 0.0)
        results, error, seconds = outcome
        rel = path.relative_to(folder).as_posix()
        if results is None:
            return BatchItem(rel, sha, FAILED, seconds=seconds, error=error), None
        outputs = tuple(f"{stem}{r.stem_suffix}" for r in results)
        return (
            BatchItem(
                rel,
                sha,
                OK,
                outputs,
                names=tuple(r.contact.name.full if r.contact.name else "" for r in results),
                organizations=tuple(r.contact.organization.value if r.contact.organization else "" for r in results),
                warnings=sum(len(r.contact.warnings) for r in results),
                seconds=seconds,
            ),
            results,
        )

    if not todo:
        return
    if cluster:
        from capture.cluster import Cluster

        connection = Cluster(cluster, settings)
        try:
            for (path, sha, stem), outcome in connection.read_all(todo, settings, shared_paths):
                yield finish(path, sha, stem, outcome)
        finally:
            connection.close()
        return
    pool = WorkerPool(workers, _scan_in_worker, _init_worker, (settings,))
    for (path, sha, stem), outcome in pool.run(todo):
        yield finish(path, sha, stem, outcome)
