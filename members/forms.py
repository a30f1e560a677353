from django import forms
from django.db import transaction
from django.urls import reverse_lazy
from django.utils.html import format_html
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from atelier.forms import clean_single_line, clean_tags
from atelier.search_words import MAX_LENGTH as MAX_SEARCH_LENGTH

from . import participation
from .avatars import process_avatar
from .models import (
    LEVELS_NEEDING_APPROVAL,
    MembershipStatus,
    ParticipationLevel,
    Profile,
    Sector,
)

LEVEL_HINTS = {
    ParticipationLevel.MEETINGS: _(
        "You take part in the atelier's meetings, the heart of the community, and in "
        "everything else: public events, the knowledge library and the member directory. "
        "You can register for meetings."
    ),
    ParticipationLevel.ONLINE: _(
        "You take part through the knowledge library and its discussions: you read, share "
        "and comment. You see which meetings there are and read their reports, but you do "
        "not attend them."
    ),
    ParticipationLevel.PUBLIC_EVENTS: _(
        "You come to the public events and follow what the atelier produces. You can read "
        "and share in the library and find other members in the directory."
    ),
}


class HintedRadioSelect(forms.RadioSelect):
    """Radio buttons with a hint under each option, as in the GOV.UK Design System."""

    option_template_name = "includes/widgets/hinted_radio_option.html"

    def __init__(self, hints=None, **kwargs):
        super().__init__(**kwargs)
        self.hints = hints or {}

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        option["hint"] = self.hints.get(value, "")
        option_attrs = option["attrs"]
        if option["hint"] and option_attrs.get("id"):
            # The hint describes its radio, after whatever else already did.
            described_by = [option_attrs.pop("aria-describedby", ""), f"{option_attrs['id']}_hint"]
            option_attrs["aria-describedby"] = " ".join(filter(None, described_by))
        return option


# What a member and the coordinator both edit on a profile.
PROFILE_FIELDS = [
    "display_name",
    "organisation",
    "sector",
    "job_title",
    "bio",
    "expertise",
    "listed_in_directory",
    "show_email",
]


class ProfileTextCleaning:
    """The one-line texts of a profile, cleaned alike in every form that has them."""

    def clean_display_name(self):
        return clean_single_line(self.cleaned_data["display_name"])

    def clean_organisation(self):
        return clean_single_line(self.cleaned_data["organisation"])

    def clean_job_title(self):
        return clean_single_line(self.cleaned_data["job_title"])


def _privacy_label():
    return format_html(
        '{} <a href="{}">{}</a>',
        _("I have read the"),
        reverse_lazy("privacy"),
        _("privacy statement and agree to it"),
    )


class ApplicationForm(ProfileTextCleaning, forms.ModelForm):
    """What a new account fills in to become a member."""

    privacy_consent = forms.BooleanField(
        error_messages={"required": _("Agree to the privacy statement to apply.")},
    )

    class Meta:
        model = Profile
        fields = ["display_name", "organisation", "sector", "participation_level", "motivation"]
        widgets = {
            "sector": forms.RadioSelect,
            "participation_level": HintedRadioSelect(hints=LEVEL_HINTS),
            "motivation": forms.Textarea(attrs={"rows": 6}),
        }
        help_texts = {
            "display_name": _(
                "As other members will see it, for example your first and last name."
            ),
            "organisation": _("Where you work or study."),
            "participation_level": _("You can change this later."),
            "motivation": _(
                "The atelier's one condition: you do not only take, you also share your own "
                "knowledge and experience. What do you bring, and what would you like to share?"
            ),
        }
        error_messages = {
            "display_name": {"required": _("Enter your name.")},
            "organisation": {"required": _("Enter your organisation.")},
            "sector": {"required": _("Choose the sector you work in.")},
            "participation_level": {"required": _("Choose how you want to take part.")},
            "motivation": {"required": _("Write what you bring and want to share.")},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sector"].choices = Sector.choices
        self.fields["participation_level"].choices = ParticipationLevel.choices
        self.fields["privacy_consent"].label = _privacy_label()

    def clean_motivation(self):
        motivation = self.cleaned_data["motivation"].strip()
        if len(motivation) < 20:
            raise forms.ValidationError(
                _("Write at least a few sentences (20 characters or more) about what you bring.")
            )
        return motivation


class PhotoUploadForm(forms.ModelForm):
    """A profile form with a photo upload that goes through `process_avatar`.

    The model's own file field would store an upload as it came (any size, with its
    location and camera data), so forms offer this upload field instead.
    """

    avatar_upload = forms.FileField(
        label=_("Photo"),
        required=False,
        help_text=_(
            "A JPEG, PNG, GIF or WebP photo of at most 5 MB and 25 megapixels. "
            "It is cropped square."
        ),
        widget=forms.FileInput(attrs={"accept": "image/jpeg,image/png,image/gif,image/webp"}),
    )
    remove_avatar = forms.BooleanField(label=_("Remove my photo"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.processed_avatar = None

    def clean_avatar_upload(self):
        uploaded = self.cleaned_data.get("avatar_upload")
        if uploaded:
            self.processed_avatar = process_avatar(uploaded)
        return uploaded

    def apply_photo(self, profile) -> None:
        """Put the new photo (or none) on `profile`. The files it replaces are deleted
        once the new names are committed, never before: a rolled-back save keeps them."""
        old_files = [f.name for f in (profile.avatar, profile.avatar_small) if f]
        if self.processed_avatar:
            large, small = self.processed_avatar
            profile.avatar.save(large.name, large, save=False)
            profile.avatar_small.save(small.name, small, save=False)
        elif self.cleaned_data.get("remove_avatar"):
            profile.avatar = profile.avatar_small = ""
        else:
            return
        storage = Profile._meta.get_field("avatar").storage
        transaction.on_commit(lambda: [storage.delete(name) for name in old_files])


class ProfileForm(ProfileTextCleaning, PhotoUploadForm):
    """A member edits their own profile."""

    class Meta:
        model = Profile
        # The e-mails a member gets are chosen at /profiel/meldingen/ (notifications).
        fields = [*PROFILE_FIELDS, "open_to_questions"]
        widgets = {"sector": forms.RadioSelect, "bio": forms.Textarea(attrs={"rows": 8})}
        error_messages = ApplicationForm.Meta.error_messages

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sector"].choices = Sector.choices
        self.fields["expertise"].widget.attrs["autocomplete"] = "off"
        if not self.instance.avatar:
            del self.fields["remove_avatar"]

    def clean_expertise(self):
        return clean_tags(
            self.cleaned_data["expertise"],
            most=15,
            too_many=_("Choose at most 15 topics."),
            too_long=_("Keep each topic under 50 characters."),
        )

    def save(self, commit=True):
        profile = super().save(commit=False)
        self.apply_photo(profile)
        profile.save()
        self.save_m2m()
        return profile


class ProfileAdminForm(ProfileTextCleaning, PhotoUploadForm):
    """The coordinator's change form: a photo goes through `process_avatar` here too."""

    class Meta:
        model = Profile
        # The admin's fieldsets choose the fields; the model's `avatar` is never one.
        fields = [*PROFILE_FIELDS, "status", "participation_level", "motivation"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["remove_avatar"].label = _("Remove the photo")

    def clean_status(self):
        # The change form moves a membership as the actions do (NEXT_STATUSES): an ended
        # membership comes back only through a new application.
        status = self.cleaned_data["status"]
        profile = self.instance
        if profile.pk and status != profile.status and not profile.may_become(status):
            raise forms.ValidationError(
                _("This membership cannot go from “%(now)s” to “%(new)s”.")
                % {"now": profile.get_status_display(), "new": MembershipStatus(status).label}
            )
        return status

    def save(self, commit=True):
        # The admin saves with commit=False and then the object itself.
        profile = super().save(commit=False)
        self.apply_photo(profile)
        if commit:
            profile.save()
            self.save_m2m()
        return profile


class ParticipationForm(forms.Form):
    """A member chooses a level; moving up to the meetings level asks the coordinator.

    A plain form, not a ModelForm: validating must not put a level on the profile that
    the coordinator has not approved (members/participation.py decides what happens).
    """

    participation_level = forms.ChoiceField(
        label=_("Participation level"),
        choices=ParticipationLevel.choices,
        error_messages={"required": _("Choose how you want to take part.")},
    )
    note = forms.CharField(
        label=_("Note for the coordinator"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Only when you ask to take part in meetings: why you would like to, for example."
        ),
        error_messages={"max_length": _("Keep the note under 1000 characters.")},
    )

    def __init__(self, profile, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.profile = profile
        self.open_request = profile.open_level_request
        self.fields["participation_level"].initial = profile.participation_level
        hints = dict(LEVEL_HINTS)
        for level in LEVELS_NEEDING_APPROVAL - {profile.participation_level}:
            hints[level] = format_lazy(
                "{} {}", hints[level], _("The coordinator approves this change first.")
            )
        self.fields["participation_level"].widget = HintedRadioSelect(
            hints=hints, choices=ParticipationLevel.choices
        )

    def clean_participation_level(self):
        level = self.cleaned_data["participation_level"]
        if not participation.may_ask_for(self.profile, level):
            raise forms.ValidationError(
                _("Resume your membership first; then you can ask to take part in meetings.")
            )
        if self.open_request is not None and level == self.open_request.level:
            raise forms.ValidationError(
                _("Your request for this level is already waiting for the coordinator.")
            )
        if self.open_request is None and level == self.profile.participation_level:
            raise forms.ValidationError(
                _("You already take part at this level. Choose another level to change it.")
            )
        return level

    def clean_note(self):
        # Shown to the coordinator only, always escaped; invisible characters go.
        lines = self.cleaned_data["note"].splitlines()
        return "\n".join(clean_single_line(line) for line in lines).strip()


class DeleteAccountForm(forms.Form):
    password = forms.CharField(
        label=_("Your password"),
        help_text=_("To be sure it is you."),
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        error_messages={"required": _("Enter your password to delete your account.")},
    )
    remove_items = forms.BooleanField(
        label=_("Also remove the library items I wrote on my own"),
        required=False,
        help_text=_(
            "Otherwise they stay in the library for others to learn from, credited to "
            "“former member”. Items you wrote with others always stay."
        ),
    )
    keep_stories = forms.BooleanField(
        label=_("Keep my value stories and practice accounts, without my name"),
        required=False,
        help_text=_(
            "Otherwise they are deleted with your account. Kept, they say “former member”."
        ),
    )

    def __init__(self, user, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("That password is not correct."))
        return password


class DirectoryFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Name, organisation, job title or expertise"),
        required=False,
        max_length=MAX_SEARCH_LENGTH,
    )
    sector = forms.ChoiceField(
        label=_("Sector"), required=False, choices=[("", _("All sectors")), *Sector.choices]
    )
    level = forms.ChoiceField(
        label=_("Participation"),
        required=False,
        choices=[("", _("All levels")), *ParticipationLevel.choices],
    )
    expertise = forms.CharField(label=_("Expertise"), required=False, max_length=100)

    def filter(self, profiles):
        """Apply the valid filters; an invalid value is ignored rather than failing."""
        self.is_valid()  # cleaned_data then holds the valid values only
        data = getattr(self, "cleaned_data", {})
        profiles = profiles.search(data.get("q", ""))
        if data.get("sector"):
            profiles = profiles.filter(sector=data["sector"])
        if data.get("level"):
            profiles = profiles.filter(participation_level=data["level"])
        if data.get("expertise"):
            profiles = profiles.filter(expertise__name__iexact=data["expertise"].strip())
        return profiles

    def is_search(self) -> bool:
        """Whether a name or words were asked for (the index then gives the matches)."""
        self.is_valid()
        return bool(getattr(self, "cleaned_data", {}).get("q", "").strip())
