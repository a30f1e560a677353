from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DashboardConfig(AppConfig):
    """How the community is doing: the coordinator's dashboard of figures over a period,
    and the atelier's yearly report ("Opbrengst <jaar>") built from the same figures."""

    name = "dashboard"
    verbose_name = _("Yearly report")

    def ready(self) -> None:
        from value import report_links

        from . import year_reports

        # /opbrengst/ links to the published yearly reports.
        report_links.register(year_reports.report_links)
