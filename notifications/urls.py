from django.urls import path

from atelier.security import personal

from . import views

app_name = "notifications"

urlpatterns = [
    path("", personal(views.notification_list), name="list"),
    path("alles-gelezen/", views.mark_all_read, name="mark_all_read"),
    path("<int:pk>/", views.open_notification, name="open"),
    path("volgen/", personal(views.follow_list), name="follows"),
    path("volgen/<slug:word>/<int:pk>/", views.follow, name="follow"),
    path("volgen/<slug:word>/<int:pk>/stoppen/", views.unfollow, name="unfollow"),
]
