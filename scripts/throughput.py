"""Throughput of whole `cardcap batch` runs: cards/s with 1 and 2 local workers and on a 2-worker
local Dask cluster, per OCR mode, against one plain `tesseract IMAGE -` per image.

    python scripts/throughput.py                         # ../shared/realcards/images, 3 rounds
    python scripts/throughput.py --modes tesseract --runs local1,local2 --rounds 5

Each round runs plain Tesseract over every image (single-threaded, one process per image, as
`tesseract IMAGE -` does), then each batch configuration in turn (`cardcap batch DIR --force`,
a separate process, timed from start to exit: worker start and engine loading included); the
table gives medians over rounds, so runs that shared the machine with something else weigh
little. The cluster's scheduler and workers are started once, before the clock (a cluster stays
up between batches), with `capture.daskprocs`. Memory: the peak RSS of one worker process.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parent.parent
IMAGES = ROOT.parent / "shared" / "realcards" / "images"
SAMPLE_SECONDS = 0.2  # how often worker memory is sampled during a local run


@dataclass
class Runs:
    seconds: list[float] = field(default_factory=list)
    ratios: list[float] = field(default_factory=list)  # against the same round's plain Tesseract
    cpu_ratios: list[float] = field(default_factory=list)  # CPU seconds against plain Tesseract's
    rss_mb: list[float] = field(default_factory=list)


def children_cpu() -> float:
    """CPU seconds (user + system) of every child process ended so far, and theirs."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def plain_tesseract(images: list[Path]) -> tuple[float, float]:
    """Wall and CPU seconds of one plain `tesseract IMAGE -` per image, one after another."""
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    start, cpu = time.perf_counter(), children_cpu()
    for image in images:
        subprocess.run(["tesseract", str(image), "-"], capture_output=True, check=False, env=env)
    return time.perf_counter() - start, children_cpu() - cpu


def peak_worker_rss(process: psutil.Process, stop: threading.Event, peak: list[float]) -> None:
    """Largest RSS of any child of `process` (the batch's workers) while it runs."""
    while not stop.is_set():
        try:
            for child in process.children(recursive=True):
                peak[0] = max(peak[0], child.memory_info().rss / 2**20)
        except psutil.Error:
            pass
        stop.wait(SAMPLE_SECONDS)


def timed_batch(folder: Path, mode: str, workers: int, cluster: str | None) -> tuple[float, float, float]:
    """Wall seconds, CPU seconds (the batch process and its local workers) and peak worker RSS."""
    out = Path(tempfile.mkdtemp(prefix="cardcap-throughput-"))
    command = [str(Path(sys.executable).parent / "cardcap"), "batch", str(folder), "--out", str(out), "--force",
               "--engine", mode, "--workers", str(workers), "--json"]  # fmt: skip
    if cluster:
        command += ["--cluster", cluster]
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    start, cpu = time.perf_counter(), children_cpu()
    process = psutil.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    stop, peak = threading.Event(), [0.0]
    sampler = threading.Thread(target=peak_worker_rss, args=(process, stop, peak))
    sampler.start()
    _, stderr = process.communicate()
    seconds, cpu = time.perf_counter() - start, children_cpu() - cpu
    stop.set()
    sampler.join()
    shutil.rmtree(out, ignore_errors=True)
    if process.returncode not in (0, 1):
        raise SystemExit(f"cardcap batch failed ({process.returncode}): {stderr.decode()[-2000:]}")
    return seconds, cpu, peak[0]


def cluster_worker_rss(cluster) -> float:  # type: ignore[no-untyped-def]
    def peak() -> float:
        import resource

        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    with cluster.client() as client:
        return max(client.run(peak).values())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--images", default=str(IMAGES), help="folder of card images (default: the dev set)")
    parser.add_argument("--modes", default="tesseract,ppocr,both")
    parser.add_argument("--runs", default="local1,local2,cluster2", help="local1, local2 and/or cluster2")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    folder = Path(args.images)
    images = sorted(p for p in folder.iterdir() if p.suffix.lower() in {".jpg", ".jpeg", ".png", ".heic", ".webp"})
    if not images:
        print(f"No images in {folder}; nothing to measure.", file=sys.stderr)
        return 1
    modes, runs = args.modes.split(","), args.runs.split(",")
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # stop the cluster's processes on `kill` too
    cluster = None
    if "cluster2" in runs:
        from capture.daskprocs import DaskProcesses

        cluster = DaskProcesses(Path(tempfile.mkdtemp(prefix="cardcap-dask-")), workers=2)
    results: dict[tuple[str, str], Runs] = {(m, r): Runs() for m in modes for r in runs}
    plain: list[float] = []
    plain_cpu: list[float] = []
    try:
        for round_number in range(args.rounds):
            wall, cpu = plain_tesseract(images)
            plain.append(wall)
            plain_cpu.append(cpu)
            for mode in modes:
                for run in runs:
                    address = cluster.address if cluster and run == "cluster2" else None
                    seconds, cpu, rss = timed_batch(folder, mode, 1 if run == "local1" else 2, address)
                    entry = results[mode, run]
                    entry.seconds.append(seconds)
                    entry.ratios.append(seconds / plain[-1])
                    entry.cpu_ratios.append(cpu / plain_cpu[-1])
                    print(f"  round {round_number + 1}: {mode} {run} {seconds:.1f} s, {cpu:.1f} CPU s; plain "
                          f"tesseract {plain[-1]:.1f} s, {plain_cpu[-1]:.1f} CPU s", file=sys.stderr, flush=True)
                    entry.rss_mb.append(cluster_worker_rss(cluster) if address and cluster else rss)
            print(f"round {round_number + 1}/{args.rounds} done", file=sys.stderr)
    finally:
        if cluster:
            cluster.stop()
    n = len(images)
    print(f"\n{n} images in {folder}; plain `tesseract IMAGE -` (OMP_THREAD_LIMIT=1), one after another: "
          f"median {statistics.median(plain):.1f} s ({n / statistics.median(plain):.2f} images/s), "
          f"{statistics.median(plain_cpu):.1f} CPU s; "
          f"{args.rounds} rounds, medians\n")  # fmt: skip
    # CPU s / plain: the batch's CPU time (main process and local workers; not a cluster's workers)
    # against plain Tesseract's: what the cores would give on a quiet machine, one worker.
    print("| mode | run | seconds | cards/s | ours / plain tesseract | CPU s / plain | vs 1 local worker "
          "| peak RSS per worker |")
    print("|---|---|---|---|---|---|---|---|")
    for mode in modes:
        one = statistics.median(results[mode, "local1"].seconds) if "local1" in runs else None
        for run in runs:
            entry = results[mode, run]
            seconds = statistics.median(entry.seconds)
            scaling = f"{seconds / one:.2f}" if one else "-"
            cpu = f"{statistics.median(entry.cpu_ratios):.2f}" if run != "cluster2" else "-"
            print(f"| {mode} | {run} | {seconds:.1f} | {n / seconds:.2f} | {statistics.median(entry.ratios):.2f} "
                  f"| {cpu} | {scaling} | {max(entry.rss_mb):.0f} MB |")  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
