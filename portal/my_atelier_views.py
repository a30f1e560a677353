"""The page "Mijn atelier" (/mijn/): a signed-in member's own home page."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.http import require_safe

from members import access

from . import my_atelier as blocks


# Not in the page cache: it records the visit, and it is one member's own news.
@login_required
@require_safe
def my_atelier(request):
    """An active member's blocks; to an applicant, a paused or an ended member, where
    their membership stands; an account that never applied goes to the application."""
    if access.must_apply(request.user):
        return redirect("members:apply")
    if not access.is_member(request.user):
        return render(request, "portal/my_atelier_membership.html")
    return render(request, "portal/my_atelier.html", blocks.page_for(request.user))
