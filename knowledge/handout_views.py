"""The handout of a tool or case as PDF (knowledge/handouts.py), served like an attachment."""

from django.http import FileResponse
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_safe

from . import handouts
from .models import Resource


@require_safe
def handout(request, slug):
    """Only for those who may read the item (404 for the rest); never a public file address."""
    resource = get_object_or_404(
        Resource.objects.visible_to(request.user).tools_and_cases(), slug=slug
    )
    stored = handouts.handout_for(resource)
    response = FileResponse(
        stored.file.open("rb"),
        content_type="application/pdf",
        as_attachment=True,
        filename=f"{resource.slug}.pdf",
    )
    response["X-Content-Type-Options"] = "nosniff"
    # Never kept by a shared cache: an item can turn members-only at any moment.
    response["Cache-Control"] = "private, no-cache"
    return response
