from django import forms
from django.db import transaction
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from members.models import Profile, User
from members.unsubscribe import PROFILE_SWITCHES

from .models import Frequency, Kind
from .preferences import default_frequency, frequencies_allowed, frequencies_of, set_frequencies

KIND_HINTS = {
    Kind.EVENTS: gettext_lazy("The coming meetings and events for you, only in a digest."),
    Kind.QUESTIONS: gettext_lazy(
        "New questions in what you follow; a digest also names open questions in your expertise."
    ),
}


def _choose(message: str) -> dict[str, str]:
    # The error summary lists every field's message: each names its own field.
    return {"required": message, "invalid_choice": message}


class EmailSettingsForm(forms.Form):
    """How often a member hears of each kind of news, the language of their e-mails and
    the e-mails switched on their profile. A value that is not one of the options (a
    forged form) is refused with a message, and nothing is saved."""

    def __init__(self, user: User, profile: Profile | None, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.user, self.profile = user, profile
        level = profile.participation_level if profile else None
        current = frequencies_of(user)
        for kind in Kind:
            default = default_frequency(level, kind)
            self.fields[kind.value] = forms.ChoiceField(
                label=kind.label,
                help_text=KIND_HINTS.get(kind, ""),
                choices=[
                    (
                        frequency,
                        _("%(frequency)s (default)") % {"frequency": Frequency(frequency).label}
                        if frequency == default
                        else Frequency(frequency).label,
                    )
                    for frequency in frequencies_allowed(kind)
                ],
                initial=current[kind],
                widget=forms.RadioSelect,
                error_messages=_choose(
                    _("Choose how often you hear of %(kind)s.") % {"kind": kind.label.lower()}
                ),
            )
        if profile is not None:
            self.fields["language"] = forms.ChoiceField(
                label=capfirst(Profile._meta.get_field("language").verbose_name),
                help_text=Profile._meta.get_field("language").help_text,
                choices=Profile._meta.get_field("language").choices,
                initial=profile.language,
                widget=forms.RadioSelect,
                error_messages=_choose(_("Choose the language of your e-mails.")),
            )
            for name in PROFILE_SWITCHES.values():
                field = Profile._meta.get_field(name)
                self.fields[name] = forms.BooleanField(
                    label=capfirst(field.verbose_name),
                    help_text=field.help_text,
                    required=False,
                    initial=getattr(profile, name),
                )

    @transaction.atomic
    def save(self) -> None:
        set_frequencies(self.user, {kind: self.cleaned_data[kind] for kind in Kind.values})
        if self.profile is not None:
            fields = ["language", *PROFILE_SWITCHES.values()]
            for name in fields:
                setattr(self.profile, name, self.cleaned_data[name])
            self.profile.save(update_fields=fields)
