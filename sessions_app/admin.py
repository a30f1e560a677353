import re

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from atelier import page_cache
from atelier.admin_labels import LabelledInlineMixin, WebAddressLabelMixin
from atelier.spreadsheets import csv_response, csv_safe

from . import event_messages
from . import registration as rules
from .models import Event, EventStatus, Registration, RegistrationStatus
from .series import copy_to_dates


class UpcomingFilter(admin.SimpleListFilter):
    title = _("when")
    parameter_name = "wanneer"

    def lookups(self, request, model_admin):
        return [("komend", _("Upcoming")), ("voorbij", _("Past"))]

    def queryset(self, request, queryset):
        if self.value() == "komend":
            return queryset.upcoming()
        if self.value() == "voorbij":
            return queryset.past()
        return queryset


class RegistrationInline(LabelledInlineMixin, admin.TabularInline):
    model = Registration
    extra = 0
    fields = ("person", "email_address", "status", "created_at", "attended")
    readonly_fields = ("person", "email_address", "status", "created_at")
    ordering = ("status", "created_at")
    can_delete = False
    show_change_link = True

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("user__profile")

    def has_add_permission(self, request, obj=None):
        return False  # registrations go through the rules in registration.py

    @admin.display(description=_("name"))
    def person(self, registration):
        return registration.person_name

    @admin.display(description=_("e-mail address"))
    def email_address(self, registration):
        return registration.email


class SeriesForm(forms.Form):
    first_start = forms.DateTimeField(
        label=_("Start of the first new date"),
        help_text=_(
            "Date and time, e.g. 2027-03-04 14:00. Duration and deadline follow the original."
        ),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
    )
    count = forms.IntegerField(label=_("How many dates"), min_value=1, max_value=24, initial=1)
    interval_weeks = forms.IntegerField(
        label=_("Every how many weeks"), min_value=1, max_value=52, initial=4
    )
    publish = forms.BooleanField(
        label=_("Publish at once (otherwise they are saved as drafts)"), required=False
    )


# The id a preview gives its message (event_messages.new_message_id).
MESSAGE_ID = re.compile(r"[0-9a-f]{32}")


class EventMessageForm(forms.Form):
    """The coordinator's message to an event's registrants (sessions_app/event_messages.py)."""

    audience = forms.ChoiceField(
        label=_("To"),
        choices=event_messages.Audience.choices,
        initial=event_messages.Audience.CONFIRMED,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose who gets the message.")},
    )
    subject = forms.CharField(
        label=_("Subject"),
        max_length=150,
        error_messages={
            "required": _("Fill in a subject."),
            "max_length": _("The subject is too long: at most %(limit_value)d characters."),
        },
    )
    body = forms.CharField(
        label=_("Message"),
        max_length=10_000,
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text=_("Markdown: *italic*, **bold**, [link](https://…). The greeting is added."),
        error_messages={
            "required": _("Write the message."),
            "max_length": _("The message is too long: at most %(limit_value)d characters."),
        },
    )

    def __init__(self, *args, event: Event, **kwargs):
        super().__init__(*args, **kwargs)
        self.event = event

    def clean_subject(self):
        # One line: a subject is a header of the e-mail.
        return " ".join(self.cleaned_data["subject"].split())

    def clean(self):
        cleaned = super().clean()
        audience = cleaned.get("audience")
        if audience and not event_messages.recipients(self.event, audience).exists():
            self.add_error("audience", _("Nobody is registered in this group."))
        return cleaned


@admin.register(Event)
class EventAdmin(WebAddressLabelMixin, admin.ModelAdmin):
    list_display = ("title", "kind", "start", "status", "fill", "waiting")
    list_filter = ("kind", "status", UpcomingFilter)
    search_fields = ("title", "summary", "place")
    date_hierarchy = "start"
    ordering = ("-start",)
    prepopulated_fields = {"slug": ("title",)}
    inlines = [RegistrationInline]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    actions = ["export_registrations", "cancel_events", "plan_series"]
    fieldsets = (
        (None, {"fields": ("kind", "title", "slug", "summary", "description", "status")}),
        (_("When and where"), {"fields": ("start", "end", "place", "online_link")}),
        (_("Registration"), {"fields": ("capacity", "registration_deadline")}),
    )

    def get_queryset(self, request):
        return super().get_queryset(request).with_counts()

    def get_urls(self):
        message = self.admin_site.admin_view(self.message_registrants)
        return [
            path("<path:object_id>/bericht/", message, name="sessions_app_event_message"),
            *super().get_urls(),
        ]

    def message_registrants(self, request, object_id):
        """Write, preview and send a message to the event's registrants."""
        event = get_object_or_404(Event, pk=object_id)
        if not self.has_change_permission(request, event):
            raise PermissionDenied
        form = EventMessageForm(request.POST or None, event=event)
        message_id = request.POST.get("message_id", "")
        if "send" in request.POST and form.is_valid() and MESSAGE_ID.fullmatch(message_id):
            queued = event_messages.send_message(event, message_id=message_id, **form.cleaned_data)
            if queued:
                done = ngettext(
                    "The message is queued for %(count)d person.",
                    "The message is queued for %(count)d people.",
                    queued,
                )
                self.message_user(request, done % {"count": queued}, messages.SUCCESS)
            else:
                self.message_user(
                    request,
                    _("This message was sent already: nobody gets it twice."),
                    messages.WARNING,
                )
            return HttpResponseRedirect(reverse("admin:sessions_app_event_change", args=[event.pk]))
        preview = "preview" in request.POST and form.is_valid()
        context = {
            **self.admin_site.each_context(request),
            "title": _("Message to the registrants"),
            "original": event,
            "form": form,
            "adminform": admin.helpers.AdminForm(form, [(None, {"fields": list(form.fields)})], {}),
            "opts": self.model._meta,
            "preview": preview,
        }
        if preview:
            context |= event_messages.preview(event, **form.cleaned_data)
        return TemplateResponse(request, "admin/sessions_app/event/message.html", context)

    @admin.display(description=_("filled"), ordering="confirmed_count")
    def fill(self, event):
        if event.capacity is None:
            return f"{event.confirmed_count} / ∞"
        return f"{event.confirmed_count} / {event.capacity} ({event.fill_rate}%)"

    @admin.display(description=_("waiting list"), ordering="waitlist_count")
    def waiting(self, event):
        return event.waitlist_count

    def save_model(self, request, obj, form, change):
        cancelling = change and "status" in form.changed_data and obj.is_cancelled
        super().save_model(request, obj, form, change)
        if cancelling:
            # Choosing "cancelled" here must tell everyone registered, as the action does.
            told = rules.cancel_event(obj)
            self.message_user(
                request,
                _("%(events)d event(s) cancelled; %(people)d people were told by e-mail.")
                % {"events": 1, "people": told},
                messages.SUCCESS,
            )
        elif change and "capacity" in form.changed_data:
            promoted = rules.promote_from_waitlist(obj)
            if promoted:
                self.message_user(
                    request,
                    ngettext(
                        "%(count)d person moved up from the waiting list.",
                        "%(count)d people moved up from the waiting list.",
                        len(promoted),
                    )
                    % {"count": len(promoted)},
                )

    @admin.action(description=_("Export registrations as CSV"), permissions=["view"])
    def export_registrations(self, request, queryset):
        response, writer = csv_response("aanmeldingen")
        writer.writerow([
            _("event"), _("start"), _("name"), _("e-mail address"), _("organisation"),
            _("status"), _("registered"), _("attended"),
        ])  # fmt: skip
        registrations = (
            Registration.objects.filter(event__in=queryset)
            .select_related("event", "user__profile")
            .order_by("event__start", "status", "created_at")
        )
        for registration in registrations:
            profile = getattr(registration.user, "profile", None) if registration.user else None
            writer.writerow(
                csv_safe(value)
                for value in [
                    registration.event.title,
                    timezone.localtime(registration.event.start).strftime("%Y-%m-%d %H:%M"),
                    registration.person_name,
                    registration.email,
                    profile.organisation if profile else "",
                    registration.get_status_display(),
                    timezone.localtime(registration.created_at).strftime("%Y-%m-%d %H:%M"),
                    {True: _("yes"), False: _("no")}.get(registration.attended, ""),
                ]
            )
        return response

    @admin.action(description=_("Cancel selected events and tell everyone registered"))
    def cancel_events(self, request, queryset):
        told = 0
        cancelled = 0
        for event in queryset.exclude(status=EventStatus.CANCELLED):
            told += rules.cancel_event(event)
            cancelled += 1
        self.message_user(
            request,
            _("%(events)d event(s) cancelled; %(people)d people were told by e-mail.")
            % {"events": cancelled, "people": told},
            messages.SUCCESS,
        )

    @admin.action(description=_("Plan follow-up dates (copy to new dates)"), permissions=["add"])
    def plan_series(self, request, queryset):
        if queryset.count() != 1:
            self.message_user(request, _("Choose exactly one event to copy."), messages.WARNING)
            return None
        original = queryset.get()
        form = SeriesForm(request.POST if "apply" in request.POST else None)
        if form.is_valid():
            created = copy_to_dates(original, **form.cleaned_data)
            self.message_user(
                request,
                ngettext("%(count)d date planned.", "%(count)d dates planned.", len(created))
                % {"count": len(created)},
                messages.SUCCESS,
            )
            return HttpResponseRedirect(request.get_full_path())
        return TemplateResponse(
            request,
            "admin/sessions_app/event/plan_series.html",
            {
                **self.admin_site.each_context(request),
                "title": _("Plan follow-up dates"),
                "original": original,
                "form": form,
                # Laid out as every other admin form, in the admin's own fieldset.
                "adminform": admin.helpers.AdminForm(
                    form, [(None, {"fields": list(form.fields)})], {}
                ),
                "opts": self.model._meta,
                "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
            },
        )


@admin.register(Registration)
class RegistrationAdmin(admin.ModelAdmin):
    list_display = ("__str__", "event", "status", "created_at", "attended")
    list_filter = ("status", "attended", "event__kind")
    search_fields = ("guest_name", "guest_email", "user__email", "user__profile__display_name")
    list_select_related = ("event", "user__profile")
    autocomplete_fields = ()
    readonly_fields = (
        "event", "user", "guest_name", "guest_email", "status", "created_at",
        "confirmed_at", "waitlisted_at", "cancelled_at", "reminder_sent_at",
    )  # fmt: skip
    fields = readonly_fields + ("attended",)
    actions = ["mark_attended", "mark_absent", "cancel_registrations"]

    def has_add_permission(self, request):
        return False

    def _record_attendance(self, request, queryset, attended: bool, done_message) -> None:
        confirmed = queryset.filter(status=RegistrationStatus.CONFIRMED)
        started = confirmed.filter(event__start__lte=timezone.now())
        not_started = confirmed.count() - started.count()
        count = started.update(attended=attended)
        page_cache.mark_stale("registrations")  # update() sends no signals
        self.message_user(request, done_message % {"count": count})
        if not_started:
            self.message_user(
                request,
                ngettext(
                    "%(count)d registration not changed: attendance can only be recorded once "
                    "the event has started.",
                    "%(count)d registrations not changed: attendance can only be recorded "
                    "once the event has started.",
                    not_started,
                )
                % {"count": not_started},
                messages.WARNING,
            )

    @admin.action(description=_("Mark as attended"), permissions=["change"])
    def mark_attended(self, request, queryset):
        self._record_attendance(request, queryset, True, _("%(count)d marked as attended."))

    @admin.action(description=_("Mark as absent"), permissions=["change"])
    def mark_absent(self, request, queryset):
        self._record_attendance(request, queryset, False, _("%(count)d marked as absent."))

    @admin.action(description=_("Cancel selected registrations"), permissions=["change"])
    def cancel_registrations(self, request, queryset):
        count = 0
        refused = 0
        for registration in queryset.exclude(status=RegistrationStatus.CANCELLED):
            try:
                rules.cancel_registration(registration)
            except rules.RegistrationError:
                refused += 1  # the event has started: the registration stays as a record
            else:
                count += 1
        self.message_user(request, _("%(count)d registration(s) cancelled.") % {"count": count})
        if refused:
            self.message_user(
                request,
                _("%(count)d registration(s) not cancelled: the event has already started.")
                % {"count": refused},
                messages.WARNING,
            )
