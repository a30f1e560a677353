"""Questions from practice and their answers (docs/design.md, "Questions")."""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from taggit.managers import TaggableManager
from taggit.models import TaggedItemBase

from atelier.listed_tags import ListedTags, with_tags_in_a_list
from atelier.markdown import render_markdown
from knowledge.models import ResourceKind, Visibility
from members import access
from members.models import TaggedProfile
from sessions_app.models import EventKind

# Slugs that would collide with the questions' own addresses.
RESERVED_SLUGS = {"nieuw", "feed"}
# After this many days without an answer, the coordinator sees a question waiting.
WAITING_DAYS = 7


class QuestionStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")


class TaggedQuestion(TaggedItemBase):
    """Tags of a question: the same tags as the library's items and members' expertise."""

    content_object = models.ForeignKey("Question", on_delete=models.CASCADE)

    class Meta:
        verbose_name = _("tag")
        verbose_name_plural = _("tags")


class QuestionQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=QuestionStatus.PUBLISHED)

    def public(self):
        return self.published().filter(visibility=Visibility.PUBLIC)

    def visible_to(self, user):
        """Published public questions for all, members-only ones for members, drafts for
        their asker; the coordinator sees everything. Every list, search, feed and e-mail
        of the site asks this."""
        if access.is_coordinator(user):
            return self.all()
        if access.can_see_members_area(user):
            return self.filter(Q(status=QuestionStatus.PUBLISHED) | Q(asker=user))
        return self.public()

    def answered(self):
        return self.filter(helped_answer__isnull=False)

    def unanswered(self):
        return self.filter(helped_answer__isnull=True)

    def waiting_for_an_answer(self, days: int = WAITING_DAYS):
        """Published questions that no one has answered in `days` days (the admin's index)."""
        since = timezone.now() - timedelta(days=days)
        return self.published().filter(answer_count=0, published_at__lte=since)

    def asked_by(self, user):
        return self.filter(asker=user)

    def newest_activity_first(self):
        return self.order_by("-last_activity_at", "-pk")

    def tagged(self, name: str):
        return self.filter(
            pk__in=TaggedQuestion.objects.filter(tag__name__iexact=name).values("content_object_id")
        )

    def asked_in_sector(self, sector: str):
        return self.filter(asker__profile__sector=sector)

    def in_expertise_of(self, user):
        """Others' questions with at least one tag of the member's expertise
        (Profile.expertise): a member does not answer their own.

        Each question's tags are checked by its key (EXISTS), so that the newest few
        are found without listing every question with those tags: SQLite built that
        list in full, 1.7 -> 6.5 ms at ten times the large data set for `/mijn/`.
        """
        expertise = TaggedProfile.objects.filter(content_object__user=user).values("tag_id")
        tagged = TaggedQuestion.objects.filter(content_object=OuterRef("pk"), tag_id__in=expertise)
        return self.filter(Exists(tagged)).exclude(asker=user)

    def open_in_expertise_of(self, user):
        """What `user` could help with: published questions without the answer that
        helped, in their expertise, that they may see (`in_expertise_of`)."""
        return self.visible_to(user).published().unanswered().in_expertise_of(user)

    def for_list(self):
        """With what a list shows of each question: its asker's name and sector, its tags
        (`tag_list`)."""
        return self.select_related("asker__profile").prefetch_related(with_tags_in_a_list())


class Question(ListedTags, models.Model):
    """A member's question from practice, answered by other members."""

    title = models.CharField(_("question"), max_length=200)
    slug = models.SlugField(_("address"), max_length=120, unique=True)
    body = models.TextField(
        _("the situation from practice"),
        max_length=100_000,
        help_text=_("Markdown."),
    )
    body_html = models.TextField(editable=False, blank=True)
    tags = TaggableManager(_("tags"), through=TaggedQuestion, blank=True)
    asker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="questions",
        verbose_name=_("asked by"),
    )
    visibility = models.CharField(
        _("who may read it"), max_length=20, choices=Visibility.choices, default=Visibility.MEMBERS
    )
    status = models.CharField(
        _("status"), max_length=20, choices=QuestionStatus.choices, default=QuestionStatus.DRAFT
    )
    helped_answer = models.OneToOneField(
        "Answer",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("the answer that helped"),
    )
    # Kept up to date by questions/answers code, so lists need no count per question.
    answer_count = models.PositiveIntegerField(_("answers"), default=0, editable=False)
    events = models.ManyToManyField(
        "sessions_app.Event",
        blank=True,
        related_name="questions",
        # Only members' meetings have an agenda of questions.
        limit_choices_to={"kind": EventKind.MEETING},
        verbose_name=_("on the agenda of"),
        help_text=_("Members' meetings that discuss this question."),
    )
    reports = models.ManyToManyField(
        "knowledge.Resource",
        blank=True,
        related_name="discussed_questions",
        limit_choices_to={"kind": ResourceKind.REPORT},
        verbose_name=_("discussed in the reports"),
    )
    library_item = models.ForeignKey(
        "knowledge.Resource",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="source_questions",
        verbose_name=_("became the library item"),
    )
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    edited_at = models.DateTimeField(_("edited"), null=True, blank=True)
    last_activity_at = models.DateTimeField(_("last activity"), default=timezone.now)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    objects = QuestionQuerySet.as_manager()

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["-last_activity_at", "-pk"]
        indexes = [
            models.Index(fields=["status", "visibility", "last_activity_at"]),
            models.Index(fields=["status", "helped_answer", "last_activity_at"]),
            # A member's list (every published question, newest activity first) in its
            # order: the first pages and their bounded count read the index's end.
            models.Index(fields=["status", "last_activity_at", "id"], name="questions_by_activity"),
            # The dashboard's questions of a period, and those waiting for a first answer.
            models.Index(fields=["status", "published_at", "asker"], name="questions_published"),
            models.Index(
                fields=["status", "answer_count", "published_at"], name="questions_unanswered"
            ),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        # Rendered once here, so no request ever renders Markdown.
        self.body_html = render_markdown(self.body)
        # Only the first publication is news for followers (notifications/news.py).
        self.is_first_publication = self.is_published and self.published_at is None
        if self.is_first_publication:
            self.published_at = timezone.now()
            self.last_activity_at = self.published_at
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("questions:detail", args=[self.slug])

    @property
    def is_published(self) -> bool:
        return self.status == QuestionStatus.PUBLISHED

    @property
    def is_draft(self) -> bool:
        return self.status == QuestionStatus.DRAFT

    @property
    def is_public(self) -> bool:
        return self.is_published and self.visibility == Visibility.PUBLIC

    @property
    def is_answered(self) -> bool:
        return self.helped_answer_id is not None

    def is_asked_by(self, user) -> bool:
        return self.asker_id is not None and self.asker_id == user.pk

    def may_mark_helped(self, user) -> bool:
        """The asker marks the answer that helped; the coordinator may too."""
        return self.is_asked_by(user) or access.is_coordinator(user)

    def asker_name(self) -> str:
        return self.asker.display_name if self.asker else str(_("former member"))

    def asker_sector(self) -> str:
        """The sector the asker works in, as shown beside the question ("" if unknown)."""
        profile = access.profile_of(self.asker)
        return profile.get_sector_display() if profile is not None else ""


class AnswerQuerySet(models.QuerySet):
    def shown(self):
        return self.filter(hidden=False)

    def by(self, user):
        return self.filter(author=user)

    def shown_to(self, user):
        """Shown answers; a hidden one only to the coordinator and to its author."""
        if access.can_moderate(user):
            return self.all()
        return self.filter(Q(hidden=False) | Q(author=user.pk))


class Answer(models.Model):
    """A member's answer to a question: one level, no threads."""

    question = models.ForeignKey(
        Question, on_delete=models.CASCADE, related_name="answers", verbose_name=_("question")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="answers",
        verbose_name=_("author"),
    )
    body = models.TextField(_("answer"), max_length=100_000, help_text=_("Markdown."))
    body_html = models.TextField(editable=False, blank=True)
    hidden = models.BooleanField(
        _("hidden"), default=False, help_text=_("Hidden by the coordinator.")
    )
    created_at = models.DateTimeField(_("written"), default=timezone.now)
    edited_at = models.DateTimeField(_("edited"), null=True, blank=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    objects = AnswerQuerySet.as_manager()

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        ordering = ["created_at", "pk"]
        indexes = [
            models.Index(fields=["question", "hidden", "created_at"]),
            # The dashboard counts a period's answers per author (dashboard/activity.py).
            models.Index(fields=["created_at", "author"], name="answers_by_date"),
        ]

    def __str__(self):
        return f"{self.author_name()} · {self.question}"

    def save(self, *args, **kwargs):
        self.body_html = render_markdown(self.body)
        super().save(*args, **kwargs)

    def is_written_by(self, user) -> bool:
        """Whether `user` wrote this answer: only its writer edits it."""
        return self.author_id is not None and self.author_id == user.pk

    def author_name(self) -> str:
        return self.author.display_name if self.author else str(_("former member"))

    @property
    def is_the_one_that_helped(self) -> bool:
        return self.question.helped_answer_id == self.pk


class HelpRequest(models.Model):
    """The asker asked a member directly to help with a question ("who can help").

    The member gets one e-mail; at most a few a week, the rest wait (`sent_at` empty)."""

    question = models.ForeignKey(
        Question, on_delete=models.CASCADE, related_name="help_requests", verbose_name=_("question")
    )
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="help_requests",
        verbose_name=_("member asked"),
    )
    asked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("asked by"),
    )
    created_at = models.DateTimeField(_("asked"), default=timezone.now)
    sent_at = models.DateTimeField(_("e-mail sent"), null=True, blank=True, db_index=True)

    class Meta:
        verbose_name = _("request for help")
        verbose_name_plural = _("requests for help")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["question", "member"], name="one_request_per_member")
        ]

    def __str__(self):
        return f"{self.member} · {self.question}"
