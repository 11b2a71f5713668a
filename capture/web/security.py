"""Who may use the web app: a password (or token) for LAN use, signed session cookies and CSRF tokens.

On 127.0.0.1 nobody else can reach the server, so no password is asked; on the LAN a phone must
log in. The password is kept only as an scrypt hash. Sessions are random ids signed with a
per-process key (a restart logs everyone out, which is fine for a personal tool). Forms carry a
CSRF token derived from the session, and unsafe requests from another site's page are refused by
their Origin header, so a web page open in the same browser cannot post to this app.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import ipaddress
import secrets
from dataclasses import dataclass, field

from starlette.requests import Request
from starlette.responses import Response

SESSION_COOKIE = "cardcap_session"
DEVICE_COOKIE = "cardcap_device"  # a browser that logged in before: see `capture.web.throttle`
DEVICE_COOKIE_SECONDS = 400 * 24 * 3600  # the longest browsers keep a cookie
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**14, 8, 1
MIN_PASSWORD_LENGTH = 8


def hash_password(password: str, salt: bytes | None = None) -> str:
    """'scrypt$n$r$p$salt$hash' (base64), safe to write in a config file."""
    salt = salt or secrets.token_bytes(16)
    digest = hashlib.scrypt(password.encode(), salt=salt, n=SCRYPT_N, r=SCRYPT_R, p=SCRYPT_P, dklen=32)
    encode = base64.urlsafe_b64encode
    return f"scrypt${SCRYPT_N}${SCRYPT_R}${SCRYPT_P}${encode(salt).decode()}${encode(digest).decode()}"


def verify_password(password: str, stored: str) -> bool:
    try:
        scheme, n, r, p, salt, digest = stored.split("$")
        if scheme != "scrypt":
            return False
        expected = base64.urlsafe_b64decode(digest)
        actual = hashlib.scrypt(
            password.encode(), salt=base64.urlsafe_b64decode(salt), n=int(n), r=int(r), p=int(p), dklen=len(expected)
        )
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(actual, expected)


def is_loopback(host: str) -> bool:
    """True for 127.0.0.1, ::1 and localhost: addresses only this machine can reach."""
    if host.strip("[]").lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


@dataclass(frozen=True)
class WebAuth:
    """The access rule of one running app. `password_hash=None` means no login is asked."""

    password_hash: str | None = None
    secret: bytes = field(default_factory=lambda: secrets.token_bytes(32), repr=False)
    # digests of Bearer tokens already checked, so an API client costs one scrypt hash, not one a request
    verified: set[str] = field(default_factory=set, repr=False, compare=False)

    @property
    def required(self) -> bool:
        return self.password_hash is not None

    def check_password(self, password: str) -> bool:
        return self.password_hash is not None and verify_password(password, self.password_hash)

    def _sign(self, purpose: str, value: str, key: bytes | None = None) -> str:
        mac = hmac.new(key or self.secret, f"{purpose}:{value}".encode(), hashlib.sha256).digest()
        return base64.urlsafe_b64encode(mac).decode().rstrip("=")

    @property
    def _device_key(self) -> bytes:
        # Device cookies outlive a restart, unlike sessions: their key comes from the stored
        # password hash, so setting a new password forgets every device.
        if self.password_hash is None:
            return self.secret
        return hashlib.sha256(b"cardcap device cookie\0" + self.password_hash.encode()).digest()

    def _new_signed(self, purpose: str, size: int, key: bytes | None = None) -> str:
        value = secrets.token_urlsafe(size)
        return f"{value}.{self._sign(purpose, value, key)}"

    def _signed_value(self, purpose: str, cookie: str | None, key: bytes | None = None) -> str | None:
        if not cookie or "." not in cookie:
            return None
        value, signature = cookie.rsplit(".", 1)
        return value if hmac.compare_digest(signature, self._sign(purpose, value, key)) else None

    def new_device(self) -> str:
        """A device cookie value: a random device id and its signature."""
        return self._new_signed("device", 16, self._device_key)

    def device_id(self, cookie: str | None) -> str | None:
        """The device id if the cookie is a device cookie this password's server signed, else None."""
        return self._signed_value("device", cookie, self._device_key)

    def new_session(self) -> str:
        """A cookie value: a random session id and its signature."""
        return self._new_signed("session", 24)

    def session_id(self, cookie: str | None) -> str | None:
        """The session id if the cookie is one this app signed, else None."""
        return self._signed_value("session", cookie)

    def csrf_token(self, session_id: str) -> str:
        return self._sign("csrf", session_id)

    def check_csrf(self, session_id: str, token: str | None) -> bool:
        return bool(token) and hmac.compare_digest(str(token), self.csrf_token(session_id))

    def remembers_token(self, token: str) -> bool:
        """Whether this Bearer token was already found right (no scrypt hash needed again)."""
        return self._sign("bearer", token) in self.verified

    def remember_token(self, token: str) -> None:
        self.verified.add(self._sign("bearer", token))


def bearer_token(header: str | None) -> str | None:
    """The token of an `Authorization: Bearer <password or token>` header, else None."""
    if not header or not header.lower().startswith("bearer "):
        return None
    return header[7:].strip()


def set_cookie(response: Response, request: Request, name: str, value: str, max_age: int | None = None) -> None:
    """A cookie scripts cannot read, sent back only with this site's own navigation, and only over
    HTTPS when the server is served over HTTPS (so the password's session never crosses in clear)."""
    response.set_cookie(name, value, max_age=max_age, httponly=True, samesite="lax", path="/",
                        secure=request.url.scheme == "https")


def same_site_request(fetch_site: str | None, origin: str | None, host: str | None) -> bool:
    """Whether an unsafe request comes from this app's own pages (or from a non-browser client).

    Browsers say where a request comes from in `Sec-Fetch-Site` (which pages cannot forge); older
    ones only in `Origin`. A client that sends neither is not a browser page, so not a CSRF vector.
    """
    if fetch_site:
        return fetch_site in ("same-origin", "none")
    return same_origin(origin, host)


def same_origin(origin: str | None, host: str | None) -> bool:
    """Whether a request's Origin header (if any) names this server; no Origin = not a browser form."""
    if not origin:
        return True
    if origin == "null" or not host:
        return False
    return origin.split("://", 1)[-1].rstrip("/").lower() == host.lower()
