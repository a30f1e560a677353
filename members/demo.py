"""Demo members for `make run`: a member directory that looks lived in.

Everything here is fixed data (no randomness): the same people, organisations and
relative dates on every machine. Loading is additive and looks people up by e-mail:
an account that exists is left as it is, and a profile is only made for an account
that has none, so nothing a developer changed is overwritten.
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

from atelier.coordinator import COORDINATOR_GROUP

from .avatars import AVATAR_SIZE, process_avatar
from .models import LevelRequest, MembershipStatus, ParticipationLevel, Profile, Sector, User

COORDINATOR_EMAIL = "coordinator@example.org"

# Topics the demo members share, so the directory's expertise filter finds groups.
BEWONERSPARTICIPATIE = "bewonersparticipatie"
SOCIALE_BASIS = "sociale basis"
SIGNAALFUNCTIE = "signaalfunctie"
COLLECTIEVE_AANPAK = "collectieve aanpak"
BEROEPSIDENTITEIT = "beroepsidentiteit"
WIJKGERICHT = "wijkgericht werken"
ONDERZOEK = "praktijkgericht onderzoek"
BESTAANSZEKERHEID = "armoede en bestaanszekerheid"
ORGANIZING = "community organizing"
ONDERWIJS = "onderwijs sociaal werk"
INFORMELE_ZORG = "vrijwilligers en informele zorg"
DIVERSITEIT = "diversiteit en inclusie"

MEETINGS = ParticipationLevel.MEETINGS
ONLINE = ParticipationLevel.ONLINE
PUBLIC_EVENTS = ParticipationLevel.PUBLIC_EVENTS
ACTIVE = MembershipStatus.ACTIVE
APPLIED = MembershipStatus.APPLIED
PAUSED = MembershipStatus.PAUSED
ENDED = MembershipStatus.ENDED


@dataclass(frozen=True)
class DemoMember:
    email: str
    name: str
    organisation: str
    sector: str
    job_title: str
    level: str
    days_ago: int  # when they applied
    expertise: list[str]
    bio: str
    motivation: str
    status: str = ACTIVE
    login: str = ""  # the role printed with the demo logins; empty: not printed
    listed: bool = True
    show_email: bool = False
    avatar: bool = True
    status_since_days: int | None = None  # when a paused or ended status began
    # A request to move up that waits for the coordinator: the note sent with it.
    level_request_note: str = ""


MEMBERS = [
    # The printed demo logins: the coordinator and one person per level, plus an applicant.
    DemoMember(
        email=COORDINATOR_EMAIL,
        login="coördinator (beheer op /admin/), deelnemer bijeenkomsten",
        name="Demi Coördinator",
        organisation="Zuyd Hogeschool, lectoraat Sociale Integratie",
        sector=Sector.RESEARCH,
        job_title="onderzoeker en coördinator leeratelier",
        level=MEETINGS,
        days_ago=730,
        expertise=[BEROEPSIDENTITEIT, ONDERZOEK, SOCIALE_BASIS],
        bio=(
            "Ik coördineer het leeratelier en doe onderzoek naar de **beroepsidentiteit** van "
            "samenlevingsopbouw. Mijn vraag: hoe vertellen opbouwwerkers wat ze doen, in taal "
            "die recht doet aan hun praktijk? Benader me gerust met ideeën voor een bijeenkomst."
        ),
        motivation=(
            "Ik breng het netwerk van het lectoraat en ervaring met praktijkgericht onderzoek "
            "mee, en wil het atelier een plek maken waar iedereen haalt én brengt."
        ),
        show_email=True,
    ),
    DemoMember(
        email="bijeenkomsten@example.org",
        login="lid, deelnemer bijeenkomsten",
        name="Sanne Hendriks",
        organisation="Alcander",
        sector=Sector.PRACTICE,
        job_title="opbouwwerker",
        level=MEETINGS,
        days_ago=610,
        expertise=[BEWONERSPARTICIPATIE, WIJKGERICHT, SIGNAALFUNCTIE],
        bio=(
            "Opbouwwerker in Heerlen-Noord, waar ik met bewoners werk aan een buurt waar "
            "mensen elkaar weer kennen. Ik merk dat de gemeente steeds vaker vraagt om "
            "*uitvoering*, terwijl bewoners mij juist nodig hebben als stem naar het beleid. "
            "Over dat spanningsveld praat ik graag verder."
        ),
        motivation=(
            "Tien jaar buurtpraktijk, met successen en mislukkingen. Ik wil leren hoe collega's "
            "hun signaalfunctie waarmaken binnen een subsidieafspraak."
        ),
    ),
    DemoMember(
        email="online@example.org",
        login="lid, online platform",
        name="Youssef El Amrani",
        organisation="Hogeschool Utrecht",
        sector=Sector.EDUCATION,
        job_title="docent sociaal werk",
        level=ONLINE,
        days_ago=420,
        expertise=[ONDERWIJS, COLLECTIEVE_AANPAK, ORGANIZING],
        bio=(
            "Ik geef les in de minor Community Development en begeleid studenten die stage "
            "lopen in de wijk. Studenten leren vooral individueel hulpverlenen; ik zoek "
            "werkvormen die de collectieve aanpak weer zichtbaar maken."
        ),
        motivation=(
            "Ik deel lesmateriaal en casussen uit de minor, en zoek praktijkverhalen die ik in "
            "mijn onderwijs kan gebruiken."
        ),
    ),
    DemoMember(
        email="events@example.org",
        login="lid, alleen public events",
        name="Marieke Vos",
        organisation="Gemeente Heerlen",
        sector=Sector.OTHER,
        job_title="beleidsmedewerker sociaal domein",
        level=PUBLIC_EVENTS,
        days_ago=190,
        expertise=[SOCIALE_BASIS, BESTAANSZEKERHEID],
        bio=(
            "Ik werk aan de nieuwe opdracht voor de sociale basis in Heerlen. Bij de public "
            "events hoor ik graag wat opbouwwerkers en onderzoekers zien, voordat het in een "
            "beleidsnota belandt."
        ),
        motivation=(
            "Ik breng de blik van de gemeente als opdrachtgever mee en wil begrijpen wat "
            "opbouwwerk nodig heeft om goed werk te kunnen doen."
        ),
        avatar=False,
    ),
    DemoMember(
        email="aanvrager@example.org",
        login="aanvrager: aanmelding wacht op goedkeuring",
        name="Tim Janssen",
        organisation="Zuyd Hogeschool",
        sector=Sector.EDUCATION,
        job_title="student Social Work",
        level=MEETINGS,
        days_ago=3,
        status=APPLIED,
        expertise=[BEWONERSPARTICIPATIE, ONDERZOEK],
        bio="Vierdejaars student Social Work, afstudeerrichting samenlevingsopbouw.",
        motivation=(
            "Ik doe mijn afstudeeronderzoek naar bewonersinitiatieven in Kerkrade-West en "
            "deel graag mijn interviews en bevindingen. Ik wil leren van ervaren opbouwwerkers "
            "hoe je bewoners echt eigenaar maakt."
        ),
        avatar=False,
    ),
    # Everyone else: not printed, but they fill the directory.
    DemoMember(
        email="ingrid.smeets@example.org",
        name="Ingrid Smeets",
        organisation="Trajekt",
        sector=Sector.PRACTICE,
        job_title="opbouwwerker",
        level=MEETINGS,
        days_ago=700,
        expertise=[BEWONERSPARTICIPATIE, INFORMELE_ZORG, WIJKGERICHT],
        bio=(
            "Al twintig jaar opbouwwerker in Maastricht-Oost. Ik heb het vak zien veranderen "
            "van buurtwerk naar 'sociaal team' en weer terug. Mijn stokpaardje: begin bij wat "
            "bewoners zelf al doen."
        ),
        motivation=(
            "Ik breng veel praktijkervaring mee en wil die graag overdragen aan jongere "
            "collega's en studenten."
        ),
        show_email=True,
    ),
    DemoMember(
        email="ramon.brouwers@example.org",
        name="Ramon Brouwers",
        organisation="Impuls",
        sector=Sector.PRACTICE,
        job_title="sociaal werker",
        level=MEETINGS,
        days_ago=655,
        expertise=[COLLECTIEVE_AANPAK, BESTAANSZEKERHEID, SIGNAALFUNCTIE],
        bio=(
            "Ik werk in Kerkrade met gezinnen die rondkomen van weinig. Achter de voordeur zie "
            "ik steeds dezelfde problemen terugkomen. Hoe maak je van al die losse dossiers "
            "een gezamenlijke vraag aan de gemeente?"
        ),
        motivation=(
            "Ik wil de brug slaan tussen individueel werk en de collectieve aanpak, en deel "
            "wat ik daarin probeer."
        ),
    ),
    DemoMember(
        email="fatima.bouzid@example.org",
        name="Fatima Bouzid",
        organisation="Movisie",
        sector=Sector.RESEARCH,
        job_title="adviseur en onderzoeker",
        level=ONLINE,
        days_ago=630,
        expertise=[SOCIALE_BASIS, ONDERZOEK, DIVERSITEIT],
        bio=(
            "Bij Movisie werk ik aan kennis over wat werkt in de sociale basis. Ik verzamel "
            "praktijkvoorbeelden van opbouwwerk in diverse wijken en vertaal ze naar "
            "handreikingen voor het hele land."
        ),
        motivation=(
            "Ik deel landelijke kennis en onderzoek, en haal hier de verhalen uit de praktijk "
            "op die in rapporten vaak ontbreken."
        ),
        show_email=True,
    ),
    DemoMember(
        email="jeroen.lemmens@example.org",
        name="Jeroen Lemmens",
        organisation="Zuyd Hogeschool",
        sector=Sector.RESEARCH,
        job_title="onderzoeker lectoraat Sociale Integratie",
        level=MEETINGS,
        days_ago=600,
        expertise=[ONDERZOEK, BEROEPSIDENTITEIT],
        bio=(
            "Ik onderzoek hoe opbouwwerkers hun werk legitimeren tegenover opdrachtgevers. "
            "Daarvoor loop ik mee in de wijk en analyseer ik verantwoordingsrapportages. "
            "Tussenresultaten bespreek ik graag in het atelier."
        ),
        motivation=(
            "Ik wil onderzoek samen met de praktijk doen in plaats van over de praktijk, en "
            "bied interviews, analyses en literatuur aan."
        ),
    ),
    DemoMember(
        email="anouk.vanderlinden@example.org",
        name="Anouk van der Linden",
        organisation="Hogeschool van Amsterdam",
        sector=Sector.EDUCATION,
        job_title="docent Social Work",
        level=MEETINGS,
        days_ago=560,
        expertise=[ONDERWIJS, BEROEPSIDENTITEIT, ORGANIZING],
        bio=(
            "Docent en voormalig opbouwwerker in Amsterdam Nieuw-West. In mijn lessen laat ik "
            "studenten zien dat samenlevingsopbouw een vak is met een eigen traditie, niet "
            "een bijzaak van het sociaal werk."
        ),
        motivation=(
            "Ik neem ervaringen uit Amsterdam mee en wil samen met het atelier lesmateriaal "
            "over de geschiedenis van het opbouwwerk maken."
        ),
    ),
    DemoMember(
        email="peter.wijnands@example.org",
        name="Peter Wijnands",
        organisation="LSA bewoners",
        sector=Sector.OTHER,
        job_title="netwerkcoördinator",
        level=ONLINE,
        days_ago=540,
        expertise=[BEWONERSPARTICIPATIE, ORGANIZING],
        bio=(
            "LSA is het landelijke netwerk van actieve bewoners. Ik zie dat bewoners het meest "
            "bereiken als een opbouwwerker naast ze staat, niet ervoor. Die ervaring breng ik "
            "in de discussies in."
        ),
        motivation=(
            "Ik wil het perspectief van bewoners een plek geven in het atelier en deel "
            "voorbeelden van bewonersinitiatieven uit het hele land."
        ),
        avatar=False,
    ),
    DemoMember(
        email="lotte.kurvers@example.org",
        name="Lotte Kurvers",
        organisation="Zuyd Hogeschool",
        sector=Sector.EDUCATION,
        job_title="student Social Work",
        level=MEETINGS,
        days_ago=150,
        expertise=[WIJKGERICHT, BEWONERSPARTICIPATIE],
        bio=(
            "Ik loop stage bij een buurtteam in Sittard. In het atelier ontdek ik dat de "
            "vragen waar ik als student mee worstel, ook bij ervaren collega's spelen."
        ),
        motivation=(
            "Ik deel wat ik in mijn stage tegenkom en help graag mee met het uitproberen van "
            "nieuwe tools in de wijk."
        ),
    ),
    DemoMember(
        email="hans.ramakers@example.org",
        name="Hans Ramakers",
        organisation="Gemeente Maastricht",
        sector=Sector.OTHER,
        job_title="beleidsmedewerker sociale basis",
        level=PUBLIC_EVENTS,
        days_ago=480,
        expertise=[SOCIALE_BASIS, WIJKGERICHT],
        bio=(
            "Ik schrijf mee aan de opdracht voor het welzijnswerk in Maastricht. De public "
            "events helpen me scherp te houden wat een gemeente wel en niet van opbouwwerk "
            "moet vragen."
        ),
        motivation="Ik breng de beleidskant in en deel graag hoe een opdracht tot stand komt.",
        avatar=False,
    ),
    DemoMember(
        email="esra.yilmaz@example.org",
        name="Esra Yılmaz",
        organisation="Alcander",
        sector=Sector.PRACTICE,
        job_title="opbouwwerker",
        level=MEETINGS,
        days_ago=450,
        expertise=[DIVERSITEIT, BEWONERSPARTICIPATIE, COLLECTIEVE_AANPAK],
        bio=(
            "Ik werk met bewonersgroepen in Heerlen-Centrum, met veel nieuwe Nederlanders. "
            "Participatie begint voor mij bij vertrouwen, en dat kost tijd die in geen enkele "
            "productafspraak past."
        ),
        motivation=(
            "Ik deel werkvormen om bewoners met verschillende achtergronden samen te brengen, "
            "en zoek steun om de waarde daarvan zichtbaar te maken."
        ),
        show_email=True,
    ),
    DemoMember(
        email="bas.claessens@example.org",
        name="Bas Claessens",
        organisation="Fontys Hogeschool Sociale Studies",
        sector=Sector.RESEARCH,
        job_title="lector participatie en sociale basis",
        level=ONLINE,
        days_ago=430,
        expertise=[SOCIALE_BASIS, ONDERZOEK, SIGNAALFUNCTIE],
        bio=(
            "Mijn lectoraat onderzoekt hoe gemeenten, welzijnswerk en bewoners samen de "
            "sociale basis vormgeven. Ik ben vooral benieuwd wanneer een signaal van de "
            "werkvloer beleid écht verandert."
        ),
        motivation=(
            "Ik deel onderzoeksresultaten uit Brabant en zoek vergelijking met Limburg en "
            "andere regio's."
        ),
    ),
    DemoMember(
        email="miriam.coenen@example.org",
        name="Miriam Coenen",
        organisation="Impuls",
        sector=Sector.PRACTICE,
        job_title="teamleider opbouwwerk",
        level=MEETINGS,
        days_ago=520,
        status=PAUSED,
        expertise=[BEROEPSIDENTITEIT, SIGNAALFUNCTIE],
        bio=(
            "Teamleider van een klein team opbouwwerkers. Ik probeer ruimte te maken voor het "
            "vak binnen een organisatie die vooral op aantallen wordt afgerekend."
        ),
        motivation=(
            "Ik breng het perspectief van de leidinggevende mee: hoe bescherm je de "
            "professionele ruimte van je team?"
        ),
        status_since_days=60,
    ),
    DemoMember(
        email="koen.dassen@example.org",
        name="Koen Dassen",
        organisation="Gemeente Sittard-Geleen",
        sector=Sector.OTHER,
        job_title="beleidsadviseur wijkgericht werken",
        level=PUBLIC_EVENTS,
        days_ago=330,
        expertise=[WIJKGERICHT, SOCIALE_BASIS],
        bio=(
            "Ik adviseer over de wijkaanpak in Sittard-Geleen. Ik kom naar de public events "
            "om te horen hoe opbouwwerkers tegen onze plannen aankijken."
        ),
        motivation="Ik deel graag hoe de gemeente wijkgericht werken organiseert.",
        avatar=False,
    ),
    DemoMember(
        email="nadia.haddou@example.org",
        name="Nadia Haddou",
        organisation="Hogeschool Utrecht",
        sector=Sector.RESEARCH,
        job_title="promovendus",
        level=ONLINE,
        days_ago=300,
        expertise=[DIVERSITEIT, ORGANIZING, ONDERZOEK],
        bio=(
            "Ik promoveer op community organizing in Nederlandse wijken: wat kunnen we leren "
            "van de Amerikaanse traditie, en waar past die niet? Ik lees graag mee met "
            "praktijkcasussen in de kennisbank."
        ),
        motivation=(
            "Ik deel literatuur en voorlopige bevindingen, en zoek opbouwwerkers die willen "
            "meedenken over mijn casestudies."
        ),
        level_request_note=(
            "Mijn veldwerk in Heerlen-Noord begint dit najaar. Ik wil graag naar de "
            "bijeenkomsten om mijn eerste bevindingen met opbouwwerkers te bespreken."
        ),
    ),
    DemoMember(
        email="wim.hermans@example.org",
        name="Wim Hermans",
        organisation="Stichting Buurtkracht Parkstad",
        sector=Sector.PRACTICE,
        job_title="opbouwwerker",
        level=MEETINGS,
        days_ago=690,
        status=ENDED,
        expertise=[BEWONERSPARTICIPATIE, INFORMELE_ZORG],
        bio=(
            "Opbouwwerker in Landgraaf en Brunssum, inmiddels met pensioen. Ik heb veertig "
            "jaar gezien hoe buurten veranderen als bewoners zelf aan het stuur zitten."
        ),
        motivation="Ik wil mijn ervaring doorgeven voordat ik stop met werken.",
        status_since_days=120,
    ),
    DemoMember(
        email="joyce.bemelmans@example.org",
        name="Joyce Bemelmans",
        organisation="Trajekt",
        sector=Sector.PRACTICE,
        job_title="sociaal werker",
        level=ONLINE,
        days_ago=270,
        expertise=[INFORMELE_ZORG, COLLECTIEVE_AANPAK],
        bio=(
            "Ik ondersteun vrijwilligers en mantelzorgers in Maastricht-Zuidwest en volg het "
            "atelier vooral online."
        ),
        motivation="Ik deel ervaringen met vrijwilligersnetwerken in de wijk.",
        listed=False,
        avatar=False,
    ),
    DemoMember(
        email="daan.verhoeven@example.org",
        name="Daan Verhoeven",
        organisation="Hogeschool Utrecht",
        sector=Sector.EDUCATION,
        job_title="docent en praktijkbegeleider",
        level=PUBLIC_EVENTS,
        days_ago=500,
        status=PAUSED,
        expertise=[ONDERWIJS, WIJKGERICHT],
        bio=(
            "Ik begeleid studenten in het werkveld en ben dit jaar met studieverlof. Na de "
            "zomer pak ik de public events weer op."
        ),
        motivation="Ik breng ervaring met praktijkleren in de wijk mee.",
        status_since_days=90,
    ),
    DemoMember(
        email="chantal.habets@example.org",
        name="Chantal Habets",
        organisation="Zuyd Hogeschool",
        sector=Sector.EDUCATION,
        job_title="docent en praktijkcoördinator",
        level=MEETINGS,
        days_ago=390,
        expertise=[ONDERWIJS, BEROEPSIDENTITEIT, COLLECTIEVE_AANPAK],
        bio=(
            "Ik verbind de opleiding Social Work met welzijnsorganisaties in de regio. In het "
            "atelier werk ik aan een werkvorm waarmee studenten hun eigen professionele stem "
            "leren vinden."
        ),
        motivation=(
            "Ik deel de werkvormen die we in het onderwijs uitproberen en haal feedback op "
            "uit de praktijk."
        ),
    ),
    DemoMember(
        email="rik.schreurs@example.org",
        name="Rik Schreurs",
        organisation="Zuyd Hogeschool",
        sector=Sector.EDUCATION,
        job_title="student Social Work",
        level=ONLINE,
        days_ago=9,
        status=APPLIED,
        expertise=[BEWONERSPARTICIPATIE, WIJKGERICHT],
        bio="Derdejaars student, stage bij een buurtteam in Geleen.",
        motivation=(
            "Ik wil de kennisbank gebruiken voor mijn stage en deel wat ik leer over "
            "buurtgesprekken."
        ),
        avatar=False,
    ),
    DemoMember(
        email="gerda.moonen@example.org",
        name="Gerda Moonen",
        organisation="Bewonersplatform Heerlen-Noord",
        sector=Sector.OTHER,
        job_title="voorzitter bewonersplatform",
        level=PUBLIC_EVENTS,
        days_ago=240,
        expertise=[BEWONERSPARTICIPATIE, INFORMELE_ZORG],
        bio=(
            "Actieve bewoner en vrijwilliger. Ik kom naar de public events om te laten horen "
            "hoe beleid en opbouwwerk er vanaf de stoep uitzien."
        ),
        motivation="Ik breng de ervaring van bewoners mee die zelf iets in hun buurt opzetten.",
        avatar=False,
    ),
    DemoMember(
        email="samir.benali@example.org",
        name="Samir Benali",
        organisation="Alcander",
        sector=Sector.PRACTICE,
        job_title="opbouwwerker jeugd en wijk",
        level=MEETINGS,
        days_ago=210,
        expertise=[ORGANIZING, DIVERSITEIT],
        bio=(
            "Ik werk met jongeren die zich in hun wijk niet gehoord voelen. Samen organiseren "
            "we acties en gesprekken met de gemeente."
        ),
        motivation="Ik deel ervaringen met jongerenparticipatie en organizing.",
        listed=False,
    ),
    DemoMember(
        email="eveline.kuijpers@example.org",
        name="Eveline Kuijpers",
        organisation="Gemeente Heerlen",
        sector=Sector.OTHER,
        job_title="wijkregisseur",
        level=ONLINE,
        days_ago=120,
        expertise=[WIJKGERICHT, SIGNAALFUNCTIE],
        bio=(
            "Als wijkregisseur vang ik signalen op van bewoners, politie en welzijnswerk. Ik "
            "wil beter begrijpen welke signalen opbouwwerkers zien die bij ons nooit aankomen."
        ),
        motivation="Ik deel hoe signalen binnen de gemeente worden opgepakt (of blijven liggen).",
        avatar=False,
    ),
    DemoMember(
        email="thijs.geurts@example.org",
        name="Thijs Geurts",
        organisation="Zuyd Hogeschool",
        sector=Sector.RESEARCH,
        job_title="onderzoeker",
        level=MEETINGS,
        days_ago=90,
        expertise=[ONDERZOEK, COLLECTIEVE_AANPAK, BESTAANSZEKERHEID],
        bio=(
            "Ik onderzoek collectieve aanpakken van armoede, zoals buurtgeldpotten en "
            "samen-sparen-groepen. Mijn hypothese: wat bewoners samen regelen, houdt langer "
            "stand dan wat een hulpverlener voor ze regelt."
        ),
        motivation=(
            "Ik zoek praktijken om te onderzoeken en deel de resultaten terug als tools voor "
            "het werkveld."
        ),
        show_email=True,
    ),
    DemoMember(
        email="marloes.jacobs@example.org",
        name="Marloes Jacobs",
        organisation="Hogeschool van Amsterdam",
        sector=Sector.RESEARCH,
        job_title="lector community development",
        level=PUBLIC_EVENTS,
        days_ago=60,
        expertise=[BEROEPSIDENTITEIT, ONDERZOEK, ORGANIZING],
        bio=(
            "Ik leid een lectoraat dat samen met opbouwwerkers aan de professionalisering van "
            "het vak werkt. Ik volg het Limburgse leeratelier als inspiratie voor een "
            "vergelijkbaar atelier in Amsterdam."
        ),
        motivation="Ik deel onderzoek naar de professionalisering van samenlevingsopbouw.",
    ),
    DemoMember(
        email="ahmed.ouali@example.org",
        name="Ahmed Ouali",
        organisation="Impuls",
        sector=Sector.PRACTICE,
        job_title="opbouwwerker",
        level=ONLINE,
        days_ago=30,
        expertise=[BESTAANSZEKERHEID, SIGNAALFUNCTIE, COLLECTIEVE_AANPAK],
        bio=(
            "Net begonnen als opbouwwerker in Kerkrade, daarvoor schuldhulpverlener. Ik wil "
            "leren hoe je van individuele schuldenverhalen een collectief signaal maakt."
        ),
        motivation="Ik breng kennis van schuldhulp mee en deel die graag met het atelier.",
        avatar=False,
    ),
]

DEMO_LOGINS = [(member.email, member.login) for member in MEMBERS if member.login]


def load_members(password: str) -> None:
    """Add the demo members that are missing; every new account gets `password`."""
    now = timezone.now()
    hashed = functools.cache(lambda: make_password(password))  # slow on purpose: hash once
    coordinator = _ensure_account(MEMBERS[0], hashed, now, is_coordinator=True)
    for member in MEMBERS:
        if member.email == COORDINATOR_EMAIL:
            user, approved_by = coordinator, None
        else:
            user, approved_by = _ensure_account(member, hashed, now), coordinator
        if not Profile.objects.filter(user=user).exists():
            _create_profile(user, member, now, approved_by)


def _ensure_account(
    member: DemoMember, hashed: Callable[[], str], now, is_coordinator=False
) -> User:
    user = User.objects.filter(email=member.email).first()
    if user is None:
        user = User.objects.create(
            email=member.email,
            password=hashed(),
            is_staff=is_coordinator,
            date_joined=now - timedelta(days=member.days_ago),
        )
        if is_coordinator:
            user.groups.add(Group.objects.get(name=COORDINATOR_GROUP))
    EmailAddress.objects.get_or_create(
        user=user, email=member.email, defaults={"verified": True, "primary": True}
    )
    return user


def _create_profile(user: User, member: DemoMember, now, approved_by: User | None) -> Profile:
    applied_at = now - timedelta(days=member.days_ago)
    approved_at = None
    status_changed_at = applied_at
    if member.status != APPLIED:
        # The coordinator takes between two days and two weeks.
        approved_at = applied_at + timedelta(days=2 + len(member.name) % 12, hours=3)
        status_changed_at = approved_at
        if member.status_since_days is not None:
            status_changed_at = now - timedelta(days=member.status_since_days)
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
            level=MEETINGS,
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
