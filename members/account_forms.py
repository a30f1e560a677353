"""allauth's account forms with the site's own labels and messages.

The fields and their rules stay allauth's; only the words change, to the site's voice
(informal Dutch, sentence case in English). Placeholders go: a hint that vanishes while
you type is no label (GOV.UK).
"""

from allauth.account import forms as allauth_forms
from django.contrib.auth.hashers import make_password
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

# allauth's own sentence for two passwords that differ, as its forms add it; kept out of
# gettext_lazy so that our catalogue does not take it over.
ALLAUTH_PASSWORD_MISMATCH = "You must type the same password each time."


class OwnWords:
    labels: dict = {}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            if name in self.labels:
                field.label = self.labels[name]
            field.widget.attrs.pop("placeholder", None)

    def add_error(self, field, error):
        if str(error) == gettext(ALLAUTH_PASSWORD_MISMATCH):
            error = _("The two passwords are not the same.")
        super().add_error(field, error)


EMAIL = _("E-mail address")
PASSWORD = _("Password")
NEW_PASSWORD = {"password1": _("New password"), "password2": _("Repeat the new password")}


class LoginForm(OwnWords, allauth_forms.LoginForm):
    labels = {"login": EMAIL, "password": PASSWORD, "remember": _("Stay logged in on this device")}


class SignupForm(OwnWords, allauth_forms.SignupForm):
    """As slow for an address that has an account as for a new one.

    A new account's password is hashed, which is most of the answer's time; for a known
    address allauth only sends its owner a mail. Hashing (and dropping) the password there
    too keeps the time from telling whether an address has an account. Both paths send
    exactly one mail through the same adapter, so sending costs the same.
    """

    labels = {"email": EMAIL, "password1": PASSWORD, "password2": _("Repeat the password")}

    def try_save(self, request):
        if self.account_already_exists:
            make_password(self.cleaned_data["password1"])
        return super().try_save(request)


class AddEmailForm(OwnWords, allauth_forms.AddEmailForm):
    labels = {"email": _("New e-mail address")}


class ChangePasswordForm(OwnWords, allauth_forms.ChangePasswordForm):
    labels = {"oldpassword": _("Current password"), **NEW_PASSWORD}


class SetPasswordForm(OwnWords, allauth_forms.SetPasswordForm):
    labels = {"password1": PASSWORD, "password2": _("Repeat the password")}


class ResetPasswordForm(OwnWords, allauth_forms.ResetPasswordForm):
    labels = {"email": EMAIL}


class ResetPasswordKeyForm(OwnWords, allauth_forms.ResetPasswordKeyForm):
    labels = NEW_PASSWORD


class ReauthenticateForm(OwnWords, allauth_forms.ReauthenticateForm):
    labels = {"password": PASSWORD}
