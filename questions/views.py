from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from atelier import ratelimit
from atelier.addresses import absolute_url, login_url
from atelier.bounded_paging import BoundedPaginator
from atelier.one_query_paging import bounded_page_of_ids
from atelier.page_cache import cached_page
from members import access
from members.models import Sector
from members.views import member_required
from sessions_app.structured_data import share_image_url

from . import answering, asking, finding, structured_data
from .forms import AnswerForm, QuestionFilterForm, QuestionForm
from .models import Answer, Question

PAGE_SIZE = 20


@require_safe
@cached_page(areas=("questions", "members"))  # askers' names and sectors
def question_list(request):
    """Questions from practice: newest activity first, with search and filters."""
    filter_form = QuestionFilterForm(request.GET)
    filters = filter_form.filters()
    found = finding.find(request.user, filters)
    if filters["q"]:
        # A search hands over at most INDEX_CANDIDATES questions (questions/search.py): its
        # first page and count from one query, which reads the index once.
        page = bounded_page_of_ids(found, request.GET.get("pagina"), PAGE_SIZE)
    else:
        ids = found.values_list("pk", flat=True)
        page = BoundedPaginator(ids, PAGE_SIZE).get_page(request.GET.get("pagina"))
    by_id = Question.objects.filter(pk__in=list(page.object_list)).for_list().in_bulk()
    return render(
        request,
        "questions/list.html",
        {
            "filter_form": filter_form,
            "filters": filters,
            "is_filtered": any(filters.values()),
            "page": page,
            "questions": [by_id[pk] for pk in page.object_list if pk in by_id],
            "sectors": Sector.choices,
        },
    )


def _form_page(request, form, question=None):
    return render(request, "questions/edit.html", {"form": form, "question": question})


def _save(request, form, question=None):
    """Save as a draft or publish: the form's two buttons (a published question stays so)."""
    if not form.is_valid():
        return _form_page(request, form, question)
    was_published = question is not None and question.is_published
    publish = "publish" in request.POST or was_published
    saved = asking.save_question(form, request.user, publish=publish)
    if saved.is_draft:
        messages.success(request, _("Saved as a draft. Only you and the coordinator see it."))
    elif was_published:
        messages.success(request, _("Your question has been changed."))
    else:
        messages.success(request, _("Your question is published."))
    return redirect(saved)


@member_required
def ask(request):
    if request.method == "POST":
        return _save(request, QuestionForm(request.POST, asker=request.user))
    return _form_page(request, QuestionForm(asker=request.user))


@login_required
def edit(request, slug):
    """The asker edits their question (the coordinator does so in the admin)."""
    question = get_object_or_404(
        Question.objects.visible_to(request.user).asked_by(request.user), slug=slug
    )
    if request.method == "POST":
        return _save(
            request, QuestionForm(request.POST, instance=question, asker=request.user), question
        )
    return _form_page(request, QuestionForm(instance=question, asker=request.user), question)


@login_required
@require_POST
def publish(request, slug):
    """The asker publishes their draft from its page."""
    question = get_object_or_404(
        Question.objects.visible_to(request.user).asked_by(request.user), slug=slug
    )
    if question.is_draft:
        asking.publish_draft(question)
        messages.success(request, _("Your question is published."))
    return redirect(question)


@require_safe
# Names of askers and answerers; its meetings, reports and library item (question_links).
@cached_page(areas=("questions", "members", "agenda", "library"))
def detail(request, slug):
    question = get_object_or_404(Question.objects.visible_to(request.user).for_list(), slug=slug)
    answers = list(question.answers.shown_to(request.user).select_related("author__profile"))
    # The answer that helped first, then the others as they came.
    answers.sort(key=lambda answer: not answer.is_the_one_that_helped)
    may_mark = question.is_published and question.may_mark_helped(request.user)
    for answer in answers:
        answer.may_edit = answer.is_written_by(request.user)
    return render(
        request,
        "questions/detail.html",
        {
            "question": question,
            "answers": answers,
            "description": structured_data.description(question),
            "absolute_url": absolute_url(question.get_absolute_url()),
            "share_image_url": share_image_url(),
            "site_name": settings.SITE_NAME,
            "json_ld": structured_data.qa_page(question, answers) if question.is_public else "",
            "may_mark": may_mark,
            "may_moderate": access.can_moderate(request.user),
            "is_asker": question.is_asked_by(request.user),
            # The asker says it helped them; the coordinator marks it on the asker's behalf.
            "mark_label": _("This helped me")
            if question.is_asked_by(request.user)
            else _("Mark as the answer that helped"),
            "answer_form": AnswerForm()
            if question.is_published and access.can_contribute(request.user)
            else None,
        },
    )


def _visible(request, slug) -> Question:
    return get_object_or_404(Question.objects.visible_to(request.user), slug=slug)


@require_POST
def answer(request, slug):
    if not request.user.is_authenticated:
        return redirect(login_url(reverse("questions:detail", args=[slug])))
    question = _visible(request, slug)
    if not access.can_contribute(request.user) or not question.is_published:
        raise Http404
    form = AnswerForm(request.POST)
    if form.is_valid() and not ratelimit.allow(request, "comment"):
        form.add_error(None, _("Too many answers in a short time. Please wait a moment."))
    if form.is_valid():
        saved = answering.add_answer(question, request.user, form.cleaned_data["body"])
        messages.success(request, _("Your answer has been placed."))
        return redirect(f"{question.get_absolute_url()}#antwoord-{saved.pk}")
    return render(
        request, "questions/answer_form.html", {"question": question, "form": form, "answer": None}
    )


@login_required
def edit_answer(request, pk):
    """The author changes their answer."""
    answer = get_object_or_404(Answer.objects.by(request.user).select_related("question"), pk=pk)
    question = _visible(request, answer.question.slug)
    form = AnswerForm(request.POST or None, instance=answer)
    if request.method == "POST" and form.is_valid():
        answering.edit_answer(answer, form.cleaned_data["body"])
        messages.success(request, _("Your answer has been changed."))
        return redirect(f"{question.get_absolute_url()}#antwoord-{answer.pk}")
    return render(
        request,
        "questions/answer_form.html",
        {"question": question, "form": form, "answer": answer},
    )


@login_required
@require_POST
def hide_answer(request, pk):
    """The coordinator hides an answer, or shows it again."""
    if not access.can_moderate(request.user):
        raise Http404
    answer = get_object_or_404(Answer.objects.select_related("question"), pk=pk)
    answering.set_hidden(answer, not answer.hidden)
    messages.success(
        request, _("The answer is hidden.") if answer.hidden else _("The answer is shown again.")
    )
    return redirect(f"{answer.question.get_absolute_url()}#antwoord-{answer.pk}")


@login_required
@require_POST
def mark_helped(request, slug):
    """The asker (or the coordinator) marks the answer that helped, or clears the mark."""
    question = _visible(request, slug)
    if not question.may_mark_helped(request.user):
        raise Http404
    chosen = request.POST.get("answer", "")
    try:
        if chosen:
            answer = get_object_or_404(
                question.answers.all(), pk=chosen if chosen.isdigit() else None
            )
            answering.mark_helped(question, answer, request.user)
            messages.success(
                request,
                _("Marked as the answer that helped you.")
                if question.is_asked_by(request.user)
                else _("Marked as the answer that helped."),
            )
        else:
            answering.clear_helped(question, request.user)
            messages.success(request, _("No answer is marked as the one that helped."))
    except answering.AnsweringError as error:
        messages.error(request, error.message)
    return redirect(f"{question.get_absolute_url()}#antwoorden")
