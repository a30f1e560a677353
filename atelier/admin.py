from allauth.account.decorators import secure_admin_login
from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop, ngettext

from .mail_queue import send_again
from .models import OutgoingMail, Page, SiteSettings

admin.site.site_header = _("Leeratelier Samenlevingsopbouw: administration")
admin.site.site_title = _("Leeratelier administration")
admin.site.index_title = _("Coordinator's dashboard")
# One login for everyone: the admin's own form would answer guesses without the site's
# rate limits and lockout, and without its e-mail verification.
admin.site.login = secure_admin_login(admin.site.login)

# Django's admin says "De {name} …" in Dutch whatever the noun, which reads wrong for "het"
# words ("de jaarverslag", "de profiel"). The site's catalogue words these messages without
# an article; naming them here keeps them in it (makemessages reads only the site's code),
# and the site's catalogue comes before Django's.
ADMIN_MESSAGES_WITHOUT_ARTICLE = (
    gettext_noop("The {name} “{obj}” was added successfully."),
    gettext_noop("The {name} “{obj}” was added successfully. You may add another {name} below."),
    gettext_noop("The {name} “{obj}” was changed successfully."),
    gettext_noop("The {name} “{obj}” was changed successfully. You may edit it again below."),
    gettext_noop("The {name} “{obj}” was changed successfully. You may add another {name} below."),
    gettext_noop("The %(name)s “%(obj)s” was deleted successfully."),
)


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


@admin.register(OutgoingMail)
class OutgoingMailAdmin(admin.ModelAdmin):
    """The queue, to look at: what waits, what went out, what failed and why. Never the
    text: it may hold a link that logs someone in."""

    list_display = ("created_at", "to", "subject", "status", "attempts", "sent_at")
    list_filter = ("status",)
    search_fields = ("to", "subject", "key")
    date_hierarchy = "created_at"
    fields = (
        "to", "subject", "key", "status", "attempts", "created_at", "next_attempt_at",
        "claimed_at", "sent_at", "last_error",
    )  # fmt: skip
    readonly_fields = fields
    actions = ["send_failed_again"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_resend_permission(self, request):
        return request.user.has_perm("atelier.change_outgoingmail")

    @admin.action(description=_("Send the failed e-mails again"), permissions=["resend"])
    def send_failed_again(self, request, queryset):
        count = send_again(queryset)
        self.message_user(
            request,
            ngettext(
                "%(count)d e-mail is queued again.", "%(count)d e-mails are queued again.", count
            )
            % {"count": count},
            messages.SUCCESS if count else messages.WARNING,
        )
