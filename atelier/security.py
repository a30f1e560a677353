"""Response headers that limit what a page may do in the browser.

Django's SecurityMiddleware already sends nosniff, the referrer policy, HSTS (in
production) and the cross-origin opener policy; this adds the Content-Security-Policy
and Permissions-Policy, which Django 5.2 does not have.
"""

from django.conf import settings


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
