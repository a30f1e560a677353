from django.urls import include, path

app_name = "questions"

urlpatterns = [
    # "Who can help" and asking a member directly (questions/help_views.py).
    path("", include("questions.help_urls")),
    # A question to the library and to a meeting's agenda (questions/library_views.py).
    path("", include("questions.library_urls")),
]
