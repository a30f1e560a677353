from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from taggit.forms import TagWidget

from atelier.forms import clean_single_line, clean_tags
from members.models import Profile
from sessions_app.models import Event

from . import publishing
from .attachments import check_attachment
from .models import AuthorshipStatus, Comment, Resource, ResourceKind, Visibility
from .section_split import split_into_sections
from .sections import Section, sections_of

MAX_TAGS = 12
MAX_COAUTHORS = 10
TAG_SUGGESTIONS = 200  # offered in the input's list; enough for any library, short to send
TAG_HINTS = 20  # named in the visible hint under the input
SECTION_MAX_LENGTH = 10_000  # a tool's nine sections stay under the body's 100,000


class TagSuggestionsInput(TagWidget):
    """The tags input with tags already in use: a <datalist> and a visible hint.

    A browser offers a datalist only for the whole value, and the input holds several
    tags separated by commas, so the most used ones are also named in plain text.
    """

    template_name = "knowledge/widgets/tag_input.html"

    def __init__(self, attrs=None):
        super().__init__(attrs)
        self.suggestions = []  # Tag objects, most used first; set by the form

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        names = [tag.name for tag in self.suggestions]
        if names:
            widget_attrs = context["widget"]["attrs"]
            base_id = widget_attrs.get("id") or f"id_{name}"
            hint_id = f"{base_id}_suggestions_hint"
            widget_attrs["list"] = f"{base_id}_suggestions"
            widget_attrs.pop("autocomplete", None)  # Firefox shows no datalist with it off
            described_by = widget_attrs.get("aria-describedby", "")
            widget_attrs["aria-describedby"] = f"{described_by} {hint_id}".strip()
            context["widget"].update(
                list_id=widget_attrs["list"],
                hint_id=hint_id,
                suggestions=names,
                hints=names[:TAG_HINTS],
            )
        return context


def section_field_name(key: str) -> str:
    return f"section_{key}"


def section_fields(kind: str) -> dict[str, forms.Field]:
    """One Markdown field per section of a tool or case, its hint under the label; none
    for the kinds with one text."""
    return {section_field_name(section.key): SectionField(section) for section in sections_of(kind)}


class SectionField(forms.CharField):
    """A section's Markdown; a draft may leave it empty, publishing asks (publishing.py)."""

    def __init__(self, section: Section):
        hint = section.hint
        if section.required:
            hint = format_lazy("{} {}", hint, _("Needed to publish; a draft may leave it empty."))
        super().__init__(
            label=section.label,
            help_text=hint,
            required=False,
            max_length=SECTION_MAX_LENGTH,
            widget=forms.Textarea(attrs={"rows": 6}),
        )
        # Its label does not say "optional" (atelier.forms.DescribedBoundField).
        self.needed_later = section.required


class SectionsForm(forms.ModelForm):
    """What the writer's form and the admin's share for a tool's or case's sections: the
    texts to and from `Resource.sections`, and the publishing rule on them."""

    def load_sections(self, kind: str) -> None:
        self.instance.kind = kind  # a new item's sections are its kind's
        self.section_names = {
            section.key: section_field_name(section.key) for section in sections_of(kind)
        }
        for key, name in self.section_names.items():
            self.initial.setdefault(name, self.instance.sections.get(key, ""))

    def will_be_published(self) -> bool:
        """Whether this save publishes the item: the writer's form and the admin's form
        each answer it from their own buttons and fields."""
        raise NotImplementedError  # each form above says it; there is no default

    def clean(self):
        cleaned_data = super().clean()
        kind = cleaned_data.get("kind") or self.instance.kind
        self.instance.kind = kind
        if self.section_names:
            self.instance.sections = {
                key: cleaned_data.get(name, "") for key, name in self.section_names.items()
            }
            # The sections are the whole text: emptied, they stay empty.
            self.instance.body = self.instance.joined_sections()
        else:
            # One text (an item made from a question): its sections as Resource.save finds them.
            self.instance.sections = split_into_sections(kind, cleaned_data.get("body", ""))
        if self.will_be_published():
            for missing in publishing.missing_for_publication(self.instance):
                if missing.field in self.section_names:
                    self.add_error(self.section_names[missing.field], missing.message)
                elif missing.field not in self.fields:  # a form field says so itself
                    self.add_error(None, missing.message)
        return cleaned_data

    def preview_markdown(self) -> str:
        """The text as it will read: the body, or each section with text under its name."""
        if not self.section_names:
            return self.cleaned_data["body"]
        return "\n\n".join(
            f"## {section.label}\n\n{text}"
            for section in sections_of(self.instance.kind)
            if (text := self.cleaned_data.get(self.section_names[section.key]))
        )


class ResourceForm(SectionsForm):
    """A member writes or edits a library item.

    The kind is chosen before the form (`?soort=`) and kept in it; a tool or case then has
    a field per section instead of one text. An item keeps its kind when edited.
    """

    # False: one text and a choice of kind, whatever the kind (questions.library_forms).
    in_sections = True

    coauthors = forms.CharField(
        label=_("Co-authors"),
        required=False,
        max_length=1000,
        help_text=_(
            "Names of other members as in the member directory, separated by commas. "
            "We ask them first: they are shown as co-author once they agree."
        ),
    )
    attachment = forms.FileField(
        label=_("Add an attachment"),
        required=False,
        template_name="knowledge/attachment_field.html",
        help_text=_(
            "PDF, Word, Excel, PowerPoint, OpenDocument or an image; at most 20 MB, "
            "an image at most 25 megapixels. Add more after saving."
        ),
    )

    class Meta:
        model = Resource
        fields = ["kind", "title", "summary", "body", "tags", "visibility", "event"]
        widgets = {
            "kind": forms.RadioSelect,
            "visibility": forms.RadioSelect,
            "body": forms.Textarea(attrs={"rows": 18}),
            "summary": forms.Textarea(attrs={"rows": 2}),
            "tags": TagSuggestionsInput,
        }
        help_texts = {
            "tags": _("Topics, separated by commas, e.g. signaling, bewonersparticipatie."),
            "visibility": _("Public items can be read by everyone, also outside the atelier."),
        }
        error_messages = {
            "kind": {"required": _("Choose what kind of item this is.")},
            "title": {"required": _("Enter a title.")},
            "summary": {"required": _("Write a short summary.")},
            "body": {"required": _("Write the text of the item.")},
        }

    def __init__(self, *args, author=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.author = author
        self.fields["kind"].choices = ResourceKind.choices
        if self.instance.pk:
            del self.fields["kind"]
            kind = self.instance.kind
        else:
            kind = self.data.get("kind") or self.initial.get("kind") or ""
        if not self.in_sections:
            kind = ""
        elif kind in ResourceKind.values and "kind" in self.fields:
            # Chosen on the page before (?soort=); asked here only when that went wrong.
            self.fields["kind"].widget = forms.HiddenInput()
        self.load_sections(kind)
        if self.section_names:
            # The sections take the place of the one text, after the summary.
            del self.fields["body"]
            names = list(self.fields)
            self.fields.update(section_fields(kind))
            self.order_fields([*names[: names.index("summary") + 1], *self.section_names.values()])
        self.fields["visibility"].choices = Visibility.choices
        self.fields["event"].required = False
        self.fields["event"].label = _("Reports on the event")
        # Only events the writer may see (no draft event's title for a member), and the
        # item's own event, so an edit never fails on it.
        events = Event.objects.visible_to(author)
        if self.instance.event_id:
            events = events | Event.objects.filter(pk=self.instance.event_id)
        self.fields["event"].queryset = events.order_by("-start")
        self.fields["tags"].widget.attrs["autocomplete"] = "off"
        # Tags of published items the writer may read; never those of someone's draft.
        self.fields["tags"].widget.suggestions = (
            Resource.objects.visible_to(author).published().popular_tags(TAG_SUGGESTIONS)
        )
        if self.instance.pk:
            # Co-authors who agreed and those still asked; not who declined.
            names = [
                authorship.user.profile.display_name
                for authorship in self.instance.authorships.exclude(
                    status=AuthorshipStatus.DECLINED
                ).select_related("user__profile")
                if authorship.user_id != getattr(author, "pk", None)
                and hasattr(authorship.user, "profile")
            ]
            self.initial.setdefault("coauthors", ", ".join(names))
        self.checked_attachment = None

    def will_be_published(self) -> bool:
        # "Publish", or "Save and keep published" (the same button) on a published item.
        return "publish" in self.data or self.instance.is_published

    @property
    def kind_label(self) -> str:
        return str(dict(ResourceKind.choices).get(self.instance.kind, ""))

    @property
    def file_not_kept(self) -> str:
        """The name of a file that was sent and accepted, but not stored: this form is
        shown again (a preview, or an error elsewhere) and a browser never fills a file
        input again by itself, so the writer must choose it once more."""
        return self.checked_attachment.download_name if self.checked_attachment else ""

    def clean_title(self):
        return clean_single_line(self.cleaned_data["title"])

    def clean_summary(self):
        return clean_single_line(self.cleaned_data["summary"])

    def clean_tags(self):
        return clean_tags(
            self.cleaned_data["tags"],
            most=MAX_TAGS,
            too_many=_("Use at most %(max)d tags.") % {"max": MAX_TAGS},
            too_long=_("Keep each tag under 50 characters."),
        )

    def clean_coauthors(self):
        names = [clean_single_line(n) for n in self.cleaned_data["coauthors"].split(",")]
        names = [n for n in dict.fromkeys(names) if n]
        if len(names) > MAX_COAUTHORS:
            raise forms.ValidationError(_("Name at most 10 co-authors."))
        # The item's current co-authors stay findable, also once they have paused or
        # share their name with another member; new co-authors must be active members.
        current = (
            Profile.objects.filter(user__in=self.instance.authors.all())
            if self.instance.pk
            else Profile.objects.none()
        )
        found, unknown = [], []
        for name in names:
            matches = list(current.filter(display_name__iexact=name)[:2]) or list(
                Profile.objects.active().filter(display_name__iexact=name)[:2]
            )
            if len(matches) == 1:
                found.append(matches[0].user)
            else:
                unknown.append(name)
        if unknown:
            raise forms.ValidationError(
                _("We could not find exactly one member named: %(names)s.")
                % {"names": ", ".join(unknown)}
            )
        return found

    def clean_attachment(self):
        uploaded = self.cleaned_data.get("attachment")
        if uploaded:
            self.checked_attachment = check_attachment(uploaded)
        return uploaded


class CommentForm(forms.ModelForm):
    class Meta:
        model = Comment
        fields = ["body"]
        widgets = {"body": forms.Textarea(attrs={"rows": 5})}
        labels = {"body": _("Your comment")}
        help_texts = {"body": _("Markdown is allowed.")}
        error_messages = {
            "body": {
                "required": _("Write a comment first."),
                "max_length": _("Keep your comment under 10,000 characters."),
            }
        }

    def clean_body(self):
        body = self.cleaned_data["body"].replace("\x00", "").strip()
        if not body:
            raise forms.ValidationError(_("Write a comment first."))
        return body


class LibraryFilterForm(forms.Form):
    """The library's search and filters, from the query string (?q=…&soort=…&tag=…&tag=…)."""

    MAX_TAG_FILTERS = 5

    # No maximum length: the search uses the start of a long text, and says so.
    q = forms.CharField(label=_("Search"), required=False)
    soort = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("All kinds")), *ResourceKind.choices]
    )

    def filters(self) -> dict:
        """The valid filters; an invalid value is left out rather than failing the page."""
        self.is_valid()
        tags = self.data.getlist("tag") if hasattr(self.data, "getlist") else []
        cleaned_tags = []
        for tag in tags[: self.MAX_TAG_FILTERS]:
            try:
                cleaned_tags.append(clean_single_line(tag)[:50])
            except forms.ValidationError:
                continue
        return {
            "q": self.cleaned_data.get("q", "") if "q" not in self.errors else "",
            "kind": self.cleaned_data.get("soort", "") if "soort" not in self.errors else "",
            "tags": [tag for tag in dict.fromkeys(cleaned_tags) if tag],
        }
