from django.urls import path

from . import library_views

urlpatterns = [
    path("<slug:slug>/agenda/", library_views.put_on_agenda, name="put_on_agenda"),
    path("<slug:slug>/naar-kennisbank/", library_views.to_library, name="to_library"),
]
