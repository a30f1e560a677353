"""Prometheus metrics at /metrics, for the monitoring server only.

The figures come from django-prometheus (requests, answers and latency by view, from its
two middlewares, which settings.py adds only when metrics are switched on) and from
prometheus_client (the process: memory, CPU, open files). Who may read them: a request
with `Authorization: Bearer <METRICS_TOKEN>`, or one from an address in
METRICS_ALLOWED_IPS. Anyone else gets the site's ordinary 404, as for an address that
does not exist. With neither set, nobody may.

Prometheus asks each app server directly (its own address, not the load balancer's), so
that every server is counted. With several gunicorn workers, each a process with its own
counters, PROMETHEUS_MULTIPROC_DIR names a folder where every worker writes its figures
and from which any worker answers for all (docs/operations.md).
"""

import hmac
import ipaddress

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe
from django_prometheus.exports import ExportToDjangoView

BEARER = "Bearer "


def _has_token(request: HttpRequest) -> bool:
    token = settings.METRICS_TOKEN
    given = request.headers.get("Authorization", "")
    return (
        bool(token)
        and given.startswith(BEARER)
        and hmac.compare_digest(given.removeprefix(BEARER).encode(), token.encode())
    )


def _from_allowed_address(request: HttpRequest) -> bool:
    # The connection's own address: a header could be written by anyone.
    try:
        address = ipaddress.ip_address(request.META.get("REMOTE_ADDR", ""))
    except ValueError:
        return False
    return any(address in network for network in settings.METRICS_ALLOWED_NETWORKS)


def may_read_metrics(request: HttpRequest) -> bool:
    """Whether this request may read the metrics: the token, or an allowed address."""
    return _has_token(request) or _from_allowed_address(request)


@never_cache
def metrics(request: HttpRequest) -> HttpResponse:
    if not may_read_metrics(request):
        raise Http404  # before anything else, a refused method too: nothing tells it is here
    return require_safe(ExportToDjangoView)(request)
