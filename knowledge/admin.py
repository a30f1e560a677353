from django.contrib import admin, messages
from django.db import models
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from simple_history.admin import SimpleHistoryAdmin

from atelier import page_cache
from atelier.admin_labels import (
    LabelledChangelistMixin,
    LabelledInlineMixin,
    WebAddressLabelMixin,
)

from . import coauthors, publishing, versions
from .forms import SectionsForm, section_fields
from .models import (
    Attachment,
    Authorship,
    AuthorshipStatus,
    Comment,
    FeaturedTag,
    Recognition,
    Resource,
    ResourceKind,
    ResourceStatus,
    Uptake,
)
from .sections import SECTIONS_BY_KIND
from .uptake_forms import UptakeForm


class ResourceAdminForm(SectionsForm):
    """The coordinator's change form: a tool or case shows its sections as plain fields;
    publishing from it follows the same rule as the writer's form."""

    class Meta:
        model = Resource
        fields = "__all__"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.load_sections(self.instance.kind)

    def will_be_published(self) -> bool:
        return self.cleaned_data.get("status") == ResourceStatus.PUBLISHED


# Django's admin builds its form from a class whose fields are declared: one per kind.
ADMIN_FORMS: dict[str, type[ResourceAdminForm]] = {
    kind: type(f"{kind.title()}AdminForm", (ResourceAdminForm,), section_fields(kind))
    for kind in SECTIONS_BY_KIND
}


class RecognitionInline(LabelledInlineMixin, admin.StackedInline):
    """A tool's recognition by a databank outside the atelier: only the coordinator
    records it, and the tool's page shows it with a link to the databank."""

    model = Recognition
    extra = 0
    fields = ("databank", "databank_name", "level", "recognised_on", "url")
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


class AuthorshipInline(LabelledInlineMixin, admin.TabularInline):
    model = Authorship
    extra = 0
    fields = ("user", "position", "status", "invited_by")
    # Named here, a member is asked as on the site: only they accept (knowledge.coauthors).
    readonly_fields = ("status", "invited_by")
    autocomplete_fields = ("user",)


class AttachmentInline(LabelledInlineMixin, admin.TabularInline):
    model = Attachment
    extra = 0
    fields = ("download_name", "content_type", "size", "created_at")
    readonly_fields = fields
    can_delete = True
    show_change_link = False

    def has_add_permission(self, request, obj=None):
        return False  # files are checked on upload in the site's own form


class CommentInline(LabelledInlineMixin, admin.TabularInline):
    model = Comment
    extra = 0
    fields = ("author", "body", "hidden", "created_at")
    readonly_fields = ("author", "body", "created_at")

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Resource)
class ResourceAdmin(WebAddressLabelMixin, SimpleHistoryAdmin):
    list_display = ("title", "kind", "visibility", "status", "published_at", "comment_count")
    list_filter = ("kind", "visibility", "status", "tags")
    search_fields = ("title", "summary", "body", "authors__profile__display_name")
    date_hierarchy = "published_at"
    prepopulated_fields = {"slug": ("title",)}
    readonly_fields = ("created_by", "created_at", "updated_at")
    inlines = [AuthorshipInline, AttachmentInline, CommentInline]
    actions = ["publish", "unpublish"]
    form = ResourceAdminForm
    fieldsets = (
        (None, {"fields": ("kind", "title", "slug", "summary", "body", "tags")}),
        (_("Publication"), {"fields": ("status", "visibility", "published_at", "event")}),
        (_("Authors"), {"fields": ("created_by", "created_at", "updated_at")}),
    )

    # "History" lists the item's versions (knowledge/versions.py), numbered as on the site,
    # each linking to its page there: what changed, word by word, and restoring it by the
    # site's rules (with its question first) instead of the admin's revert.
    object_history_list_template = "admin/knowledge/resource/versions.html"
    history_list_display = ["made_by", "note"]
    history_list_per_page = 20

    def get_history_queryset(self, request, history_manager, pk_name, object_id):
        return versions.versions_of(Resource(pk=object_id))

    def set_history_delta_changes(self, request, historical_records, foreign_keys_are_objs=True):
        """No field-by-field copies of whole texts: the site's version page shows the words."""

    def revert_disabled(self, request, obj=None):
        return True

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        """A version opens on the site, where it is read and restored."""
        resource = get_object_or_404(Resource, pk=object_id)
        version = get_object_or_404(versions.versions_of(resource), history_id=version_id)
        return redirect(versions.version_url(resource, version))

    @admin.display(description=_("made by"))
    def made_by(self, version):
        return versions.author_name(version)

    @admin.display(description=_("note"))
    def note(self, version):
        is_restore = version.history_change_reason == versions.RESTORED
        return _("an earlier version restored") if is_restore else ""

    def get_fieldsets(self, request, obj=None):
        if obj is None or obj.kind not in ADMIN_FORMS:
            return self.fieldsets
        (_none, main), *rest = self.fieldsets
        text = {"fields": [name for name in main["fields"] if name != "body"]}
        sections = {"fields": list(section_fields(obj.kind))}
        return ((None, text), (_("Sections"), sections), *rest)

    def get_form(self, request, obj=None, change=False, **kwargs):
        kwargs["form"] = ADMIN_FORMS.get(obj.kind, self.form) if obj else self.form
        return super().get_form(request, obj, change, **kwargs)

    def get_inlines(self, request, obj):
        if obj is not None and obj.kind == ResourceKind.TOOL:
            return [*self.inlines, RecognitionInline]
        return self.inlines

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(comment_total=Count("comments"))

    def save_model(self, request, obj, form, change):
        # The coordinator publishes from the change form too: through publishing, as the
        # list's action does. Making a draft there is the form's plain save.
        if "status" in form.changed_data and obj.is_published:
            publishing.publish(obj)
        super().save_model(request, obj, form, change)

    def save_formset(self, request, form, formset, change):
        if formset.model is not Authorship:
            return super().save_formset(request, form, formset, change)
        instances = formset.save(commit=False)
        for authorship in formset.deleted_objects:
            authorship.delete()
        # A row given another person is a new request too: no one becomes an author
        # without saying yes.
        other_person = {obj for obj, fields in formset.changed_objects if "user" in fields}
        for authorship in instances:
            asked = authorship.pk is None or authorship in other_person
            if asked:
                authorship.status = AuthorshipStatus.PENDING
                authorship.invited_by = request.user
            authorship.save()
            if asked:
                coauthors.send_request(authorship)
        return None

    @admin.display(description=_("comments"), ordering="comment_total")
    def comment_count(self, resource):
        return resource.comment_total

    @admin.action(description=_("Publish selected items"), permissions=["change"])
    def publish(self, request, queryset):
        count, incomplete = publishing.publish_all(queryset)
        self.message_user(
            request,
            ngettext("%(count)d item published.", "%(count)d items published.", count)
            % {"count": count},
        )
        for resource in incomplete:
            self.message_user(
                request,
                _("“%(title)s” is still a draft. %(missing)s")
                % {
                    "title": resource.title,
                    "missing": " ".join(
                        missing.message for missing in publishing.missing_for_publication(resource)
                    ),
                },
                level=messages.WARNING,
            )

    @admin.action(description=_("Make selected items drafts again"), permissions=["change"])
    def unpublish(self, request, queryset):
        count = publishing.unpublish_all(queryset)
        self.message_user(
            request,
            ngettext("%(count)d item is a draft again.", "%(count)d items are drafts again.", count)
            % {"count": count},
        )


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin):
    list_display = ("__str__", "created_at", "hidden")
    list_filter = ("hidden",)
    search_fields = ("body", "author__email", "author__profile__display_name", "resource__title")
    list_select_related = ("author", "resource")
    readonly_fields = ("resource", "author", "body", "created_at", "updated_at")
    fields = readonly_fields + ("hidden",)
    actions = ["hide", "show"]

    def has_add_permission(self, request):
        return False

    @admin.action(description=_("Hide selected comments"), permissions=["change"])
    def hide(self, request, queryset):
        count = queryset.update(hidden=True)
        page_cache.mark_stale("library")  # update() sends no signals
        self.message_user(request, _("%(count)d comment(s) hidden.") % {"count": count})

    @admin.action(description=_("Show selected comments again"), permissions=["change"])
    def show(self, request, queryset):
        count = queryset.update(hidden=False)
        page_cache.mark_stale("library")  # update() sends no signals
        self.message_user(request, _("%(count)d comment(s) shown again.") % {"count": count})


@admin.register(FeaturedTag)
class FeaturedTagAdmin(LabelledChangelistMixin, admin.ModelAdmin):
    list_display = ("tag", "description", "position")
    list_editable = ("position",)


@admin.register(Uptake)
class UptakeAdmin(admin.ModelAdmin):
    """Members' experiences of using a tool or case: the coordinator corrects, hides or
    deletes one; only members write them, on the site."""

    list_display = ("__str__", "writer", "used_on", "is_public", "hidden")
    list_filter = ("hidden", "is_public", "resource__kind")
    search_fields = (
        "place",
        "organisation",
        "group",
        "what_happened",
        "author__email",
        "author__profile__display_name",
        "resource__title",
    )
    list_select_related = ("author__profile", "resource")
    date_hierarchy = "used_on"
    ordering = ["-created_at", "-pk"]
    readonly_fields = ("resource", "author", "created_at", "updated_at")
    # What the writer wrote, as in their form, between whose and when.
    fields = ("resource", "author", *UptakeForm.Meta.fields, "hidden", "created_at", "updated_at")
    actions = ["hide", "show"]

    def has_add_permission(self, request):
        return False

    @admin.display(description=_("written by"), ordering="author__profile__display_name")
    def writer(self, account):
        return account.writer_name()

    def _set_hidden(self, queryset, hidden: bool) -> int:
        count = queryset.update(hidden=hidden)
        page_cache.mark_stale("library", "value")  # update() sends no signals
        return count

    @admin.action(description=_("Hide selected experiences"), permissions=["change"])
    def hide(self, request, queryset):
        count = self._set_hidden(queryset, True)
        message = ngettext("%(count)d experience hidden.", "%(count)d experiences hidden.", count)
        self.message_user(request, message % {"count": count})

    @admin.action(description=_("Show selected experiences again"), permissions=["change"])
    def show(self, request, queryset):
        count = self._set_hidden(queryset, False)
        message = ngettext(
            "%(count)d experience shown again.", "%(count)d experiences shown again.", count
        )
        self.message_user(request, message % {"count": count})
