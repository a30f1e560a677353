"""The site's addresses with a stand-in question page that shows `{% who_can_help %}`,
for the tests of "who can help" until the questions app has its own page."""

from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.template import RequestContext, Template
from django.urls import include, path

from portal.urls import urlpatterns as site_urlpatterns
from questions import urls as question_urls
from questions.models import Question

PAGE = Template(
    "{% load question_help %}<html><body>{% for message in messages %}<p>{{ message }}</p>"
    "{% endfor %}<h1>{{ question.title }}</h1>{% who_can_help question %}</body></html>"
)


def question_page(request, slug):
    question = get_object_or_404(Question.objects.visible_to(request.user), slug=slug)
    return HttpResponse(PAGE.render(RequestContext(request, {"question": question})))


questions_pages = [
    *question_urls.urlpatterns,
    path("<slug:slug>/", question_page, name="detail"),
]
urlpatterns = [
    *[pattern for pattern in site_urlpatterns if str(pattern.pattern) != "vragen/"],
    path("vragen/", include((questions_pages, question_urls.app_name))),
]
