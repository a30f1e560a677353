"""The yearly report's addresses, in the value stories' space: /opbrengst/<jaar>/.

portal/urls.py includes these before value's own addresses under /opbrengst/.
"""

from django.urls import path, register_converter

from . import report_views

app_name = "year_report"


class YearConverter:
    """At most four digits: a longer number is no year, and would not fit the year's column."""

    regex = "[0-9]{1,4}"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value: int) -> str:
        return str(value)


register_converter(YearConverter, "year")

urlpatterns = [
    path("<year:year>/", report_views.page, name="page"),
    path("<year:year>.pdf", report_views.pdf, name="pdf"),
]
