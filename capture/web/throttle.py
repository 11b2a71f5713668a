"""Slowing down password guessing without ever locking the owner out.

Two counters, and neither checks a password while it holds a client back (so a held-back guess
costs the guesser a wait, never the server an scrypt hash):

- per client: a few wrong passwords are free (typos); after that the client waits, twice as long
  after each further wrong one, up to a quarter of an hour. A client is its address, or, for a
  browser that logged in before, its device cookie. A flood of wrong passwords from one device on
  the LAN holds back that device only.
- per credential (the one password, whichever form it arrives in: the login form or
  `Authorization: Bearer`): many wrong passwords from many addresses within a window mean a
  spread-out guessing attempt. Then only *known* clients get their password checked: a browser
  holding the device cookie of an earlier login, or an address that logged in since the server
  started. Everyone else waits until the window has passed.

The right password from a client that is not itself held back is always accepted, so the owner
is never locked out by somebody else's guessing. The clock is a parameter (tests move it).
"""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field

FREE_FAILURES = 5  # wrong passwords from one address before it has to wait (typos on a phone)
FIRST_WAIT = 30.0  # seconds, doubled with each further wrong password
LONGEST_WAIT = 15 * 60.0
FORGET_AFTER = 60 * 60.0  # an address's count starts again after an hour without a wrong password
SPREAD_FAILURES = 100  # wrong passwords from unknown clients, all addresses together, within...
SPREAD_WINDOW = 15 * 60.0  # ...this window, before only known clients are checked
MAX_ADDRESSES = 10_000  # addresses remembered at once (an attacker with many IPv6 addresses)


@dataclass(frozen=True)
class Verdict:
    """Whether a password may be checked now; if not, how long to wait and why (one sentence)."""

    wait: float = 0.0
    message: str = ""

    @property
    def allowed(self) -> bool:
        return self.wait <= 0


@dataclass
class Strikes:
    count: int = 0
    last: float = 0.0


def wait_after(count: int) -> float:
    """Seconds an address waits after `count` wrong passwords in a row."""
    if count < FREE_FAILURES:
        return 0.0
    return min(FIRST_WAIT * 2 ** (count - FREE_FAILURES), LONGEST_WAIT)


def in_words(seconds: float) -> str:
    if seconds < 90:
        whole = max(1, round(seconds))
        return f"{whole} second{'s' if whole != 1 else ''}"
    minutes = round(seconds / 60)
    return f"{minutes} minutes"


@dataclass
class LoginThrottle:
    clock: Callable[[], float] = time.monotonic
    strikes: dict[str, Strikes] = field(default_factory=dict)
    spread: deque[float] = field(default_factory=deque)  # times of wrong passwords from unknown clients
    known: set[str] = field(default_factory=set)  # addresses that gave the right password
    lock: threading.Lock = field(default_factory=threading.Lock)

    def check(self, address: str, device: str | None = None) -> Verdict:
        """May the password this client sends be checked now? `device`: the id in a valid device
        cookie (a browser that logged in before), else None."""
        now = self.clock()
        client = device or address
        with self.lock:
            strikes = self.strikes.get(client)
            if strikes and now - strikes.last > FORGET_AFTER:
                del self.strikes[client]
                strikes = None
            if strikes:
                left = strikes.last + wait_after(strikes.count) - now
                if left > 0:
                    return Verdict(left, f"Too many wrong passwords from this device; try again in {in_words(left)}.")
            if not (device or address in self.known):
                self._forget_old(now)
                if len(self.spread) >= SPREAD_FAILURES:
                    left = self.spread[0] + SPREAD_WINDOW - now
                    return Verdict(left, "Too many wrong passwords from several devices: only a device that has "
                                         f"logged in before may log in now; others try again in {in_words(left)}.")
        return Verdict()

    def failed(self, address: str, device: str | None = None) -> None:
        now = self.clock()
        with self.lock:
            strikes = self.strikes.setdefault(device or address, Strikes())
            strikes.count, strikes.last = strikes.count + 1, now
            if not (device or address in self.known):
                self._forget_old(now)
                self.spread.append(now)
            if len(self.strikes) > MAX_ADDRESSES:  # drop the address quiet for longest
                del self.strikes[min(self.strikes, key=lambda a: self.strikes[a].last)]

    def succeeded(self, address: str, device: str | None = None) -> None:
        with self.lock:
            self.strikes.pop(address, None)
            if device:
                self.strikes.pop(device, None)
            if len(self.known) < MAX_ADDRESSES:
                self.known.add(address)

    def _forget_old(self, now: float) -> None:
        while self.spread and now - self.spread[0] > SPREAD_WINDOW:
            self.spread.popleft()


def check_password(
    throttle: LoginThrottle, verify: Callable[[str], bool], password: str, address: str, device: str | None
) -> Verdict | bool:
    """The password checked under the throttle: a `Verdict` when the client must wait first (the
    password is not checked), else whether it was right (and the throttle told either way)."""
    verdict = throttle.check(address, device)
    if not verdict.allowed:
        return verdict
    if verify(password):
        throttle.succeeded(address, device)
        return True
    throttle.failed(address, device)
    return False
