"""The client's address behind a reverse proxy (DESIGN.md "Production shape").

Plain functions without Django, so that the settings, gunicorn's configuration and its logger
share them: rate limits, gunicorn's ``forwarded_allow_ips`` and the address in the logs all
follow ``BEHIND_PROXY`` and ``TRUSTED_PROXIES``.

``X-Forwarded-For`` is believed only as far as it was written by proxies we trust: each proxy
appends the address of its own peer, so the list is read from the right, and the first address
that is not a trusted proxy is the client. Anything to its left was written by the client
itself and could say anything.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable
from functools import lru_cache

Network = ipaddress.IPv4Network | ipaddress.IPv6Network
Address = ipaddress.IPv4Address | ipaddress.IPv6Address

# nginx, a load balancer or a local TLS terminator on the same machine: loopback.
DEFAULT_TRUSTED_PROXIES = "127.0.0.1,::1"


def trusted_networks(entries: Iterable[str]) -> tuple[Network, ...]:
    """Addresses or CIDR networks (``10.0.0.0/8``, ``::1``); ValueError names a bad entry."""
    networks = []
    for entry in entries:
        try:
            networks.append(ipaddress.ip_network(entry.strip(), strict=False))
        except ValueError as error:
            raise ValueError(f"TRUSTED_PROXIES: {entry!r} is not an address or a network") from error
    return tuple(networks)


@lru_cache(maxsize=8)
def _cached_networks(entries: tuple[str, ...]) -> tuple[Network, ...]:
    return trusted_networks(entries)


def parse_address(text: str) -> Address | None:
    """An address as proxies write it: ``203.0.113.7``, ``203.0.113.7:5123``, ``[2001:db8::1]:443``."""
    text = text.strip()
    if text.startswith("[") and "]" in text:
        text = text[1 : text.index("]")]
    elif text.count(":") == 1:
        text = text.split(":", 1)[0]  # IPv4 with a port
    try:
        address = ipaddress.ip_address(text)
    except ValueError:
        return None
    # An IPv4 client seen through an IPv6 socket (::ffff:203.0.113.7) is the IPv4 client.
    return getattr(address, "ipv4_mapped", None) or address


def _is_trusted(address: Address, networks: tuple[Network, ...]) -> bool:
    return any(address.version == network.version and address in network for network in networks)


def client_address(remote_addr: str, forwarded_for: str, *, behind_proxy: bool, trusted_proxies: Iterable[str]) -> str:
    """The address of the client that sent this request.

    Without a proxy in front, or when the peer is not a trusted proxy, the peer itself
    (``REMOTE_ADDR``), whatever headers it sent. From a trusted proxy, the right-most
    ``X-Forwarded-For`` entry that is not a trusted proxy; when every entry is one (a request
    from the proxy's own machine), the left-most. An entry that is not an address ends the walk
    at the last address that was one.
    """
    peer = parse_address(remote_addr or "")
    if peer is None:
        return remote_addr or ""
    networks = _cached_networks(tuple(trusted_proxies))
    if not behind_proxy or not _is_trusted(peer, networks):
        return str(peer)
    client = peer
    for entry in reversed((forwarded_for or "").split(",")):
        if not entry.strip():
            continue
        address = parse_address(entry)
        if address is None:
            break
        client = address
        if not _is_trusted(address, networks):
            break
    return str(client)


def masked_address(address: str) -> str:
    """An address fit for a log: the network it came from, not the person (IPv4 /24, IPv6 /48)."""
    parsed = parse_address(address or "")
    if parsed is None:
        return "-"
    prefix = 24 if parsed.version == 4 else 48
    return str(ipaddress.ip_network(f"{parsed}/{prefix}", strict=False).network_address)
