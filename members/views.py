import json
from functools import wraps

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe
from taggit.models import Tag

from atelier.page_cache import cached_page
from knowledge.models import Comment, Resource
from sessions_app.models import Event

from . import access, approval, privacy
from .forms import (
    ApplicationForm,
    DeleteAccountForm,
    DirectoryFilterForm,
    ParticipationForm,
    ProfileForm,
)
from .models import MembershipStatus, Profile

DIRECTORY_PAGE_SIZE = 24
CONTRIBUTIONS_SHOWN = 20


def member_required(view):
    """Members only: visitors go to the login page, others get an explanation (403)."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not access.can_see_members_area(request.user):
            return render(request, "members/members_only.html", status=403)
        return view(request, *args, **kwargs)

    return wrapper


@login_required
def apply(request):
    """A new account's application; also where an ended member applies again."""
    profile = access.profile_of(request.user)
    if profile is not None and profile.status in {MembershipStatus.ACTIVE, MembershipStatus.PAUSED}:
        return redirect("members:my_profile")
    form = ApplicationForm(request.POST or None, instance=profile)
    if request.method == "POST" and form.is_valid():
        application = form.save(commit=False)
        application.user = request.user
        if profile is not None and profile.status == MembershipStatus.APPLIED:
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
    if profile.status in {MembershipStatus.APPLIED, MembershipStatus.ENDED}:
        return render(request, "members/application_status.html", {"profile": profile})
    form = ProfileForm(request.POST or None, request.FILES or None, instance=profile)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Your profile has been saved."))
        return redirect("members:my_profile")
    return render(request, "members/my_profile.html", {"form": form, "profile": profile})


@login_required
def membership(request):
    """Change one's participation level; pause, resume or end one's membership."""
    profile = access.profile_of(request.user)
    if profile is None or profile.status not in {MembershipStatus.ACTIVE, MembershipStatus.PAUSED}:
        return redirect("members:my_profile")
    form = ParticipationForm(request.POST or None, instance=profile)
    if request.method == "POST":
        action = request.POST.get("action")
        transitions = {
            "pause": (
                MembershipStatus.ACTIVE,
                MembershipStatus.PAUSED,
                _("Your membership is paused."),
            ),
            "resume": (
                MembershipStatus.PAUSED,
                MembershipStatus.ACTIVE,
                _("Welcome back! Your membership is active again."),
            ),
            "end": (
                None,
                MembershipStatus.ENDED,
                _("Your membership has ended. Thank you for taking part."),
            ),
        }
        if action in transitions:
            required_status, new_status, message = transitions[action]
            if required_status is None or profile.status == required_status:
                profile.set_status(new_status)
                profile.save(update_fields=["status", "status_changed_at"])
                messages.success(request, message)
            return redirect("members:my_profile")
        if form.is_valid():
            form.save()
            messages.success(request, _("Your participation level has been changed."))
            return redirect("members:membership")
    return render(request, "members/membership.html", {"form": form, "profile": profile})


@login_required
@require_safe
def export_data(request):
    data = privacy.export_member_data(request.user)
    response = HttpResponse(
        json.dumps(data, indent=2, ensure_ascii=False), content_type="application/json"
    )
    filename = f"leeratelier-mijn-gegevens-{timezone.localdate().isoformat()}.json"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
def delete_account(request):
    form = DeleteAccountForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = request.user
        logout(request)
        privacy.erase_member(user, remove_items=form.cleaned_data["remove_items"])
        messages.success(request, _("Your account and your personal data have been deleted."))
        return redirect("home")
    return render(request, "members/delete_account.html", {"form": form})


@cached_page  # outermost: a stored page was built after the access check passed
@member_required
@require_safe
def directory(request):
    filters = DirectoryFilterForm(request.GET or None)
    profiles = filters.filter(Profile.objects.listed().with_card_data()).order_by(
        "display_name", "pk"
    )
    page = Paginator(profiles, DIRECTORY_PAGE_SIZE).get_page(request.GET.get("pagina"))
    popular_expertise = (
        Tag.objects.filter(members_taggedprofile_items__content_object__in=Profile.objects.listed())
        .annotate(uses=Count("members_taggedprofile_items"))
        .order_by("-uses", "name")[:20]
    )
    return render(
        request,
        "members/directory.html",
        {"filters": filters, "page": page, "popular_expertise": popular_expertise},
    )


@cached_page  # outermost: a stored page was built after the access check passed
@login_required
@require_safe
def detail(request, pk):
    """A member's profile; to whoever may not see it, it does not exist (404)."""
    profile = get_object_or_404(Profile.objects.visible_to(request.user).with_card_data(), pk=pk)
    attended_events = (
        Event.objects.visible_to(request.user)
        .filter(registrations__user=profile.user_id, registrations__attended=True)
        .order_by("-start")[:CONTRIBUTIONS_SHOWN]
    )
    visible_items = Resource.objects.visible_to(request.user)
    items = (
        visible_items.authored_by(profile.user_id).for_cards().newest_first()[:CONTRIBUTIONS_SHOWN]
    )
    # Only comments on items this viewer may open: a comment must not reveal an item.
    comments = (
        Comment.objects.shown()
        .filter(author=profile.user_id, resource__in=visible_items)
        .select_related("resource")
        .order_by("-created_at", "-pk")[:CONTRIBUTIONS_SHOWN]
    )
    return render(
        request,
        "members/detail.html",
        {
            "profile": profile,
            "is_own": profile.user_id == request.user.pk,
            "attended_events": attended_events,
            "items": items,
            "comments": comments,
        },
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
    response = FileResponse(image.open("rb"), content_type="image/jpeg")
    response["Cache-Control"] = "private, max-age=3600"
    return response
