"""The handout of a tool or case as PDF (knowledge/handouts.py), served like an attachment."""

from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_safe

from atelier import protected_files

from . import handouts
from .models import Resource


@require_safe
def handout(request, slug):
    """Only for those who may read the item (404 for the rest); never a public file address."""
    resource = get_object_or_404(
        Resource.objects.visible_to(request.user).tools_and_cases(), slug=slug
    )
    stored = handouts.handout_for(resource)
    return protected_files.serve(
        stored.file, content_type="application/pdf", download_name=f"{resource.slug}.pdf"
    )
