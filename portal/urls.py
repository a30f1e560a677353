"""The site's addresses (ROOT_URLCONF): each app's pages, and those that span the apps."""

from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path

from atelier import views as site_views
from atelier.metrics import metrics
from atelier.models import Page
from atelier.security import personal
from dashboard.sitemaps import PublishedReportsSitemap
from knowledge.sitemaps import PublicItemsSitemap
from members import urls as members_urls
from members import views as members_views
from notifications import email_views
from questions.sitemaps import PublicQuestionsSitemap
from sessions_app import urls as agenda_urls
from sessions_app.sitemaps import PublicEventsSitemap

from . import my_atelier_views, search_views, views
from .sitemaps import FixedPagesSitemap

# One section per kind of public page; a new kind (questions) is one more line.
SITEMAPS = {
    "pages": FixedPagesSitemap,
    "agenda": PublicEventsSitemap,
    "library": PublicItemsSitemap,
    "questions": PublicQuestionsSitemap,
    "reports": PublishedReportsSitemap,
}

# The members' pages, with those whose views read the agenda, the library or the e-mails too:
# same names (`members:detail`) and addresses as the members' own.
members_pages = [
    *members_urls.urlpatterns,
    path("profiel/mijn-gegevens.json", personal(views.export_data), name="export"),
    path("profiel/verwijderen/", personal(views.delete_account), name="delete_account"),
    path("leden/<int:pk>/", personal(views.member_profile), name="detail"),
    path("profiel/meldingen/", personal(email_views.email_settings), name="email_settings"),
]

# The agenda's pages, with the three whose views show the library's reports: same names
# (`agenda:detail`) and addresses as the agenda's own; the event's page last, after the
# agenda's fixed addresses.
agenda_pages = [
    path("archief/", views.event_archive, name="archive"),
    *agenda_urls.urlpatterns,
    path("<slug:slug>/", views.event_detail, name="detail"),
    path("<slug:slug>/gast/", views.register_guest, name="register_guest"),
]

# The site's error page with the request id (atelier/request_log.py); a database that cannot
# be reached answers 503 with the site's page, other errors 500.
handler500 = "atelier.views.server_error"

urlpatterns = [
    path("", views.home, name="home"),
    path("over/", site_views.text_page, {"key": Page.Key.ABOUT}, name="about"),
    path("privacy/", site_views.text_page, {"key": Page.Key.PRIVACY}, name="privacy"),
    path("health/", site_views.health, name="health"),
    path("health/ready/", site_views.ready, name="ready"),
    # Where Prometheus looks by default; the site's 404 for anyone else.
    path("metrics", metrics, name="metrics"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("favicon.ico", site_views.favicon, name="favicon"),
    path("", include((members_pages, members_urls.app_name))),
    path("agenda/", include((agenda_pages, agenda_urls.app_name))),
    path("kennisbank/", include("knowledge.urls")),
    path("zoeken/", search_views.site_search, name="search"),
    path("mijn/", personal(my_atelier_views.my_atelier), name="my_atelier"),
    path("vragen/", include("questions.urls")),
    # The yearly reports (/opbrengst/<jaar>/) first: the value stories share the address space.
    path("opbrengst/", include("dashboard.report_urls")),
    path("opbrengst/", include("value.urls")),
    path("meldingen/", include("notifications.urls")),
    path("accounts/", include("allauth.urls")),
    path("afmelden/<str:token>/", personal(email_views.unsubscribe_page), name="unsubscribe"),
    # Django's language switch, which also keeps a member's choice for their e-mails.
    path("i18n/setlang/", members_views.set_language, name="set_language"),
    path("admin/overzicht/", include("dashboard.urls")),
    path("admin/", admin.site.urls),
]
