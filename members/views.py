from functools import wraps
from typing import NamedTuple

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST, require_safe
from django.views.i18n import set_language as django_set_language
from taggit.models import Tag

from atelier import protected_files
from atelier.addresses import login_url
from atelier.bounded_paging import BoundedPaginator
from atelier.kept_values import kept
from atelier.one_query_paging import bounded_page_of_ids
from atelier.page_cache import cached_page

from . import access, approval, participation
from .forms import ApplicationForm, DirectoryFilterForm, ParticipationForm, ProfileForm
from .models import Profile

DIRECTORY_PAGE_SIZE = 24
COMMON_EXPERTISE_SIZE = 20


def member_required(view):
    """Members only: visitors go to the login page, others get an explanation (403)."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect(login_url(request.get_full_path()))
        if not access.can_see_members_area(request.user):
            return render(request, "members/members_only.html", status=403)
        return view(request, *args, **kwargs)

    return wrapper


@login_required
def apply(request):
    """A new account's application; also where an ended member applies again."""
    profile = access.profile_of(request.user)
    if profile is not None and not profile.may_apply:
        return redirect("members:my_profile")
    form = ApplicationForm(request.POST or None, instance=profile)
    if request.method == "POST" and form.is_valid():
        application = form.save(commit=False)
        application.user = request.user
        if profile is not None and profile.is_applicant:
            application.save()  # an applicant corrects the application
            messages.success(request, _("Your application has been updated."))
        else:
            approval.submit_application(application, request)
            messages.success(request, _("Thank you! Your application has been sent."))
        return redirect("members:my_profile")
    return render(request, "members/apply.html", {"form": form, "profile": profile})


@login_required
def my_profile(request):
    profile = access.profile_of(request.user)
    if profile is None:
        return redirect("members:apply")
    if not profile.has_membership:
        return render(request, "members/application_status.html", {"profile": profile})
    form = ProfileForm(request.POST or None, request.FILES or None, instance=profile)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Your profile has been saved."))
        return redirect("members:my_profile")
    return render(request, "members/my_profile.html", {"form": form, "profile": profile})


def _membership_profile(request) -> Profile | None:
    """The profile whose membership can change here: active or paused, else None."""
    profile = access.profile_of(request.user)
    if profile is None or not profile.has_membership:
        return None
    return profile


LEVEL_CHANGE_MESSAGES = {
    participation.LevelChange.REQUESTED: gettext_lazy(
        "Your request has been sent to the coordinator. Until it is approved you take part "
        "as before; we will e-mail you the decision."
    ),
    participation.LevelChange.CHANGED: gettext_lazy("Your participation level has been changed."),
    participation.LevelChange.WITHDRAWN: gettext_lazy(
        "Your request has been withdrawn; you take part as before."
    ),
}


STATUS_CHANGES = {
    "pause": {
        "url_name": "members:pause",
        "change": participation.pause_membership,
        "done": gettext_lazy("Your membership is paused."),
    },
    "end": {
        "url_name": "members:end",
        "change": participation.end_membership,
        "done": gettext_lazy("Your membership has ended. Thank you for taking part."),
    },
}


@login_required
def membership(request):
    """Change one's participation level (or ask to move up); resume a paused membership.

    Pausing and ending are confirmed on a page of their own first (`change_status`).
    """
    profile = _membership_profile(request)
    if profile is None:
        return redirect("members:my_profile")
    action = request.POST.get("action")
    if request.method == "POST" and action in STATUS_CHANGES:
        # A form from before confirmation existed: ask first, change nothing yet.
        return redirect(STATUS_CHANGES[action]["url_name"])
    if request.method == "POST" and action == "resume":
        if participation.resume_membership(profile):
            messages.success(request, _("Welcome back! Your membership is active again."))
        return redirect("members:my_profile")
    form = ParticipationForm(profile, request.POST or None)
    if request.method == "POST" and form.is_valid():
        outcome = participation.change_level(
            profile, form.cleaned_data["participation_level"], form.cleaned_data["note"]
        )
        messages.success(request, LEVEL_CHANGE_MESSAGES[outcome])
        return redirect("members:membership")
    return render(
        request,
        "members/membership.html",
        {"form": form, "profile": profile, "level_request": form.open_request},
    )


@login_required
@require_POST
def withdraw_level_request(request):
    profile = _membership_profile(request)
    if profile is None:
        return redirect("members:my_profile")
    if participation.withdraw_request(profile):
        messages.success(request, LEVEL_CHANGE_MESSAGES[participation.LevelChange.WITHDRAWN])
    else:
        messages.info(request, _("There is no request waiting to withdraw."))
    return redirect("members:membership")


@login_required
def change_status(request, change):
    """Pause or end one's membership, after a page that says what it means."""
    profile = _membership_profile(request)
    if profile is None:
        return redirect("members:my_profile")
    if change == "pause" and not profile.is_active_member:
        return redirect("members:membership")
    if request.method == "POST":
        if STATUS_CHANGES[change]["change"](profile):
            messages.success(request, STATUS_CHANGES[change]["done"])
        return redirect("members:my_profile")
    return render(
        request,
        "members/confirm_status_change.html",
        {
            "profile": profile,
            "pausing": change == "pause",
            "level_request": profile.open_level_request,
        },
    )


# Outermost: a stored page was built after the access check passed.
@cached_page(areas=("members",))
@member_required
@require_safe
def directory(request):
    filters = DirectoryFilterForm(request.GET or None)
    listed = filters.filter(Profile.objects.listed()).order_by("display_name", "pk")
    number = request.GET.get("pagina")
    if filters.is_search():
        # The index gives at most SEARCH_CANDIDATES matches (members/models.py): the first
        # page and the count from one query, which reads the index once, then the cards.
        page = bounded_page_of_ids(listed, number, DIRECTORY_PAGE_SIZE)
        ids = list(page.object_list)
        by_id = Profile.objects.with_card_data().in_bulk(ids)
        page.object_list = [by_id[pk] for pk in ids if pk in by_id]
    else:
        profiles = listed.with_card_data()
        page = BoundedPaginator(profiles, DIRECTORY_PAGE_SIZE).get_page(number)
    return render(
        request,
        "members/directory.html",
        {"filters": filters, "page": page, "popular_expertise": common_expertise()},
    )


class TagUse(NamedTuple):
    name: str
    uses: int


def common_expertise(limit: int = COMMON_EXPERTISE_SIZE) -> list[TagUse]:
    """The expertise listed members name most, each with how many name it: counted once
    after profiles or tags change, not per request (atelier/kept_values.py)."""
    return kept(
        f"common-expertise:{limit}",
        lambda: [
            TagUse(name, uses)
            for name, uses in Tag.objects.filter(
                members_taggedprofile_items__content_object__in=Profile.objects.listed()
            )
            .annotate(uses=Count("members_taggedprofile_items"))
            .order_by("-uses", "name")
            .values_list("name", "uses")[:limit]
        ],
        areas=("tag-counts",),
    )


@login_required
@require_safe
def avatar(request, pk, size):
    """A member's photo, for those who may see the profile (and its owner)."""
    profiles = Profile.objects.visible_to(request.user) | Profile.objects.filter(user=request.user)
    profile = get_object_or_404(profiles, pk=pk)
    image = profile.avatar_small if size == "small" else profile.avatar
    if not image:
        raise Http404
    return protected_files.serve(image, content_type="image/jpeg", max_age=3600)


def set_language(request):
    """Django's language switch; a member's choice also becomes the language of their
    e-mails (Profile.language), which they can change again at /profiel/meldingen/."""
    response = django_set_language(request)
    chosen = response.cookies.get(settings.LANGUAGE_COOKIE_NAME)
    profile = access.profile_of(request.user)
    if chosen is not None and profile is not None and profile.language != chosen.value:
        Profile.objects.filter(pk=profile.pk).update(language=chosen.value)
    return response
