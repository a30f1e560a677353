import allauth.account.admin  # registers allauth's address admin, replaced below
from allauth.account.models import EmailAddress
from django import forms
from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from atelier.spreadsheets import csv_response, csv_safe

from . import approval, participation
from .forms import ProfileAdminForm
from .models import LevelRequest, LevelRequestStatus, MembershipStatus, Profile, User


class UserCreationForm(AdminUserCreationForm):
    class Meta:
        model = User
        fields = ("email",)


class UserEditForm(UserChangeForm):
    class Meta:
        model = User
        fields = "__all__"


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    form = UserEditForm
    add_form = UserCreationForm
    list_display = ("email", "is_active", "is_staff", "date_joined", "last_login")
    list_filter = ("is_active", "is_staff", "groups")
    search_fields = ("email",)
    ordering = ("email",)
    readonly_fields = ("date_joined", "last_login")
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        (_("Rights"), {"fields": ("is_active", "is_staff", "is_superuser", "groups")}),
        (_("Dates"), {"fields": ("date_joined", "last_login")}),
    )
    add_fieldsets = ((None, {"classes": ("wide",), "fields": ("email", "password1", "password2")}),)
    filter_horizontal = ("groups",)

    # The coordinator manages members' accounts, but rights are for the technical
    # administrator (a superuser) only: no one raises their own or another's rights,
    # and no one takes over an account by changing its password or e-mail (a reset
    # mailed to the new address would open it). Members change their own address.
    RIGHTS_FIELDS = ("email", "is_staff", "is_superuser", "groups")

    def get_readonly_fields(self, request, obj=None):
        readonly = super().get_readonly_fields(request, obj)
        if request.user.is_superuser:
            return readonly
        return (*readonly, *self.RIGHTS_FIELDS)

    def has_change_permission(self, request, obj=None):
        if obj is not None and obj.is_staff and not request.user.is_superuser:
            return False
        return super().has_change_permission(request, obj)

    def user_change_password(self, request, id, form_url=""):
        if not request.user.is_superuser:
            raise PermissionDenied
        return super().user_change_password(request, id, form_url)


admin.site.unregister(EmailAddress)


@admin.register(EmailAddress)
class EmailAddressAdmin(allauth.account.admin.EmailAddressAdmin):
    """allauth's, made safe for staff who are not superusers.

    Login and password reset find an account by these rows: whoever can move a row to
    another account, rewrite it or mark it verified can take that account over. Only a
    superuser changes them; the coordinator (view permission) reads them.
    """

    def get_readonly_fields(self, request, obj=None):
        if request.user.is_superuser:
            return super().get_readonly_fields(request, obj)
        return ("user", "email", "verified", "primary")

    def has_change_permission(self, request, obj=None):
        return request.user.is_superuser and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser and super().has_delete_permission(request, obj)

    def has_add_permission(self, request):
        return request.user.is_superuser and super().has_add_permission(request)

    def make_verified(self, request, queryset):
        return super().make_verified(request, queryset)

    # allauth's action asks no permission: anyone who may see the list could run it.
    make_verified.allowed_permissions = ("change",)
    make_verified.short_description = (
        allauth.account.admin.EmailAddressAdmin.make_verified.short_description
    )


class OpenLevelRequestFilter(admin.SimpleListFilter):
    """Members who asked to move up, found like applications: waiting for a decision."""

    title = _("level request")
    parameter_name = "niveauverzoek"

    def lookups(self, request, model_admin):
        return [("open", _("Waiting for a decision"))]

    def queryset(self, request, queryset):
        if self.value() == "open":
            return queryset.filter(level_requests__status=LevelRequestStatus.REQUESTED)
        return queryset


@admin.register(Profile)
class ProfileAdmin(admin.ModelAdmin):
    form = ProfileAdminForm
    list_display = (
        "display_name",
        "email",
        "organisation",
        "sector",
        "participation_level",
        "status",
        "applied_at",
        "approved_at",
    )
    list_filter = (
        "status",
        OpenLevelRequestFilter,
        "participation_level",
        "sector",
    )  # portal/admin.py adds "give and take", which reads the agenda and the library
    search_fields = ("display_name", "organisation", "user__email", "job_title")
    list_select_related = ("user",)
    date_hierarchy = "applied_at"
    ordering = ("-applied_at",)
    actions = ["approve", "decline", "pause", "end", "resume", "export_csv"]
    readonly_fields = (
        "user",
        "applied_at",
        "approved_at",
        "approved_by",
        "status_changed_at",
        "privacy_consent_at",
        "current_photo",
        "open_level_request",
    )
    fieldsets = (
        (None, {"fields": ("user", "display_name", "organisation", "sector", "job_title")}),
        (_("Membership"), {"fields": (
            "status", "participation_level", "open_level_request", "motivation", "applied_at",
            "approved_at", "approved_by", "status_changed_at", "privacy_consent_at",
        )}),
        (_("Profile"), {"fields": (
            "bio", "expertise", "current_photo", "avatar_upload", "remove_avatar",
        )}),
        (_("Privacy choices"), {"fields": ("listed_in_directory", "show_email")}),
    )  # fmt: skip

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("expertise")

    @admin.display(description=_("current photo"))
    def current_photo(self, profile):
        if not profile.avatar_small:
            return None
        url = reverse("members:avatar_small", args=[profile.pk])
        return format_html(
            '<img src="{}" alt="{}" width="64" height="64">', url, profile.display_name
        )

    @admin.display(description=_("e-mail address"), ordering="user__email")
    def email(self, profile):
        return profile.user.email

    @admin.display(description=_("level request"))
    def open_level_request(self, profile):
        level_request = profile.open_level_request
        if level_request is None:
            return _("none waiting")
        return format_html(
            '<a href="{}">{}</a>',
            reverse("admin:members_levelrequest_change", args=[level_request.pk]),
            _("%(level)s, asked on %(date)s")
            % {
                "level": level_request.get_level_display(),
                "date": timezone.localtime(level_request.requested_at).strftime("%d-%m-%Y"),
            },
        )

    def has_add_permission(self, request):
        return False  # a profile starts as an application from its own account

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        # Approving or declining here tells the applicant, as the bulk actions do; a new
        # level or status releases what the member may no longer have.
        approval.changed_in_form(
            obj, form.initial.get("status"), set(form.changed_data), request.user, request
        )

    @admin.action(description=_("Approve selected applications"), permissions=["change"])
    def approve(self, request, queryset):
        count = approval.approve(queryset, request.user, request)
        self.message_user(
            request,
            ngettext("%(count)d application approved.", "%(count)d applications approved.", count)
            % {"count": count},
            messages.SUCCESS,
        )

    @admin.action(description=_("Decline selected applications"), permissions=["change"])
    def decline(self, request, queryset):
        count = approval.decline(queryset, request)
        self.message_user(
            request,
            ngettext("%(count)d application declined.", "%(count)d applications declined.", count)
            % {"count": count},
            messages.SUCCESS,
        )

    def _set_status(self, request, queryset, status):
        count = participation.set_membership_status(queryset, status)
        self.message_user(
            request,
            ngettext("%(count)d membership changed.", "%(count)d memberships changed.", count)
            % {"count": count},
            messages.SUCCESS,
        )

    @admin.action(description=_("Pause selected memberships"), permissions=["change"])
    def pause(self, request, queryset):
        self._set_status(request, queryset, MembershipStatus.PAUSED)

    @admin.action(description=_("End selected memberships"), permissions=["change"])
    def end(self, request, queryset):
        self._set_status(request, queryset, MembershipStatus.ENDED)

    @admin.action(description=_("Make selected memberships active again"), permissions=["change"])
    def resume(self, request, queryset):
        self._set_status(request, queryset, MembershipStatus.ACTIVE)

    @admin.action(description=_("Export selected members as CSV"), permissions=["view"])
    def export_csv(self, request, queryset):
        response, writer = csv_response("leden")
        writer.writerow([
            _("name"), _("e-mail address"), _("organisation"), _("sector"), _("job title"),
            _("participation level"), _("membership status"), _("applied"), _("approved"),
            _("expertise"),
        ])  # fmt: skip
        for profile in queryset.select_related("user").prefetch_related("expertise"):
            writer.writerow(
                csv_safe(value)
                for value in [
                    profile.display_name,
                    profile.user.email,
                    profile.organisation,
                    profile.get_sector_display(),
                    profile.job_title,
                    profile.get_participation_level_display(),
                    profile.get_status_display(),
                    timezone.localtime(profile.applied_at).strftime("%Y-%m-%d"),
                    profile.approved_at
                    and timezone.localtime(profile.approved_at).strftime("%Y-%m-%d"),
                    ", ".join(sorted(tag.name for tag in profile.expertise.all())),
                ]
            )
        return response


class LevelRequestDecisionForm(forms.ModelForm):
    """The coordinator decides an open request on its own page, as with the actions."""

    class Meta:
        model = LevelRequest
        fields = ["status"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "status" in self.fields:
            self.fields["status"].choices = [
                (value, label)
                for value, label in LevelRequestStatus.choices
                if value != LevelRequestStatus.WITHDRAWN  # only the member withdraws
            ]


@admin.register(LevelRequest)
class LevelRequestAdmin(admin.ModelAdmin):
    """Requests to move up a level: the coordinator approves or declines them here."""

    form = LevelRequestDecisionForm
    list_display = (
        "profile",
        "previous_level",
        "level",
        "status",
        "requested_at",
        "decided_by",
        "decided_at",
    )
    list_filter = ("status", "level")
    search_fields = ("profile__display_name", "profile__organisation", "profile__user__email")
    list_select_related = ("profile", "decided_by")
    date_hierarchy = "requested_at"
    actions = ["approve", "decline"]
    fields = (
        "member_link",
        "previous_level",
        "level",
        "note",
        "status",
        "requested_at",
        "decided_by",
        "decided_at",
        "withdrawn_at",
    )

    def get_readonly_fields(self, request, obj=None):
        # An open request is decided with its status; a closed one is a record.
        if obj is not None and obj.is_open:
            return tuple(field for field in self.fields if field != "status")
        return self.fields

    # Members ask, the coordinator decides; the record stays as it is.
    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        # The decision goes through participation.py: the level, who and when, the e-mail.
        decide = {
            LevelRequestStatus.APPROVED: participation.approve_requests,
            LevelRequestStatus.DECLINED: participation.decline_requests,
        }.get(obj.status)
        if decide is not None:
            decide(LevelRequest.objects.filter(pk=obj.pk), request.user)

    @admin.display(description=_("member"))
    def member_link(self, level_request):
        profile = level_request.profile
        return format_html(
            '<a href="{}">{}</a> ({})',
            reverse("admin:members_profile_change", args=[profile.pk]),
            profile.display_name,
            profile.organisation,
        )

    @admin.action(description=_("Approve selected level requests"), permissions=["change"])
    def approve(self, request, queryset):
        count = participation.approve_requests(queryset, request.user)
        self.message_user(
            request,
            ngettext(
                "%(count)d level request approved.", "%(count)d level requests approved.", count
            )
            % {"count": count},
            messages.SUCCESS,
        )

    @admin.action(description=_("Decline selected level requests"), permissions=["change"])
    def decline(self, request, queryset):
        count = participation.decline_requests(queryset, request.user)
        self.message_user(
            request,
            ngettext(
                "%(count)d level request declined.", "%(count)d level requests declined.", count
            )
            % {"count": count},
            messages.SUCCESS,
        )
