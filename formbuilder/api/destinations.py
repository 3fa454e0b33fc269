"""Where a webhook may post: https to public addresses, checked when saved and at every delivery.

A URL's host is resolved with `socket.getaddrinfo`, the resolver the connection itself uses, so
odd spellings (`0x7f000001`, `2130706433`, `017700000001`, `127.1`) come back as the address they
really reach; every address it resolves to is then checked with `ipaddress`. Delivery resolves
and checks again and connects to one of the checked addresses (webhooks.py pins it), so a name
that changes its answer between the check and the connection (DNS rebinding) reaches nothing else.

Hosts named in `WEBHOOK_ALLOWED_HOSTS` (a core system inside the city's network) may resolve to
private addresses, and with `WEBHOOK_ALLOW_HTTP` may be posted to over plain http. Cloud metadata
addresses are refused even for them.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote, urlsplit

Address = ipaddress.IPv4Address | ipaddress.IPv6Address

MAX_URL_LENGTH = 500
PRINTABLE_ASCII = "".join(chr(c) for c in range(33, 127))  # kept as typed; anything else is %-encoded
URL_MESSAGE = "URLは https:// で始まる500文字以内のものを入力してください。"
HTTP_MESSAGE = "http:// には送れません。https:// で始まるURLを入力してください。"
INTERNAL_MESSAGE = (
    "この送信先は、内部のネットワークなど公開されていないアドレスを指しているため登録できません。"
    "市の内部のシステムに送る場合は、システム管理者に設定 FORMBUILDER_WEBHOOK_ALLOWED_HOSTS への"
    "ホスト名の追加を依頼してください。"
)

# Cloud instance metadata: never a destination, not even for an allowed host.
METADATA_ADDRESSES = frozenset(
    ipaddress.ip_address(a)
    for a in (
        "169.254.169.254",  # AWS, GCP, Azure, OpenStack, Oracle, …
        "169.254.170.2",  # AWS ECS task metadata
        "168.63.129.16",  # Azure WireServer (a public address)
        "100.100.100.200",  # Alibaba Cloud
        "192.0.0.192",  # Oracle Cloud (older)
        "fd00:ec2::254",  # AWS over IPv6
    )
)
METADATA_NAMES = frozenset({"metadata", "metadata.google.internal", "metadata.goog", "instance-data"})
SHARED_ADDRESS_SPACE = ipaddress.ip_network("100.64.0.0/10")  # carrier-grade NAT
NAT64 = ipaddress.ip_network("64:ff9b::/96")


class Refused(ValueError):
    """The URL may not be posted to; `message` (Japanese) says why to an admin."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class Unresolved(Refused):
    """The host's name does not resolve (now): nothing can be checked or reached."""


@dataclass(frozen=True)
class Policy:
    """Which internal hosts an administrator has allowed, and whether http is allowed for them."""

    allowed_hosts: frozenset[str] = frozenset()
    allow_http: bool = False

    @classmethod
    def from_config(cls, config: Mapping[str, Any]) -> Policy:
        hosts = config.get("WEBHOOK_ALLOWED_HOSTS") or ()
        if isinstance(hosts, str):
            hosts = hosts.split(",")
        return cls(frozenset(_normal(h) for h in hosts if h.strip()), bool(config.get("WEBHOOK_ALLOW_HTTP")))

    def allows(self, host: str) -> bool:
        return _normal(host) in self.allowed_hosts


@dataclass(frozen=True)
class Target:
    """A checked URL: connect to one of `addresses`, while TLS and `Host` name `host`."""

    scheme: str
    host: str
    port: int
    path: str
    addresses: tuple[Address, ...]


def parse(url: str, policy: Policy) -> tuple[str, str, int, str]:
    """Split a URL into (scheme, host, port, path) or refuse its form (no resolving yet)."""
    if len(url) > MAX_URL_LENGTH or any(c.isspace() or ord(c) < 32 for c in url):
        raise Refused(URL_MESSAGE)
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:  # "[::1", a port that is not a number or above 65535
        raise Refused(URL_MESSAGE) from None
    host = parts.hostname or ""
    if parts.scheme not in ("https", "http") or not host or parts.username is not None or parts.password is not None:
        raise Refused(URL_MESSAGE)
    if parts.scheme == "http" and not (policy.allow_http and policy.allows(host)):
        raise Refused(HTTP_MESSAGE)
    if port == 0:
        raise Refused(URL_MESSAGE)
    path = quote((parts.path or "/") + (f"?{parts.query}" if parts.query else ""), safe=PRINTABLE_ASCII)
    return parts.scheme, host, port or (443 if parts.scheme == "https" else 80), path


def check(url: str, policy: Policy) -> Target:
    """Resolve the URL's host and check every address; raise Refused or Unresolved, else the Target."""
    scheme, host, port, path = parse(url, policy)
    if _normal(host) in METADATA_NAMES:
        raise Refused(INTERNAL_MESSAGE)
    addresses = resolve(host, port)
    if any(a in METADATA_ADDRESSES or _embedded(a) in METADATA_ADDRESSES for a in addresses):
        raise Refused(INTERNAL_MESSAGE)
    if not policy.allows(host) and any(forbidden(a) for a in addresses):
        raise Refused(INTERNAL_MESSAGE)
    return Target(scheme, host, port, path, addresses)


def resolve(host: str, port: int) -> tuple[Address, ...]:
    """Every address `host` resolves to, the way a socket connection resolves it."""
    try:
        found = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError):  # socket.gaierror is an OSError; a bad IDNA name a UnicodeError
        raise Unresolved("送信先のホスト名を解決できませんでした。URLを確かめてください。") from None
    addresses = tuple(dict.fromkeys(ipaddress.ip_address(info[4][0]) for info in found))
    if not addresses:
        raise Unresolved("送信先のホスト名を解決できませんでした。URLを確かめてください。")
    return addresses


def forbidden(address: Address) -> bool:
    """True unless the address is public unicast (an IPv4 inside IPv6 is judged as that IPv4)."""
    embedded = _embedded(address)
    if embedded is not None and forbidden(embedded):
        return True
    return (
        not address.is_global
        or address.is_private
        or address.is_loopback
        or address.is_link_local
        or address.is_multicast
        or address.is_reserved
        or address.is_unspecified
        or address in METADATA_ADDRESSES
        or (address.version == 4 and address in SHARED_ADDRESS_SPACE)
    )


def _embedded(address: Address) -> ipaddress.IPv4Address | None:
    """The IPv4 address an IPv6 one carries (mapped, 6to4, NAT64), if any."""
    if address.version != 6:
        return None
    if address.ipv4_mapped is not None:
        return address.ipv4_mapped
    if address.sixtofour is not None:
        return address.sixtofour
    if address in NAT64:
        return ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    return None


def _normal(host: str) -> str:
    """A host as compared with the allow-list: lower case, no trailing dot or brackets."""
    host = host.strip().lower().rstrip(".").strip("[]")
    try:
        return str(ipaddress.ip_address(host))
    except ValueError:
        return host
