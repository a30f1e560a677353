from allauth.account import forms as allauth_forms
from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.models import EmailAddress
from django.contrib.auth.hashers import make_password
from django.urls import reverse

from atelier.forms import clean_email_address

from . import access


class AccountAdapter(DefaultAccountAdapter):
    def clean_email(self, email):
        # Sign-up, password reset and e-mail changes: only addresses mail can reach.
        return clean_email_address(super().clean_email(email))

    def send_mail(self, template_prefix, email, context):
        if template_prefix == "account/email/unknown_account":
            # A reset for a known address makes a token from the account's addresses (two
            # queries, allauth's EmailAwarePasswordResetTokenGenerator); ask the database
            # the same for an unknown one, so that the time does not tell the two apart.
            addresses = EmailAddress.objects.filter(user_id=None)
            addresses.filter(email=email).exists()
            list(addresses.values_list("email", flat=True))
        super().send_mail(template_prefix, email, context)

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


class SignupForm(allauth_forms.SignupForm):
    """allauth's sign-up form, as slow for an address that has an account as for a new one.

    A new account's password is hashed, which is most of the answer's time; for a known
    address allauth only sends its owner a mail. Hashing (and dropping) the password there
    too keeps the time from telling whether an address has an account. Both paths send
    exactly one mail through the same adapter, so sending costs the same.
    """

    def try_save(self, request):
        if self.account_already_exists:
            make_password(self.cleaned_data["password1"])
        return super().try_save(request)
