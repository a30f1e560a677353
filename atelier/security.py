"""Response headers that limit what a page may do in the browser.

Django's SecurityMiddleware already sends nosniff, the referrer policy, HSTS (in
production) and the cross-origin opener policy; this adds the Content-Security-Policy
and Permissions-Policy, which Django 5.2 does not have.
"""

from functools import wraps

from django.conf import settings


def personal(view):
    """Pages of personal data: stored by no cache, the browser's own included (the back
    button on a shared computer, a proxy that ignores Vary). Wrapped around the view in
    urls.py, outside the page cache, so that a kept page gets the header too."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        response["Cache-Control"] = "private, no-store"
        return response

    return wrapper


class SecurityHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.headers = {
            "Content-Security-Policy": settings.CONTENT_SECURITY_POLICY,
            "Permissions-Policy": settings.PERMISSIONS_POLICY,
        }

    def __call__(self, request):
        response = self.get_response(request)
        for name, value in self.headers.items():
            if value:
                response.headers.setdefault(name, value)
        return response
