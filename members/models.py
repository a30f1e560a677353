import uuid

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import connection, models
from django.db.models.expressions import RawSQL
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from taggit.managers import TaggableManager
from taggit.models import TaggedItemBase

from atelier import textsearch
from atelier.markdown import render_markdown
from atelier.newest_matches import newest_matching_ids
from atelier.search_words import search_words

from . import access
from .choices import MembershipStatus, ParticipationLevel
from .search_index import FTS_TABLE as PROFILES_FTS_TABLE
from .search_index import PG_INDEX as PROFILES_PG_INDEX


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        if not extra_fields["is_staff"] or not extra_fields["is_superuser"]:
            raise ValueError("A superuser must have is_staff and is_superuser set.")
        return self._create_user(email, password, **extra_fields)


class User(AbstractBaseUser, PermissionsMixin):
    """An account: the e-mail address is the login; the person's details live in a profile."""

    email = models.EmailField(_("e-mail address"), unique=True)
    is_staff = models.BooleanField(
        _("staff"),
        default=False,
        help_text=_("May log into the admin site (/admin/)."),
    )
    is_active = models.BooleanField(
        _("active"),
        default=True,
        help_text=_("Switch off instead of deleting the account."),
    )
    date_joined = models.DateTimeField(_("created"), default=timezone.now)

    objects = UserManager()

    EMAIL_FIELD = "email"
    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    class Meta:
        verbose_name = _("account")
        verbose_name_plural = _("accounts")
        ordering = ["email"]

    def __str__(self):
        return self.email

    def clean(self):
        super().clean()
        self.email = self.__class__.objects.normalize_email(self.email).lower()

    @property
    def display_name(self) -> str:
        """How the site names the person: the name on their profile, else the e-mail address.

        Every page, e-mail and list that names someone asks this (the coordinator has no
        profile; an account without one has never applied).
        """
        profile = getattr(self, "profile", None)
        return profile.display_name if profile is not None else self.email


class Sector(models.TextChoices):
    EDUCATION = "education", _("Education")
    RESEARCH = "research", _("Research")
    PRACTICE = "practice", _("Practice")
    OTHER = "other", _("Other")


# The most matches the directory's index gives (the newest profiles): more than a
# search's pages count.
SEARCH_CANDIDATES = 2000
# Levels a member moves up to only with the coordinator's approval; any other change of
# level gives no more rights than the member has, so it takes effect at once.
LEVELS_NEEDING_APPROVAL = frozenset({ParticipationLevel.MEETINGS})


# The one table of membership transitions: what each status may become. Applications
# are decided by approving or declining them (members/approval.py); an active membership
# pauses or ends, a paused one resumes or ends, an ended one comes back only through a
# new application (members/participation.py makes every change through this table).
NEXT_STATUSES: dict[str, frozenset[str]] = {
    MembershipStatus.APPLIED: frozenset({MembershipStatus.ACTIVE, MembershipStatus.ENDED}),
    MembershipStatus.ACTIVE: frozenset({MembershipStatus.PAUSED, MembershipStatus.ENDED}),
    MembershipStatus.PAUSED: frozenset({MembershipStatus.ACTIVE, MembershipStatus.ENDED}),
    MembershipStatus.ENDED: frozenset({MembershipStatus.APPLIED}),
}


class TaggedProfile(TaggedItemBase):
    """Expertise tags of a profile; the tags themselves are shared with the library."""

    content_object = models.ForeignKey("Profile", on_delete=models.CASCADE)

    class Meta:
        verbose_name = _("expertise")
        verbose_name_plural = _("expertise")


def avatar_path(profile, filename: str) -> str:
    # Random names: nothing about the member or the upload leaks into the file name.
    return f"avatars/{uuid.uuid4().hex}.jpg"


class ProfileQuerySet(models.QuerySet):
    def active(self):
        return self.filter(status=MembershipStatus.ACTIVE)

    def applied(self):
        return self.filter(status=MembershipStatus.APPLIED)

    def may_become(self, status: str):
        """The profiles whose membership may move to `status` (NEXT_STATUSES)."""
        return self.filter(
            status__in=[now for now, following in NEXT_STATUSES.items() if status in following]
        )

    def open_to_questions(self):
        """Active members who chose to be asked for help with others' questions."""
        return self.active().filter(open_to_questions=True, user__is_active=True)

    def listed(self):
        """Who appears in the member directory: active members who chose to be listed."""
        return self.active().filter(listed_in_directory=True)

    def visible_to(self, user):
        """Profiles a user may open: active members' for members, every one for the coordinator."""
        if access.is_coordinator(user):
            return self.all()
        if access.is_member(user):
            return self.active()
        return self.none()

    def with_card_data(self):
        return self.select_related("user").prefetch_related("expertise")

    def search(self, text: str):
        """Profiles with every word of `text` in their name, organisation, job title, bio
        or an expertise tag, also as the beginning of a longer word ("armoede" finds the
        expertise "armoede en bestaanszekerheid", "bestaanszeker" too).

        The work is bounded (atelier/search_words.py); a text with no word to look for
        (only punctuation) finds no one. The bio is searched as its author wrote it, not
        its rendered HTML (whose tags and attributes would match too). The full-text
        index gives at most SEARCH_CANDIDATES matches, the newest profiles, so a common
        name costs the same in a directory of any size: SQLite's FTS5 table (migration
        0011), PostgreSQL's table of vectors (migration 0012).
        """
        if not text.strip():
            return self
        words = search_words(text)
        if not words:
            return self.none()
        if connection.vendor == "postgresql":
            return self._postgresql(words)
        expression = textsearch.fts_prefix_match(words)
        if not expression:
            return self.none()
        newest = textsearch.fts_newest_rowids(PROFILES_FTS_TABLE, expression, SEARCH_CANDIDATES)
        return self.filter(pk__in=newest)

    def _postgresql(self, words: list[str]):
        # The table of the profiles' words (migration 0012), newest first
        # (atelier/newest_matches.py).
        tsquery = textsearch.ts_prefix_query(words)
        if not tsquery:
            return self.none()
        table = PROFILES_PG_INDEX.table
        matches = f"SELECT profile_id FROM {table} WHERE vector @@ %s::tsquery"
        candidates = newest_matching_ids(table, "profile_id", matches, [tsquery], SEARCH_CANDIDATES)
        return self.filter(pk__in=RawSQL(*candidates))


class Profile(models.Model):
    """A person in the atelier: who they are, how they take part, where membership stands."""

    user = models.OneToOneField(
        User, on_delete=models.CASCADE, related_name="profile", verbose_name=_("account")
    )
    display_name = models.CharField(_("name"), max_length=100)
    organisation = models.CharField(_("organisation"), max_length=150)
    sector = models.CharField(_("sector"), max_length=20, choices=Sector.choices)
    job_title = models.CharField(_("job title"), max_length=150, blank=True)
    bio = models.TextField(
        _("about me"),
        max_length=5000,
        blank=True,
        help_text=_("Your work, your questions and what you are working on. Markdown is allowed."),
    )
    bio_html = models.TextField(editable=False, blank=True)
    avatar = models.ImageField(_("photo"), upload_to=avatar_path, blank=True)
    avatar_small = models.ImageField(upload_to=avatar_path, blank=True, editable=False)
    expertise = TaggableManager(
        _("expertise"),
        through=TaggedProfile,
        blank=True,
        help_text=_("Topics you know about, separated by commas."),
    )
    participation_level = models.CharField(
        _("participation level"), max_length=20, choices=ParticipationLevel.choices
    )
    motivation = models.TextField(
        _("what I bring and want to share"),
        max_length=3000,
        help_text=_(
            "What knowledge and experience do you bring, and what would you like to share?"
        ),
    )
    status = models.CharField(
        _("membership status"),
        max_length=20,
        choices=MembershipStatus.choices,
        default=MembershipStatus.APPLIED,
        db_index=True,
    )
    applied_at = models.DateTimeField(_("applied"), default=timezone.now)
    approved_at = models.DateTimeField(_("approved"), null=True, blank=True)
    approved_by = models.ForeignKey(
        User,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("approved by"),
    )
    status_changed_at = models.DateTimeField(_("status changed"), default=timezone.now)
    privacy_consent_at = models.DateTimeField(_("agreed to the privacy statement"), null=True)
    listed_in_directory = models.BooleanField(
        _("show me in the member directory"),
        default=True,
        help_text=_("Other members can find you in the directory."),
    )
    # Also the e-mail about a new account of using one of the member's items (knowledge/uptake.py).
    notify_on_comments = models.BooleanField(
        _("e-mail me about comments and accounts of use on my library items"),
        default=True,
        help_text=_(
            "An e-mail when a member comments on an item you wrote, or tells how they used it "
            "in practice."
        ),
    )
    open_to_questions = models.BooleanField(
        _("I am happy to be asked questions"),
        default=False,
        help_text=_(
            "Members who ask a question on your topics may ask you directly; "
            "you get at most three such e-mails a week."
        ),
    )
    notify_on_answers = models.BooleanField(
        _("e-mail me about answers to my questions"),
        default=True,
        help_text=_("Also when an answer of yours is marked as the one that helped."),
    )
    follow_up_emails = models.BooleanField(
        _("ask me after a meeting what it brought me"),
        default=True,
        help_text=_(
            "About four weeks after a meeting you attended, one e-mail asking what you took "
            "from it, with a link to write a short value story."
        ),
    )
    language = models.CharField(
        _("language of my e-mails"),
        max_length=10,
        choices=settings.LANGUAGES,
        default="nl",
        help_text=_("Digests and notifications are written in this language."),
    )
    show_email = models.BooleanField(
        _("show my e-mail address to members"),
        default=False,
        help_text=_("Other members see your e-mail address on your profile."),
    )
    # "Mijn atelier" shows what is new since the member's last visit (portal/last_visit.py).
    visit_started_at = models.DateTimeField(
        _("current visit to My atelier began"), null=True, blank=True, editable=False
    )
    previous_visit_at = models.DateTimeField(
        _("previous visit to My atelier began"), null=True, blank=True, editable=False
    )

    objects = ProfileQuerySet.as_manager()

    class Meta:
        verbose_name = _("member")
        verbose_name_plural = _("members")
        ordering = ["display_name"]
        indexes = [
            # The directory's rows in its order (by name): the first page and its bounded
            # count read the index from the start, never every listed profile.
            models.Index(
                fields=["display_name", "id"],
                condition=models.Q(status=MembershipStatus.ACTIVE, listed_in_directory=True),
                name="members_profile_directory",
            )
        ]

    def __str__(self):
        return self.display_name

    def save(self, *args, **kwargs):
        self.bio_html = render_markdown(self.bio)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("members:detail", args=[self.pk])

    @property
    def is_applicant(self) -> bool:
        return self.status == MembershipStatus.APPLIED

    @property
    def is_active_member(self) -> bool:
        return self.status == MembershipStatus.ACTIVE

    @property
    def may_be_asked(self) -> bool:
        """Whether members may ask this one for help now (ProfileQuerySet.open_to_questions)."""
        return self.open_to_questions and self.is_active_member and self.user.is_active

    @property
    def is_paused(self) -> bool:
        return self.status == MembershipStatus.PAUSED

    @property
    def is_ended(self) -> bool:
        return self.status == MembershipStatus.ENDED

    @property
    def has_membership(self) -> bool:
        """Active or paused: a membership the member can change, pause, resume or end."""
        return self.status in {MembershipStatus.ACTIVE, MembershipStatus.PAUSED}

    @property
    def may_apply(self) -> bool:
        """Whether the application form is (still) open to this person.

        An applicant corrects their application there; after an ended membership (or a
        declined application) one applies again.
        """
        return not self.has_membership

    def may_become(self, status: str) -> bool:
        """Whether the membership may move to `status` now (NEXT_STATUSES)."""
        return status in NEXT_STATUSES[self.status]

    @cached_property
    def open_level_request(self) -> "LevelRequest | None":
        """The request to move up that waits for the coordinator, if there is one."""
        return self.level_requests.open().first()

    def set_status(self, status: str) -> None:
        self.status = status
        self.status_changed_at = timezone.now()


class LevelRequestStatus(models.TextChoices):
    REQUESTED = "requested", _("Waiting for a decision")
    APPROVED = "approved", _("Approved")
    DECLINED = "declined", _("Declined")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class LevelRequestQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status=LevelRequestStatus.REQUESTED)


class LevelRequest(models.Model):
    """A member asks to move up to a level the coordinator approves (members/participation.py).

    Until the coordinator decides, the member keeps their level. A member has at most
    one open request; decided and withdrawn ones stay as the record of who decided when.
    """

    profile = models.ForeignKey(
        Profile, on_delete=models.CASCADE, related_name="level_requests", verbose_name=_("member")
    )
    level = models.CharField(
        _("requested level"), max_length=20, choices=ParticipationLevel.choices
    )
    previous_level = models.CharField(
        _("level when asked"), max_length=20, choices=ParticipationLevel.choices
    )
    note = models.TextField(_("note for the coordinator"), max_length=1000, blank=True)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=LevelRequestStatus.choices,
        default=LevelRequestStatus.REQUESTED,
        db_index=True,
    )
    requested_at = models.DateTimeField(_("requested"), default=timezone.now)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decided_by = models.ForeignKey(
        User,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    withdrawn_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)

    objects = LevelRequestQuerySet.as_manager()

    class Meta:
        verbose_name = _("level request")
        verbose_name_plural = _("level requests")
        ordering = ["-requested_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["profile"],
                condition=models.Q(status=LevelRequestStatus.REQUESTED),
                name="one_open_level_request_per_member",
            ),
            # A decision always records when it was taken.
            models.CheckConstraint(
                condition=~models.Q(
                    status__in=[LevelRequestStatus.APPROVED, LevelRequestStatus.DECLINED]
                )
                | models.Q(decided_at__isnull=False),
                name="level_request_decision_has_a_date",
            ),
        ]

    def __str__(self):
        return f"{self.profile} · {self.get_level_display()}"

    @property
    def is_open(self) -> bool:
        return self.status == LevelRequestStatus.REQUESTED
