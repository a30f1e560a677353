import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Case, Count, Func, OuterRef, Q, Subquery, When
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from atelier.markdown import render_markdown
from members import access

# Slugs that would collide with the agenda's own addresses.
RESERVED_SLUGS = {"archief", "mijn", "feed", "persoonlijk", "bevestigen", "afmelden"}


def new_token() -> str:
    return secrets.token_urlsafe(24)


class EventKind(models.TextChoices):
    MEETING = "meeting", _("Members' meeting")
    PUBLIC = "public", _("Public event")


class EventStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")
    CANCELLED = "cancelled", _("Cancelled")


class RegistrationStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for e-mail confirmation")
    CONFIRMED = "confirmed", _("Registered")
    WAITLISTED = "waitlisted", _("On the waiting list")
    CANCELLED = "cancelled", _("Cancelled")


ACTIVE_REGISTRATION = ~Q(status=RegistrationStatus.CANCELLED)


class EventQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Public events for everyone, meetings for members, drafts for the coordinator."""
        if access.is_coordinator(user):
            return self.all()
        visible = self.exclude(status=EventStatus.DRAFT)
        if access.can_see_members_area(user):
            return visible
        return visible.filter(kind=EventKind.PUBLIC)

    def public(self):
        return self.filter(kind=EventKind.PUBLIC).exclude(status=EventStatus.DRAFT)

    def published(self):
        """Announced and going ahead: neither a draft nor cancelled."""
        return self.filter(status=EventStatus.PUBLISHED)

    def upcoming(self, now=None):
        """Events that have not ended, the first to start first.

        From the earliest start among them on (read from the (end, start) index): without
        that bound the database walks the start index through every past event first.
        """
        now = now or timezone.now()
        earliest = (
            self.model.objects.filter(end__gte=now)
            .order_by(_NotFromItsIndex("start"))
            .values("start")
        )
        return self.filter(end__gte=now, start__gte=Subquery(earliest[:1])).order_by("start", "pk")

    def past(self, now=None):
        """Events that have ended, the last to start first. What ended had started: with
        that bound the database reads the start index back from now, past every coming event."""
        now = now or timezone.now()
        return self.filter(end__lt=now, start__lt=now).order_by("-start", "-pk")

    def next_for_home(self, user, limit: int = 3) -> tuple[list, list]:
        """The next public events, and for members the next meetings."""
        events = self.visible_to(user).upcoming().published()
        public = list(events.filter(kind=EventKind.PUBLIC).with_counts()[:limit])
        meetings = []
        if access.can_see_members_area(user):
            meetings = list(events.filter(kind=EventKind.MEETING).with_counts()[:limit])
        return public, meetings

    def with_counts(self):
        """Each event with its confirmed and waitlisted registrations counted.

        A count per event in a subquery rather than a join with GROUP BY: the database
        then counts only for the rows it returns (a page of twenty, the home page's
        three), through the (event, status) index, instead of grouping the registrations
        of every matching event before it can sort and cut.
        """
        return self.annotate(
            confirmed_count=_registrations_counted(RegistrationStatus.CONFIRMED),
            waitlist_count=_registrations_counted(RegistrationStatus.WAITLISTED),
        )


class _NotFromItsIndex(Func):
    """A column's value, which the database may not read in order from the column's own
    index: it then takes the index the WHERE clause needs. SQLite: "+start". PostgreSQL:
    "start + 0 seconds"; by its statistics it would walk the start index past every past
    event to the first one not ended (33 ms at 20,000 events), not knowing that those
    come last."""

    template = "%(expressions)s"

    def as_sqlite(self, compiler, connection, **extra_context):
        return self.as_sql(compiler, connection, template="+%(expressions)s", **extra_context)

    def as_postgresql(self, compiler, connection, **extra_context):
        return self.as_sql(
            compiler,
            connection,
            template="(%(expressions)s + INTERVAL '0 seconds')",
            **extra_context,
        )


def _registrations_counted(status: str) -> Coalesce:
    counted = (
        Registration.objects.filter(event=OuterRef("pk"), status=status)
        .order_by()
        .values("event")
        .annotate(total=Count("pk"))
        .values("total")
    )
    return Coalesce(Subquery(counted), 0)


class Event(models.Model):
    """A members' meeting or a public event in the agenda."""

    kind = models.CharField(_("kind"), max_length=20, choices=EventKind.choices)
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("address"), max_length=120, unique=True)
    summary = models.CharField(
        _("summary"), max_length=300, help_text=_("One or two sentences for lists and links.")
    )
    description = models.TextField(_("description"), blank=True, help_text=_("Markdown."))
    description_html = models.TextField(editable=False, blank=True)
    start = models.DateTimeField(_("start"), db_index=True)
    end = models.DateTimeField(_("end"), db_index=True)
    place = models.CharField(
        _("place"),
        max_length=300,
        blank=True,
        help_text=_("Address or room; empty if online only."),
    )
    online_link = models.URLField(
        _("online link"), blank=True, help_text=_("Shown only to those who are registered.")
    )
    capacity = models.PositiveIntegerField(
        _("capacity"), null=True, blank=True, help_text=_("Number of places; empty is unlimited.")
    )
    registration_deadline = models.DateTimeField(
        _("registration deadline"),
        null=True,
        blank=True,
        help_text=_("Empty: registration closes when the event starts."),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=EventStatus.choices, default=EventStatus.DRAFT
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = EventQuerySet.as_manager()

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["start"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__gt=models.F("start")), name="event_ends_after_start"
            ),
            models.CheckConstraint(
                condition=Q(capacity__isnull=True) | Q(capacity__gte=1),
                name="event_capacity_positive",
            ),
        ]
        indexes = [
            models.Index(fields=["kind", "status", "start"]),
            # The earliest start among the events that have not ended (`upcoming`).
            models.Index(fields=["end", "start"], name="event_end_start_idx"),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.description_html = render_markdown(self.description)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("agenda:detail", args=[self.slug])

    def clean(self):
        errors = {}
        if self.slug in RESERVED_SLUGS:
            errors["slug"] = _("This address is reserved; choose another.")
        if self.start and self.end and self.end <= self.start:
            errors["end"] = _("The end must be after the start.")
        if self.registration_deadline and self.start and self.registration_deadline > self.start:
            errors["registration_deadline"] = _("The deadline must be before the start.")
        if errors:
            raise ValidationError(errors)

    @property
    def is_meeting(self) -> bool:
        return self.kind == EventKind.MEETING

    @property
    def is_public(self) -> bool:
        return self.kind == EventKind.PUBLIC

    @property
    def is_draft(self) -> bool:
        return self.status == EventStatus.DRAFT

    @property
    def is_published(self) -> bool:
        return self.status == EventStatus.PUBLISHED

    @property
    def is_cancelled(self) -> bool:
        return self.status == EventStatus.CANCELLED

    @property
    def ends_on_another_day(self) -> bool:
        """Whether it ends on a later day than it starts (in the site's time zone)."""
        return timezone.localdate(self.end) != timezone.localdate(self.start)

    @property
    def closes_at(self):
        return self.registration_deadline or self.start

    def is_open_for_registration(self, now=None) -> bool:
        now = now or timezone.now()
        return self.is_published and now < self.closes_at

    def is_past(self, now=None) -> bool:
        return self.end < (now or timezone.now())

    def active_registration_of(self, user) -> "Registration | None":
        """The person's own registration (confirmed, waiting or to confirm), if any."""
        if not user.is_authenticated:
            return None
        return self.registrations.active().filter(user=user).first()

    def seats_left(self, confirmed_count: int | None = None) -> int | None:
        """Free places, or None when the event has no limit."""
        if self.capacity is None:
            return None
        if confirmed_count is None:
            confirmed_count = getattr(self, "confirmed_count", None)
        if confirmed_count is None:
            confirmed_count = self.registrations.filter(status=RegistrationStatus.CONFIRMED).count()
        return max(self.capacity - confirmed_count, 0)

    @property
    def is_full(self) -> bool:
        return self.seats_left() == 0

    @property
    def fill_rate(self) -> int | None:
        if not self.capacity:
            return None
        return round(100 * (self.capacity - self.seats_left()) / self.capacity)

    @property
    def calendar_uid(self) -> str:
        return f"event-{self.pk}@leeratelier-samenlevingsopbouw"


class RegistrationQuerySet(models.QuerySet):
    def active(self):
        return self.filter(ACTIVE_REGISTRATION)

    def confirmed(self):
        return self.filter(status=RegistrationStatus.CONFIRMED)

    def still_cancellable(self, now=None):
        """Active registrations whose event has not started (and is not called off).

        Once an event starts its registrations are the record of who (could have) come:
        `Registration.can_be_cancelled` says no from then on.
        """
        return (
            self.active()
            .filter(event__start__gt=now or timezone.now())
            .exclude(event__status=EventStatus.CANCELLED)
        )

    def waitlisted(self):
        """First come, first served: the order in which people joined the list."""
        return self.filter(status=RegistrationStatus.WAITLISTED).order_by("waitlisted_at", "pk")

    def with_waitlist_place(self):
        """Mark each with `waitlist_place`: its place in line on its event's waiting list
        (1 is the next to get a place; None when it is not waitlisted), in the order of
        `waitlisted()`."""
        ahead_or_same = (
            Registration.objects.filter(
                event=OuterRef("event_id"), status=RegistrationStatus.WAITLISTED
            )
            .filter(
                Q(waitlisted_at__lt=OuterRef("waitlisted_at"))
                | Q(waitlisted_at=OuterRef("waitlisted_at"), pk__lte=OuterRef("pk"))
            )
            .order_by()
            .values("event")
            .annotate(place=Count("pk"))
            .values("place")
        )
        return self.annotate(
            waitlist_place=Case(
                When(status=RegistrationStatus.WAITLISTED, then=Subquery(ahead_or_same)),
                default=None,
            )
        )

    def with_event_visibility(self, user):
        """Mark each with `event_is_visible`: whether `user` may open its event's page.

        A list of someone's registrations links only to what they may see now: after a
        membership ends, the meetings they went to are no longer theirs to open.
        """
        visible = Event.objects.visible_to(user).filter(pk=models.OuterRef("event_id"))
        return self.annotate(event_is_visible=models.Exists(visible))


class Registration(models.Model):
    """Someone's place (or place in line) for an event: a member or a guest."""

    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="registrations", verbose_name=_("event")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="registrations",
        verbose_name=_("member"),
    )
    guest_name = models.CharField(_("guest's name"), max_length=100, blank=True)
    guest_email = models.EmailField(_("guest's e-mail address"), blank=True)
    status = models.CharField(_("status"), max_length=20, choices=RegistrationStatus.choices)
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    created_at = models.DateTimeField(_("registered"), default=timezone.now)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    waitlisted_at = models.DateTimeField(_("on the waiting list since"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    attended = models.BooleanField(_("attended"), null=True, blank=True)
    reminder_sent_at = models.DateTimeField(_("reminder sent"), null=True, blank=True)

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["created_at", "pk"]
        constraints = [
            # One active registration per person per event, kept by the database too.
            models.UniqueConstraint(
                fields=["event", "user"],
                condition=ACTIVE_REGISTRATION & Q(user__isnull=False),
                name="one_active_registration_per_member",
            ),
            models.UniqueConstraint(
                fields=["event", "guest_email"],
                condition=ACTIVE_REGISTRATION & Q(user__isnull=True),
                name="one_active_registration_per_guest",
            ),
            models.CheckConstraint(
                condition=(Q(user__isnull=False) & Q(guest_email=""))
                | (Q(user__isnull=True) & ~Q(guest_email="")),
                name="registration_is_member_or_guest",
            ),
        ]
        indexes = [models.Index(fields=["event", "status"])]

    def __str__(self):
        return f"{self.person_name} · {self.event}"

    @property
    def is_guest(self) -> bool:
        return self.user_id is None

    @property
    def person_name(self) -> str:
        if self.user_id is None:
            return self.guest_name
        return self.user.display_name

    @property
    def email(self) -> str:
        return self.guest_email if self.user_id is None else self.user.email

    @property
    def is_active(self) -> bool:
        return self.status != RegistrationStatus.CANCELLED

    @property
    def is_pending(self) -> bool:
        """A guest's registration waiting for the e-mail link: no place yet."""
        return self.status == RegistrationStatus.PENDING

    @property
    def is_confirmed(self) -> bool:
        return self.status == RegistrationStatus.CONFIRMED

    @property
    def is_waitlisted(self) -> bool:
        return self.status == RegistrationStatus.WAITLISTED

    @property
    def is_cancelled(self) -> bool:
        return self.status == RegistrationStatus.CANCELLED

    def clean(self):
        super().clean()
        if self.attended is not None and not self.can_record_attendance():
            raise ValidationError(
                {"attended": _("Attendance can only be recorded once the event has started.")}
            )

    def can_record_attendance(self, now=None) -> bool:
        """Whether someone came is known only once the event has begun."""
        return self.event.start <= (now or timezone.now())

    def can_be_cancelled(self, now=None) -> bool:
        """Until the event starts; after that the registration is its attendance record."""
        return self.is_active and (now or timezone.now()) < self.event.start


class CalendarFeed(models.Model):
    """A member's personal calendar address: a secret token they can renew."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feed"
    )
    token = models.CharField(max_length=64, unique=True, default=new_token)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("personal calendar feed")
        verbose_name_plural = _("personal calendar feeds")

    def __str__(self):
        return str(self.user)

    def renew(self) -> None:
        self.token = new_token()
        self.created_at = timezone.now()
        self.save(update_fields=["token", "created_at"])
