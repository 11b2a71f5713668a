"""The Scan page: a big camera button on a phone, drag and drop on a desktop, and the review queue
of the cards being read. Its script sends each photo to /api/uploads; these routes are the
no-JavaScript path and the queue's own actions."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, Request, Response
from fastapi.responses import RedirectResponse

from capture.web.pages import read_form, render, text_fields
from capture.web.queueview import queue_view
from capture.web.scanning import accept_uploads, uploaded_files
from capture.web.state import get_state
from capture.web.workspace import CardKey

router = APIRouter(include_in_schema=False)


def scan_page(request: Request, context: dict[str, object] | None = None, status: int = 200) -> Response:
    return render(request, "upload.html", {"queue": queue_view(get_state(request).queue), **(context or {})}, status)


@router.get("/")
def upload_page(request: Request) -> Response:
    return scan_page(request)


@router.get("/queue/list")
def queue_list(request: Request) -> Response:
    """The queue alone, for the Scan page's script to refresh while cards are read."""
    return render(request, "_queue.html", {"queue": queue_view(get_state(request).queue)})


@router.post("/upload")
async def upload(request: Request) -> Response:
    """The no-JavaScript path: every photo of the form queued, then the Scan page with the queue."""
    state = get_state(request)
    form = await read_form(request)
    files, refused = uploaded_files(form)
    outcome = await accept_uploads(files, state.settings, state.queue, refused)
    if outcome.problems:
        return scan_page(request, {"problems": outcome.problems}, 200 if outcome.jobs else outcome.status)
    return RedirectResponse("/", status_code=303)


def posted_key(form: dict[str, str], name: str) -> CardKey:
    key = CardKey.parse(form.get(name, ""))
    if key is None:
        raise HTTPException(404, "No such card.")
    return key


@router.post("/queue/pair")
async def pair(request: Request) -> Response:
    """Two cards of the queue are the front and the back of one card: one contact."""
    form = text_fields(await read_form(request))
    front, back = posted_key(form, "front"), posted_key(form, "back")
    workspace = get_state(request).workspace
    if front == back or workspace.get(front) is None or workspace.get(back) is None:
        raise HTTPException(404, "These cards are no longer waiting for review.")
    workspace.pair(front, back)
    return RedirectResponse("/", status_code=303)


@router.post("/queue/unpair")
async def unpair(request: Request) -> Response:
    form = text_fields(await read_form(request))
    get_state(request).workspace.unpair(posted_key(form, "back"))
    return RedirectResponse("/", status_code=303)


@router.post("/queue/{job_id}/dismiss")
async def dismiss(request: Request, job_id: str) -> Response:
    await read_form(request)
    get_state(request).queue.dismiss(job_id)
    return RedirectResponse("/", status_code=303)


@router.get("/review/next")
def review_next(request: Request) -> Response:
    """The first card waiting for review, or the Scan page (which opens it once it is read)."""
    view = queue_view(get_state(request).queue)
    if view.next is not None:
        return RedirectResponse(f"/review/{view.next.text}", status_code=303)
    return RedirectResponse("/?next=wait" if view.pending else "/", status_code=303)
