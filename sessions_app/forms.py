from django import forms
from django.utils.translation import gettext_lazy as _

from atelier.forms import clean_email_address, clean_single_line


class GuestRegistrationForm(forms.Form):
    """A visitor registers for a public event with a name and an e-mail address."""

    name = forms.CharField(
        label=_("Your name"),
        max_length=100,
        error_messages={"required": _("Enter your name.")},
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = forms.EmailField(
        label=_("Your e-mail address"),
        help_text=_("We send you a link to confirm your registration."),
        error_messages={
            "required": _("Enter your e-mail address."),
            "invalid": _("Enter an e-mail address like name@example.org."),
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )

    def clean_name(self):
        return clean_single_line(self.cleaned_data["name"])

    def clean_email(self):
        return clean_email_address(self.cleaned_data["email"])
