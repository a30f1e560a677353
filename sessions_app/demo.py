"""Demo agenda for `make run`: a rhythm of meetings, public events and registrations.

Dates are relative to today (Europe/Amsterdam), so the demo always has a past and a
future: members' meetings every four weeks on Thursday afternoon, six behind us and four
ahead, public events in between, an upcoming draft and a cancelled event. The next
meeting is full, with people on its waiting list; the demo login for meetings is not
among them, so whoever tries the demo can join the list themselves.

Everything else is fixed data (no randomness). Events are looked up by slug: an event
that exists is left as it is, registrations and all, so a second run adds nothing and
changes nothing. Registrations are made directly, without e-mails, and only for members
who could have made them: approved before the event, active at the time, and for a
meeting at the meetings level.
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from members.demo import COORDINATOR_EMAIL
from members.models import MembershipStatus, ParticipationLevel, Profile

from .models import Event, EventKind, EventStatus, Registration, RegistrationStatus

HEERLEN = "Zuyd Hogeschool, Nieuw Eyckholt 300, Heerlen"
MAASTRICHT = "Zuyd Hogeschool, Brusselseweg 150, Maastricht"
MEETING_LINK = "https://meet.example.org/leeratelier"
WEBINAR_LINK = "https://meet.example.org/leeratelier-webinar"

TUESDAY, WEDNESDAY, THURSDAY, FRIDAY = 1, 2, 3, 4
MEETING_DAY = THURSDAY
MEETING_HOURS = (time(14), time(17))
MEETING_CAPACITY = 16

# Demo members (members/demo.py), by e-mail address.
COORDINATOR = COORDINATOR_EMAIL
SANNE = "bijeenkomsten@example.org"  # demo login, meetings level
YOUSSEF = "online@example.org"  # demo login, online platform
MARIEKE = "events@example.org"  # demo login, public events only
INGRID = "ingrid.smeets@example.org"
RAMON = "ramon.brouwers@example.org"
JEROEN = "jeroen.lemmens@example.org"
ANOUK = "anouk.vanderlinden@example.org"
LOTTE = "lotte.kurvers@example.org"
ESRA = "esra.yilmaz@example.org"
CHANTAL = "chantal.habets@example.org"
SAMIR = "samir.benali@example.org"
THIJS = "thijs.geurts@example.org"
MIRIAM = "miriam.coenen@example.org"  # paused two months ago
WIM = "wim.hermans@example.org"  # ended four months ago
FATIMA = "fatima.bouzid@example.org"
PETER = "peter.wijnands@example.org"
HANS = "hans.ramakers@example.org"
BAS = "bas.claessens@example.org"
KOEN = "koen.dassen@example.org"
NADIA = "nadia.haddou@example.org"
JOYCE = "joyce.bemelmans@example.org"
DAAN = "daan.verhoeven@example.org"  # paused three months ago
GERDA = "gerda.moonen@example.org"
EVELINE = "eveline.kuijpers@example.org"
MARLOES = "marloes.jacobs@example.org"
AHMED = "ahmed.ouali@example.org"


@dataclass(frozen=True)
class Guest:
    name: str
    email: str


LIEKE = Guest("Lieke Dohmen", "lieke.dohmen@example.org")
MARCO = Guest("Marco Frijns", "marco.frijns@example.org")
ILSE = Guest("Ilse Vankan", "ilse.vankan@example.org")
BRAM = Guest("Bram Kleijnen", "bram.kleijnen@example.org")
NOOR = Guest("Noor Peeters", "noor.peeters@example.org")
TOM = Guest("Tom Lenaerts", "tom.lenaerts@example.org")
ANNA = Guest("Anna Ploumen", "anna.ploumen@example.org")
KIM = Guest("Kim Bastiaens", "kim.bastiaens@example.org")


@dataclass(frozen=True)
class DemoEvent:
    slug: str
    kind: str
    title: str
    summary: str
    description: str
    weeks: int  # weeks after the first `weekday` after today; negative: in the past
    weekday: int
    hours: tuple[time, time]
    place: str = ""
    online_link: str = ""
    capacity: int | None = None
    full: bool = False  # the capacity is exactly the number of confirmed registrations
    deadline_days: int | None = None  # registration closes this many days before the start
    status: str = EventStatus.PUBLISHED
    # Members, by e-mail address, in the order they registered.
    attended: tuple[str, ...] = ()  # past: confirmed and there
    absent: tuple[str, ...] = ()  # past: confirmed, did not come
    confirmed: tuple[str, ...] = ()  # upcoming: confirmed
    cancelled: tuple[str, ...] = ()
    waitlisted: tuple[str, ...] = ()
    guests: tuple[Guest, ...] = ()  # confirmed by the e-mail link; past: attended
    pending: tuple[Guest, ...] = ()  # has not used the e-mail link yet


def meeting(number: int, **fields) -> DemoEvent:
    """The `number`th meeting of the rhythm: 0 is the next one, -1 the one before."""
    fields.setdefault("place", HEERLEN)
    fields.setdefault("capacity", MEETING_CAPACITY)
    return DemoEvent(
        kind=EventKind.MEETING,
        weeks=4 * number,
        weekday=MEETING_DAY,
        hours=MEETING_HOURS,
        **fields,
    )


def public(**fields) -> DemoEvent:
    return DemoEvent(kind=EventKind.PUBLIC, **fields)


EVENTS = [
    meeting(
        -6,
        slug="bijeenkomst-professionaliteit",
        title="Professionaliteit: wat maakt opbouwwerk tot een vak?",
        summary=(
            "We verkennen wat samenlevingsopbouw onderscheidt van ander sociaal werk: welke "
            "kennis, houding en methoden horen bij het vak, en waaraan herken je een goede "
            "opbouwwerker?"
        ),
        description=(
            "Samenlevingsopbouw wordt weer gevraagd, maar wat verstaan we eigenlijk onder "
            "goed opbouwwerk? In deze bijeenkomst zoeken we samen naar de kern van het vak.\n"
            "\n"
            "## Programma\n"
            "\n"
            "- **14.00** inloop en kennismaking met nieuwe deelnemers\n"
            "- **14.15** korte inleiding: drie tradities in de samenlevingsopbouw\n"
            "- **14.45** in kleine groepen: een moment waarop je je écht opbouwwerker voelde\n"
            "- **16.00** oogst: welke kenmerken van vakmanschap komen steeds terug?\n"
            "- **16.45** afspraken voor de volgende keer\n"
            "\n"
            "## Voorbereiding\n"
            "\n"
            "Neem een concreet voorbeeld uit je eigen werk mee. Ben je student of docent, kies "
            "dan een situatie die je in de praktijk hebt meegemaakt."
        ),
        attended=(
            COORDINATOR,
            SANNE,
            INGRID,
            RAMON,
            JEROEN,
            ANOUK,
            ESRA,
            CHANTAL,
            MIRIAM,
            WIM,
            SAMIR,
        ),
    ),  # fmt: skip
    meeting(
        -5,
        slug="bijeenkomst-legitimering",
        title="Legitimering: laten zien wat opbouwwerk oplevert",
        summary=(
            "Opdrachtgevers vragen om cijfers, bewoners om tijd en vertrouwen. Hoe verantwoord "
            "je opbouwwerk zonder het werk terug te brengen tot aantallen?"
        ),
        description=(
            "Wie opbouwwerk doet, legt vroeg of laat verantwoording af: aan de gemeente, aan "
            "de eigen organisatie en aan bewoners. Aantallen activiteiten en bereikte "
            "deelnemers vertellen maar een deel van het verhaal.\n"
            "\n"
            "Een onderzoeker van het lectoraat deelt eerste bevindingen uit een analyse van "
            "verantwoordingsrapportages. Daarna leggen we onze eigen rapportages naast elkaar: "
            "wat laten ze zien, wat verdwijnt uit beeld, en hoe kan het anders?\n"
            "\n"
            "Neem gerust een (geanonimiseerde) rapportage of subsidieafspraak mee."
        ),
        place=MAASTRICHT,
        attended=(COORDINATOR, SANNE, INGRID, JEROEN, ANOUK, CHANTAL, MIRIAM, WIM, LOTTE),
        absent=(RAMON,),
    ),
    meeting(
        -4,
        slug="bijeenkomst-signaleren-en-uitvoeren",
        title="Signaleren én uitvoeren: waar staat de opbouwwerker?",
        summary=(
            "Opbouwwerkers voeren sociaal beleid uit en moeten tegelijk laten horen wat er in "
            "de wijk misgaat, ook als dat beleid zelf deel van het probleem is. Hoe houd je die "
            "kritische signaalfunctie overeind?"
        ),
        description=(
            "De gemeente is opdrachtgever en financier, en tegelijk de partij die je soms een "
            "spiegel moet voorhouden. Dat spanningsveld voelt iedere opbouwwerker.\n"
            "\n"
            "We starten met drie korte praktijkverhalen: een signaal dat beleid veranderde, "
            "een signaal dat in een la verdween, en een signaal dat nooit werd gegeven. "
            "Daarna bespreken we:\n"
            "\n"
            "1. Wanneer is iets een signaal, en van wie is het?\n"
            "2. Welke ruimte geeft je opdracht om te signaleren, en hoe vergroot je die?\n"
            "3. Wat hebben bewoners nodig om zelf hun stem te laten horen?"
        ),
        attended=(COORDINATOR, SANNE, RAMON, JEROEN, ESRA, CHANTAL, MIRIAM, LOTTE),
        absent=(ANOUK,),
        cancelled=(INGRID,),
    ),
    meeting(
        -3,
        slug="bijeenkomst-van-casus-naar-collectief",
        title="Van casus naar collectief",
        summary=(
            "Achter de voordeur komen steeds dezelfde problemen terug. Hoe maak je van losse "
            "individuele casussen een gezamenlijke vraag of actie? Een online werksessie rond "
            "een casus over schulden en bestaanszekerheid."
        ),
        description=(
            "Veel sociaal werk is individueel werk geworden: een hulpvraag, een plan, een "
            "dossier. Samenlevingsopbouw kijkt juist naar wat mensen delen. Hoe verbind je die "
            "twee?\n"
            "\n"
            "We werken met een praktijkcasus uit Kerkrade: gezinnen met betalingsachterstanden "
            "bij dezelfde woningcorporatie. In kleine groepen (online, in breakout-rooms) "
            "zoeken we de stappen van het individuele verhaal naar een collectieve aanpak, en "
            "wie je daarvoor nodig hebt.\n"
            "\n"
            "De link naar de online ruimte zie je op deze pagina zodra je bent aangemeld."
        ),
        place="",
        online_link=MEETING_LINK,
        attended=(COORDINATOR, SANNE, INGRID, RAMON, JEROEN, ANOUK, ESRA, LOTTE, THIJS, MIRIAM),
        absent=(SAMIR,),
    ),
    meeting(
        -2,
        slug="bijeenkomst-profilering",
        title="Profilering: de meerwaarde van opbouwwerk in eigen woorden",
        summary=(
            "Hoe vertel je in twee minuten wat samenlevingsopbouw bijdraagt, aan een wethouder, "
            "een wijkteam of een bewoner? We oefenen en zoeken taal die recht doet aan de "
            "complexiteit van het werk."
        ),
        description=(
            "Opbouwwerkers zijn goed in het werk, maar minder goed in vertellen wat dat werk "
            "oplevert. Dat maakt het vak kwetsbaar als er bezuinigd wordt.\n"
            "\n"
            "In deze bijeenkomst schrijft ieder een korte pitch voor één publiek naar keuze. "
            "We geven elkaar feedback met een eenvoudige kijkwijzer: is het concreet, is het "
            "herkenbaar, en laat het zien wat er zonder opbouwwerk níét zou gebeuren?\n"
            "\n"
            "De beste formuleringen verzamelen we in de kennisbank."
        ),
        place=MAASTRICHT,
        attended=(COORDINATOR, INGRID, RAMON, ANOUK, ESRA, LOTTE, THIJS),
        absent=(SAMIR,),
        cancelled=(SANNE,),
    ),
    meeting(
        -1,
        slug="bijeenkomst-experimenten-in-de-praktijk",
        title="Experimenteren in de praktijk: wat hebben we uitgeprobeerd?",
        summary=(
            "Deelnemers vertellen over de kleine experimenten die ze de afgelopen maanden in "
            "hun eigen werk uitprobeerden. Wat werkte, wat niet, en wat kunnen we er als tool "
            "voor het werkveld van maken?"
        ),
        description=(
            "Leren in het atelier gaat niet alleen over praten: deelnemers proberen nieuwe "
            "werkwijzen uit in hun eigen praktijk. Deze keer halen we die ervaringen op.\n"
            "\n"
            "Iedere deelnemer neemt één experiment mee en vertelt in vijf minuten:\n"
            "\n"
            "- wat je wilde bereiken en wat je hebt gedaan;\n"
            "- wat er gebeurde, ook wat tegenviel;\n"
            "- wat een collega nodig heeft om het ook te proberen.\n"
            "\n"
            "Experimenten die anderen willen overnemen, werken we in een volgende bijeenkomst "
            "uit tot een werkvorm."
        ),
        attended=(COORDINATOR, SANNE, INGRID, RAMON, JEROEN, ESRA, LOTTE, THIJS),
        absent=(ANOUK,),
    ),
    meeting(
        0,
        slug="bijeenkomst-bewoners-aan-zet",
        title="Bewoners aan zet: participatie of uitbesteding?",
        summary=(
            "Bewonersparticipatie is overal het toverwoord. Wanneer versterkt het bewoners, en "
            "wanneer schuift de overheid taken door naar vrijwilligers? Een gesprek in kleine "
            "kring, met een beperkt aantal plaatsen."
        ),
        description=(
            "Gemeenten vragen bewoners steeds vaker om zelf de handen uit de mouwen te steken. "
            "Dat kan bewoners sterker maken, maar het kan ook betekenen dat zij opvangen wat "
            "voorzieningen laten liggen. Waar ligt die grens, en wat is de rol van de "
            "opbouwwerker?\n"
            "\n"
            "We werken deze keer als *fishbowl*: een kleine kring in het midden praat, de rest "
            "luistert mee en schuift aan wanneer die iets wil inbrengen. Daarom is het aantal "
            "plaatsen beperkt.\n"
            "\n"
            "**Vol?** Zet je op de wachtlijst. Meldt iemand zich af, dan schuif je automatisch "
            "door en krijg je daarover een e-mail."
        ),
        full=True,
        confirmed=(COORDINATOR, INGRID, RAMON, JEROEN, ANOUK, ESRA, CHANTAL),
        waitlisted=(SAMIR, LOTTE, THIJS),
    ),
    meeting(
        1,
        slug="bijeenkomst-opbouwwerk-en-wijkteam",
        title="Opbouwwerk naast het wijkteam",
        summary=(
            "Opbouwwerkers werken steeds vaker in of naast sociale wijkteams. Hoe bewaak je daar "
            "de collectieve blik als het werk vooral om individuele hulpvragen draait?"
        ),
        description=(
            "In veel gemeenten zit de opbouwwerker in het wijkteam, tussen collega's die "
            "vooral individuele hulp bieden. Dat levert korte lijnen op, maar ook de druk om "
            "mee te draaien in de casuïstiek.\n"
            "\n"
            "Deelnemers uit Heerlen, Kerkrade en Maastricht vertellen hoe zij dat aanpakken. "
            "Samen maken we een overzicht van afspraken die helpen om ruimte te houden voor "
            "collectief werk: in de taakverdeling, het casusoverleg en de verantwoording."
        ),
        place=MAASTRICHT,
        confirmed=(COORDINATOR, SANNE, INGRID, JEROEN, ESRA, LOTTE, THIJS),
        cancelled=(RAMON,),
    ),
    meeting(
        2,
        slug="bijeenkomst-werkvormen-ontwikkelen",
        title="Werkvormen ontwikkelen: van inzicht naar hands-on tool",
        summary=(
            "Het atelier wil bruikbare tools voor het werkveld opleveren. In deze online "
            "werksessie werken we ideeën uit eerdere bijeenkomsten uit tot werkvormen die je "
            "morgen in de wijk kunt gebruiken."
        ),
        description=(
            "Uit de vorige bijeenkomsten kwamen drie ideeën die deelnemers graag verder "
            "willen brengen:\n"
            "\n"
            "- een kijkwijzer om signalen uit de wijk te bundelen;\n"
            "- een gespreksplaat over de rol van de opbouwwerker in een wijkteam;\n"
            "- een korte pitch-training voor opbouwwerkers.\n"
            "\n"
            "In kleine groepen maken we van elk idee een eerste versie, met een doel, "
            "benodigdheden en stappen. Na de sessie komen de concepten in de kennisbank, "
            "zodat iedereen ze kan uitproberen en aanvullen."
        ),
        place="",
        online_link=MEETING_LINK,
        confirmed=(COORDINATOR, ANOUK, ESRA, RAMON, SAMIR),
    ),
    meeting(
        3,
        slug="bijeenkomst-oogst",
        title="Oogstbijeenkomst: wat heeft het atelier ons opgeleverd?",
        summary=(
            "We kijken terug op een reeks bijeenkomsten: welke inzichten, tools en verhalen "
            "hebben we samen gemaakt, en wat willen we het komende jaar verder uitzoeken?"
        ),
        description=(
            "Een community of practice leeft zolang de deelnemers er waarde in zien. Daarom "
            "staan we stil bij de opbrengst van het afgelopen jaar: voor je eigen werk, voor "
            "je organisatie en voor het vak.\n"
            "\n"
            "We kiezen samen de thema's voor de volgende reeks en spreken af wie welke "
            "bijeenkomst mee voorbereidt. Na afloop is er tijd voor een drankje."
        ),
        confirmed=(COORDINATOR, INGRID, JEROEN),
    ),
    public(
        slug="symposium-samenlevingsopbouw-in-de-wijk",
        title="Symposium Samenlevingsopbouw in de wijk",
        summary=(
            "Een middag over de toekomst van samenlevingsopbouw, met onderzoekers, "
            "opbouwwerkers, bewoners en beleidsmakers. Met een keynote, praktijkverhalen uit "
            "de wijk en gesprekstafels over de thema's van het leeratelier."
        ),
        description=(
            "Samenlevingsopbouw staat weer in de belangstelling: als bindmiddel in buurten en "
            "wijken, als antwoord op ongelijkheid en als partner van bewoners. Tegelijk staat "
            "de professionele logica van het vak onder druk. Op dit symposium brengen we "
            "onderwijs, onderzoek en praktijk bij elkaar.\n"
            "\n"
            "## Programma\n"
            "\n"
            "- **13.00** ontvangst\n"
            "- **13.30** keynote: samenlevingsopbouw als vak met een eigen traditie\n"
            "- **14.15** praktijkverhalen uit Heerlen, Kerkrade en Maastricht\n"
            "- **15.15** gesprekstafels: professionaliteit, legitimering en profilering\n"
            "- **16.45** slotgesprek en borrel\n"
            "\n"
            "Toegang is gratis. Iedereen die zich betrokken voelt bij de wijk is welkom."
        ),
        weeks=-14,
        weekday=FRIDAY,
        hours=(time(13), time(17, 30)),
        place=HEERLEN,
        capacity=80,
        deadline_days=3,
        attended=(
            COORDINATOR,
            JEROEN,
            INGRID,
            ESRA,
            MARIEKE,
            HANS,
            GERDA,
            YOUSSEF,
            FATIMA,
            BAS,
            PETER,
            NADIA,
            DAAN,
        ),
        absent=(KOEN,),
        guests=(LIEKE, MARCO, ILSE, BRAM),
    ),  # fmt: skip
    public(
        slug="webinar-signaalfunctie-onder-druk",
        title="Webinar: de signaalfunctie onder druk",
        summary=(
            "Een online avond over de signaalfunctie van het opbouwwerk: waarom staat die "
            "onder druk, en hoe zorgen opbouwwerkers dat signalen uit de wijk het beleid "
            "bereiken? Met korte bijdragen uit onderzoek en praktijk."
        ),
        description=(
            "Signaleren hoort bij de kern van samenlevingsopbouw, maar in de dagelijkse "
            "praktijk schiet het er vaak bij in. Productafspraken laten weinig ruimte, en "
            "niet elke opdrachtgever zit op kritische signalen te wachten.\n"
            "\n"
            "In dit webinar vertellen een onderzoeker en twee opbouwwerkers hoe zij signalen "
            "verzamelen, onderbouwen en op de juiste tafel krijgen. Vragen stel je via de chat."
        ),
        weeks=-6,
        weekday=WEDNESDAY,
        hours=(time(19, 30), time(21)),
        online_link=WEBINAR_LINK,
        attended=(COORDINATOR, YOUSSEF, FATIMA, BAS, JOYCE, EVELINE, RAMON, HANS),
        absent=(PETER,),
        guests=(NOOR, MARCO),
    ),
    public(
        slug="werkplaats-de-eigen-beroepstaal-vinden",
        title="Werkplaats: de eigen beroepstaal vinden",
        summary=(
            "Een middag voor opbouwwerkers, studenten, docenten en beleidsmakers. Met "
            "werkvormen uit het atelier zoeken we woorden voor wat opbouwwerk doet en waarom "
            "het ertoe doet."
        ),
        description=(
            "Wie niet kan uitleggen wat het vak bijdraagt, laat anderen bepalen wat het is. "
            "In deze werkplaats oefenen we met taal die past bij de praktijk: niet in "
            "beleidsjargon, maar ook niet zo vaag dat niemand het nog begrijpt.\n"
            "\n"
            "We gebruiken werkvormen die deelnemers van het leeratelier ontwikkelden, zoals "
            "de kijkwijzer voor een goede pitch. Je gaat naar huis met een eigen verhaal dat "
            "je kunt gebruiken in een gesprek met je opdrachtgever, je team of bewoners.\n"
            "\n"
            "Geen voorkennis nodig. Het aantal plaatsen is beperkt; aanmelden kan tot twee "
            "dagen vooraf."
        ),
        weeks=3,
        weekday=WEDNESDAY,
        hours=(time(13, 30), time(16, 30)),
        place=MAASTRICHT,
        capacity=20,
        deadline_days=2,
        confirmed=(MARIEKE, HANS, GERDA, YOUSSEF, FATIMA, SANNE, INGRID, COORDINATOR, MARLOES),
        guests=(LIEKE, TOM),
        pending=(KIM,),
    ),
    public(
        slug="lunchwebinar-individueel-werk-en-collectieve-aanpak",
        title="Lunchwebinar: individueel werk en collectieve aanpak",
        summary=(
            "Een uur online over een klassiek spanningsveld: hoe verhoudt individuele hulp "
            "zich tot de collectieve aanpak van samenlevingsopbouw? Twee sprekers uit praktijk "
            "en onderzoek, daarna ruimte voor vragen."
        ),
        description=(
            "Een sociaal werker die achter de voordeur komt, ziet problemen die vaak niet "
            "alleen bij dat ene huishouden horen. Hoe gebruik je die kennis om samen met "
            "bewoners iets aan de oorzaken te doen?\n"
            "\n"
            "Een opbouwwerker uit Kerkrade en een onderzoeker vertellen wat zij daarover "
            "geleerd hebben. Neem je lunch mee; de link naar het webinar staat op deze pagina "
            "zodra je bent aangemeld."
        ),
        weeks=6,
        weekday=TUESDAY,
        hours=(time(12, 30), time(13, 30)),
        online_link=WEBINAR_LINK,
        confirmed=(YOUSSEF, PETER, NADIA, EVELINE, AHMED, KOEN, RAMON, JOYCE),
        guests=(MARCO, ANNA),
    ),
    public(
        slug="praktijkdag-tools-uit-het-leeratelier",
        title="Praktijkdag: tools uit het leeratelier",
        summary=(
            "Op deze praktijkdag presenteert het leeratelier de tools en werkvormen die de "
            "deelnemers ontwikkelden, en probeer je ze zelf uit. Het programma wordt nog "
            "uitgewerkt."
        ),
        description=(
            "*Concept: nog niet gepubliceerd.*\n"
            "\n"
            "- sprekers en werkplaatsen bevestigen\n"
            "- zaal in Heerlen reserveren voor 60 personen\n"
            "- uitnodiging via de netwerken van de deelnemers"
        ),
        weeks=10,
        weekday=FRIDAY,
        hours=(time(10), time(16)),
        place=HEERLEN,
        capacity=60,
        status=EventStatus.DRAFT,
    ),
    public(
        slug="wijkwandeling-heerlen-noord",
        title="Wijkwandeling Heerlen-Noord: opbouwwerk op straat",
        summary=(
            "Een wandeling door Heerlen-Noord langs bewonersinitiatieven, met opbouwwerkers "
            "en bewoners als gids. Deze wandeling gaat helaas niet door."
        ),
        description=(
            "**Deze wijkwandeling gaat niet door.** Door ziekte van de gidsen kunnen we haar "
            "niet op een goede manier laten plaatsvinden. We zoeken een nieuwe datum en "
            "melden die in de agenda.\n"
            "\n"
            "Tijdens de wandeling laten opbouwwerkers en bewoners zien hoe initiatieven in "
            "de wijk ontstaan, wat ze nodig hebben en waar het schuurt met regels en "
            "subsidies."
        ),
        weeks=2,
        weekday=TUESDAY,
        hours=(time(15), time(17)),
        place="Vertrek: Zuyd Hogeschool, Nieuw Eyckholt 300, Heerlen",
        capacity=15,
        status=EventStatus.CANCELLED,
    ),
]


def load_events(now=None) -> int:
    """Add the demo events that are missing, with their registrations; returns how many."""
    now = now or timezone.now()
    tz = timezone.get_default_timezone()
    today = timezone.localdate(now, tz)
    slugs = [demo.slug for demo in EVENTS]
    existing = set(Event.objects.filter(slug__in=slugs).values_list("slug", flat=True))
    profiles = {
        profile.user.email: profile
        for profile in Profile.objects.select_related("user").filter(
            user__email__in={email for demo in EVENTS for email in _members(demo)}
        )
    }
    created = 0
    for demo in EVENTS:
        if demo.slug in existing:
            continue  # the coordinator's event now, registrations and all
        day = _next_weekday(today, demo.weekday) + timedelta(weeks=demo.weeks)
        start, end = (datetime.combine(day, hour, tzinfo=tz) for hour in demo.hours)
        _create_event(demo, start, end, profiles, now)
        created += 1
    return created


def _next_weekday(today: date, weekday: int) -> date:
    """The first `weekday` after today (never today itself)."""
    return today + timedelta(days=(weekday - today.weekday() - 1) % 7 + 1)


def _members(demo: DemoEvent) -> tuple[str, ...]:
    return demo.attended + demo.absent + demo.confirmed + demo.cancelled + demo.waitlisted


def _may_register(profile: Profile | None, demo: DemoEvent, start) -> bool:
    """Whether this member could have registered: a member then, and at the right level."""
    if profile is None or profile.approved_at is None or profile.approved_at >= start:
        return False
    if profile.status != MembershipStatus.ACTIVE and profile.status_changed_at <= start:
        return False
    return demo.kind != EventKind.MEETING or (
        profile.participation_level == ParticipationLevel.MEETINGS
    )


def _create_event(demo: DemoEvent, start, end, profiles, now) -> Event:
    confirmed, cancelled = RegistrationStatus.CONFIRMED, RegistrationStatus.CANCELLED
    waitlisted, pending = RegistrationStatus.WAITLISTED, RegistrationStatus.PENDING
    past = end < now

    def eligible(emails):
        return [profiles[e].user for e in emails if _may_register(profiles.get(e), demo, start)]

    # (member or guest, status, attended), in the order they registered.
    rows = (
        [(user, confirmed, True) for user in eligible(demo.attended)]
        + [(user, confirmed, False) for user in eligible(demo.absent)]
        + [(user, confirmed, None) for user in eligible(demo.confirmed)]
        + [(user, cancelled, None) for user in eligible(demo.cancelled)]
        + [(guest, confirmed, True if past else None) for guest in demo.guests]
        + [(user, waitlisted, None) for user in eligible(demo.waitlisted)]
        + [(guest, pending, None) for guest in demo.pending]
    )
    capacity = demo.capacity
    if demo.full:
        capacity = max(sum(status == confirmed for _person, status, _attended in rows), 1)
    event = Event.objects.create(
        kind=demo.kind,
        title=demo.title,
        slug=demo.slug,
        summary=demo.summary,
        description=demo.description,
        start=start,
        end=end,
        place=demo.place,
        online_link=demo.online_link,
        capacity=capacity,
        registration_deadline=(
            start - timedelta(days=demo.deadline_days) if demo.deadline_days else None
        ),
        status=demo.status,
    )
    # Announced six weeks ahead (or three weeks ago, for events further away);
    # people registered between then and an hour before the start (or now).
    opened = min(start - timedelta(weeks=6), now - timedelta(weeks=3))
    closed = min(start, now) - timedelta(hours=1)
    Event.objects.filter(pk=event.pk).update(created_at=opened, updated_at=opened)
    step = (closed - opened) / (len(rows) + 1)
    for number, (person, status, attended) in enumerate(rows, start=1):
        at = opened + step * number
        is_guest = isinstance(person, Guest)
        fields = {
            "event": event,
            "status": status,
            "created_at": at,
            "attended": attended,
        }
        if is_guest:
            fields |= {"guest_name": person.name, "guest_email": person.email.lower()}
        else:
            fields["user"] = person
        if status in (confirmed, cancelled):
            # Guests confirm with the e-mail link a little later.
            fields["confirmed_at"] = at + timedelta(minutes=20) if is_guest else at
        if status == cancelled:
            fields["cancelled_at"] = at + (closed - at) / 2
        if status == waitlisted:
            fields["waitlisted_at"] = at
        if status == confirmed and past:
            fields["reminder_sent_at"] = max(start - timedelta(hours=23), fields["confirmed_at"])
        Registration.objects.create(**fields)
    return event
