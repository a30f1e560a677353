from django.urls import path

from atelier.security import personal

from . import views

app_name = "agenda"

urlpatterns = [
    path("", views.upcoming, name="upcoming"),
    path("archief/", views.archive, name="archive"),
    path("feed.ics", views.public_feed, name="feed"),
    path("mijn/", personal(views.mine), name="mine"),
    path("mijn/nieuw-adres/", views.renew_feed, name="renew_feed"),
    path("persoonlijk/<str:token>.ics", personal(views.personal_feed), name="personal_feed"),
    path("bevestigen/<str:token>/", views.confirm, name="confirm"),
    path("afmelden/<str:token>/", views.cancel, name="cancel"),
    path("<slug:slug>.ics", views.event_ics, name="ics"),
    path("<slug:slug>/", views.detail, name="detail"),
    path("<slug:slug>/aanmelden/", views.register, name="register"),
    path("<slug:slug>/gast/", views.register_guest, name="register_guest"),
]
