"""The coordinator's guide's world (tests/e2e/test_coordinator_guide.py): demo-like members,
applications, level requests and events at natural times of day, and the names the guide's
walk looks for.
"""

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.utils import timezone

from atelier.models import Page, SiteSettings
from members.models import LevelRequest, MembershipStatus, ParticipationLevel
from sessions_app.models import EventKind, RegistrationStatus

from ..factories import (
    make_coordinator,
    make_event,
    make_member,
    make_profile,
    make_registration,
    make_user,
)

AMSTERDAM = ZoneInfo("Europe/Amsterdam")

COORDINATOR_EMAIL = "coordinator@example.org"
NEW_MEMBER = "Noor Bakker"
DECLINED = "Trainingsbureau Zonnig"
PAUSED = "Bram Coenen"
MOVES_UP = "Daan Hermans"  # asks to take part in meetings; the coordinator approves
STAYS = "Ruud Vos"  # asks too; the coordinator declines
MEETING = "Bijeenkomst: ruimte voor bewonersinitiatief"
PAST_MEETING = "Bijeenkomst: legitimiteit van het opbouwwerk"
PUBLIC_EVENT = "Open middag: de buurt aan zet"
ABOUT_TEXT = (
    "Een leergemeenschap van onderwijs, onderzoek en praktijk.\n\n## Hoe we werken\n\n"
    "We komen eens per maand bij elkaar en maken tools voor het veld."
)


def on_day(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=AMSTERDAM)


def thursday_after(day: date) -> date:
    return day + timedelta(days=(3 - day.weekday()) % 7 or 7)


def demo_world() -> dict:
    """A few members, two applications, two level requests and three events, at natural
    times of day."""
    today = timezone.localdate()
    make_coordinator(COORDINATOR_EMAIL)
    about = Page.objects.get(key=Page.Key.ABOUT)
    about.body = ABOUT_TEXT
    about.save()
    SiteSettings.objects.update_or_create(
        pk=1, defaults={"coordinator_name": "Ilse Peters", "coordinator_email": COORDINATOR_EMAIL}
    )
    members = [
        make_member(email, display_name=name, organisation=organisation, sector=sector)
        for email, name, organisation, sector in [
            ("sam.jansen@example.org", "Sam Jansen", "Zuyd Hogeschool", "education"),
            ("lotte.smeets@example.org", "Lotte Smeets", "Gemeente Heerlen", "practice"),
            ("youssef.amrani@example.org", "Youssef Amrani", "Impuls Kerkrade", "practice"),
            ("eva.janssen@example.org", "Eva Janssen", "Lectoraat Sociale Integratie", "research"),
        ]
    ]
    for email, name, organisation, sector, motivation, days_ago, hour in [
        (
            "noor.bakker@example.org",
            NEW_MEMBER,
            "Buurtwerk Heerlen",
            "practice",
            "Ik werk tien jaar als opbouwwerker in Heerlen-Noord en deel graag hoe wij "
            "bewonersgroepen ondersteunen zonder het over te nemen.",
            1,
            9,
        ),
        (
            "info@zonnig.example",
            DECLINED,
            "Trainingsbureau Zonnig",
            "other",
            "Wij willen onze trainingen onder de aandacht van uw leden brengen.",
            3,
            16,
        ),
    ]:
        applied = on_day(today - timedelta(days=days_ago), hour, 12)
        make_profile(
            make_user(email),
            MembershipStatus.APPLIED,
            ParticipationLevel.MEETINGS,
            display_name=name,
            organisation=organisation,
            sector=sector,
            motivation=motivation,
            applied_at=applied,
            status_changed_at=applied,
            privacy_consent_at=applied,
        )

    paused = make_member(
        "bram.coenen@example.org",
        display_name=PAUSED,
        organisation="Alcander Heerlen",
        sector="practice",
    )
    for email, name, organisation, level, note, days_ago, hour in [
        (
            "daan.hermans@example.org",
            MOVES_UP,
            "Buurtnetwerk Kerkrade",
            ParticipationLevel.ONLINE,
            "Ik ben net begonnen als opbouwwerker in Kerkrade-West en wil graag meedoen "
            "aan de bijeenkomsten om van collega's te leren.",
            2,
            20,
        ),
        (
            "ruud.vos@example.org",
            STAYS,
            "Vos Advies",
            ParticipationLevel.PUBLIC_EVENTS,
            "",
            5,
            11,
        ),
    ]:
        member = make_member(
            email, level, display_name=name, organisation=organisation, sector="practice"
        )
        LevelRequest.objects.create(
            profile=member.profile,
            level=ParticipationLevel.MEETINGS,
            previous_level=level,
            note=note,
            requested_at=on_day(today - timedelta(days=days_ago), hour, 40),
        )

    meeting_day = thursday_after(today + timedelta(days=13))
    meeting = make_event(
        "ruimte-voor-bewonersinitiatief",
        kind=EventKind.MEETING,
        title=MEETING,
        summary="Hoe laat je bewoners het initiatief houden als de gemeente meebetaalt?",
        start=on_day(meeting_day, 14),
        end=on_day(meeting_day, 16, 30),
        place="Zuyd Hogeschool, Nieuw Eyckholt 300, Heerlen",
        capacity=12,
        registration_deadline=on_day(meeting_day - timedelta(days=2), 17),
    )
    public_day = thursday_after(today + timedelta(days=20))
    public_event = make_event(
        "open-middag-de-buurt-aan-zet",
        kind=EventKind.PUBLIC,
        title=PUBLIC_EVENT,
        summary="Een middag voor iedereen die wil weten wat het leeratelier doet.",
        start=on_day(public_day, 15),
        end=on_day(public_day, 17),
        place="Buurthuis De Bron, Heerlen",
        capacity=30,
    )
    past_day = thursday_after(today - timedelta(days=14))
    past_meeting = make_event(
        "legitimiteit-van-het-opbouwwerk",
        kind=EventKind.MEETING,
        title=PAST_MEETING,
        summary="Wie geeft het opbouwwerk zijn mandaat, en wat doe je als dat schuurt?",
        start=on_day(past_day, 14),
        end=on_day(past_day, 16, 30),
        place="Zuyd Hogeschool, Nieuw Eyckholt 300, Heerlen",
        capacity=12,
    )
    for number, member in enumerate(members):
        registered = on_day(today - timedelta(days=25 - number), 10 + number, 5)
        for event in (meeting, past_meeting):
            make_registration(
                event=event,
                user=member,
                status=RegistrationStatus.CONFIRMED,
                created_at=registered,
                confirmed_at=registered,
            )
    # Bram's place is released when the coordinator pauses his membership.
    make_registration(
        event=meeting,
        user=paused,
        status=RegistrationStatus.CONFIRMED,
        created_at=on_day(today - timedelta(days=6), 19, 30),
        confirmed_at=on_day(today - timedelta(days=6), 19, 30),
    )
    for member in members[:2]:
        make_registration(event=public_event, user=member, status=RegistrationStatus.CONFIRMED)
    make_registration(
        event=public_event,
        guest_name="Fatima el Amrani",
        guest_email="fatima@example.org",
        status=RegistrationStatus.CONFIRMED,
    )
    return {
        "series_start": thursday_after(today + timedelta(days=41)),
        "meeting": meeting,
        "public_event": public_event,
        "past_meeting": past_meeting,
        "members": members,
        "paused": paused,
    }
