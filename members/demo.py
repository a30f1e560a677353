"""Demo members for `make run`: a member directory that looks lived in.

The people are Markdown files in demo/members/, one a person, named by the key the other
demo files use for them; the header holds the facts and the body is the person's bio
(demo/README.md explains the fields). Dates are relative to today. Loading is additive
and looks people up by e-mail: an account that exists is left as it is, and a profile is
only made for an account that has none, so nothing a developer changed is overwritten.
"""

import colorsys
import functools
import hashlib
import io
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

from allauth.account.models import EmailAddress
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image, ImageDraw, ImageFont

from atelier.content_files import DEMO_FOLDER, read_content_folder
from atelier.coordinator import COORDINATOR_GROUP

from .avatars import AVATAR_SIZE, process_avatar
from .models import LevelRequest, MembershipStatus, ParticipationLevel, Profile, User

DEMO_PASSWORD = "leeratelier-demo"  # every demo account's; `load_demo` prints it

FOLDER = DEMO_FOLDER / "members"


@dataclass(frozen=True)
class DemoMember:
    key: str  # the file's name: how events and library items name this person
    email: str
    name: str
    organisation: str
    sector: str
    job_title: str
    level: str
    applied_days_ago: int
    expertise: list[str]
    motivation: str
    bio: str
    status: str = MembershipStatus.ACTIVE
    coordinator: bool = False  # staff in the coordinator's group, who approved the others
    phone: str = ""  # the coordinator's, shown at the bottom of every page
    login: str = ""  # the role printed with the demo logins; empty: not printed
    listed: bool = True
    show_email: bool = False
    open_to_questions: bool = False  # "I am happy to be asked questions"
    avatar: bool = True
    status_since_days_ago: int | None = None  # when a paused or ended status began
    # A request to move up that waits for the coordinator: the note sent with it.
    level_request_note: str = ""


def demo_members() -> list[DemoMember]:
    """The demo people of demo/members/, the coordinator first."""
    members = [
        file.build(DemoMember, key=file.key, bio=file.body) for file in read_content_folder(FOLDER)
    ]
    return sorted(members, key=lambda member: not member.coordinator)


def demo_coordinator() -> DemoMember:
    return next(member for member in demo_members() if member.coordinator)


def demo_profiles() -> dict[str, Profile]:
    """The profiles of the demo people loaded so far, by their key in the demo files."""
    emails = {member.key: member.email for member in demo_members()}
    found = Profile.objects.select_related("user").filter(user__email__in=emails.values())
    by_email = {profile.user.email: profile for profile in found}
    return {key: by_email[email] for key, email in emails.items() if email in by_email}


def demo_logins() -> list[tuple[str, str]]:
    """(e-mail, role) of the demo logins: the coordinator, members by level, applicants."""
    levels = list(ParticipationLevel.values)
    logins = sorted(
        (member for member in demo_members() if member.login),
        key=lambda member: (
            not member.coordinator,
            member.status == MembershipStatus.APPLIED,
            levels.index(member.level),
        ),
    )
    return [(member.email, member.login) for member in logins]


def load_members() -> None:
    """Add the demo members that are missing; every new account gets `DEMO_PASSWORD`."""
    now = timezone.now()
    hashed = functools.cache(lambda: make_password(DEMO_PASSWORD))  # slow on purpose: hash once
    members = demo_members()
    coordinator = _ensure_account(members[0], hashed, now)
    for member in members:
        if member.coordinator:
            user, approved_by = coordinator, None
        else:
            user, approved_by = _ensure_account(member, hashed, now), coordinator
        if not Profile.objects.filter(user=user).exists():
            _create_profile(user, member, now, approved_by)


def _ensure_account(member: DemoMember, hashed: Callable[[], str], now) -> User:
    user = User.objects.filter(email=member.email).first()
    if user is None:
        user = User.objects.create(
            email=member.email,
            password=hashed(),
            is_staff=member.coordinator,
            date_joined=now - timedelta(days=member.applied_days_ago),
        )
        if member.coordinator:
            user.groups.add(Group.objects.get(name=COORDINATOR_GROUP))
    EmailAddress.objects.get_or_create(
        user=user, email=member.email, defaults={"verified": True, "primary": True}
    )
    return user


def _create_profile(user: User, member: DemoMember, now, approved_by: User | None) -> Profile:
    applied_at = now - timedelta(days=member.applied_days_ago)
    approved_at = None
    status_changed_at = applied_at
    if member.status != MembershipStatus.APPLIED:
        # The coordinator takes between two days and two weeks.
        approved_at = applied_at + timedelta(days=2 + len(member.name) % 12, hours=3)
        status_changed_at = approved_at
        if member.status_since_days_ago is not None:
            status_changed_at = now - timedelta(days=member.status_since_days_ago)
    profile = Profile(
        user=user,
        display_name=member.name,
        organisation=member.organisation,
        sector=member.sector,
        job_title=member.job_title,
        bio=member.bio,
        participation_level=member.level,
        motivation=member.motivation,
        status=member.status,
        applied_at=applied_at,
        approved_at=approved_at,
        approved_by=approved_by if approved_at else None,
        status_changed_at=status_changed_at,
        privacy_consent_at=applied_at,
        listed_in_directory=member.listed,
        show_email=member.show_email,
        open_to_questions=member.open_to_questions,
    )
    if member.avatar:
        large, small = process_avatar(_initials_image(member.name))
        profile.avatar.save("avatar.jpg", large, save=False)
        profile.avatar_small.save("avatar.jpg", small, save=False)
    profile.save()
    profile.expertise.add(*member.expertise)
    if member.level_request_note:
        # One request for the coordinator to decide on, asked a few days ago.
        LevelRequest.objects.create(
            profile=profile,
            level=ParticipationLevel.MEETINGS,
            previous_level=member.level,
            note=member.level_request_note,
            requested_at=now - timedelta(days=3, hours=5),
        )
    return profile


def _initials_image(name: str) -> SimpleUploadedFile:
    """A square JPEG with the person's initials on a soft colour of their own."""
    digest = hashlib.sha256(name.encode()).digest()
    hue = digest[0] / 255
    background = _rgb(hue, lightness=0.86, saturation=0.45)
    ink = _rgb(hue, lightness=0.25, saturation=0.5)
    words = name.split()
    initials = (words[0][0] + words[-1][0]).upper() if len(words) > 1 else words[0][:2].upper()
    image = Image.new("RGB", (AVATAR_SIZE, AVATAR_SIZE), background)
    draw = ImageDraw.Draw(image)
    font = ImageFont.load_default(size=AVATAR_SIZE * 2 // 5)
    draw.text((AVATAR_SIZE / 2, AVATAR_SIZE / 2), initials, fill=ink, font=font, anchor="mm")
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=90)
    return SimpleUploadedFile("avatar.jpg", buffer.getvalue(), content_type="image/jpeg")


def _rgb(hue: float, lightness: float, saturation: float) -> tuple[int, int, int]:
    red, green, blue = colorsys.hls_to_rgb(hue, lightness, saturation)
    return round(red * 255), round(green * 255), round(blue * 255)
