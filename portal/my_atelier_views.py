"""The page "Mijn atelier" (/mijn/): a signed-in member's own home page."""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.http import require_safe

from atelier import page_areas
from atelier.page_cache import cached_page
from members import access

from . import my_atelier as blocks
from .last_visit import last_visit


def records_the_visit(view):
    """Record a member's visit on every request, also when the page is served stored: a
    new visit makes the member's own pages stale (portal/last_visit.py), so the page is
    built again with the news since the visit before."""

    @wraps(view)
    def wrapper(request):
        if access.is_member(request.user):
            last_visit(request.user)
        return view(request)

    return wrapper


@login_required
@require_safe
@records_the_visit
# Stored per member, like every member's page: registrations, what they follow and its
# news, questions in their expertise, their contributions and the suggestion.
@cached_page(
    areas=(
        page_areas.AGENDA,
        page_areas.REGISTRATIONS,
        page_areas.LIBRARY,
        page_areas.QUESTIONS,
        page_areas.VALUE,
        page_areas.MEMBERS,
    )
)
def my_atelier(request):
    """An active member's blocks; to an applicant, a paused or an ended member, where
    their membership stands; an account that never applied goes to the application."""
    if access.must_apply(request.user):
        return redirect("members:apply")
    if not access.is_member(request.user):
        return render(request, "portal/my_atelier_membership.html")
    return render(request, "portal/my_atelier.html", blocks.page_for(request.user))
