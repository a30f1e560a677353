from django.contrib import admin

from .models import DigestSent, Follow, Notification, NotificationSetting


class LookOnlyAdmin(admin.ModelAdmin):
    """Members make these rows by what they do on the site; the coordinator looks them up
    (and may delete one) but does not write them."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Follow)
class FollowAdmin(LookOnlyAdmin):
    list_display = ("user", "content_type", "object_id", "created_at")
    list_filter = ("content_type",)
    search_fields = ("user__email", "user__profile__display_name")
    list_select_related = ("user", "content_type")


@admin.register(Notification)
class NotificationAdmin(LookOnlyAdmin):
    list_display = ("user", "kind", "target_type", "target_id", "count", "updated_at", "read_at")
    list_filter = ("kind",)
    search_fields = ("user__email", "user__profile__display_name")
    list_select_related = ("user", "target_type")
    date_hierarchy = "updated_at"


@admin.register(NotificationSetting)
class NotificationSettingAdmin(LookOnlyAdmin):
    list_display = ("user", "kind", "frequency")
    list_filter = ("kind", "frequency")
    search_fields = ("user__email", "user__profile__display_name")


@admin.register(DigestSent)
class DigestSentAdmin(LookOnlyAdmin):
    list_display = ("user", "period", "period_start", "sent_at")
    list_filter = ("period",)
    search_fields = ("user__email",)
