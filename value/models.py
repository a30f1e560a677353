from dataclasses import dataclass

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
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


# One plain line per cycle, shown under its name in the form and on the story's page.
CYCLE_EXPLANATIONS = {
    Cycle.IMMEDIATE: _("What the meeting or the exchange itself gave you: a good conversation, "
                       "recognition, energy."),
    Cycle.POTENTIAL: _("What you took away: knowledge, contacts, materials or confidence."),
    Cycle.APPLIED: _("What you did differently in your work because of it."),
    Cycle.REALISED: _("What that changed for residents, your team or your organisation."),
    Cycle.REFRAMING: _("How it changed your view of what success is in your work."),
}  # fmt: skip


@dataclass(frozen=True)
class ToldCycle:
    """One cycle a story speaks to: its name, its explanation, the text and whether it
    happened or is intended."""

    cycle: str
    label: str
    explanation: str
    text: str
    is_intended: bool


def _cycle_text(cycle: str):
    return models.TextField(blank=True, max_length=2_000, verbose_name=Cycle(cycle).label)


def _cycle_state():
    return models.CharField(
        _("happened or intended"), max_length=10, choices=CycleState.choices, blank=True
    )


def _cycle_told(cycle: str) -> Q:
    return ~Q(**{cycle: ""})


class ValueStoryQuerySet(models.QuerySet):
    def public(self):
        return self.filter(audience=StoryAudience.PUBLIC)

    def visible_to(self, user):
        """The audience its author chose: "coordinator" for the coordinator (and the
        author), "members" for members as well, "public" for everyone. A member always
        sees their own. Every list, page and link of the site asks this."""
        if access.is_coordinator(user):
            return self.all()
        if access.can_see_members_area(user):
            return self.filter(
                Q(audience__in=[StoryAudience.PUBLIC, StoryAudience.MEMBERS]) | Q(author=user.pk)
            )
        return self.public()

    def written_by(self, user):
        return self.filter(author=user)

    def telling(self, cycle: str):
        """Stories that speak to `cycle` (a value of Cycle)."""
        return self.filter(_cycle_told(cycle))

    def by_sector(self, sector: str):
        """Stories whose author works in `sector` (a value of members' Sector)."""
        return self.filter(author__profile__sector=sector)

    def about_event(self, event):
        return self.filter(
            pk__in=ValueStory.events.through.objects.filter(event=event).values("valuestory_id")
        )

    def about_resource(self, resource):
        return self.filter(
            pk__in=ValueStory.resources.through.objects.filter(resource=resource).values(
                "valuestory_id"
            )
        )

    def about_question(self, question):
        return self.filter(
            pk__in=ValueStory.questions.through.objects.filter(question=question).values(
                "valuestory_id"
            )
        )

    def newest_first(self):
        return self.order_by("-created_at", "-pk")

    def for_list(self):
        """With what a list shows of each story: its author's name and sector."""
        return self.select_related("author__profile")


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
        indexes = [
            models.Index(fields=["audience", "created_at"]),
            # A member's list (every story but the author's own private ones, newest
            # first) in its order: the first page and its bounded count read the end.
            models.Index(fields=["created_at", "id"], name="value_stories_newest"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(_cycle_told(Cycle.IMMEDIATE))
                | Q(_cycle_told(Cycle.POTENTIAL))
                | Q(_cycle_told(Cycle.APPLIED))
                | Q(_cycle_told(Cycle.REALISED))
                | Q(_cycle_told(Cycle.REFRAMING)),
                name="story_tells_a_cycle",
            ),
            # A cycle told is marked happened or intended; one not told has no mark.
            *(
                models.CheckConstraint(
                    condition=(Q(**{cycle: ""}) & Q(**{f"{cycle}_state": ""}))
                    | (_cycle_told(cycle) & Q(**{f"{cycle}_state__in": CycleState.values})),
                    name=f"story_{cycle}_marked_when_told",
                )
                for cycle in Cycle.values
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("value:detail", args=[self.pk])

    def told_cycles(self) -> list[ToldCycle]:
        """The cycles this story speaks to, in the framework's order."""
        return [
            ToldCycle(
                cycle,
                Cycle(cycle).label,
                CYCLE_EXPLANATIONS[cycle],
                getattr(self, cycle),
                getattr(self, f"{cycle}_state") == CycleState.INTENDED,
            )
            for cycle in Cycle.values
            if getattr(self, cycle)
        ]

    def is_written_by(self, user) -> bool:
        return self.author_id is not None and self.author_id == user.pk

    def author_name(self) -> str:
        return self.author.display_name if self.author else str(_("former member"))

    def author_sector(self) -> str:
        """The sector the author works in, as shown beside the story ("" if unknown)."""
        profile = access.profile_of(self.author)
        return profile.get_sector_display() if profile is not None else ""

    @property
    def is_public(self) -> bool:
        return self.audience == StoryAudience.PUBLIC

    @property
    def is_for_the_coordinator(self) -> bool:
        return self.audience == StoryAudience.COORDINATOR


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
