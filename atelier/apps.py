from django.apps import AppConfig
from django.conf import settings
from django.db.backends.signals import connection_created
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class AtelierConfig(AppConfig):
    name = "atelier"
    verbose_name = _("Site")

    def ready(self):
        from .coordinator import sync_coordinator_permissions
        from .page_cache import connect_signals
        from .site_texts import ensure_site_rows
        from .textsearch import add_sqlite_functions

        connect_signals()
        # The library's search triggers call these on SQLite (knowledge migration 0005).
        connection_created.connect(add_sqlite_functions, dispatch_uid="textsearch_functions")

        post_migrate.connect(sync_coordinator_permissions, dispatch_uid="sync_coordinator")
        post_migrate.connect(ensure_site_rows, sender=self, dispatch_uid="ensure_site_rows")

        if settings.SENTRY_DSN:
            from .error_tracking import start_error_tracking

            start_error_tracking(settings.SENTRY_DSN, settings.SENTRY_ENVIRONMENT)
