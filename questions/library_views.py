"""A question to a meeting's agenda, and an answered question into the library."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from atelier.markdown import render_markdown
from members.views import member_required

from . import into_library, links
from .library_forms import AgendaForm, LibraryItemFromQuestionForm
from .models import Question


def _visible(request, slug) -> Question:
    return get_object_or_404(Question.objects.visible_to(request.user), slug=slug)


@login_required
def put_on_agenda(request, slug):
    """The coordinator puts the question on a coming members' meeting's agenda; the
    question's page has the short form, this page shows it again with a mistake."""
    if not links.may_put_on_agenda(request.user):
        raise Http404
    question = _visible(request, slug)
    posted = request.method == "POST"
    form = AgendaForm(request.POST if posted else None, question=question)
    if posted and form.is_valid():
        meeting = form.cleaned_data["meeting"]
        links.put_on_agenda(question, meeting)
        messages.success(
            request,
            _("The question is on the agenda of “%(meeting)s”.") % {"meeting": meeting.title},
        )
        return redirect(question)
    return render(request, "questions/agenda_form.html", {"question": question, "form": form})


@member_required
def to_library(request, slug):
    """The library's item form, filled in from the answered question; saving makes the
    item and links the question to it."""
    question = _visible(request, slug)
    refusal = into_library.refusal(question, request.user)
    if refusal:
        return render(
            request,
            "questions/not_into_library.html",
            {"question": question, "refusal": refusal},
            status=403,
        )
    preview_html = ""
    if request.method == "POST":
        form = LibraryItemFromQuestionForm(request.POST, author=request.user)
        if form.is_valid() and "preview" in request.POST:
            preview_html = render_markdown(form.cleaned_data["body"])
        elif form.is_valid():
            try:
                item = into_library.save_item(
                    question, form, request.user, publish="publish" in request.POST
                )
            except into_library.IntoLibraryError as error:
                messages.error(request, error.message)
                return redirect(question)
            messages.success(request, _("The question is now an item in the library."))
            return redirect(item)
    else:
        initial = into_library.initial_for(question, request.user)
        form = LibraryItemFromQuestionForm(author=request.user, initial=initial)
    return render(
        request,
        "questions/to_library.html",
        {"form": form, "question": question, "resource": None, "preview_html": preview_html},
    )
