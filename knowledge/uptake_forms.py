from datetime import date

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from atelier.forms import clean_single_line

from .models import Uptake

# Before this a date is a typing mistake rather than a memory.
EARLIEST_USE = date(1980, 1, 1)
LINE_TOO_LONG = _("Keep this under 200 characters.")
TEXT_TOO_LONG = _("Keep this under 5,000 characters.")


class UptakeForm(forms.ModelForm):
    """A member tells how they used a tool or case in practice, or changes their account."""

    class Meta:
        model = Uptake
        fields = [
            "used_on",
            "organisation",
            "place",
            "group",
            "what_happened",
            "what_to_change",
            "is_public",
        ]
        widgets = {
            # A text box, as GOV.UK advises: a date picker cannot show back what was
            # typed wrongly, and is awkward for a date long ago.
            "used_on": forms.DateInput(format="%d-%m-%Y"),
            "what_happened": forms.Textarea(attrs={"rows": 6}),
            "what_to_change": forms.Textarea(attrs={"rows": 4}),
        }
        labels = {
            "used_on": _("When did you use it?"),
            "organisation": _("Organisation"),
            "place": _("Where"),
            "group": _("With whom"),
            "what_happened": _("What happened?"),
            "what_to_change": _("What would you change next time?"),
            "is_public": _("Everyone may read my experience"),
        }
        help_texts = {
            "used_on": _(
                "The day, e.g. 14-03-2026; if you do not know it exactly, a day close to it."
            ),
            "organisation": _("Where you work, or with which organisation you did it."),
            "what_happened": _("What you did, how it went and what it brought."),
            "is_public": _("Otherwise only members read it. Your name is shown with it."),
        }
        error_messages = {
            "used_on": {
                "required": _("Enter when you used it."),
                "invalid": _("Enter a date as day-month-year, e.g. 14-03-2026."),
            },
            "organisation": {"max_length": LINE_TOO_LONG},
            "place": {"required": _("Enter where you used it."), "max_length": LINE_TOO_LONG},
            "group": {
                "required": _("Enter with whom you used it."),
                "max_length": LINE_TOO_LONG,
            },
            "what_happened": {
                "required": _("Describe what happened."),
                "max_length": TEXT_TOO_LONG,
            },
            "what_to_change": {"max_length": TEXT_TOO_LONG},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Day-month-year as the Dutch write it, and the ISO form.
        self.fields["used_on"].input_formats = ["%d-%m-%Y", "%d/%m/%Y", "%Y-%m-%d"]

    def clean_used_on(self):
        used_on = self.cleaned_data["used_on"]
        if used_on > timezone.localdate():
            raise forms.ValidationError(_("The date cannot be in the future."))
        if used_on < EARLIEST_USE:
            raise forms.ValidationError(_("Enter a date after 1 January 1980."))
        return used_on

    # One line each: they are shown in lists (atelier.forms.clean_single_line).
    def clean_organisation(self):
        return clean_single_line(self.cleaned_data["organisation"])

    def clean_place(self):
        return clean_single_line(self.cleaned_data["place"])

    def clean_group(self):
        return clean_single_line(self.cleaned_data["group"])
