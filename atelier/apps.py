from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class AtelierConfig(AppConfig):
    name = "atelier"
    verbose_name = _("Site")

    def ready(self):
        from .coordinator import sync_coordinator_permissions
        from .page_cache import connect_signals

        connect_signals()

        post_migrate.connect(sync_coordinator_permissions, dispatch_uid="sync_coordinator")
        post_migrate.connect(ensure_site_rows, sender=self, dispatch_uid="ensure_site_rows")


def ensure_site_rows(using="default", **kwargs) -> None:
    """The site settings and the three editable pages always exist.

    After `migrate`, and also after a test flushes the database (which sends
    post_migrate again), so no page of the site is ever missing its row.
    """
    from .models import Page, SiteSettings
    from .site_texts import default_page_texts

    SiteSettings.objects.using(using).get_or_create(pk=1)
    for key, texts in default_page_texts().items():
        Page.objects.using(using).get_or_create(key=key, defaults={"title": texts["title"]})
