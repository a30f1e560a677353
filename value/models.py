from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from members import access


class Cycle(models.TextChoices):
    """The five cycles of value creation (Wenger, Trayner & De Laat, 2011)."""

    IMMEDIATE = "immediate", _("Immediate value")
    POTENTIAL = "potential", _("Potential value")
    APPLIED = "applied", _("Applied value")
    REALISED = "realised", _("Realised value")
    REFRAMING = "reframing", _("Reframing value")


class CycleState(models.TextChoices):
    HAPPENED = "happened", _("Happened")
    INTENDED = "intended", _("Intended")


class StoryAudience(models.TextChoices):
    COORDINATOR = "coordinator", _("Only the coordinator")
    MEMBERS = "members", _("Members")
    PUBLIC = "public", _("Everyone")


def _cycle_text(cycle: str):
    return models.TextField(blank=True, max_length=2_000, verbose_name=Cycle(cycle).label)


def _cycle_state():
    return models.CharField(
        _("happened or intended"), max_length=10, choices=CycleState.choices, blank=True
    )


class ValueStoryQuerySet(models.QuerySet):
    def public(self):
        return self.filter(audience=StoryAudience.PUBLIC)

    def visible_to(self, user):
        """The audience the author chose: everyone, members, or only the coordinator (who
        sees every story); a member always sees their own."""
        if access.is_coordinator(user):
            return self.all()
        if access.can_see_members_area(user):
            return self.filter(
                models.Q(audience__in=[StoryAudience.PUBLIC, StoryAudience.MEMBERS])
                | models.Q(author=user)
            )
        return self.public()


class ValueStory(models.Model):
    """A member's short story of what taking part brought them, per cycle they can speak to.

    Not every cycle is needed; each one told is marked as happened or as intended.
    """

    # Empty once the writer deleted their account but chose to keep it anonymised.
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="value_stories",
        verbose_name=_("written by"),
    )
    title = models.CharField(_("title"), max_length=200)
    events = models.ManyToManyField(
        "sessions_app.Event", blank=True, related_name="value_stories", verbose_name=_("meetings")
    )
    resources = models.ManyToManyField(
        "knowledge.Resource",
        blank=True,
        related_name="value_stories",
        verbose_name=_("tools and cases"),
    )
    questions = models.ManyToManyField(
        "questions.Question",
        blank=True,
        related_name="value_stories",
        verbose_name=_("questions"),
    )
    immediate = _cycle_text(Cycle.IMMEDIATE)
    immediate_state = _cycle_state()
    potential = _cycle_text(Cycle.POTENTIAL)
    potential_state = _cycle_state()
    applied = _cycle_text(Cycle.APPLIED)
    applied_state = _cycle_state()
    realised = _cycle_text(Cycle.REALISED)
    realised_state = _cycle_state()
    reframing = _cycle_text(Cycle.REFRAMING)
    reframing_state = _cycle_state()
    audience = models.CharField(
        _("who may read it"),
        max_length=20,
        choices=StoryAudience.choices,
        default=StoryAudience.MEMBERS,
    )
    created_at = models.DateTimeField(_("written"), default=timezone.now)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    objects = ValueStoryQuerySet.as_manager()

    class Meta:
        verbose_name = _("value story")
        verbose_name_plural = _("value stories")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return self.title


class FollowUp(models.Model):
    """The one e-mail a member gets some weeks after a meeting they attended, asking what
    they took from it: one row per member and meeting, so it is never sent twice."""

    event = models.ForeignKey(
        "sessions_app.Event", on_delete=models.CASCADE, related_name="follow_ups"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="follow_ups"
    )
    sent_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["event", "user"], name="one_follow_up_per_meeting")
        ]

    def __str__(self):
        return f"{self.user} · {self.event}"
