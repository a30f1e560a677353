"""Form rendering shared by every form of the site, allauth's included.

Forms look and behave like the GOV.UK Design System's: label, hint, the error message
next to the field, and the input tied to its hint and error for screen readers.
"""

import unicodedata

from django import forms
from django.forms import BoundField
from django.forms.renderers import TemplatesSetting
from django.utils.encoding import punycode
from django.utils.formats import number_format
from django.utils.translation import gettext as _


class DescribedBoundField(BoundField):
    @property
    def is_checkbox(self) -> bool:
        """A single checkbox: its label goes after the box (includes/field.html)."""
        return self.widget_type == "checkbox"

    @property
    def says_optional(self) -> bool:
        """Whether the label says "optional": not for a field the form may leave empty
        only for now, such as a section a tool needs before it is published."""
        return not self.field.required and not getattr(self.field, "needed_later", False)

    @property
    def fieldset_described_by(self) -> str:
        """What describes a group of options: its hint and its error, on the fieldset."""
        if not self.auto_id:
            return ""
        ids = [
            f"{self.auto_id}_helptext" if self.help_text else "",
            f"{self.auto_id}_error" if self.errors else "",
        ]
        return " ".join(filter(None, ids))

    @property
    def error_anchor(self) -> str:
        """Where the error summary's link for this field goes: its input, or the first option."""
        return self.id_for_label or f"{self.auto_id}_0"

    def build_widget_attrs(self, attrs, widget=None):
        # Django 5.2 already ties the hint and error to the input; this only makes sure
        # of it, once. A group of radios or checkboxes gets them on its fieldset
        # (includes/field.html), not on every option, so they are read out once.
        attrs = super().build_widget_attrs(attrs, widget)
        if self.errors and self.auto_id and not self.use_fieldset:
            attrs["aria-invalid"] = "true"
            described_by = attrs.get("aria-describedby", "").split()
            error_id = f"{self.auto_id}_error"
            if error_id not in described_by:
                attrs["aria-describedby"] = " ".join([*described_by, error_id])
        return attrs


class FormRenderer(TemplatesSetting):
    form_template_name = "includes/form.html"
    field_template_name = "includes/field.html"
    bound_field_class = DescribedBoundField


def say_length_limits(form: forms.BaseForm) -> None:
    """Each text field with a maximum length says it in its hint, and takes more: a
    `maxlength` attribute would make the browser cut off what is typed or pasted beyond it
    without a word. The form's own message then says the text is too long."""
    for field in form.fields.values():
        limit = getattr(field, "max_length", None)
        if limit is None or field.widget.is_hidden:
            continue
        field.widget.attrs.pop("maxlength", None)
        said = _("At most %(limit)s characters.") % {
            "limit": number_format(limit, force_grouping=True)
        }
        field.help_text = f"{field.help_text} {said}" if field.help_text else said


def clean_single_line(value: str) -> str:
    """One line of text: control characters removed, white space folded to single spaces."""
    # Tabs and line breaks (control characters) separate words; invisible format
    # characters such as direction overrides are dropped.
    cleaned = " ".join(
        "".join(
            ch if ch.isprintable() else " " if unicodedata.category(ch) == "Cc" else ""
            for ch in value
        ).split()
    )
    if value.strip() and not cleaned:
        raise forms.ValidationError(_("Use letters, digits and punctuation only."))
    return cleaned


def clean_tags(tags: list[str], most: int, too_many: str, too_long: str) -> list[str]:
    """Tags as a form received them, cleaned: each one line (`clean_single_line`), empty and
    repeated ones dropped, at most `most` of them and each under 50 characters.

    Tags are shown to everyone, so no control characters or direction overrides either.
    `too_many` and `too_long` are the form's own error messages (tags or topics).
    """
    cleaned = list(dict.fromkeys(tag for tag in map(clean_single_line, tags) if tag))
    if len(cleaned) > most:
        raise forms.ValidationError(too_many, code="too_many")
    if any(len(tag) > 50 for tag in cleaned):
        raise forms.ValidationError(too_long)
    return cleaned


def clean_email_address(value: str) -> str:
    """An address mail can be sent to: Django's EmailValidator lets a domain through with
    invisible characters (a direction override, say) that IDNA encoding then refuses."""
    try:
        punycode(value.rpartition("@")[2])
    except UnicodeError:
        valid = False
    else:
        valid = value.isprintable()
    if not valid:
        raise forms.ValidationError(
            _("Enter an e-mail address like name@example.org."), code="invalid"
        )
    return value
