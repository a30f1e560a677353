from django.urls import path

from atelier.security import personal

from . import views

app_name = "agenda"

# The event's page, the guest form that returns to it and the archive show the library's
# reports: their views are in portal/views.py, which adds them to these (portal/urls.py).

urlpatterns = [
    path("", views.upcoming, name="upcoming"),
    path("feed.ics", views.public_feed, name="feed"),
    path("mijn/", personal(views.mine), name="mine"),
    path("mijn/nieuw-adres/", views.renew_feed, name="renew_feed"),
    # Not `personal`'s no-store: the feed says itself how long its program may keep it.
    path("persoonlijk/<str:token>.ics", views.personal_feed, name="personal_feed"),
    path("bevestigen/<str:token>/", views.confirm, name="confirm"),
    path("afmelden/<str:token>/", views.cancel, name="cancel"),
    path("<slug:slug>.ics", views.event_ics, name="ics"),
    path("<slug:slug>/aanmelden/", views.register, name="register"),
]
