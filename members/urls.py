from django.urls import path

from . import views

app_name = "members"

urlpatterns = [
    path("profiel/", views.my_profile, name="my_profile"),
    path("profiel/aanvraag/", views.apply, name="apply"),
    path("profiel/lidmaatschap/", views.membership, name="membership"),
    path(
        "profiel/lidmaatschap/verzoek-intrekken/",
        views.withdraw_level_request,
        name="withdraw_level_request",
    ),
    path(
        "profiel/lidmaatschap/pauzeren/",
        views.change_status,
        {"change": "pause"},
        name="pause",
    ),
    path(
        "profiel/lidmaatschap/beeindigen/",
        views.change_status,
        {"change": "end"},
        name="end",
    ),
    path("profiel/mijn-gegevens.json", views.export_data, name="export"),
    path("profiel/verwijderen/", views.delete_account, name="delete_account"),
    path("leden/", views.directory, name="directory"),
    path("leden/<int:pk>/", views.detail, name="detail"),
    path("leden/<int:pk>/foto.jpg", views.avatar, {"size": "large"}, name="avatar"),
    path("leden/<int:pk>/foto-klein.jpg", views.avatar, {"size": "small"}, name="avatar_small"),
]
