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
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from capture.atomic import write_atomic
from capture.cluster import ClusterError
from capture.contact import CardResult
from capture.errors import InputFileError
from capture.export import contact_to_vcard, join_vcards, result_to_record
from capture.load import IMAGE_SUFFIXES, hash_bytes
from capture.manifest import MANIFEST_NAME, BatchItem, Manifest, ManifestSaver
from capture.settings import Settings
from capture.workers import WorkerDied, WorkerPool

if TYPE_CHECKING:
    from capture.api import Outcome

__all__ = ["MANIFEST_NAME", "BatchItem", "BatchSummary", "Manifest", "find_images", "run_batch"]

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


def find_images(folder: Path) -> list[Path]:
    """Every file under `folder` (recursively) whose name ends like an image, hidden files skipped."""
    if not folder.exists():
        raise InputFileError(folder, "does not exist")
    if not folder.is_dir():
        raise InputFileError(folder, "is not a folder; use `cardcap scan` for single images")
    found = [
        path
        for path in sorted(folder.rglob("*"))
        if path.is_file()
        and path.suffix.lower() in IMAGE_SUFFIXES
        and not any(part.startswith(".") for part in path.relative_to(folder).parts)
    ]
    if not found:
        kinds = ", ".join(sorted(IMAGE_SUFFIXES))
        raise InputFileError(folder, f"contains no images (looked for {kinds})")
    return found


def output_stems(files: list[Path], folder: Path) -> dict[Path, str]:
    """`<stem>` per file; files that share a stem in different subfolders get their path in the name."""
    by_stem: dict[str, list[Path]] = {}
    for path in files:
        by_stem.setdefault(path.stem, []).append(path)
    stems = {}
    for stem, paths in by_stem.items():
        for path in paths:
            if len(paths) == 1:
                stems[path] = stem
            else:
                stems[path] = "__".join(path.relative_to(folder).with_suffix("").parts)
    return stems


# --- worker side -----------------------------------------------------------------------------

_worker_settings: Settings | None = None


def _init_worker(settings: Settings) -> None:
    global _worker_settings
    os.environ["OMP_THREAD_LIMIT"] = "1"
    _worker_settings = settings
    from capture.api import engines_for

    engines_for(settings)  # load the OCR engine(s) once per process, not once per card


def _scan_in_worker(task: tuple[Path, str, str]) -> Outcome:
    from capture.api import scan_outcome

    assert _worker_settings is not None
    return scan_outcome(str(task[0]), str(task[0]), _worker_settings)


# --- main process ----------------------------------------------------------------------------


def write_card_outputs(result: CardResult, out_dir: Path, stem: str, settings: Settings) -> None:
    vcard = contact_to_vcard(
        result.contact,
        version=settings.vcard_version,
        note=result.text if settings.include_note else None,
    )
    write_atomic(out_dir / f"{stem}.vcf", vcard)
    write_atomic(out_dir / f"{stem}.json", json.dumps(result_to_record(result), indent=2, ensure_ascii=False))


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
    write_atomic(out_dir / "contacts.vcf", join_vcards(cards))
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=REPORT_COLUMNS)
    writer.writeheader()
    writer.writerows(rows)
    write_atomic(out_dir / "report.csv", buffer.getvalue())


def plan_work(
    files: list[Path], folder: Path, manifest: Manifest, out_dir: Path, force: bool
) -> tuple[list[tuple[Path, str, str]], list[BatchItem]]:
    """Split files into those to read (path, sha, stem) and those already done or duplicated."""
    stems = output_stems(files, folder)
    todo: list[tuple[Path, str, str]] = []
    done: list[BatchItem] = []
    seen: dict[str, str] = {}
    hashed: list[tuple[Path, str, str]] = []
    for path in files:
        rel = str(path.relative_to(folder))
        try:
            hashed.append((path, rel, hash_bytes(path.read_bytes())))
        except OSError as error:
            done.append(BatchItem(rel, "", "failed", error=f"{path}: cannot be read ({error.strerror or error})"))
    # A file an earlier run read under this name keeps its outputs; later copies are the duplicates.
    hashed.sort(key=lambda item: (getattr(manifest.get(item[2]), "file", None) != item[1], item[1]))
    for path, rel, sha in hashed:
        if sha in seen:
            done.append(BatchItem(rel, sha, "duplicate", error=f"same image as {seen[sha]}"))
            continue
        seen[sha] = rel
        finished = manifest.finished(sha, out_dir)
        if finished is not None and not force:
            done.append(BatchItem(rel, sha, "skipped", finished.outputs))
        else:
            todo.append((path, sha, stems[path]))
    return todo, done


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
    for a bad folder, or `ClusterError` once the cluster is lost (what finished is written first)."""
    started = time.perf_counter()
    folder, out = Path(folder), Path(out_dir)
    files = find_images(folder)
    out.mkdir(parents=True, exist_ok=True)
    manifest = Manifest.load(out)
    todo, items = plan_work(files, folder, manifest, out, force)
    if on_start:
        on_start(len(files))
    for item in items:
        if on_item:
            on_item(item)
    workers = max(1, min(workers or os.cpu_count() or 1, len(todo) or 1))
    saver = ManifestSaver(out)
    try:
        for item, results in _read_all(todo, folder, settings, workers, cluster, shared_paths):
            if results:
                for result, stem in zip(results, item.outputs, strict=True):
                    write_card_outputs(result, out, stem, settings)
                    if sink:
                        sink(result, folder / item.file)
            # Recorded only once its outputs are on disk: a crash re-reads this card, never loses it.
            manifest.record(item)
            saver.save(manifest)
            items.append(item)
            if on_item:
                on_item(item)
    except ClusterError:  # every file this run meant to read is in the report, with why it was not
        finished = {item.sha256 for item in items}
        items += [
            BatchItem(str(path.relative_to(folder)), sha, "failed", error=f"{path}: not read; the cluster was lost")
            for path, sha, _stem in todo
            if sha not in finished
        ]
        raise
    finally:  # the manifest and report list what is done even when the cluster was lost
        saver.save(manifest, now=True)
        write_summary_files(out, [manifest.report_item(item) for item in items])
    failed = sum(1 for item in items if item.status == "failed")
    skipped = sum(1 for item in items if item.status in ("skipped", "duplicate"))
    cards = sum(len(item.outputs) for item in items if item.status in ("ok", "skipped"))
    return BatchSummary(
        tuple(sorted(items, key=lambda i: i.file)),
        out,
        cards,
        failed,
        skipped,
        time.perf_counter() - started,
    )


def _read_all(
    todo: list[tuple[Path, str, str]],
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
        rel = str(path.relative_to(folder))
        if results is None:
            return BatchItem(rel, sha, "failed", seconds=seconds, error=error), None
        outputs = tuple(f"{stem}{r.stem_suffix}" for r in results)
        return (
            BatchItem(
                rel,
                sha,
                "ok",
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
