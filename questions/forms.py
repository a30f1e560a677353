from django import forms
from django.utils.translation import gettext_lazy as _

from atelier.forms import clean_single_line, clean_tags
from knowledge.forms import TagSuggestionsInput
from knowledge.models import Resource, Visibility
from members.models import Sector

from .models import Answer, Question

MAX_TAGS = 12
TAG_SUGGESTIONS = 200


def _clean_markdown(value: str, empty_message: str) -> str:
    """Markdown as written, without NUL characters (a database refuses them) and not blank."""
    value = value.replace("\x00", "").strip()
    if not value:
        raise forms.ValidationError(empty_message)
    return value


class QuestionForm(forms.ModelForm):
    """A member asks a question, or the asker edits it."""

    class Meta:
        model = Question
        fields = ["title", "body", "tags", "visibility"]
        widgets = {
            "body": forms.Textarea(attrs={"rows": 12}),
            "visibility": forms.RadioSelect,
            "tags": TagSuggestionsInput,
        }
        labels = {"title": _("Your question"), "visibility": _("Who may read it")}
        help_texts = {
            "title": _("One sentence, e.g. “How do I keep residents involved after the project?”"),
            "body": _(
                "What happens in your work, what you tried and what you would like to know. "
                "Markdown is allowed."
            ),
            "tags": _("Topics, separated by commas, e.g. signaling, bewonersparticipatie."),
            "visibility": _(
                "A public question can be read by everyone; only members answer. "
                "Your name and sector are shown with it."
            ),
        }
        error_messages = {
            "title": {
                "required": _("Write your question."),
                "max_length": _("Keep your question under 200 characters."),
            },
            "body": {
                "required": _("Describe the situation from practice."),
                "max_length": _("Keep the description under 100,000 characters."),
            },
            "visibility": {"required": _("Choose who may read your question.")},
        }

    def __init__(self, *args, asker=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["visibility"].choices = Visibility.choices
        self.fields["tags"].widget.attrs["autocomplete"] = "off"
        # The library's tags, as the asker may read them: questions and items share tags.
        self.fields["tags"].widget.suggestions = (
            Resource.objects.visible_to(asker).published().popular_tags(TAG_SUGGESTIONS)
        )

    def clean_title(self):
        title = clean_single_line(self.cleaned_data["title"])
        if not title:
            raise forms.ValidationError(_("Write your question."))
        return title

    def clean_body(self):
        return _clean_markdown(
            self.cleaned_data["body"], _("Describe the situation from practice.")
        )

    def clean_tags(self):
        return clean_tags(
            self.cleaned_data["tags"],
            most=MAX_TAGS,
            too_many=_("Use at most %(max)d tags.") % {"max": MAX_TAGS},
            too_long=_("Keep each tag under 50 characters."),
        )


class AnswerForm(forms.ModelForm):
    """A member answers a question, or edits their answer."""

    class Meta:
        model = Answer
        fields = ["body"]
        widgets = {"body": forms.Textarea(attrs={"rows": 8})}
        labels = {"body": _("Your answer")}
        help_texts = {
            "body": _("Your experience, an approach that worked, a source. Markdown is allowed.")
        }
        error_messages = {
            "body": {
                "required": _("Write your answer first."),
                "max_length": _("Keep your answer under 100,000 characters."),
            }
        }

    def clean_body(self):
        return _clean_markdown(self.cleaned_data["body"], _("Write your answer first."))


OPEN = "open"
ANSWERED = "beantwoord"


class QuestionFilterForm(forms.Form):
    """The list's search and filters, from the query string; an invalid value is left out."""

    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    staat = forms.ChoiceField(
        label=_("Answered"),
        required=False,
        choices=[("", _("All questions")), (OPEN, _("Open")), (ANSWERED, _("Answered"))],
    )
    sector = forms.ChoiceField(
        label=_("Sector of the asker"),
        required=False,
        choices=[("", _("All sectors")), *Sector.choices],
    )
    tag = forms.CharField(label=_("Tag"), required=False, max_length=50)
    mijn = forms.BooleanField(label=_("My questions"), required=False)
    expertise = forms.BooleanField(label=_("In my expertise"), required=False)

    def filters(self) -> dict:
        """The valid filters by name; a missing or invalid value is left out."""
        self.is_valid()

        def valid(name, empty):
            return empty if name in self.errors else self.cleaned_data.get(name) or empty

        try:
            tag = clean_single_line(valid("tag", ""))
        except forms.ValidationError:
            tag = ""
        return {
            "q": " ".join(valid("q", "").split()),
            "status": valid("staat", ""),
            "sector": valid("sector", ""),
            "tag": tag,
            "mine": valid("mijn", False),
            "expertise": valid("expertise", False),
        }
