"""Response headers that limit what a page may do in the browser.

Django's SecurityMiddleware already sends nosniff, the referrer policy, HSTS (in
production) and the cross-origin opener policy; this adds the Content-Security-Policy
and Permissions-Policy, which Django 5.2 does not have.
"""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse

View = Callable[..., HttpResponse]


def personal(view: View) -> View:
    """Pages of personal data: stored by no cache, the browser's own included (the back
    button on a shared computer, a proxy that ignores Vary). Wrapped around the view in
    urls.py, outside the page cache, so that a kept page gets the header too."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response = view(request, *args, **kwargs)
        response["Cache-Control"] = "private, no-store"
        return response

    return wrapper


class SecurityHeadersMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.headers = {
            "Content-Security-Policy": settings.CONTENT_SECURITY_POLICY,
            "Permissions-Policy": settings.PERMISSIONS_POLICY,
        }

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        for name, value in self.headers.items():
            if value:
                response.headers.setdefault(name, value)
        return response
