from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from atelier.bounded_paging import BoundedPaginator
from atelier.page_cache import cached_page
from members.models import Sector
from members.views import member_required
from sessions_app.models import Event

from . import finding, links, report_links, stories
from .forms import StoryFilterForm, ValueStoryForm
from .models import Cycle, ValueStory

PAGE_SIZE = 20


@require_safe
# Writers' names and sectors; the meetings and tools the filters offer.
@cached_page(areas=("value", "members", "agenda", "library"))
def story_list(request):
    """The value stories the reader may see, newest first, with filters."""
    filter_form = StoryFilterForm(request.GET)
    filters = filter_form.filters()
    found = finding.find(request.user, filters).for_list()
    page = BoundedPaginator(found, PAGE_SIZE).get_page(request.GET.get("pagina"))
    return render(
        request,
        "value/list.html",
        {
            "filters": filters,
            "is_filtered": any(filters.values()),
            "page": page,
            "cycles": Cycle.choices,
            "sectors": Sector.choices,
            "events": finding.events_to_filter(request.user, filters["bijeenkomst"]),
            "resources": finding.resources_to_filter(request.user, filters["werkvorm"]),
            "may_write": stories.may_write(request.user),
            "year_reports": report_links.published_reports(),
        },
    )


@require_safe
@cached_page(areas=("value", "members", "agenda", "library", "questions"))
def detail(request, pk):
    story = get_object_or_404(ValueStory.objects.visible_to(request.user).for_list(), pk=pk)
    return render(
        request,
        "value/detail.html",
        {
            "story": story,
            "about": links.about(story, request.user),
            "may_edit": stories.may_edit(story, request.user),
        },
    )


def _form_page(request, form, story=None):
    return render(request, "value/edit.html", {"form": form, "story": story})


def _save(request, form, story=None):
    if not form.is_valid():
        return _form_page(request, form, story)
    saved = stories.save_story(form, request.user)
    messages.success(
        request,
        _("Your value story has been changed.") if story else _("Thank you for your story."),
    )
    return redirect(saved)


def _prefilled(request) -> dict:
    """The form's first values from the address: `?bijeenkomst=<slug>`, the meeting the
    follow-up e-mail asks about (offered only if the writer was there)."""
    named = Event.objects.filter(slug=request.GET.get("bijeenkomst", "")[:120])
    event = stories.events_to_choose(request.user, keep=named).filter(pk__in=named).first()
    return {"events": [event.pk]} if event is not None else {}


@member_required
def create(request):
    if request.method == "POST":
        return _save(request, ValueStoryForm(request.POST, writer=request.user))
    return _form_page(request, ValueStoryForm(writer=request.user, initial=_prefilled(request)))


def _own_story(request, pk) -> ValueStory:
    story = get_object_or_404(ValueStory.objects.written_by(request.user), pk=pk)
    if not stories.may_edit(story, request.user):
        raise Http404
    return story


@login_required
def edit(request, pk):
    """The author changes their story (the coordinator does so in the admin)."""
    story = _own_story(request, pk)
    if request.method == "POST":
        form = ValueStoryForm(request.POST, instance=story, writer=request.user)
        return _save(request, form, story)
    return _form_page(request, ValueStoryForm(instance=story, writer=request.user), story)


@login_required
def delete(request, pk):
    """The author deletes their story, after a page that asks to be sure."""
    story = _own_story(request, pk)
    if request.method == "POST":
        stories.delete_story(story)
        messages.success(request, _("Your value story has been deleted."))
        return redirect("value:list")
    return render(request, "value/delete.html", {"story": story})
