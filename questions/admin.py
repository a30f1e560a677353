from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from atelier.admin_labels import LabelledInlineMixin, WebAddressLabelMixin

from . import answering
from .models import WAITING_DAYS, Answer, Question


class AnsweredFilter(admin.SimpleListFilter):
    title = _("answered")
    parameter_name = "beantwoord"

    def lookups(self, request, model_admin):
        return [
            ("open", _("Open")),
            ("ja", _("Answered")),
            ("wacht", _("No answer after %(days)d days") % {"days": WAITING_DAYS}),
        ]

    def queryset(self, request, queryset):
        if self.value() == "open":
            return queryset.unanswered()
        if self.value() == "ja":
            return queryset.answered()
        if self.value() == "wacht":
            return queryset.waiting_for_an_answer()
        return queryset


class AnswerInline(LabelledInlineMixin, admin.TabularInline):
    model = Answer
    extra = 0
    fields = ("author", "body", "hidden", "created_at")
    readonly_fields = ("author", "body", "hidden", "created_at")
    # Hidden or shown through the answers' list and its actions, so that the rules of
    # questions/answering.py keep the count and the answer that helped right.
    show_change_link = True
    fk_name = "question"

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Question)
class QuestionAdmin(WebAddressLabelMixin, admin.ModelAdmin):
    list_display = (
        "title",
        "asker",
        "visibility",
        "status",
        "answer_count",
        "is_answered",
        "last_activity_at",
    )
    list_filter = (AnsweredFilter, "status", "visibility", "tags")
    search_fields = ("title", "body", "asker__email", "asker__profile__display_name")
    list_select_related = ("asker__profile",)
    ordering = ["-last_activity_at", "-pk"]
    date_hierarchy = "published_at"
    # `events` and `reports` stay plain multiple selects: the autocomplete's search field
    # and filter_horizontal's icons fail axe, and only meetings and reports are offered.
    readonly_fields = (
        "asker",
        "helped_answer",
        "answer_count",
        "published_at",
        "edited_at",
        "last_activity_at",
        "created_at",
    )
    fieldsets = (
        (None, {"fields": ("title", "slug", "body", "tags")}),
        (_("Publication"), {"fields": ("status", "visibility", "published_at", "edited_at")}),
        (
            _("Answers"),
            {"fields": ("helped_answer", "answer_count", "last_activity_at")},
        ),
        (_("Meetings and reports"), {"fields": ("events", "reports")}),
        (_("Asked by"), {"fields": ("asker", "created_at")}),
    )
    inlines = [AnswerInline]

    @admin.display(description=_("answered"), boolean=True, ordering="helped_answer")
    def is_answered(self, question):
        return question.is_answered


@admin.register(Answer)
class AnswerAdmin(admin.ModelAdmin):
    list_display = ("__str__", "created_at", "hidden")
    list_filter = ("hidden",)
    search_fields = ("body", "author__email", "author__profile__display_name", "question__title")
    list_select_related = ("author__profile", "question")
    # Newest first, unlike on the question's page, where they read as a conversation.
    ordering = ["-created_at", "-pk"]
    readonly_fields = ("question", "author", "body", "created_at", "edited_at", "hidden")
    fields = readonly_fields
    actions = ["hide", "show"]

    def has_add_permission(self, request):
        return False

    def _set_hidden(self, request, queryset, hidden: bool) -> int:
        # One by one through the rules: a hidden answer stops being the one that helped,
        # and the question's count of answers follows.
        changed = [
            answer for answer in queryset.select_related("question") if answer.hidden != hidden
        ]
        for answer in changed:
            answering.set_hidden(answer, hidden)
        return len(changed)

    @admin.action(description=_("Hide selected answers"), permissions=["change"])
    def hide(self, request, queryset):
        count = self._set_hidden(request, queryset, True)
        self.message_user(
            request,
            ngettext("%(count)d answer hidden.", "%(count)d answers hidden.", count)
            % {"count": count},
        )

    @admin.action(description=_("Show selected answers again"), permissions=["change"])
    def show(self, request, queryset):
        count = self._set_hidden(request, queryset, False)
        self.message_user(
            request,
            ngettext("%(count)d answer shown again.", "%(count)d answers shown again.", count)
            % {"count": count},
        )
