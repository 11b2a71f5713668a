"""Benchmark: how soon a card photographed on a phone can be reviewed, through the HTTP API of a
real, warm `cardcap serve` (both OCR engines, the default).

    python scripts/bench_web.py                  # 5 generated 12-megapixel photos, 5 rounds
    python scripts/bench_web.py --rounds 9 --real 4   # and 4 of ../shared/realcards' large photos

Each round sends every photo twice, the two ways interleaved so that a busy moment of the shared
machine weighs on both alike:

- *first answer*: POST /api/uploads (the phone's way), then GET /api/uploads/{id} every 20 ms until
  the first card is reviewable, then GET its review page: the time from the upload's answer to the
  page is what a person waits after the photo is sent;
- *whole reading*: POST /api/scan, which answers once every engine has read the card (what the
  review page waited for before the queue): the time from the last byte sent to the answer.

Medians (and the slowest run) over the rounds; the server's own figures (`first_ready_seconds`,
`finished_seconds` of each job) beside them. Photos are made fresh each run (a few bytes appended
after the JPEG's end), since the server reads a photo it already has only once.
"""

from __future__ import annotations

import argparse
import io
import os
import random
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
REAL = ROOT.parent / "shared" / "realcards" / "images"
PHOTO_SIZE = (4000, 3000)  # 12 megapixels, as a phone's main camera takes them
POLL_SECONDS = 0.02
TIMEOUT = 120.0


@dataclass
class Runs:
    first: list[float] = field(default_factory=list)  # upload answered -> review page received (client)
    server_first: list[float] = field(default_factory=list)  # upload kept -> first card put (server)
    server_final: list[float] = field(default_factory=list)  # upload kept -> every reader done (server)
    upload: list[float] = field(default_factory=list)  # the upload request itself
    whole: list[float] = field(default_factory=list)  # /api/scan: request sent -> answer


def generated_photos(count: int, seed: int) -> list[tuple[str, bytes]]:
    """`count` photos of generated cards on a desk, 4000 x 3000 JPEGs (never the dev cards)."""
    from samples.cardgen.photo import photograph
    from samples.generate import make_cards

    photos = []
    for number, card in enumerate(make_cards(count, seed, langs=("en", "de", "fr", "es", "pt"))):
        image, _ = photograph(card.image.convert("RGB"), random.Random(seed + number), size=PHOTO_SIZE)
        out = io.BytesIO()
        image.save(out, "JPEG", quality=90)
        photos.append((f"generated-{number + 1}.jpg", out.getvalue()))
    return photos


def real_photos(count: int) -> list[tuple[str, bytes]]:
    """The largest photos of the shared dev set, read where they are (never copied)."""
    if not REAL.is_dir() or not count:
        return []
    from PIL import Image

    large = [p for p in sorted(REAL.glob("*.jpg")) if (lambda s: s[0] * s[1])(Image.open(p).size) >= 8e6]
    return [(p.name, p.read_bytes()) for p in large[:count]]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def start_server(folder: Path) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    env = {**os.environ, "XDG_DATA_HOME": str(folder / "data"), "OMP_THREAD_LIMIT": "1"}
    cardcap = Path(sys.executable).parent / "cardcap"
    with open(folder / "serve.log", "wb") as log:  # the child keeps its own copy of the descriptor
        server = subprocess.Popen([str(cardcap), "serve", "--port", str(port), "--db", str(folder / "store.sqlite3")],
                                  env=env, stdout=subprocess.DEVNULL, stderr=log)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            httpx.get(url + "/favicon.ico", timeout=1)
            return server, url
        except httpx.HTTPError:
            time.sleep(0.2)
    server.kill()
    raise SystemExit(f"cardcap serve did not start; see {folder / 'serve.log'}")


def fresh(data: bytes, run: int) -> bytes:
    return data + f"cardcap-bench-{run}-{time.time_ns()}".encode()


def first_answer(client: httpx.Client, name: str, data: bytes, runs: Runs) -> None:
    start = time.perf_counter()
    answer = client.post("/api/uploads", files={"files": (name, data, "image/jpeg")})
    answered = time.perf_counter()
    answer.raise_for_status()
    job_id = answer.json()["jobs"][0]["id"]
    deadline = answered + TIMEOUT
    while time.perf_counter() < deadline:
        job = client.get(f"/api/uploads/{job_id}").json()
        if job["state"] == "failed":
            raise SystemExit(f"{name}: {job['message']}")
        if job["cards"]:
            client.get(job["cards"][0]["review_url"]).raise_for_status()
            runs.first.append(time.perf_counter() - answered)
            runs.upload.append(answered - start)
            break
        time.sleep(POLL_SECONDS)
    while job["state"] not in ("done", "failed") and time.perf_counter() < deadline:
        time.sleep(POLL_SECONDS * 5)
        job = client.get(f"/api/uploads/{job_id}").json()
    runs.server_first.append(job["first_ready_seconds"])
    runs.server_final.append(job["finished_seconds"])


def whole_reading(client: httpx.Client, name: str, data: bytes, runs: Runs) -> None:
    start = time.perf_counter()
    client.post("/api/scan", files={"files": (name, data, "image/jpeg")}).raise_for_status()
    runs.whole.append(time.perf_counter() - start)


def median_and_worst(values: list[float]) -> str:
    return f"{statistics.median(values):5.2f} s (slowest {max(values):.2f})" if values else "  -"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--photos", type=int, default=5, help="generated 12-megapixel photos")
    parser.add_argument("--real", type=int, default=0, help="large photos of ../shared/realcards (read in place)")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--seed", type=int, default=2718)
    args = parser.parse_args()

    photos = generated_photos(args.photos, args.seed) + real_photos(args.real)
    folder = Path(tempfile.mkdtemp(prefix="cardcap-bench-web-"))
    server, url = start_server(folder)
    runs = Runs()
    try:
        with httpx.Client(base_url=url, timeout=TIMEOUT) as client:
            for run, (name, data) in enumerate(photos[:2]):  # engines loaded and warmed, as on a server in use
                whole_reading(client, name, fresh(data, -1 - run), Runs())
            run = 0
            for round_number in range(args.rounds):
                for name, data in photos:
                    order = (first_answer, whole_reading) if (round_number + run) % 2 == 0 else (whole_reading,
                                                                                                  first_answer)
                    for way in order:
                        run += 1
                        way(client, name, fresh(data, run), runs)
                print(f"round {round_number + 1}/{args.rounds}: first answer {median_and_worst(runs.first)}, "
                      f"whole reading {median_and_worst(runs.whole)}", flush=True)
    finally:
        server.terminate()
        server.wait(timeout=30)
        shutil.rmtree(folder, ignore_errors=True)

    print(f"\nA warm `cardcap serve` (both engines), {len(photos)} photos "
          f"({args.photos} generated at {PHOTO_SIZE[0]}x{PHOTO_SIZE[1]}, {len(photos) - args.photos} real), "
          f"{args.rounds} rounds, the two ways interleaved; medians:")
    print(f"  upload answered -> review page shown (first answer) {median_and_worst(runs.first)}")
    print(f"    server: upload kept -> first card reviewable   {median_and_worst(runs.server_first)}")
    print(f"    server: upload kept -> every reader done       {median_and_worst(runs.server_final)}")
    print(f"  POST /api/scan -> answer (every reader, as before)  {median_and_worst(runs.whole)}")
    print(f"  the upload itself (loopback)                       {median_and_worst(runs.upload)}")


if __name__ == "__main__":
    main()
