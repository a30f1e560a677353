from typing import NamedTuple
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST, require_safe

from atelier import protected_files, ratelimit
from atelier.addresses import absolute_url, login_url
from atelier.bounded_paging import BoundedPaginator
from atelier.feeds import SiteFeed
from atelier.kept_values import kept
from atelier.markdown import render_markdown
from atelier.page_cache import cached_page
from members import access
from members.views import member_required
from sessions_app.models import Event

from . import (
    coauthors,
    item_links,
    publishing,
    search_groups,
    sharing,
    structured_data,
    tag_filter,
    uptake_views,
    versions,
)
from . import search as library_search
from .cards import listed_cards
from .citation import apa_citation
from .forms import CommentForm, LibraryFilterForm, ResourceForm
from .models import (
    Attachment,
    Comment,
    FeaturedTag,
    Resource,
    ResourceKind,
    library_audience,
)
from .outlines import outline_for
from .related import related_items

PAGE_SIZE = 20
RELATED_COUNT = 4
TAG_CLOUD_SIZE = 30
FEED_SIZE = 30


def tag_counts(user, limit=TAG_CLOUD_SIZE) -> list[tuple[str, int]]:
    """The library's most used tags as this reader sees it, each with how often.

    Drafts are left out (only their authors see them), so the cloud is the same for all
    readers of a kind: it is counted once after items or tags change, not per request
    (atelier/kept_values.py).
    """
    audience = library_audience(user)
    resources = Resource.objects.shown_to_audience(audience)
    # Plain (name, uses) pairs: every library page reads them from the cache, and model
    # instances take twenty times as long to unpickle.
    return kept(
        f"tag-cloud:{audience}:{limit}",
        lambda: list(resources.popular_tags(limit).values_list("name", "uses")),
        areas=("tag-counts",),
    )


class TagLink(NamedTuple):
    name: str
    uses: int
    url: str  # the current search and filters, narrowed to this tag
    combines: bool  # the link adds the tag to other filters: not for crawlers to follow


def _current_filters(filters) -> list[tuple[str, str]]:
    current = [("q", filters["q"]), ("soort", filters["kind"])]
    current = [(key, value) for key, value in current if value]
    return current + [("tag", chosen) for chosen in filters["tags"]]


def tag_links(tags, filters) -> list[TagLink]:
    """The tag cloud's links, built here once rather than by the template per tag.

    `tags` are (name, uses) pairs, as tag_counts() gives them.
    """
    current = _current_filters(filters)
    prefix = urlencode(current) + "&" if current else ""
    return [
        TagLink(name, uses, f"?{prefix}{urlencode({'tag': name})}", bool(current))
        for name, uses in tags
    ]


def is_combination(filters) -> bool:
    """A search, or more than one filter: the tag links combine endlessly, so such a
    page is kept out of search engines, which find each item on the plain library."""
    return bool(filters["q"]) or len(_current_filters(filters)) > 1


def _suggestion_url(filters, results) -> str:
    """The current search and filters with the suggested words in the search."""
    if results is None or results.suggested is None:
        return ""
    current = [(key, value) for key, value in _current_filters(filters) if key != "q"]
    return "?" + urlencode([("q", results.suggested.text()), *current])


@require_safe
# Authors' names on the cards; under a search, what the apps above find (search_groups).
@cached_page(areas=("library", "members", "questions"))
def library(request):
    """The library: themes and newest items, or the results of a search and filters."""
    filter_form = LibraryFilterForm(request.GET or None)
    filters = filter_form.filters() if request.GET else {"q": "", "kind": "", "tags": []}
    visible = Resource.objects.visible_to(request.user)
    resources = visible
    if filters["kind"]:
        resources = resources.filter(kind=filters["kind"])
    tags = tag_filter.named_tags(filters["tags"])
    results = None
    # Only the ids of one page; their cards are rendered once and kept (knowledge/cards.py).
    if filters["q"]:
        # The kind and tags narrow the matches the reader may see (knowledge/search.py).
        narrowing = tag_filter.having_tag_names(filters["tags"])
        if filters["kind"]:
            narrowing &= Q(kind=filters["kind"])
        results = library_search.search_results(
            visible,
            filters["q"],
            library_audience(request.user),
            request.GET.get("pagina"),
            PAGE_SIZE,
            narrowing,
        )
        page, snippets = results.page, results.snippets
    elif filters["tags"]:
        page = tag_filter.newest_page(resources, tags, request.GET.get("pagina"), PAGE_SIZE)
        snippets = {}
    else:
        ids = resources.newest_first().values_list("pk", flat=True)
        page = BoundedPaginator(ids, PAGE_SIZE).get_page(request.GET.get("pagina"))
        snippets = {}
    is_filtered = any(filters.values())
    return render(
        request,
        "knowledge/library.html",
        {
            "filter_form": filter_form,
            "filters": filters,
            "page": page,
            "cards": listed_cards(list(page.object_list), snippets),
            "search": results,
            "suggestion_url": _suggestion_url(filters, results),
            "is_filtered": is_filtered,
            "is_combination": is_combination(filters),
            "library_url": absolute_url(reverse("knowledge:library")),
            "kinds": ResourceKind.choices,
            "tag_counts": tag_links(tag_counts(request.user), filters),
            "themes": [] if is_filtered else FeaturedTag.objects.select_related("tag"),
            "search_groups": search_groups.groups_for(request.user, filters["q"]),
            # Offered to a member, who may follow them (knowledge/follow_buttons.py).
            "followable_tags": tags or [],
        },
    )


def _editable(request, slug) -> Resource:
    return get_object_or_404(Resource.objects.editable_by(request.user), slug=slug)


def _form_page(request, form, resource=None, preview_html=""):
    is_author = (
        resource is not None
        and Resource.objects.authored_by(request.user).filter(pk=resource.pk).exists()
    )
    return render(
        request,
        "knowledge/edit.html",
        {
            "form": form,
            "resource": resource,
            "preview_html": preview_html,
            "is_author": is_author,
        },
    )


def _handle_form(request, form, resource=None):
    """Preview, save as draft, or publish: the three buttons of the form."""
    # Every upload attempt counts, valid or not.
    if request.FILES and not ratelimit.allow(request, "upload"):
        form.is_valid()
        form.add_error("attachment", _("Too many uploads in a short time. Please wait a moment."))
    if not form.is_valid():
        return _form_page(request, form, resource)
    if "preview" in request.POST:
        return _form_page(request, form, resource, render_markdown(form.preview_markdown()))
    publish = "publish" in request.POST
    was_published = resource is not None and resource.is_published
    saved = sharing.save_resource(form, request.user, publish=publish)
    if saved.is_draft:
        messages.success(request, _("Saved as a draft. Only you and the coordinator see it."))
    elif was_published:
        messages.success(request, _("Your changes are saved; the item stays published."))
    else:
        messages.success(request, _("Published."))
    return redirect(saved)


@member_required
def create(request):
    kind = request.GET.get("soort")
    if request.method == "GET" and kind not in ResourceKind.values:
        return render(request, "knowledge/choose_kind.html", {"kinds": ResourceKind.choices})
    if request.method == "POST":
        form = ResourceForm(request.POST, request.FILES, author=request.user)
        return _handle_form(request, form)
    form = ResourceForm(author=request.user, initial={"kind": kind, "body": outline_for(kind)})
    return _form_page(request, form)


@login_required
def edit(request, slug):
    resource = _editable(request, slug)
    if request.method == "POST":
        if "unpublish" in request.POST:
            publishing.unpublish(resource)
            messages.success(request, _("The item is a draft again."))
            return redirect(resource)
        form = ResourceForm(request.POST, request.FILES, instance=resource, author=request.user)
        return _handle_form(request, form, resource)
    return _form_page(request, ResourceForm(instance=resource, author=request.user), resource)


@login_required
@require_POST
def leave(request, slug):
    """An author takes their own name off an item (no one takes off another's)."""
    resource = _editable(request, slug)
    try:
        coauthors.leave(resource, request.user)
    except coauthors.CoauthorError as error:
        messages.error(request, error.message)
        return redirect("knowledge:edit", slug=resource.slug)
    messages.success(
        request, _("You are no longer an author of “%(title)s”.") % {"title": resource.title}
    )
    return redirect("knowledge:coauthor_requests")


@member_required
def coauthor_requests(request):
    """The member's unanswered requests to be co-author, each with accept and decline."""
    if request.method == "POST":
        chosen = request.POST.get("request", "")
        authorship = get_object_or_404(
            coauthors.pending_requests_for(request.user), pk=chosen if chosen.isdigit() else None
        )
        answer = request.POST.get("answer")
        if answer == "accept":
            coauthors.accept(authorship)
            messages.success(
                request,
                _("You are now a co-author of “%(title)s”.") % {"title": authorship.resource.title},
            )
        elif answer == "decline":
            coauthors.decline(authorship)
            messages.success(
                request,
                _("You declined to be co-author of “%(title)s”.")
                % {"title": authorship.resource.title},
            )
        return redirect("knowledge:coauthor_requests")
    return render(
        request,
        "knowledge/coauthor_requests.html",
        {"requests": coauthors.pending_requests_for(request.user)},
    )


@login_required
@require_POST
def delete_attachment(request, slug, pk):
    resource = _editable(request, slug)
    attachment = get_object_or_404(resource.attachments, pk=pk)
    sharing.remove_attachment(attachment)
    messages.success(request, _("The attachment has been removed."))
    return redirect("knowledge:edit", slug=resource.slug)


def _visible(request, slug) -> Resource:
    return get_object_or_404(Resource.objects.visible_to(request.user), slug=slug)


@require_safe
# The event it reports on, and the questions that link to it (knowledge/item_links.py).
@cached_page(areas=("library", "members", "agenda", "questions"))
def detail(request, slug):
    resource = get_object_or_404(
        Resource.objects.visible_to(request.user).with_listing_data().select_related("event"),
        slug=slug,
    )
    can_see_comments = access.can_see_members_area(request.user)
    # A public report must not reveal a members' meeting (or a draft event) it reports on.
    event = resource.event
    visible_events = Event.objects.visible_to(request.user)
    if event is not None and not visible_events.filter(pk=event.pk).exists():
        event = None
    may_moderate = access.can_moderate(request.user)
    comments = []
    if can_see_comments:
        comments = list(
            (
                resource.comments.all()
                if may_moderate
                else resource.comments.filter(Q(hidden=False) | Q(author=request.user.pk))
            ).select_related("author__profile")
        )
    for comment in comments:
        comment.may_edit = comment.is_written_by(request.user)
    related = related_items(resource, request.user, RELATED_COUNT)
    current_version = versions.current_version(resource)
    can_edit = Resource.objects.editable_by(request.user).filter(pk=resource.pk).exists()
    citation = apa_citation(
        resource,
        versions.cited_address(resource, current_version, request.user),
        version=current_version,
    )
    return render(
        request,
        "knowledge/detail.html",
        {
            "resource": resource,
            "event": event,
            "attachments": resource.attachments.all(),
            "comments": comments,
            "can_see_comments": can_see_comments,
            "may_moderate": may_moderate,
            "comment_form": CommentForm() if access.can_contribute(request.user) else None,
            "can_edit": can_edit,
            "related": related,
            "current_version": current_version,
            "citation": citation,
            "item_links": item_links.links_for(resource, request.user),
            "recognitions": resource.shown_recognitions(),
            "missing": publishing.missing_for_publication(resource)
            if can_edit and resource.is_draft
            else [],
            **structured_data.link_preview(resource, citation),
            **uptake_views.item_context(resource, request.user),
        },
    )


@require_safe
def attachment(request, slug, pk, name):
    """A file, only for those who may read its item; never by guessing the address."""
    resource = _visible(request, slug)
    file = get_object_or_404(Attachment, pk=pk, resource=resource)
    return protected_files.serve(
        file.file, content_type=file.content_type, download_name=file.download_name
    )


@require_POST
def comment(request, slug):
    if not request.user.is_authenticated:
        return redirect(login_url(request.get_full_path()))
    resource = _visible(request, slug)
    if not access.can_contribute(request.user):
        raise Http404
    form = CommentForm(request.POST)
    if form.is_valid() and not ratelimit.allow(request, "comment"):
        form.add_error(None, _("Too many comments in a short time. Please wait a moment."))
    if form.is_valid():
        sharing.add_comment(resource, request.user, form.cleaned_data["body"])
        messages.success(request, _("Your comment has been placed."))
        return redirect(f"{resource.get_absolute_url()}#reacties")
    return render(
        request,
        "knowledge/comment_form.html",
        {"resource": resource, "form": form, "comment": None},
    )


def _own_comment(request, pk) -> Comment:
    comment = get_object_or_404(Comment.objects.select_related("resource"), pk=pk)
    if not comment.is_written_by(request.user):
        raise Http404
    if not Resource.objects.visible_to(request.user).filter(pk=comment.resource_id).exists():
        raise Http404
    return comment


@login_required
def edit_comment(request, pk):
    comment = _own_comment(request, pk)
    form = CommentForm(request.POST or None, instance=comment)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Your comment has been changed."))
        return redirect(f"{comment.resource.get_absolute_url()}#reactie-{comment.pk}")
    return render(
        request,
        "knowledge/comment_form.html",
        {"resource": comment.resource, "form": form, "comment": comment},
    )


@login_required
def delete_comment(request, pk):
    comment = _own_comment(request, pk)
    if request.method == "POST":
        resource = comment.resource
        comment.delete()
        messages.success(request, _("Your comment has been deleted."))
        return redirect(f"{resource.get_absolute_url()}#reacties")
    return render(request, "knowledge/comment_delete.html", {"comment": comment})


@login_required
@require_POST
def hide_comment(request, pk):
    """The coordinator hides (or shows again) a comment from the item's page."""
    if not access.can_moderate(request.user):
        raise Http404
    comment = get_object_or_404(Comment.objects.select_related("resource"), pk=pk)
    comment.hidden = not comment.hidden
    comment.save(update_fields=["hidden", "updated_at"])
    messages.success(
        request, _("The comment is hidden.") if comment.hidden else _("The comment is shown again.")
    )
    return redirect(f"{comment.resource.get_absolute_url()}#reactie-{comment.pk}")


class PublicItemsFeed(SiteFeed):
    """Atom feed of published public items; members-only items never appear here."""

    title = gettext_lazy("Leeratelier Samenlevingsopbouw: knowledge library")
    subtitle = gettext_lazy("Practice cases, tools and background from the atelier.")

    def link(self):
        return absolute_url(reverse("knowledge:library"))

    def feed_url(self):
        return absolute_url(reverse("knowledge:feed"))

    def items(self):
        return Resource.objects.public().newest_first().with_listing_data()[:FEED_SIZE]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_authors(self, item):
        return item.author_names()

    def item_categories(self, item):
        return [item.get_kind_display(), *(tag.name for tag in item.tag_list())]
