"""An item's versions: the list, one version with what changed, and restoring one.

Members (and the coordinator) read the versions of the items they may see; authors and
the coordinator restore one, after a page that shows what restoring changes
(knowledge/versions.py holds the rules).
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from atelier.addresses import absolute_url
from atelier.bounded_paging import BoundedPaginator
from atelier.page_cache import cached_page
from members.views import member_required

from . import versions
from .citation import apa_citation
from .models import Resource

PAGE_SIZE = 20


def _version(shown, version_id: int):
    """One of the versions shown to the reader (another item's is none of this one's)."""
    version = shown.filter(history_id=version_id).first()
    if version is None:
        raise Http404
    return version


def _moment(version) -> str:
    return formats.date_format(timezone.localtime(version.history_date), "j F Y, H:i:s")


@require_safe
@member_required
# Who made each version: the members' names.
@cached_page(areas=("library", "members"))
def version_list(request, slug):
    """The item's versions, newest first, each linking to what changed in it."""
    resource = get_object_or_404(Resource.objects.visible_to(request.user), slug=slug)
    shown = versions.versions_shown(resource, versions.may_restore(request.user, resource))
    page = BoundedPaginator(shown, PAGE_SIZE).get_page(request.GET.get("pagina"))
    rows = list(page.object_list)
    newest_id = rows[0].history_id if rows and page.number == 1 else None
    return render(
        request,
        "knowledge/versions.html",
        {
            "resource": resource,
            "page": page,
            "lines": versions.version_lines(resource, rows, newest_id),
        },
    )


@require_safe
@member_required
@cached_page(areas=("library", "members"))
def version_detail(request, slug, version_id):
    """The item as it was in one version, and what changed from the version before."""
    resource = get_object_or_404(
        Resource.objects.visible_to(request.user).with_listing_data(), slug=slug
    )
    may_restore = versions.may_restore(request.user, resource)
    shown = versions.versions_shown(resource, may_restore)
    version = _version(shown, version_id)
    previous = versions.previous_version(version, among=shown)
    newest = versions.current_version(resource)
    url = absolute_url(versions.version_url(resource, version))
    return render(
        request,
        "knowledge/version.html",
        {
            "resource": resource,
            "version": version,
            "author": versions.author_name(version),
            "is_current": newest is not None and newest.history_id == version.history_id,
            "parts": versions.text_parts(version),
            "previous": previous,
            "changes": versions.changes(previous, version) if previous else [],
            "may_restore": may_restore,
            "citation": apa_citation(resource, url, version=version),
        },
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def restore(request, slug, version_id):
    """Authors and the coordinator make an earlier version's texts the item's again: a page
    shows what that changes (or why it cannot) and asks to be sure; its form's POST restores."""
    resource = get_object_or_404(Resource.objects.editable_by(request.user), slug=slug)
    version = _version(versions.versions_of(resource), version_id)
    missing = versions.missing_to_restore(resource, version)
    if request.method == "POST" and not missing:
        return _restore(request, resource, version)
    return render(
        request,
        "knowledge/restore.html",
        {
            "resource": resource,
            "version": version,
            "author": versions.author_name(version),
            "changes": versions.changes_on_restoring(resource, version),
            "missing": missing,
        },
    )


@transaction.atomic
def _restore(request, resource, version):
    if versions.restore(resource, version, request.user):
        messages.success(
            request,
            _("Version %(number)s (%(date)s) is restored. That is a new version.")
            % {"number": version.number, "date": _moment(version)},
        )
    else:
        messages.info(request, _("That version says the same as the current one: nothing changed."))
    return redirect("knowledge:versions", slug=resource.slug)
