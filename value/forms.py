from django import forms
from django.utils.translation import gettext_lazy as _

from atelier.forms import clean_single_line, say_length_limits
from members.models import Sector

from . import stories
from .models import CYCLE_EXPLANATIONS, Cycle, CycleState, StoryAudience, ValueStory

CYCLES = Cycle.values


class ValueStoryForm(forms.ModelForm):
    """A member writes a value story, or its author changes it: a title, what it is
    about, a few sentences per cycle they can speak to (at least one), and who may read it."""

    class Meta:
        model = ValueStory
        fields = [
            "title",
            "events",
            "resources",
            "questions",
            *(name for cycle in CYCLES for name in (cycle, f"{cycle}_state")),
            "audience",
        ]
        widgets = {
            "events": forms.CheckboxSelectMultiple,
            "resources": forms.CheckboxSelectMultiple,
            "questions": forms.CheckboxSelectMultiple,
            "audience": forms.RadioSelect,
            **{cycle: forms.Textarea(attrs={"rows": 4}) for cycle in CYCLES},
            **{f"{cycle}_state": forms.RadioSelect for cycle in CYCLES},
        }
        labels = {
            "title": _("Title"),
            "events": _("Meetings"),
            "resources": _("Tools and cases"),
            "questions": _("Questions from practice"),
            "audience": _("Who may read your story"),
        }
        help_texts = {
            "title": _("In a few words, e.g. “Residents now run the street meeting”."),
            "events": _("Your most recent meetings and events: choose those that played a part."),
            "resources": _(
                "Tools and cases you wrote, used or commented on, and the newest in the "
                "library: choose those that played a part."
            ),
            "questions": _(
                "Questions you asked or answered, and the most recent ones: choose those "
                "that played a part."
            ),
            "audience": _(
                "Your name and sector are shown with your story. The coordinator can always "
                "read it."
            ),
        }
        error_messages = {
            "title": {
                "required": _("Give your story a title."),
                "max_length": _("Keep the title to 200 characters at most; it has %(show_value)d."),
            },
            "audience": {"required": _("Choose who may read your story.")},
            **{
                cycle: {
                    "max_length": _(
                        "Keep this part to 2,000 characters at most; it has %(show_value)d."
                    )
                }
                for cycle in CYCLES
            },
        }

    def __init__(self, *args, writer=None, **kwargs):
        super().__init__(*args, **kwargs)
        story = self.instance if self.instance.pk else None
        self.fields["events"].queryset = stories.events_to_choose(
            writer, keep=story.events.all() if story else self.initial_events()
        )
        self.fields["resources"].queryset = stories.resources_to_choose(
            writer, keep=story.resources.all() if story else None
        )
        self.fields["questions"].queryset = stories.questions_to_choose(
            writer, keep=story.questions.all() if story else None
        )
        self.fields["events"].label_from_instance = _event_label
        self.fields["audience"].choices = StoryAudience.choices
        for cycle in CYCLES:
            text, state = self.fields[cycle], self.fields[f"{cycle}_state"]
            text.help_text = CYCLE_EXPLANATIONS[cycle]
            state.label = _("%(cycle)s: happened or intended?") % {"cycle": Cycle(cycle).label}
            state.choices = [
                (CycleState.HAPPENED, _("This happened")),
                (CycleState.INTENDED, _("I intend to")),
            ]
            # A cycle not told yet offers "happened", also when editing (where the
            # instance's empty state is already in `initial`).
            if not self.initial.get(f"{cycle}_state"):
                self.initial[f"{cycle}_state"] = CycleState.HAPPENED
        say_length_limits(self)

    def initial_events(self):
        """The events the form opens with (the follow-up e-mail's meeting), kept among the
        choices however long ago they were."""
        return self.fields["events"].queryset.model.objects.filter(
            pk__in=self.initial.get("events", [])
        )

    def cycle_groups(self) -> list[dict]:
        """Per cycle its name, explanation, text and happened-or-intended field, for the
        template's fieldsets."""
        return [
            {"label": Cycle(cycle).label, "text": self[cycle], "state": self[f"{cycle}_state"]}
            for cycle in CYCLES
        ]

    def clean_title(self):
        title = clean_single_line(self.cleaned_data["title"])
        if not title:
            raise forms.ValidationError(_("Give your story a title."))
        return title

    def clean(self):
        cleaned = super().clean()
        told = []
        for cycle in CYCLES:
            text = (cleaned.get(cycle) or "").strip()
            cleaned[cycle] = text
            if not text:
                cleaned[f"{cycle}_state"] = ""
                continue
            told.append(cycle)
            if not cleaned.get(f"{cycle}_state"):
                self.add_error(
                    f"{cycle}_state", _("Say whether this happened or is what you intend.")
                )
        if not told and not any(cycle in self.errors for cycle in CYCLES):
            self.add_error(CYCLES[0], _("Tell about at least one cycle: a few sentences will do."))
        return cleaned


def _event_label(event) -> str:
    return f"{event.title} ({event.start:%d-%m-%Y})"


class StoryFilterForm(forms.Form):
    """The list's filters, from the query string; an invalid value is left out."""

    cyclus = forms.ChoiceField(
        label=_("Cycle"), required=False, choices=[("", _("All cycles")), *Cycle.choices]
    )
    sector = forms.ChoiceField(
        label=_("Sector of the writer"),
        required=False,
        choices=[("", _("All sectors")), *Sector.choices],
    )
    q = forms.CharField(label=_("Search"), required=False)
    werkvorm = forms.SlugField(label=_("Tool or case"), required=False, max_length=120)
    bijeenkomst = forms.SlugField(label=_("Meeting"), required=False, max_length=120)

    def filters(self) -> dict:
        """The valid filters by name; a missing or invalid value is left out."""
        self.is_valid()
        return {
            name: "" if name in self.errors else self.cleaned_data.get(name) or ""
            for name in self.fields
        }
