from django.utils.functional import SimpleLazyObject

from .models import SiteSettings
from .page_cache import remember


def site_settings(request):
    """The coordinator's contact details for the footer: read once and kept until the
    data changes, as every page shows them."""
    return {
        "site_settings": SimpleLazyObject(
            lambda: remember("site-settings", SiteSettings.load, areas=("site-texts",))
        )
    }
