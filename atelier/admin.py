from allauth.account.decorators import secure_admin_login
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .models import Page, SiteSettings

admin.site.site_header = _("Leeratelier Samenlevingsopbouw: administration")
admin.site.site_title = _("Leeratelier administration")
admin.site.index_title = _("Coordinator's dashboard")
# One login for everyone: the admin's own form would answer guesses without the site's
# rate limits and lockout, and without its e-mail verification.
admin.site.login = secure_admin_login(admin.site.login)


@admin.register(SiteSettings)
class SiteSettingsAdmin(admin.ModelAdmin):
    fieldsets = (
        (_("Coordinator, shown in the footer"), {
            "fields": ("coordinator_name", "coordinator_email", "coordinator_phone"),
        }),
        (None, {"fields": ("organisation",)}),
    )  # fmt: skip

    def has_add_permission(self, request):
        return not SiteSettings.objects.exists() and super().has_add_permission(request)

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Page)
class PageAdmin(admin.ModelAdmin):
    list_display = ("__str__", "title", "updated_at")
    readonly_fields = ("key", "updated_at")
    fieldsets = (
        (None, {"fields": ("key", "title", "body")}),
        (_("English version"), {"fields": ("title_en", "body_en"), "classes": ("collapse",)}),
        (None, {"fields": ("updated_at",)}),
    )

    # The three pages are part of the site: they are edited, never added or removed.
    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
