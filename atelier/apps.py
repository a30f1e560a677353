from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class AtelierConfig(AppConfig):
    name = "atelier"
    verbose_name = _("Site")

    def ready(self):
        from .coordinator import sync_coordinator_permissions

        post_migrate.connect(sync_coordinator_permissions, dispatch_uid="sync_coordinator")
