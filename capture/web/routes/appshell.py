"""What makes the web app installable on a phone's home screen and usable without the server.

- `/manifest.webmanifest` and the icons (drawn by `capture.web.icons`), `/favicon.ico`;
- `/sw.js`, the service worker (`static/sw.js`): it keeps the Scan page and its files for when the
  server cannot be reached, and sends the photos waiting in the browser's outbox (IndexedDB, see
  `static/outbox.js`) once it can. It is served from the root so that it may look after every page,
  with a version made from the static files, so a changed file reaches phones at their next visit.

None of these need a login (they hold nothing personal): a browser fetches them without its
session, and a service worker script behind a redirect to the login page would not install.
"""

from __future__ import annotations

import hashlib
import json
from functools import lru_cache

from fastapi import APIRouter, HTTPException, Response

from capture.web.icons import ICON_SIZES, favicon_ico, icon_png
from capture.web.state import STATIC_DIR

router = APIRouter(include_in_schema=False)
PUBLIC = ("/favicon.ico", "/icons/", "/manifest.webmanifest", "/sw.js")
APPLE_TOUCH_SIZE = 180  # what iOS asks for with <link rel="apple-touch-icon">
THEME_COLOR = "#111827"  # the header bar's colour (app.css)
BACKGROUND_COLOR = "#f4f6fa"  # the page's (app.css --bg)
NO_STORE = {"Cache-Control": "no-cache"}  # the worker script: fetched again at every check for an update


def manifest() -> dict[str, object]:
    icons: list[dict[str, str]] = []
    for size in ICON_SIZES:
        source = {"src": f"/icons/icon-{size}.png", "sizes": f"{size}x{size}", "type": "image/png"}
        icons += [{**source, "purpose": "any"}, {**source, "purpose": "maskable"}]
    return {
        "id": "/",
        "name": "cardcap: business cards to contacts",
        "short_name": "cardcap",
        "description": "Photograph business cards, check what was read, and follow up after the interview.",
        "start_url": "/",
        "scope": "/",
        "display": "standalone",
        "background_color": BACKGROUND_COLOR,
        "theme_color": THEME_COLOR,
        "icons": icons,
    }


@lru_cache(maxsize=1)
def shell_version() -> str:
    """A short digest of every static file and of the icon: the service worker's cache name."""
    digest = hashlib.sha256(icon_png(ICON_SIZES[0]))
    for path in sorted(STATIC_DIR.rglob("*")):
        if path.is_file():
            digest.update(path.relative_to(STATIC_DIR).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


@router.get("/manifest.webmanifest")
def web_manifest() -> Response:
    return Response(json.dumps(manifest(), indent=1), media_type="application/manifest+json")


@router.get("/icons/icon-{size}.png")
def icon(size: int) -> Response:
    if size not in (*ICON_SIZES, APPLE_TOUCH_SIZE):
        raise HTTPException(404, "No icon of that size.")
    return Response(icon_png(size), media_type="image/png", headers={"Cache-Control": "public, max-age=86400"})


@router.get("/favicon.ico")
def favicon() -> Response:
    return Response(favicon_ico(), media_type="image/x-icon", headers={"Cache-Control": "public, max-age=86400"})


@router.get("/sw.js")
def service_worker() -> Response:
    script = (STATIC_DIR / "sw.js").read_text(encoding="utf-8")
    head = f"const VERSION = {json.dumps(shell_version())};\n"
    return Response(head + script, media_type="text/javascript; charset=utf-8", headers=NO_STORE)
