from django.db import models
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from .markdown import render_markdown


class SiteSettings(models.Model):
    """The site's own details the coordinator edits: one row, loaded on every page."""

    coordinator_name = models.CharField(_("coordinator's name"), max_length=120, blank=True)
    coordinator_email = models.EmailField(_("coordinator's e-mail address"), blank=True)
    coordinator_phone = models.CharField(_("coordinator's phone number"), max_length=40, blank=True)
    organisation = models.CharField(
        _("organisation"),
        max_length=200,
        default="Zuyd Hogeschool · Lectoraat Sociale Integratie",
        help_text=_("Shown in the footer of every page."),
    )

    class Meta:
        verbose_name = _("site settings")
        verbose_name_plural = _("site settings")

    def __str__(self):
        return str(_("Site settings"))

    def save(self, *args, **kwargs):
        self.pk = 1
        super().save(*args, **kwargs)

    @classmethod
    def load(cls) -> "SiteSettings":
        settings, _created = cls.objects.get_or_create(pk=1)
        return settings


class Page(models.Model):
    """A page whose text the coordinator writes in Markdown: home, about, privacy."""

    class Key(models.TextChoices):
        HOME = "home", _("Home")
        ABOUT = "about", _("About the atelier")
        PRIVACY = "privacy", _("Privacy statement")

    key = models.CharField(_("page"), max_length=20, choices=Key.choices, unique=True)
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("text"), blank=True, help_text=_("Markdown."))
    body_html = models.TextField(editable=False, blank=True)
    title_en = models.CharField(
        _("title in English"),
        max_length=200,
        blank=True,
        help_text=_("Optional; without it English visitors see the Dutch title."),
    )
    body_en = models.TextField(
        _("text in English"),
        blank=True,
        help_text=_("Markdown. Optional; without it English visitors see the Dutch text."),
    )
    body_en_html = models.TextField(editable=False, blank=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    class Meta:
        verbose_name = _("page")
        verbose_name_plural = _("pages")
        ordering = ["key"]

    def __str__(self):
        return self.get_key_display()

    def save(self, *args, **kwargs):
        # Rendered once here, so no request ever renders Markdown.
        self.body_html = render_markdown(self.body)
        self.body_en_html = render_markdown(self.body_en)
        super().save(*args, **kwargs)

    @property
    def _english(self) -> bool:
        return (get_language() or "").startswith("en")

    @property
    def display_title(self) -> str:
        return self.title_en if self._english and self.title_en else self.title

    @property
    def display_html(self) -> str:
        return self.body_en_html if self._english and self.body_en_html else self.body_html

    # The language of what display_title and display_html show, for the lang attribute:
    # an English page without an English text shows the Dutch one (WCAG 3.1.2).
    @property
    def display_title_language(self) -> str:
        return "en" if self._english and self.title_en else "nl"

    @property
    def display_html_language(self) -> str:
        return "en" if self._english and self.body_en_html else "nl"


class OutgoingMailQuerySet(models.QuerySet):
    def addressed_to(self, addresses: list[str]) -> "OutgoingMailQuerySet":
        """The mail to any of `addresses` (compared as e-mail addresses are: any case)."""
        wanted = models.Q(pk__in=[])
        for address in addresses:
            wanted |= models.Q(to__iexact=address)
        return self.filter(wanted)


class OutgoingMail(models.Model):
    """One e-mail to one address, rendered and waiting for the worker (atelier/mail_queue.py).

    `key` names the event that caused it ("registration-confirmed:12"): one address gets
    one e-mail per key, however often the cause is repeated or its task is run.
    """

    class Status(models.TextChoices):
        QUEUED = "queued", _("waiting")
        SENDING = "sending", _("being sent")
        SENT = "sent", _("sent")
        FAILED = "failed", _("failed")

    key = models.CharField(_("key"), max_length=200)
    to = models.EmailField(_("to"), max_length=254)
    from_email = models.CharField(_("from"), max_length=254)
    subject = models.TextField(_("subject"))
    text = models.TextField(_("text"), blank=True)
    html = models.TextField(_("HTML"), blank=True)
    headers = models.JSONField(_("headers"), default=dict, blank=True)
    # [{"filename": …, "content": base64, "mimetype": …}]: the event's .ics, for example.
    attachments = models.JSONField(_("attachments"), default=list, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt"), default=timezone.now)
    claimed_at = models.DateTimeField(_("sending since"), null=True, blank=True)
    last_error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(_("queued"), default=timezone.now)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    objects = OutgoingMailQuerySet.as_manager()

    class Meta:
        verbose_name = _("outgoing e-mail")
        verbose_name_plural = _("outgoing e-mails")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["key", "to"], name="one_mail_per_key_and_address"),
        ]
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="outgoing_mail_due")]

    def __str__(self):
        return f"{self.to}: {self.subject}"

    @property
    def is_failed(self) -> bool:
        return self.status == self.Status.FAILED


class ScheduledRun(models.Model):
    """A scheduled command's run for one period, claimed by the first server to start it
    (atelier/scheduled_runs.py): the same timer fires on every app server."""

    job = models.CharField(_("job"), max_length=50)
    period = models.CharField(_("period"), max_length=20)
    host = models.CharField(_("server"), max_length=255)
    started_at = models.DateTimeField(_("started"), default=timezone.now)

    class Meta:
        verbose_name = _("scheduled run")
        verbose_name_plural = _("scheduled runs")
        constraints = [
            models.UniqueConstraint(fields=["job", "period"], name="one_run_per_job_and_period")
        ]

    def __str__(self) -> str:
        return f"{self.job} {self.period} ({self.host})"
