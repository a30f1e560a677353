from typing import NamedTuple

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connections, models, transaction
from django.db.models import Aggregate, Exists, OuterRef, Prefetch, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from taggit.managers import TaggableManager
from taggit.models import Tag, TaggedItemBase

from atelier import page_cache
from atelier.listed_tags import ListedTags, with_tags_in_a_list
from atelier.markdown import render_markdown
from members import access

from .item_history import ItemHistory
from .section_split import split_into_sections
from .sections import SECTIONS_BY_KIND, has_sections, sections_of

# Slugs that would collide with the library's own addresses.
RESERVED_SLUGS = {"nieuw", "feed", "reacties", "co-auteurschap"}


class ShownSection(NamedTuple):
    anchor: str
    label: str | Promise
    html: str


class ResourceKind(models.TextChoices):
    CASE = "case", _("Practice case")
    TOOL = "tool", _("Tool / method")
    BACKGROUND = "background", _("Background / literature")
    REPORT = "report", _("Meeting report")


class Visibility(models.TextChoices):
    PUBLIC = "public", _("Everyone")
    MEMBERS = "members", _("Members only")


class ResourceStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")


class TaggedResource(TaggedItemBase):
    content_object = models.ForeignKey("Resource", on_delete=models.CASCADE)

    class Meta:
        verbose_name = _("tag")
        verbose_name_plural = _("tags")


# Where `with_listing_data` puts each item's authorships, in order.
LISTED_AUTHORSHIPS = "listed_authorships"


def _authorships_in_order():
    return Authorship.objects.select_related("user__profile").order_by("position", "pk")


def _authored_by(user):
    # A subquery rather than a join, so lists need no DISTINCT. Only accepted authorships:
    # someone named as co-author is not an author until they agree.
    return Authorship.objects.accepted().filter(user=user).values("resource_id")


def library_audience(user) -> str:
    """Whom the library shows `user` as: "all" (the coordinator sees everything),
    "members" (published items, members-only ones too) or "public"."""
    if access.is_coordinator(user):
        return "all"
    if access.can_see_members_area(user):
        return "members"
    return "public"


class ResourceQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=ResourceStatus.PUBLISHED)

    def public(self):
        return self.published().filter(visibility=Visibility.PUBLIC)

    def visible_to(self, user):
        """Published public items for all; members-only for members; drafts for authors.

        The coordinator sees everything. Every list, search, feed, attachment and
        profile of the site asks this.
        """
        audience = library_audience(user)
        if audience == "members":
            # A member sees their own drafts too.
            return self.filter(Q(status=ResourceStatus.PUBLISHED) | self._theirs(user))
        return self.shown_to_audience(audience)

    def _theirs(self, user) -> Q:
        """Whether an item is one of `user`'s, written the way each database plans it well
        (the same items either way; docs/benchmarks.md has the figures).

        SQLite reads "published or mine" as two index reads: the published items, and
        the member's few from a list made once (`pk IN`). Asked per item (EXISTS), it
        walked every draft in the library to count a member's library (0.1 -> 2.1 ms at
        ten times the large data set). PostgreSQL hashes that list and then, costing each
        row's lookup in it too dear, joined the whole library to it to count a tag's items
        (6.6 ms, every item read, at the large size); asked per item, it checks the few
        drafts it meets by their key (1.2 ms)."""
        if connections[self.db].vendor == "postgresql":
            return Q(Exists(_authored_by(user).filter(resource=OuterRef("pk"))))
        return Q(pk__in=_authored_by(user))

    def shown_to_audience(self, audience: str):
        """What every reader of `audience` (`library_audience`) sees, own drafts left out:
        the same for all of them, so it can be cached per audience (the tag cloud)."""
        if audience == "all":
            return self.all()
        if audience == "members":
            return self.published()
        return self.public()

    def tools_and_cases(self):
        """The kinds with sections (knowledge/sections.py), each also a handout as PDF."""
        return self.filter(kind__in=SECTIONS_BY_KIND)

    def reports(self):
        """Meeting reports: what the agenda links to from an event (`Event.resources`)."""
        return self.filter(kind=ResourceKind.REPORT)

    def authored_by(self, user):
        """The items `user` is an author of (a co-author once they have agreed)."""
        return self.filter(pk__in=_authored_by(user))

    def editable_by(self, user):
        """The author edits their own items; the coordinator edits all."""
        if access.is_coordinator(user):
            return self.all()
        if access.can_contribute(user):
            return self.filter(pk__in=_authored_by(user))
        return self.none()

    def with_listing_data(self):
        """Tags and authors in order, for cards, feeds and pages that show them. Not the
        event a report belongs to: only the item's own page shows it (and reads the agenda)."""
        return self.prefetch_related(
            with_tags_in_a_list(),
            # A list of its own (to_attr): Django then builds no queryset per item to hold
            # them, which cost a card a third of a millisecond. Of each author what is shown.
            Prefetch(
                "authorships",
                queryset=_authorships_in_order().only(
                    "resource",
                    "status",
                    "user__email",
                    "user__profile__display_name",
                    "user__profile__status",
                ),
                to_attr=LISTED_AUTHORSHIPS,
            ),
        )

    def for_cards(self):
        """What a resource card shows, without the texts it does not (tens of KB each)."""
        return self.with_listing_data().defer(
            "body", "body_html", "tags_text", "sections", "sections_html"
        )

    def popular_tags(self, limit: int):
        """The tags most used on these items, each with how often (`uses`)."""
        return (
            Tag.objects.filter(knowledge_taggedresource_items__content_object__in=self)
            .annotate(uses=models.Count("knowledge_taggedresource_items"))
            .order_by("-uses", "name")[:limit]
        )

    def newest_first(self):
        return self.order_by(models.F("published_at").desc(nulls_last=True), "-created_at")


class Resource(ListedTags, models.Model):
    """An item of the knowledge library: a practice case, a tool, background or a report."""

    kind = models.CharField(_("kind"), max_length=20, choices=ResourceKind.choices)
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("address"), max_length=120, unique=True)
    summary = models.CharField(
        _("summary"), max_length=300, help_text=_("One or two sentences for lists and links.")
    )
    body = models.TextField(_("text"), max_length=100_000, help_text=_("Markdown."))
    body_html = models.TextField(editable=False, blank=True)
    # A tool's or case's texts per section (knowledge/sections.py), Markdown by key, and
    # their rendered HTML; `body` then holds all of them together, for search and feeds.
    sections = models.JSONField(_("sections"), default=dict, blank=True)
    sections_html = models.JSONField(default=dict, blank=True, editable=False)
    # The tag names, joined by spaces, for search (knowledge.search): kept up to date
    # by the receivers below, set by bulk loaders themselves.
    tags_text = models.TextField(editable=False, blank=True, default="")
    tags = TaggableManager(_("tags"), through=TaggedResource, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    authors = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        through="Authorship",
        through_fields=("resource", "user"),
        related_name="resources",
        blank=True,
        verbose_name=_("authors"),
    )
    visibility = models.CharField(
        _("who may read it"), max_length=20, choices=Visibility.choices, default=Visibility.MEMBERS
    )
    status = models.CharField(
        _("status"), max_length=20, choices=ResourceStatus.choices, default=ResourceStatus.DRAFT
    )
    event = models.ForeignKey(
        "sessions_app.Event",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="resources",
        verbose_name=_("event"),
        help_text=_("The meeting or event this item reports on."),
    )
    published_at = models.DateTimeField(_("published"), null=True, blank=True, db_index=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    objects = ResourceQuerySet.as_manager()
    # Every saved change is a version (knowledge/versions.py), with who and when; the
    # versions go with the item when it is deleted.
    history = ItemHistory(excluded_fields=["tags_text", "updated_at"], cascade_delete_history=True)

    class Meta:
        verbose_name = _("library item")
        verbose_name_plural = _("library items")
        ordering = ["-published_at", "-created_at"]
        indexes = [
            # SQLite's: it reads the newest items the reader may see in this order.
            # PostgreSQL has its own for that (migration 0012), and migration 0015 drops
            # this one there: it joined it to a search's words at a cost of 8 to 10 ms.
            models.Index(fields=["status", "visibility", "published_at"]),
            # The dashboard finds the items begun in a period, and their authors.
            models.Index(fields=["created_at"], name="resources_by_creation"),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self._compose_sections()
        # Rendered once here, so no request ever renders Markdown.
        self.body_html = render_markdown(self.body)
        # The first publication date stays (knowledge/publishing.py). Only the first
        # publication is news for followers (notifications/news.py).
        self.is_first_publication = self.is_published and self.published_at is None
        if self.is_first_publication:
            self.published_at = timezone.now()
        if not self._state.adding and kwargs.get("update_fields") is None:
            # tags_text belongs to the tags (refresh_tags_text): a copy loaded before they
            # changed must not write its old names back over the search's words.
            skipped = self.get_deferred_fields() | {"tags_text"}
            kwargs["update_fields"] = [
                field.name
                for field in self._meta.concrete_fields
                if not field.primary_key and field.attname not in skipped
            ]
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("knowledge:detail", args=[self.slug])

    def _compose_sections(self) -> None:
        """A tool's or case's text is its sections; `body` holds them joined.

        Only the kind's own sections with text are kept, each rendered. An item that
        becomes a tool or case without sections yet keeps its text, split at its headings
        (knowledge/section_split.py); an item of another kind keeps its body, no sections.
        """
        if not has_sections(self.kind):
            self.sections, self.sections_html = {}, {}
            return
        texts = (
            (s.key, str(self.sections.get(s.key) or "").strip()) for s in sections_of(self.kind)
        )
        self.sections = {key: text for key, text in texts if text}
        if not self.sections:
            self.sections = split_into_sections(self.kind, self.body)
        self.body = self.joined_sections()
        self.sections_html = {key: render_markdown(text) for key, text in self.sections.items()}

    def shown_sections(self) -> list[ShownSection]:
        """The sections with text, in order, for the item's page and its table of contents."""
        return [
            ShownSection(section.anchor, section.label, self.sections_html[section.key])
            for section in sections_of(self.kind)
            if section.key in self.sections_html
        ]

    def shown_recognitions(self):
        """A tool's recognitions by databanks (models.Recognition); other kinds have none,
        and cost no query."""
        if self.kind != ResourceKind.TOOL:
            return self.recognitions.none()
        return self.recognitions.all()

    @property
    def has_sections(self) -> bool:
        return has_sections(self.kind)

    def joined_sections(self) -> str:
        """The texts of the sections that have one, in order, as one Markdown text."""
        texts = (self.sections.get(section.key, "").strip() for section in sections_of(self.kind))
        return "\n\n".join(text for text in texts if text)

    @property
    def title_says_report(self) -> bool:
        """Whether the title begins with "Report" (in the reader's language, any case): a
        list of an event's reports then needs no "Report:" before it."""
        return self.title.casefold().startswith(str(_("Report")).casefold())

    def clean(self):
        if self.slug in RESERVED_SLUGS:
            raise ValidationError({"slug": _("This address is reserved; choose another.")})

    @property
    def is_public(self) -> bool:
        return self.status == ResourceStatus.PUBLISHED and self.visibility == Visibility.PUBLIC

    @property
    def is_draft(self) -> bool:
        return self.status == ResourceStatus.DRAFT

    @property
    def is_published(self) -> bool:
        return self.status == ResourceStatus.PUBLISHED

    @property
    def is_members_only(self) -> bool:
        return self.visibility == Visibility.MEMBERS

    @property
    def has_handout(self) -> bool:
        """Tools and cases can be downloaded as a handout (knowledge/handouts.py)."""
        return has_sections(self.kind)

    def ordered_authors(self) -> list:
        """The authors in the order they were named: the writer first. Those asked to
        be co-author count only once they have agreed (filtered here, not in the query,
        so that lists use the authorships `with_listing_data` read with them)."""
        authorships = getattr(self, LISTED_AUTHORSHIPS, None)
        if authorships is None:
            authorships = _authorships_in_order().filter(resource=self)
        return [authorship.user for authorship in authorships if authorship.is_accepted]

    def set_authors(self, users) -> None:
        """Make `users` the authors, in this order (for loaders and tests: no one is
        asked; members name co-authors through knowledge.coauthors)."""
        users = list(dict.fromkeys(users))
        self.authorships.exclude(user__in=users).delete()
        for position, user in enumerate(users):
            Authorship.objects.update_or_create(
                resource=self,
                user=user,
                defaults={"position": position, "status": AuthorshipStatus.ACCEPTED},
            )

    def author_names(self) -> list[str]:
        """Display names in order; "former member" stands in for deleted accounts."""
        names = [author.display_name for author in self.ordered_authors()]
        return names or [str(_("former member"))]


class _JoinedNames(Aggregate):
    """Strings joined by spaces: STRING_AGG on PostgreSQL, GROUP_CONCAT on SQLite."""

    function = "GROUP_CONCAT"
    template = "%(function)s(%(expressions)s, ' ')"
    output_field = models.TextField()

    def as_postgresql(self, compiler, connection, **extra_context):
        return self.as_sql(compiler, connection, function="STRING_AGG", **extra_context)


def refresh_tags_text(resource_id) -> None:
    """Copy the item's tag names into `tags_text`, in one UPDATE."""
    names = (
        TaggedResource.objects.filter(content_object_id=OuterRef("pk"))
        .values("content_object_id")
        .annotate(names=_JoinedNames("tag__name"))
        .values("names")
    )
    Resource.objects.filter(pk=resource_id).update(tags_text=Coalesce(Subquery(names), Value("")))
    page_cache.mark_stale("library")  # update() sends no signals; searches find by tag


@receiver(post_save, sender=TaggedResource)
def _tag_added(sender, instance, raw=False, **kwargs):
    if not raw:
        refresh_tags_text(instance.content_object_id)


@receiver(post_delete, sender=TaggedResource)
def _tag_removed(sender, instance, origin=None, **kwargs):
    # Deleting the item itself takes its tags along: nothing left to update.
    if isinstance(origin, Resource) or getattr(origin, "model", None) is Resource:
        return
    refresh_tags_text(instance.content_object_id)


class SearchWord(models.Model):
    """A word of the published items' titles, tags and summaries, which a search with a
    typing error may be pointed to, with how many items (and public items) have it.

    Database triggers keep it up to date with the items (migration 0005), whatever way
    they are written.
    """

    word = models.CharField(max_length=40, primary_key=True)
    documents = models.PositiveIntegerField(default=0)
    public_documents = models.PositiveIntegerField(default=0)

    def __str__(self):
        return self.word


class AuthorshipStatus(models.TextChoices):
    PENDING = "pending", _("Asked")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")


class AuthorshipQuerySet(models.QuerySet):
    def accepted(self):
        return self.filter(status=AuthorshipStatus.ACCEPTED)

    def pending(self):
        return self.filter(status=AuthorshipStatus.PENDING)


class Authorship(models.Model):
    """An author of an item, with their place in the list of authors.

    A co-author is asked first (`pending`) and shown nowhere until they accept; a
    declined request stays, so the same person is not asked again and again.
    """

    resource = models.ForeignKey(
        Resource, on_delete=models.CASCADE, related_name="authorships", verbose_name=_("item")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="authorships",
        verbose_name=_("member"),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=AuthorshipStatus.choices,
        default=AuthorshipStatus.PENDING,
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("asked by"),
    )

    objects = AuthorshipQuerySet.as_manager()

    class Meta:
        verbose_name = _("author")
        verbose_name_plural = _("authors")
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["resource", "user"], name="one_authorship_per_person")
        ]

    def __str__(self):
        return str(self.user)

    @property
    def is_accepted(self) -> bool:
        return self.status == AuthorshipStatus.ACCEPTED

    @property
    def inviter_name(self) -> str:
        """Who asked for this authorship: a member by name, or the coordinator (whose
        account has no profile)."""
        profile = getattr(self.invited_by, "profile", None)
        return profile.display_name if profile else _("the coordinator")


def attachment_path(attachment, filename: str) -> str:
    # The name is already random (knowledge.attachments); it only gets its folder here.
    return f"attachments/{filename}"


class Attachment(models.Model):
    """A file with a library item, served only through a view that checks access."""

    resource = models.ForeignKey(
        Resource, on_delete=models.CASCADE, related_name="attachments", verbose_name=_("item")
    )
    file = models.FileField(_("file"), upload_to=attachment_path)
    download_name = models.CharField(_("file name"), max_length=150)
    content_type = models.CharField(_("file type"), max_length=120)
    size = models.PositiveBigIntegerField(_("size"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    created_at = models.DateTimeField(_("added"), default=timezone.now)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return self.download_name

    def get_absolute_url(self):
        return reverse(
            "knowledge:attachment", args=[self.resource.slug, self.pk, self.download_name]
        )


@receiver(post_delete, sender=Attachment)
def _attachment_deleted(sender, instance, **kwargs):
    # However the row goes (the author's button, the admin, its item or account deleted),
    # its file goes too; only after the commit, so a rolled-back deletion keeps its file.
    name, storage = instance.file.name, instance.file.storage
    if name:
        transaction.on_commit(lambda: storage.delete(name))


class CommentQuerySet(models.QuerySet):
    def shown(self):
        return self.filter(hidden=False)


class Comment(models.Model):
    """A member's reaction under a library item."""

    resource = models.ForeignKey(
        Resource, on_delete=models.CASCADE, related_name="comments", verbose_name=_("item")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="comments",
        verbose_name=_("author"),
    )
    body = models.TextField(_("comment"), max_length=10_000)
    body_html = models.TextField(editable=False, blank=True)
    hidden = models.BooleanField(
        _("hidden"), default=False, help_text=_("Hidden by the coordinator.")
    )
    created_at = models.DateTimeField(_("written"), default=timezone.now)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    objects = CommentQuerySet.as_manager()

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        ordering = ["created_at", "pk"]
        # The dashboard counts a period's comments per author (dashboard/activity.py).
        indexes = [models.Index(fields=["created_at", "author"], name="comments_by_date")]

    def __str__(self):
        return f"{self.author} · {self.resource}"

    def save(self, *args, **kwargs):
        self.body_html = render_markdown(self.body)
        super().save(*args, **kwargs)

    def is_written_by(self, user) -> bool:
        """Whether `user` wrote this comment: only its writer changes or deletes it."""
        return self.author_id is not None and self.author_id == user.pk


class FeaturedTag(models.Model):
    """A theme of the atelier: a tag the coordinator puts on the library's front page."""

    tag = models.OneToOneField(Tag, on_delete=models.CASCADE, verbose_name=_("tag"))
    description = models.CharField(_("description"), max_length=300, blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("theme")
        verbose_name_plural = _("themes")
        ordering = ["position", "tag__name"]

    def __str__(self):
        return self.tag.name


class Databank(models.TextChoices):
    MOVISIE = "movisie", _("Movisie")
    NJI = "nji", _("Netherlands Youth Institute (NJi)")
    OTHER = "other", _("Other")


class Recognition(models.Model):
    """A tool's recognition by a databank outside the atelier, recorded by the coordinator.

    The atelier itself never judges a tool; the page shows only what a databank decided,
    with a link to it.
    """

    resource = models.ForeignKey(
        Resource, on_delete=models.CASCADE, related_name="recognitions", verbose_name=_("item")
    )
    databank = models.CharField(_("databank"), max_length=20, choices=Databank.choices)
    databank_name = models.CharField(
        _("name of the databank"),
        max_length=200,
        blank=True,
        help_text=_("Only for another databank than Movisie's or NJi's."),
    )
    level = models.CharField(
        _("level"),
        max_length=100,
        help_text=_('As the databank names it, e.g. "Goed beschreven" or "Effectief".'),
    )
    recognised_on = models.DateField(_("date of the judgement"))
    url = models.URLField(_("link"), max_length=500)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("external recognition")
        verbose_name_plural = _("external recognitions")
        ordering = ["-recognised_on", "pk"]

    def __str__(self):
        return f"{self.resource} · {self.level}"

    def clean(self):
        if self.databank == Databank.OTHER and not self.databank_name.strip():
            raise ValidationError(
                {"databank_name": _("Name the databank that recognised the tool.")}
            )
        if self.recognised_on and self.recognised_on > timezone.localdate():
            raise ValidationError(
                {"recognised_on": _("The date of the judgement cannot lie in the future.")}
            )

    @property
    def databank_label(self) -> str:
        """The databank as the page names it: its own name for another databank."""
        if self.databank == Databank.OTHER and self.databank_name:
            return self.databank_name
        return str(self.get_databank_display())


def on_items_seen_by(user) -> Exists:
    """The condition "on an item `user` may see", asked per row (EXISTS, the item by its
    key) rather than as `IN` every item they may see: SQLite builds that list in full,
    60 ms at ten times the large data set for a tool's few accounts of use."""
    return Exists(Resource.objects.visible_to(user).filter(pk=OuterRef("resource_id")))


class UptakeQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The accounts `user` may read, only ever on items they may see.

        Members and the coordinator read every account; others only those whose writer
        made them public. A hidden account is read by its writer and the coordinator.
        """
        if access.is_coordinator(user):
            return self.all()
        accounts = self.filter(on_items_seen_by(user))
        if not access.can_see_members_area(user):
            accounts = accounts.filter(is_public=True)
        own = Q(author=user.pk) if user.is_authenticated else Q(pk__in=[])
        return accounts.filter(Q(hidden=False) | own)

    def written_by(self, user):
        return self.filter(author=user.pk) if user.is_authenticated else self.none()

    def editable_by(self, user):
        """Only the writer changes or deletes an account on the site (the coordinator
        hides or deletes one in the admin), and only while they may see its item."""
        return self.written_by(user).filter(on_items_seen_by(user))

    def for_display(self):
        """Newest use first, with the writer's name."""
        return self.select_related("author__profile").order_by("-used_on", "-created_at", "-pk")


class Uptake(models.Model):
    """A member's account of using a tool or case in practice ("Ik heb dit gebruikt")."""

    resource = models.ForeignKey(
        Resource, on_delete=models.CASCADE, related_name="uptakes", verbose_name=_("item")
    )
    # Empty once the writer deleted their account but chose to keep it anonymised.
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="uptakes",
        verbose_name=_("written by"),
    )
    used_on = models.DateField(_("when"))
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    place = models.CharField(
        _("where"), max_length=200, help_text=_("The neighbourhood, village or town.")
    )
    group = models.CharField(
        _("with whom"),
        max_length=200,
        help_text=_("What kind of group, e.g. residents of a street, volunteers, students."),
    )
    what_happened = models.TextField(_("what happened"), max_length=5_000)
    what_to_change = models.TextField(_("what I would change"), max_length=5_000, blank=True)
    is_public = models.BooleanField(
        _("everyone may read this"),
        default=False,
        help_text=_("Otherwise only members see your account."),
    )
    hidden = models.BooleanField(
        _("hidden"), default=False, help_text=_("Hidden by the coordinator.")
    )
    created_at = models.DateTimeField(_("written"), default=timezone.now)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    objects = UptakeQuerySet.as_manager()

    class Meta:
        verbose_name = _("practice account")
        verbose_name_plural = _("practice accounts")
        ordering = ["-used_on", "-created_at"]
        indexes = [
            # An item's accounts, newest use first: its page reads the first few.
            models.Index(fields=["resource", "-used_on", "-created_at"], name="uptake_newest"),
            # The dashboard counts a period's accounts per author (dashboard/activity.py).
            models.Index(fields=["created_at", "author"], name="uptakes_by_date"),
        ]

    def __str__(self):
        return f"{self.resource} · {self.place}"

    def get_absolute_url(self):
        return reverse("knowledge:uptake", args=[self.resource.slug, self.pk])

    def writer_name(self) -> str:
        return self.author.display_name if self.author else str(_("former member"))

    def is_written_by(self, user) -> bool:
        return self.author_id is not None and self.author_id == user.pk


def handout_path(handout, filename: str) -> str:
    return f"handouts/{filename}"


class Handout(models.Model):
    """An item's handout as PDF, made once per version (knowledge/handouts.py) and served
    only through the view that checks who may read the item."""

    resource = models.ForeignKey(Resource, on_delete=models.CASCADE, related_name="handouts")
    version = models.ForeignKey(
        "knowledge.HistoricalResource", on_delete=models.CASCADE, related_name="+"
    )
    file = models.FileField(upload_to=handout_path)
    size = models.PositiveBigIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["resource", "version"], name="one_handout_per_version")
        ]

    def __str__(self):
        return f"{self.resource} · {self.version_id}"


@receiver(post_delete, sender=Handout)
def _handout_deleted(sender, instance, **kwargs):
    name, storage = instance.file.name, instance.file.storage
    if name:
        transaction.on_commit(lambda: storage.delete(name))


# A handout prints its authors' names, which change without a new version of the item: a
# co-author who agrees or leaves, a member who renames or deletes their account. Its stored
# PDF then goes, and the next download makes it again.
@receiver([post_save, post_delete], sender=Authorship)
def _authors_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        Handout.objects.filter(resource_id=instance.resource_id).delete()


# A tool's recognition is printed on its handout too, and changes without a new version.
@receiver([post_save, post_delete], sender=Recognition)
def _recognition_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        Handout.objects.filter(resource_id=instance.resource_id).delete()


@receiver(post_save, sender="members.Profile")
def _author_renamed(sender, instance, raw=False, **kwargs):
    if not raw:
        Handout.objects.filter(resource__in=Resource.objects.authored_by(instance.user)).delete()
