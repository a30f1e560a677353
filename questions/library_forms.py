from django import forms
from django.utils.translation import gettext_lazy as _

from knowledge.forms import ResourceForm
from knowledge.models import ResourceKind

from . import links
from .models import Question


class AgendaForm(forms.Form):
    """The coordinator puts a question on the agenda of a coming members' meeting."""

    meeting = forms.ModelChoiceField(
        label=_("Members' meeting"),
        queryset=None,
        empty_label=_("Choose a meeting"),
        error_messages={
            "required": _("Choose the meeting that discusses this question."),
            "invalid_choice": _("Choose one of the coming members' meetings in the list."),
        },
    )

    def __init__(self, *args, question: Question, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = links.meetings_to_choose(question)


# A meeting report is written about a meeting, not from a question.
KINDS_FROM_A_QUESTION = [
    (value, label) for value, label in ResourceKind.choices if value != ResourceKind.REPORT
]


class LibraryItemFromQuestionForm(ResourceForm):
    """The library's item form, for an item made from an answered question: a case, a
    tool or background; files are added afterwards, on the item's own edit page. One
    text: a tool's or case's sections are filled in on its edit page, before publishing."""

    in_sections = False

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = KINDS_FROM_A_QUESTION
        self.fields["kind"].error_messages["invalid_choice"] = _(
            "Choose a practice case, a tool or background."
        )
        del self.fields["attachment"]
        del self.fields["event"]
