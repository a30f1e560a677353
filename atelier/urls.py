from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path

from knowledge.sitemaps import PublicItemsSitemap
from sessions_app.sitemaps import PublicEventsSitemap

from . import views
from .models import Page
from .sitemaps import FixedPagesSitemap

# One section per kind of public page; a new kind (questions) is one more line.
SITEMAPS = {
    "pages": FixedPagesSitemap,
    "agenda": PublicEventsSitemap,
    "library": PublicItemsSitemap,
}

urlpatterns = [
    path("", views.home, name="home"),
    path("over/", views.text_page, {"key": Page.Key.ABOUT}, name="about"),
    path("privacy/", views.text_page, {"key": Page.Key.PRIVACY}, name="privacy"),
    path("health/", views.health, name="health"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("favicon.ico", views.favicon, name="favicon"),
    path("", include("members.urls")),
    path("agenda/", include("sessions_app.urls")),
    path("kennisbank/", include("knowledge.urls")),
    path("accounts/", include("allauth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]
