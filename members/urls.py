from django.urls import path

from atelier.security import personal

from . import views

app_name = "members"

# The profile page, the data download and the account deletion read the agenda and the
# library as well: portal/urls.py adds them to these, under the same names.

urlpatterns = [
    path("profiel/", personal(views.my_profile), name="my_profile"),
    path("profiel/aanvraag/", personal(views.apply), name="apply"),
    path("profiel/lidmaatschap/", personal(views.membership), name="membership"),
    path(
        "profiel/lidmaatschap/verzoek-intrekken/",
        personal(views.withdraw_level_request),
        name="withdraw_level_request",
    ),
    path(
        "profiel/lidmaatschap/pauzeren/",
        personal(views.change_status),
        {"change": "pause"},
        name="pause",
    ),
    path(
        "profiel/lidmaatschap/beeindigen/",
        personal(views.change_status),
        {"change": "end"},
        name="end",
    ),
    path("leden/", personal(views.directory), name="directory"),
    path("leden/<int:pk>/foto.jpg", views.avatar, {"size": "large"}, name="avatar"),
    path("leden/<int:pk>/foto-klein.jpg", views.avatar, {"size": "small"}, name="avatar_small"),
]
