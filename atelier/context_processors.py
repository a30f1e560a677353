from django.utils.functional import SimpleLazyObject

from .models import SiteSettings


def site_settings(request):
    """The coordinator's contact details for the footer, fetched once per page."""
    return {"site_settings": SimpleLazyObject(SiteSettings.load)}
