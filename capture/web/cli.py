"""`cardcap serve`: the web app on 127.0.0.1 (no password) or on the LAN for a phone (password asked)."""

from __future__ import annotations

import os
import socket
import sys
from pathlib import Path
from typing import Annotated

import typer

from capture.cliutil import path_option
from capture.cluster import Cluster, cluster_address
from capture.errors import CardcapError, SettingsError
from capture.settings import Settings
from capture.web.access import TOKEN_ENV, lan_auth
from capture.web.security import WebAuth, is_loopback
from capture.web.tls import TlsFiles, own_certificate, self_signed


def lan_address() -> str:
    """This machine's address on the local network (no packet is sent), for the phone's URL."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(("10.255.255.255", 1))
            return str(probe.getsockname()[0])
        except OSError:
            return "127.0.0.1"


def ask_password() -> str:
    return str(typer.prompt("Set a password for the web app (phones must log in)", hide_input=True,
                            confirmation_prompt=True))


def serve_command(
    host: Annotated[str, typer.Option(help="Address to listen on; 0.0.0.0 serves the LAN and asks a password.")]
    = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="Port to listen on.")] = 8000,
    db: Annotated[str | None, typer.Option(help="Contact store: SQLAlchemy URL or SQLite file (default CARDCAP_DB).")]
    = None,
    region: Annotated[str, typer.Option(help="Country assumed for phone numbers without a country code.")] = "US",
    carddav: Annotated[str | None, typer.Option(help="CardDAV address book URL for 'Push to address book'.")] = None,
    carddav_user: Annotated[str | None, typer.Option(help="CardDAV user name.")] = None,
    carddav_password_env: Annotated[str | None, typer.Option(help="Environment variable holding the CardDAV password.")]
    = None,
    reset_password: Annotated[bool, typer.Option(help="Set a new web password.")] = False,
    https: Annotated[bool, typer.Option(
        "--https", help="Serve over HTTPS with a self-signed certificate cardcap makes once and remembers "
                        "(its fingerprint is printed, for the phone to check).")] = False,
    certfile: Annotated[Path | None, path_option("--certfile", help="Serve over HTTPS with this PEM certificate.")]
    = None,
    keyfile: Annotated[Path | None, path_option("--keyfile", help="The private key of --certfile (PEM).")] = None,
    cluster: Annotated[str | None, typer.Option(help="Read the scans on this Dask cluster, e.g. tcp://HOST:8786 "
                                                     "(default: $CARDCAP_CLUSTER; none: read them here).")] = None,
) -> None:
    """Serve the web app: scan a card with a phone, review it, save it, follow up.

    On the LAN (--host 0.0.0.0) a password is asked. Add --https so the password and the session
    cookie never cross the Wi-Fi in clear text.
    """
    import uvicorn

    from capture.web.app import create_app
    from capture.web.state import CardDavSettings

    try:
        tls = serving_tls(https, certfile, keyfile, host)
        settings = Settings(region=region)
        url = db if db is None or "://" in db else f"sqlite:///{Path(db).expanduser().resolve()}"
        auth = WebAuth()
        if not is_loopback(host) or os.environ.get(TOKEN_ENV) or reset_password:
            auth = lan_auth(ask=ask_password if sys.stdin.isatty() else None,
                            announce=lambda line: typer.echo(line, err=True), reset=reset_password)
        password = os.environ.get(carddav_password_env, "") if carddav_password_env else ""
        dav = CardDavSettings(carddav, carddav_user or "", password) if carddav else None
        address = cluster_address(cluster)
        reader = Cluster(address, settings) if address else None
        app = create_app(settings, url, auth, carddav=dav, cluster=reader, warm=True)
    except CardcapError as error:
        typer.echo(f"cardcap: {error}", err=True)
        raise typer.Exit(int(error.exit_code)) from None
    shown = lan_address() if host in ("0.0.0.0", "::") else host
    scheme = "https" if tls else "http"
    typer.echo(f"cardcap is serving on {scheme}://{shown}:{port}/"
               + ("" if is_loopback(host) else "  (password required)"), err=True)
    if tls:
        typer.echo(f"HTTPS certificate {tls.certfile}{' (new)' if tls.made else ''}; its SHA-256 fingerprint, "
                   f"to compare with what the phone shows when it warns about the certificate:\n  {tls.fingerprint}",
                   err=True)
    uvicorn.run(app, host=host, port=port, log_level="warning", proxy_headers=False, server_header=False,
                ssl_certfile=str(tls.certfile) if tls else None, ssl_keyfile=str(tls.keyfile) if tls else None)


def serving_tls(https: bool, certfile: Path | None, keyfile: Path | None, host: str) -> TlsFiles | None:
    """The certificate to serve with: the person's own (--certfile/--keyfile), the remembered
    self-signed one (--https), or None for plain HTTP."""
    if certfile or keyfile:
        if not (certfile and keyfile):
            raise SettingsError("--certfile and --keyfile go together: give the certificate and its private key.")
        return own_certificate(certfile, keyfile)
    if https:
        return self_signed(hosts=(lan_address(), host))
    return None
