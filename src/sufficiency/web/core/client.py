"""The client's address, as far as this service can trust it.

Behind reverse proxies, ``REMOTE_ADDR`` is the nearest proxy's address: every user would share it,
so one attacker's failed sign-ins would lock a username out for everyone. Each trusted proxy appends
the address it received the request from to ``X-Forwarded-For``; with
``settings.SUFFICIENCY_TRUSTED_PROXIES`` = N proxies in front of the service, the client is the
N-th address from the right. Addresses left of that were written by the client and are not
trusted. With no trusted proxy (the default), ``X-Forwarded-For`` is ignored entirely.
"""

from __future__ import annotations

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str:
    """The client's IP address (django-axes' ``AXES_CLIENT_IP_CALLABLE``, and the audit log's)."""
    remote = str(request.META.get("REMOTE_ADDR", ""))
    proxies: int = getattr(settings, "SUFFICIENCY_TRUSTED_PROXIES", 0)
    if proxies <= 0:
        return remote
    chain = [
        part.strip()
        for part in str(request.META.get("HTTP_X_FORWARDED_FOR", "")).split(",")
        if part.strip()
    ]
    if len(chain) < proxies:
        return remote  # not through the expected proxies: trust only the connection
    candidate = chain[-proxies]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote
