"""The admin's parts that read several apps: the members' "give and take" filter."""

from datetime import timedelta

from django.contrib import admin
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from dashboard.activity import quiet_members
from dashboard.periods import Period
from members.admin import ProfileAdmin
from members.models import Profile

from .contributions import without_contributions_since


class WithoutContributionFilter(admin.SimpleListFilter):
    """Give and take: active members who have contributed nothing lately, or the members
    of a period who contributed nothing in it (a period value such as
    "2026-01-01..2026-12-31": the dashboard's give-and-take figure links here)."""

    title = _("contributions")
    parameter_name = "zonder_bijdrage"

    def lookups(self, request, model_admin):
        choices = [
            (str(months), _("Nothing in the last %(months)d months") % {"months": months})
            for months in (3, 6, 12)
        ]
        # The dashboard's period, shown as chosen so the list says why it is short.
        period = Period.from_value(request.GET.get(self.parameter_name, ""))
        if period is not None:
            label = _("Nothing from %(first)s to %(last)s") % {
                "first": date_format(period.first_day),
                "last": date_format(period.last_day),
            }
            choices.append((period.value, label))
        return choices

    def queryset(self, request, queryset):
        if self.value() in {"3", "6", "12"}:
            since = timezone.now() - timedelta(days=30 * int(self.value()))
            return without_contributions_since(queryset, since)
        period = Period.from_value(self.value() or "")
        if period is not None:
            return quiet_members(queryset, period)
        return queryset


# The members' own admin (members/admin.py), with the filter above as its last one.
admin.site.unregister(Profile)


@admin.register(Profile)
class ProfileWithContributionsAdmin(ProfileAdmin):
    list_filter = (*ProfileAdmin.list_filter, WithoutContributionFilter)
