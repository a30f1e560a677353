from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    """The kinds of news a member can hear of, each with its own frequency."""

    ITEMS = "items", _("New library items")
    QUESTIONS = "questions", _("New questions")
    ANSWERS = "answers", _("New answers")
    COMMENTS = "comments", _("New comments")
    UPTAKE = "uptake", _("Accounts of using a tool or case")
    STORIES = "stories", _("Value stories")
    # Only in digests: what is coming up for the member's participation level.
    EVENTS = "events", _("Upcoming meetings and events")


class Frequency(models.TextChoices):
    """How a member hears of one kind of news. Every choice but "never" shows the news in
    /meldingen/; only the first three also send it by e-mail."""

    IMMEDIATELY = "immediately", _("At once by e-mail")
    DAILY = "daily", _("In a daily digest")
    WEEKLY = "weekly", _("In a weekly digest")
    IN_SITE = "site", _("Only in the site, no e-mail")
    NEVER = "never", _("Never, not in the site either")


class DigestPeriod(models.TextChoices):
    DAILY = "daily", _("Daily")
    WEEKLY = "weekly", _("Weekly")


class Follow(models.Model):
    """A member follows a tag, a library item, a question or another member."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="follows",
        verbose_name=_("member"),
    )
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    target = GenericForeignKey("content_type", "object_id")
    created_at = models.DateTimeField(_("since"), default=timezone.now)

    class Meta:
        verbose_name = _("follow")
        verbose_name_plural = _("follows")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "content_type", "object_id"], name="follow_once"
            )
        ]
        # Who follows this tag, item, question or member: asked for every new thing.
        indexes = [models.Index(fields=["content_type", "object_id"], name="follow_target")]

    def __str__(self) -> str:
        return f"{self.user} → {self.content_type.model} {self.object_id}"


class NotificationSetting(models.Model):
    """How often a member hears of one kind of news; without a row, the default for
    their participation level applies."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notification_settings",
        verbose_name=_("member"),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    frequency = models.CharField(_("how often"), max_length=20, choices=Frequency.choices)

    class Meta:
        verbose_name = _("notification setting")
        verbose_name_plural = _("notification settings")
        constraints = [
            models.UniqueConstraint(fields=["user", "kind"], name="one_setting_per_kind"),
            models.CheckConstraint(
                condition=Q(kind__in=Kind.values), name="notification_setting_kind_valid"
            ),
            models.CheckConstraint(
                condition=Q(frequency__in=Frequency.values),
                name="notification_setting_frequency_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user}: {self.get_kind_display()} {self.get_frequency_display()}"


# Where on the thing's page the news is: the comments under an item, a question's answers.
ANCHORS = {Kind.COMMENTS: "#reacties", Kind.ANSWERS: "#antwoorden"}


class Notification(models.Model):
    """News for one member about one thing (an item, a question, a story): new, or with
    something new on it.

    While a notification is neither read nor e-mailed, more news of the same kind about
    the same thing adds to its `count` instead of making another: 500 comments on one
    item in a minute are one line in the digest. Whether the member may still see the
    thing is checked when the notification is shown or sent, not only when it was made.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notifications",
        verbose_name=_("recipient"),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    target_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    target_id = models.PositiveBigIntegerField()
    target = GenericForeignKey("target_type", "target_id")
    count = models.PositiveIntegerField(_("how many"), default=1)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    updated_at = models.DateTimeField(_("last news"), default=timezone.now)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)
    emailed_at = models.DateTimeField(_("e-mailed"), null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-updated_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "kind", "target_type", "target_id"],
                condition=Q(read_at__isnull=True, emailed_at__isnull=True),
                name="one_pending_notification_per_thing",
            ),
            models.CheckConstraint(
                condition=Q(kind__in=Kind.values), name="notification_kind_valid"
            ),
        ]
        indexes = [
            # /meldingen/, newest first, and the header's unread count.
            models.Index(fields=["user", "-updated_at"], name="notification_newest"),
            models.Index(
                fields=["user"],
                condition=Q(read_at__isnull=True),
                name="notification_unread",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user}: {self.get_kind_display()} ({self.count})"

    @property
    def is_unread(self) -> bool:
        return self.read_at is None

    @property
    def headline(self) -> str:
        """The notification in one line, in the current language, e.g. "3 new comments on
        “Het buurtgesprek”". Its `target` must be loaded and visible to the reader
        (notifications/targets.py, `visible_notifications`)."""
        target, count = self.target, self.count
        if self.kind == Kind.UPTAKE:
            title = target.resource.title
            return ngettext(
                "A new experience of using “%(title)s”",
                "%(count)s new experiences of using “%(title)s”",
                count,
            ) % {"count": count, "title": title}
        title = target.title
        if self.kind == Kind.ANSWERS:
            return ngettext(
                "A new answer to “%(title)s”", "%(count)s new answers to “%(title)s”", count
            ) % {"count": count, "title": title}
        if self.kind == Kind.COMMENTS:
            return ngettext(
                "A new comment on “%(title)s”", "%(count)s new comments on “%(title)s”", count
            ) % {"count": count, "title": title}
        if self.kind == Kind.QUESTIONS:
            return gettext("New question: “%(title)s”") % {"title": title}
        if self.kind == Kind.STORIES:
            return gettext("New value story: “%(title)s”") % {"title": title}
        return gettext("New in the library: “%(title)s”") % {"title": title}

    def target_url(self) -> str:
        """Where the notification leads: the page of its thing (with the comments or
        answers in view, for those)."""
        url = self.target.get_absolute_url()
        return url + ANCHORS.get(self.kind, "")


class DigestSent(models.Model):
    """A digest sent to one member for one period: the row is written before the
    e-mail is queued, so that two overlapping runs never send the same digest twice."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="digests_sent",
        verbose_name=_("member"),
    )
    period = models.CharField(_("period"), max_length=10, choices=DigestPeriod.choices)
    period_start = models.DateField(_("period starts"))
    sent_at = models.DateTimeField(_("sent"), default=timezone.now)

    class Meta:
        verbose_name = _("digest sent")
        verbose_name_plural = _("digests sent")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "period", "period_start"], name="one_digest_per_period"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user}: {self.get_period_display()} {self.period_start}"
