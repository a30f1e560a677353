"""The atelier's yearly report ("Opbrengst <jaar>"): a document for the research group and
its partners, written by the coordinator and published when they choose.

The report holds the coordinator's introduction (stored rendered), the value stories they
picked and a snapshot of the year's figures taken by a deliberate action
(dashboard/year_reports.py), so a published report reads the same every day and its page
costs a handful of queries. Only the stories are read as they are now: a story whose
author no longer lets everyone read it leaves the report at once.
"""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models, transaction
from django.db.models import Q
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from atelier.markdown import render_markdown
from members import access
from members.models import Profile
from value.models import ValueStory

from .periods import Period

FIRST_YEAR = 2000
LAST_YEAR = 2100
# Room for a few pages of text; the page and the PDF show it whole.
INTRODUCTION_MAX_LENGTH = 20_000


class YearReportQuerySet(models.QuerySet):
    def published(self):
        return self.filter(published_at__isnull=False)

    def visible_to(self, user):
        """Published reports for everyone; the coordinator also sees those not published
        yet (the preview)."""
        if access.is_coordinator(user):
            return self.all()
        return self.published()


class YearReport(models.Model):
    """The report of one calendar year (in Amsterdam)."""

    year = models.PositiveSmallIntegerField(
        _("year"),
        unique=True,
        validators=[MinValueValidator(FIRST_YEAR), MaxValueValidator(LAST_YEAR)],
    )
    introduction = models.TextField(
        _("introduction"),
        blank=True,
        max_length=INTRODUCTION_MAX_LENGTH,
        help_text=_("In Markdown: a blank line between paragraphs, ## for a heading."),
    )
    introduction_html = models.TextField(editable=False, blank=True)
    stories = models.ManyToManyField(
        ValueStory,
        through="ReportStory",
        blank=True,
        related_name="+",
        verbose_name=_("value stories"),
    )
    # The year's figures as they were when last taken: a list of figures in JSON
    # (dashboard/year_reports.py). Never recomputed by reading the report.
    figures = models.JSONField(default=list, editable=False)
    figures_taken_at = models.DateTimeField(_("figures taken"), null=True, editable=False)
    published_at = models.DateTimeField(_("published"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    objects = YearReportQuerySet.as_manager()

    class Meta:
        verbose_name = _("yearly report")
        verbose_name_plural = _("yearly reports")
        ordering = ["-year"]
        constraints = [
            models.CheckConstraint(
                condition=Q(year__gte=FIRST_YEAR) & Q(year__lte=LAST_YEAR),
                name="year_report_sane_year",
            ),
        ]

    def __str__(self):
        return str(_("Yearly report %(year)d") % {"year": self.year})

    def save(self, *args, **kwargs):
        self.introduction_html = render_markdown(self.introduction)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("year_report:page", args=[self.year])

    def get_pdf_url(self):
        return reverse("year_report:pdf", args=[self.year])

    @property
    def is_published(self) -> bool:
        return self.published_at is not None

    @property
    def period(self) -> Period:
        return Period.of_year(self.year)

    def shown_stories(self):
        """The picked stories everyone may read now, with their authors' names: a story
        whose author narrowed its audience is left out from that moment on."""
        return self.stories.public().for_list().order_by("created_at", "pk")


def eligible_stories(year: int):
    """The stories the coordinator may pick for the report of `year`: public ones, told
    in that year or the next (a report is written after its year, with what members
    tell about it then), newest first."""
    return (
        ValueStory.objects.public()
        .filter(
            created_at__gte=Period.of_year(year).starts_at,
            created_at__lt=Period.of_year(year + 1).ends_at,
        )
        .select_related("author__profile")
        .order_by("-created_at", "-pk")
    )


class ReportStory(models.Model):
    """A value story picked for a report: only a public one is picked
    (year_reports.pick_stories); one its author narrows later stays linked, unseen."""

    report = models.ForeignKey(YearReport, on_delete=models.CASCADE)
    story = models.ForeignKey(ValueStory, on_delete=models.CASCADE, related_name="+")

    class Meta:
        verbose_name = _("picked story")
        verbose_name_plural = _("picked stories")
        constraints = [
            models.UniqueConstraint(fields=["report", "story"], name="story_once_per_report")
        ]

    def __str__(self):
        return f"{self.report} · {self.story}"


def report_pdf_path(report_pdf, filename: str) -> str:
    return f"reports/{filename}"


class ReportPdf(models.Model):
    """A published report as PDF (dashboard/report_pdf.py), made at the first download and
    removed whenever anything it prints changes; the next download makes it again."""

    report = models.OneToOneField(YearReport, on_delete=models.CASCADE, related_name="pdf")
    file = models.FileField(upload_to=report_pdf_path)
    size = models.PositiveBigIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("report PDF")
        verbose_name_plural = _("report PDFs")

    def __str__(self):
        return f"{self.report} (PDF)"


@receiver(post_delete, sender=ReportPdf)
def _pdf_deleted(sender, instance, **kwargs):
    name, storage = instance.file.name, instance.file.storage
    if name:
        transaction.on_commit(lambda: storage.delete(name))


def _forget_pdfs(**which) -> None:
    for stale in ReportPdf.objects.filter(**which):
        stale.delete()


# The PDF prints the report, its stories and their authors' names: a change to any of
# them removes it.
@receiver(post_save, sender=YearReport)
def _report_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        _forget_pdfs(report=instance.pk)


# Picking adds the links without saving them one by one (m2m_changed); a story deleted
# takes its links along (post_delete).
@receiver(m2m_changed, sender=ReportStory)
def _picked_stories_changed(sender, instance, action, **kwargs):
    if action.startswith("post_"):
        _forget_pdfs(report=instance.pk)


@receiver(post_delete, sender=ReportStory)
def _picked_story_deleted(sender, instance, **kwargs):
    _forget_pdfs(report=instance.report_id)


@receiver(post_save, sender=ValueStory)
def _story_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        _forget_pdfs(report__reportstory__story=instance.pk)


@receiver([post_save, post_delete], sender=Profile)
def _author_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        _forget_pdfs(report__reportstory__story__author=instance.user_id)
