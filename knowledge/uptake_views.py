"""The pages of accounts of using a tool or case ("Ik heb dit gebruikt"): the block on the
item's page, all of an item's accounts, one account, and recording, changing and
deleting one's own. The rules are in knowledge/uptake.py and Uptake.objects."""

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from atelier import ratelimit
from atelier.bounded_paging import BoundedPaginator
from atelier.page_cache import cached_page
from members.views import member_required

from . import uptake
from .models import Resource, Uptake
from .uptake_forms import UptakeForm

BLOCK_SIZE = 10  # the newest accounts on the item's page; the rest on their own page
PAGE_SIZE = 20
BLOCK_ANCHOR = "#gebruikt"


@dataclass(frozen=True)
class UptakeBlock:
    """What the item's page shows of the accounts of using it (knowledge/_uptake.html)."""

    resource: Resource
    count: int  # of the accounts the reader may see
    accounts: list[Uptake]
    may_record: bool

    @property
    def has_more(self) -> bool:
        return self.count > len(self.accounts)

    @property
    def is_shown(self) -> bool:
        """Shown once there is an account to read, or to a reader who may write the first."""
        return self.count > 0 or self.may_record


def _marked(accounts: list[Uptake], user) -> list[Uptake]:
    for account in accounts:
        account.may_edit = account.is_written_by(user)
    return accounts


def item_context(resource: Resource, user) -> dict:
    """The item page's context for its block of accounts: none for kinds nobody applies."""
    if not uptake.takes_accounts(resource):
        return {"uptake": None}
    visible = resource.uptakes.visible_to(user)
    return {
        "uptake": UptakeBlock(
            resource=resource,
            count=visible.count(),
            accounts=_marked(list(visible.for_display()[:BLOCK_SIZE]), user),
            may_record=uptake.may_record(user, resource),
        )
    }


def _item(request, slug) -> Resource:
    items = Resource.objects.visible_to(request.user).filter(kind__in=uptake.USED_KINDS)
    # Not its texts (up to 100 KB): these pages show only its title.
    items = items.defer("body", "body_html", "sections", "sections_html", "tags_text")
    return get_object_or_404(items, slug=slug)


@require_safe
@cached_page(areas=("library", "members"))  # the writers' names
def account_list(request, slug):
    """All accounts of an item that the reader may see, newest use first, in pages."""
    resource = _item(request, slug)
    visible = resource.uptakes.visible_to(request.user).for_display()
    page = BoundedPaginator(visible, PAGE_SIZE).get_page(request.GET.get("pagina"))
    return render(
        request,
        "knowledge/uptake_list.html",
        {
            "resource": resource,
            "page": page,
            "accounts": _marked(list(page.object_list), request.user),
            "may_record": uptake.may_record(request.user, resource),
        },
    )


@require_safe
@cached_page(areas=("library", "members"))
def account_detail(request, slug, pk):
    """One account: where the e-mail to the item's authors links to."""
    resource = _item(request, slug)
    account = get_object_or_404(resource.uptakes.visible_to(request.user).for_display(), pk=pk)
    return render(
        request,
        "knowledge/uptake_detail.html",
        {"resource": resource, "account": _marked([account], request.user)[0]},
    )


def _form_page(request, form, resource, account=None):
    return render(
        request,
        "knowledge/uptake_form.html",
        {"form": form, "resource": resource, "account": account},
    )


@member_required
def record(request, slug):
    """ "Ik heb dit gebruikt": a member tells how they used a published tool or case."""
    resource = get_object_or_404(uptake.recordable_for(request.user), slug=slug)
    if request.method != "POST":
        return _form_page(request, UptakeForm(initial={"used_on": timezone.localdate()}), resource)
    form = UptakeForm(request.POST)
    # Each account e-mails the item's authors: as many as comments in a short time.
    if form.is_valid() and not ratelimit.allow(request, "comment"):
        form.add_error(None, _("Too many experiences in a short time. Please wait a moment."))
    if not form.is_valid():
        return _form_page(request, form, resource)
    uptake.record(form.save(commit=False), resource, request.user)
    messages.success(request, _("Thank you for sharing your experience."))
    return redirect(resource.get_absolute_url() + BLOCK_ANCHOR)


def _own(request, slug, pk) -> Uptake:
    return get_object_or_404(
        Uptake.objects.editable_by(request.user).select_related("resource"),
        resource__slug=slug,
        pk=pk,
    )


@login_required
def edit(request, slug, pk):
    """The writer changes their account."""
    account = _own(request, slug, pk)
    form = UptakeForm(request.POST or None, instance=account)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Your experience has been changed."))
        return redirect(account)
    return _form_page(request, form, account.resource, account)


@login_required
def delete(request, slug, pk):
    """The writer deletes their account, after saying so on a page of its own."""
    account = _own(request, slug, pk)
    if request.method == "POST":
        account.delete()
        messages.success(request, _("Your experience has been deleted."))
        return redirect(account.resource.get_absolute_url() + BLOCK_ANCHOR)
    return render(request, "knowledge/uptake_delete.html", {"account": account})
