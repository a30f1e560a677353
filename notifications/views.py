"""A member's notifications (/meldingen/) and what they follow (/meldingen/volgen/), with
the forms that follow a thing, stop following it and mark notifications read."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from atelier import page_cache
from atelier.bounded_paging import BoundedPaginator
from atelier.page_areas import member_area
from members.views import member_required

from . import following
from .models import Notification
from .targets import visible_notifications

PAGE_SIZE = 20
FOLLOWS_PAGE_SIZE = 50


def _own_notifications(request):
    return Notification.objects.filter(user=request.user)


@member_required
@require_safe
def notification_list(request):
    """The member's notifications, newest news first; what they may no longer see is left
    out (notifications/targets.py)."""
    page = BoundedPaginator(_own_notifications(request), PAGE_SIZE).get_page(
        request.GET.get("pagina")
    )
    return render(
        request,
        "notifications/list.html",
        {"page": page, "notifications": visible_notifications(request.user, page.object_list)},
    )


@member_required
@require_safe
def open_notification(request, pk):
    """Go to the notification's thing, marking the notification read on the way."""
    notification = get_object_or_404(_own_notifications(request), pk=pk)
    if not visible_notifications(request.user, [notification]):
        raise Http404
    if notification.is_unread:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
    return redirect(notification.target_url())


@member_required
@require_POST
def mark_all_read(request):
    unread = _own_notifications(request).filter(read_at__isnull=True)
    if unread.update(read_at=timezone.now()):
        page_cache.mark_stale(member_area(request.user.pk))  # update() sends no signals
    messages.success(request, _("All your notifications are marked as read."))
    return redirect("notifications:list")


@member_required
@require_safe
def follow_list(request):
    """What the member follows, each with a button to stop."""
    page = BoundedPaginator(following.follows_of(request.user), FOLLOWS_PAGE_SIZE).get_page(
        request.GET.get("pagina")
    )
    return render(
        request,
        "notifications/follows.html",
        {"page": page, "followed": following.followed_things(request.user, page.object_list)},
    )


def _model(word: str):
    model = following.ADDRESS_WORDS.get(word)
    if model is None:
        raise Http404
    return model


def _back(request, fallback: str):
    """To the page the form was on (an address of this site only), or else `fallback`."""
    back = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(back, allowed_hosts=None) and back.startswith("/"):
        return redirect(back)
    return redirect(fallback)


@member_required
@require_POST
def follow(request, word, pk):
    model = _model(word)
    try:
        thing = following.follow(request.user, model, pk)
    except model.DoesNotExist:
        raise Http404 from None
    messages.success(
        request,
        _("You follow %(thing)s now. What is new there appears in your notifications.")
        % {"thing": following.in_words(thing)},
    )
    return _back(request, "notifications:follows")


@member_required
@require_POST
def unfollow(request, word, pk):
    thing = following.unfollow(request.user, _model(word), pk)
    if thing is None:
        messages.success(request, _("You no longer follow it."))
    else:
        messages.success(
            request, _("You no longer follow %(thing)s.") % {"thing": following.in_words(thing)}
        )
    return _back(request, "notifications:follows")
