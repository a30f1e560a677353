from django.contrib import admin
from django.urls import include, path

from . import views
from .models import Page

urlpatterns = [
    path("", views.home, name="home"),
    path("over/", views.text_page, {"key": Page.Key.ABOUT}, name="about"),
    path("privacy/", views.text_page, {"key": Page.Key.PRIVACY}, name="privacy"),
    path("health/", views.health, name="health"),
    path("", include("members.urls")),
    path("agenda/", include("sessions_app.urls")),
    path("kennisbank/", include("knowledge.urls")),
    path("accounts/", include("allauth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]
