"""Asking a member directly for help with a question (questions/help_requests.py)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from members.models import Profile

from . import help_requests
from .models import Question


@login_required
@require_POST
def ask_for_help(request, slug, member_id):
    """One click on the question page: ask this member; back to the question."""
    question = get_object_or_404(Question.objects.visible_to(request.user), slug=slug)
    if not help_requests.may_ask_for_help(question, request.user):
        raise PermissionDenied
    member = get_object_or_404(Profile.objects.select_related("user"), pk=member_id).user
    try:
        asked = help_requests.ask_for_help(question, request.user, member)
    except help_requests.HelpRequestRefused as refused:
        messages.error(request, refused.message)
    else:
        name = {"name": member.display_name}
        if asked.sent_at:
            messages.success(request, _("We have e-mailed %(name)s the question.") % name)
        else:
            messages.success(
                request,
                _("%(name)s has had several requests this week: we will e-mail the question "
                  "within a week.") % name,
            )  # fmt: skip
    return redirect(question)
