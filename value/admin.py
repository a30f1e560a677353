from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .models import Cycle, ValueStory


class CycleFilter(admin.SimpleListFilter):
    title = _("cycle")
    parameter_name = "cyclus"

    def lookups(self, request, model_admin):
        return Cycle.choices

    def queryset(self, request, queryset):
        if self.value() in Cycle.values:
            return queryset.telling(self.value())
        return queryset


@admin.register(ValueStory)
class ValueStoryAdmin(admin.ModelAdmin):
    list_display = ("title", "author", "audience", "created_at")
    list_filter = (CycleFilter, "audience")
    search_fields = ("title", "author__email", "author__profile__display_name")
    list_select_related = ("author__profile",)
    ordering = ["-created_at", "-pk"]
    date_hierarchy = "created_at"
    readonly_fields = ("author", "created_at", "updated_at")
    # `events`, `resources` and `questions` stay plain multiple selects: the autocomplete's
    # search field and filter_horizontal's icons fail axe (questions/admin.py).
    fieldsets = (
        (None, {"fields": ("title", "audience")}),
        (_("What it is about"), {"fields": ("events", "resources", "questions")}),
        (
            _("Cycles"),
            {"fields": tuple(name for cycle in Cycle.values for name in (cycle, f"{cycle}_state"))},
        ),
        (_("Told by"), {"fields": ("author", "created_at", "updated_at")}),
    )
