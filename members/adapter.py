from allauth.account.adapter import DefaultAccountAdapter
from django.urls import reverse

from atelier.forms import clean_email_address

from . import access


class AccountAdapter(DefaultAccountAdapter):
    def clean_email(self, email):
        # Sign-up, password reset and e-mail changes: only addresses mail can reach.
        return clean_email_address(super().clean_email(email))

    def get_login_redirect_url(self, request):
        # An account without an application goes straight to the application form.
        if access.must_apply(request.user):
            return reverse("members:apply")
        return super().get_login_redirect_url(request)

    def get_signup_redirect_url(self, request):
        # Confirming a new account's e-mail address logs it in as a sign-up, not a login.
        if access.must_apply(request.user):
            return reverse("members:apply")
        return super().get_signup_redirect_url(request)
