from django import forms
from django.contrib import admin, messages
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from atelier.forms import say_length_limits
from value.models import ValueStory

from . import year_reports
from .models import YearReport

# Buttons under the change form, by the name they post (templates/admin/dashboard/yearreport/).
PUBLISH, UNPUBLISH, UPDATE_FIGURES = "_publish", "_unpublish", "_update_figures"


class StoryChoices(forms.ModelMultipleChoiceField):
    def label_from_instance(self, story: ValueStory) -> str:
        told_on = timezone.localdate(story.created_at)
        return f"{story.title} ({story.author_name()}, {told_on:%d-%m-%Y})"


class YearReportForm(forms.ModelForm):
    """The report's introduction and the stories it holds. The stories to tick are the
    newest public ones of the year (a bounded list); a story that is not public is no
    choice, so a forged one is refused with the form's message."""

    picked_stories = StoryChoices(
        queryset=ValueStory.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("Value stories in the report"),
        help_text=_(
            "Stories their authors let everyone read, told in the report's year or the year "
            "after, newest first. A story whose author later narrows who may read it leaves "
            "the report at once."
        ),
    )

    # The year whose stories the form showed: a new report's year may be changed after
    # the list was drawn, and the page has no script to draw it again.
    stories_year = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = YearReport
        fields = ("year", "introduction")
        widgets = {"introduction": forms.Textarea(attrs={"rows": 16, "cols": 80, "lang": "nl"})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        say_length_limits(self)
        year = self._year()
        picked = (
            list(self.instance.stories.values_list("pk", flat=True)) if self.instance.pk else []
        )
        self.fields["picked_stories"].queryset = year_reports.stories_to_choose(year, keep=picked)
        self.initial.setdefault("picked_stories", picked)
        self.initial["stories_year"] = year
        self.shown_stories_year = self.data.get("stories_year") if self.is_bound else None
        if self.is_bound:
            # Drawn again, the page shows this year's stories: say so with the next post.
            self.data = self.data.copy()
            self.data["stories_year"] = year

    def clean_year(self) -> int:
        year = self.cleaned_data["year"]
        if year > timezone.localdate().year:
            raise forms.ValidationError(
                _("Choose this year or an earlier one: a year to come has no figures yet.")
            )
        return year

    def clean(self):
        cleaned = super().clean()
        year = cleaned.get("year")
        shown = str(self.shown_stories_year or "")
        if self.instance.pk is None and year and shown.isdigit() and int(shown) != year:
            self.add_error(
                "picked_stories",
                _(
                    "The list showed the stories of %(shown)s. Below are those of %(year)s now: "
                    "tick the ones for the report and save again."
                )
                % {"shown": shown, "year": year},
            )
        return cleaned

    def _year(self) -> int:
        """The report's year: its own, the one typed (for a new report) or last year's."""
        if self.instance.pk:
            return self.instance.year
        typed = str(self.data.get("year", ""))
        if typed.isdigit() and len(typed) == 4:
            return int(typed)
        return self.initial.get("year") or timezone.localdate().year - 1


@admin.register(YearReport)
class YearReportAdmin(admin.ModelAdmin):
    form = YearReportForm
    list_display = ("__str__", "published", "figures_taken_at", "preview")
    ordering = ["-year"]
    actions = ["publish", "unpublish", "update_figures"]
    fieldsets = (
        (None, {"fields": ("year", "introduction")}),
        (_("Value stories"), {"fields": ("picked_stories", "stories_year")}),
        (_("Publication"), {"fields": ("published_at", "figures_taken_at")}),
    )

    def get_readonly_fields(self, request, obj=None):
        # A report's year is its address; its stories were chosen for that year.
        fixed = ("published_at", "figures_taken_at")
        return ("year", *fixed) if obj is not None else fixed

    def get_changeform_initial_data(self, request):
        return {
            "year": timezone.localdate().year - 1,
            **super().get_changeform_initial_data(request),
        }

    @admin.display(description=_("published"), boolean=True, ordering="published_at")
    def published(self, report: YearReport) -> bool:
        return report.is_published

    @admin.display(description=_("read it"))
    def preview(self, report: YearReport) -> str:
        label = _("Read the report") if report.is_published else _("Preview")
        return format_html('<a href="{}">{}</a>', report.get_absolute_url(), label)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        report = form.instance
        year_reports.pick_stories(report, form.cleaned_data["picked_stories"])
        if not change:
            # A new report starts with the year's figures: what the preview shows.
            year_reports.take_figures(report)
        if PUBLISH in request.POST:
            year_reports.publish(report)
            self.message_user(request, _("The report is published: everyone can read it now."))
        elif UNPUBLISH in request.POST:
            year_reports.unpublish(report)
            self.message_user(request, _("The report is taken back: only you can read it."))
        elif UPDATE_FIGURES in request.POST and change:
            year_reports.take_figures(report)
            self.message_user(request, _("The figures were counted again."))

    def _done(self, request, message: str, count: int) -> None:
        self.message_user(request, message % {"count": count}, messages.SUCCESS)

    @admin.action(description=_("Publish the selected reports"), permissions=["change"])
    def publish(self, request, queryset):
        for report in queryset:
            year_reports.publish(report)
        self._done(
            request,
            ngettext("%(count)d report published.", "%(count)d reports published.", len(queryset)),
            len(queryset),
        )

    @admin.action(
        description=_("Take the selected reports back (unpublish)"), permissions=["change"]
    )
    def unpublish(self, request, queryset):
        for report in queryset:
            year_reports.unpublish(report)
        self._done(
            request,
            ngettext(
                "%(count)d report taken back: only you can read it.",
                "%(count)d reports taken back: only you can read them.",
                len(queryset),
            ),
            len(queryset),
        )

    @admin.action(
        description=_("Update the figures of the selected reports"), permissions=["change"]
    )
    def update_figures(self, request, queryset):
        for report in queryset:
            year_reports.take_figures(report)
        self._done(
            request,
            ngettext(
                "The figures of %(count)d report were counted again.",
                "The figures of %(count)d reports were counted again.",
                len(queryset),
            ),
            len(queryset),
        )
