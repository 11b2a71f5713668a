"""The upload page: a big camera button on a phone, drag and drop on a desktop."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response
from fastapi.responses import RedirectResponse

from capture.web.pages import read_form, render
from capture.web.scanning import read_uploads, uploaded_files
from capture.web.state import get_state

router = APIRouter(include_in_schema=False)


@router.get("/")
def upload_page(request: Request) -> Response:
    return render(request, "upload.html")


@router.post("/upload")
async def upload(request: Request) -> Response:
    """The no-JavaScript path (the page's script posts each file to /api/scan instead)."""
    state = get_state(request)
    form = await read_form(request)
    files, refused = uploaded_files(form)
    outcome = await read_uploads(files, state.settings, state.workspace, state.engine, state.cluster, refused)
    if not outcome.keys:
        return render(request, "upload.html", {"problems": outcome.problems}, outcome.status)
    first, *rest = outcome.keys
    query = f"?next={','.join(k.text for k in rest)}" if rest else ""
    if outcome.problems:
        return render(request, "upload.html", {"problems": outcome.problems, "keys": outcome.keys}, 200)
    return RedirectResponse(f"/review/{first.text}{query}", status_code=303)
