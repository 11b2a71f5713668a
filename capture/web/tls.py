"""HTTPS for `cardcap serve --https`: a self-signed certificate made once and remembered, or yours.

On a home Wi-Fi nobody issues certificates for a laptop's address, so cardcap makes its own: an
ECDSA P-256 key and a certificate naming this machine (its host name, its LAN address, localhost).
A phone warns about a certificate it cannot verify; the person compares the SHA-256 fingerprint
the browser shows with the one `cardcap serve` printed, once. The certificate is kept in the
config folder (key readable by the user only) and reused, so the fingerprint stays the same from
run to run, until it expires; then a new one is made and its new fingerprint printed.
"""

from __future__ import annotations

import hashlib
import ipaddress
import os
import socket
import ssl
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import platformdirs

from capture.errors import SettingsError

# Apple's platforms refuse server certificates valid for longer than 825 days, even self-signed
# ones a person chose to trust.
VALID_DAYS = 825
RENEW_BEFORE = timedelta(days=7)


@dataclass(frozen=True)
class TlsFiles:
    certfile: Path
    keyfile: Path
    fingerprint: str  # SHA-256 of the certificate, "AB:CD:...", as browsers show it
    made: bool = False  # made by this run (first use, or the old one expired)


def default_tls_dir() -> Path:
    return Path(platformdirs.user_config_dir("cardcap")) / "tls"


def fingerprint_of(certfile: Path) -> str:
    der = ssl.PEM_cert_to_DER_cert(certfile.read_text(encoding="ascii"))
    digest = hashlib.sha256(der).hexdigest().upper()
    return ":".join(digest[i : i + 2] for i in range(0, len(digest), 2))


def check_pair(certfile: Path, keyfile: Path) -> None:
    """Refuse (one sentence) a certificate and key that cannot serve HTTPS together."""
    for path, what in ((certfile, "certificate"), (keyfile, "key")):
        if not path.is_file():
            raise SettingsError(f"{path}: the HTTPS {what} file does not exist.")
    try:
        ssl.create_default_context(ssl.Purpose.CLIENT_AUTH).load_cert_chain(certfile, keyfile)
    except (ssl.SSLError, OSError, ValueError) as error:
        reason = getattr(error, "reason", None) or error.__class__.__name__
        raise SettingsError(f"{certfile} and {keyfile} cannot serve HTTPS together ({reason}); "
                            "give a PEM certificate and its own private key.") from None


def own_certificate(certfile: Path, keyfile: Path) -> TlsFiles:
    """The certificate and key a person gave with --certfile/--keyfile, checked."""
    check_pair(certfile, keyfile)
    try:
        return TlsFiles(certfile, keyfile, fingerprint_of(certfile))
    except (ValueError, UnicodeDecodeError):
        raise SettingsError(f"{certfile}: the HTTPS certificate is not a PEM certificate.") from None


def machine_names(extra: tuple[str, ...] = ()) -> tuple[list[str], list[ipaddress.IPv4Address | ipaddress.IPv6Address]]:
    """Host names and addresses the certificate names: this machine as the phone may reach it."""
    names = ["localhost"]
    host = socket.gethostname()
    if host and host != "localhost":
        names += [host, f"{host}.local"]
    addresses: list[ipaddress.IPv4Address | ipaddress.IPv6Address] = [ipaddress.ip_address("127.0.0.1")]
    for item in extra:
        try:
            address = ipaddress.ip_address(item)
        except ValueError:
            if item and item not in names:
                names.append(item)
            continue
        if address not in addresses and not address.is_unspecified:
            addresses.append(address)
    return names, addresses


def still_good(certfile: Path, now: datetime) -> bool:
    from cryptography import x509

    try:
        certificate = x509.load_pem_x509_certificate(certfile.read_bytes())
    except (OSError, ValueError):
        return False
    return certificate.not_valid_after_utc - RENEW_BEFORE > now


def make_certificate(folder: Path, hosts: tuple[str, ...], now: datetime) -> None:
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    names, addresses = machine_names(hosts)
    machine = names[1] if len(names) > 1 else names[0]
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, f"cardcap on {machine}")])
    alternatives: list[x509.GeneralName] = [x509.DNSName(name) for name in names]
    alternatives += [x509.IPAddress(address) for address in addresses]
    certificate = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(days=1))  # a phone whose clock is a little behind
        .not_valid_after(now + timedelta(days=VALID_DAYS))
        .add_extension(x509.SubjectAlternativeName(alternatives), critical=False)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
        .sign(key, hashes.SHA256())
    )
    folder.mkdir(parents=True, exist_ok=True)
    key_pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                serialization.NoEncryption())
    write_private(folder / "key.pem", key_pem)
    write_private(folder / "cert.pem", certificate.public_bytes(serialization.Encoding.PEM), mode=0o644)


def write_private(path: Path, data: bytes, mode: int = 0o600) -> None:
    """Written whole or not at all, readable by the user only (unless `mode` says otherwise)."""
    temporary = path.with_suffix(".tmp")
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, mode)
    with os.fdopen(descriptor, "wb") as out:
        out.write(data)
    temporary.replace(path)


def self_signed(folder: Path | None = None, hosts: tuple[str, ...] = (), now: datetime | None = None) -> TlsFiles:
    """The remembered self-signed certificate in `folder` (default: the config folder), made when
    there is none or it is about to expire; `hosts` are names and addresses it should also carry."""
    folder = folder or default_tls_dir()
    now = now or datetime.now(UTC)
    certfile, keyfile = folder / "cert.pem", folder / "key.pem"
    made = False
    if not (keyfile.is_file() and still_good(certfile, now)):
        make_certificate(folder, hosts, now)
        made = True
    check_pair(certfile, keyfile)
    return TlsFiles(certfile, keyfile, fingerprint_of(certfile), made)
