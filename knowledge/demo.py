"""Demo library for `make run`: cases, tools, background and reports that look lived in.

About thirty items of all four kinds, written for the demo about the atelier's themes,
published over the last eighteen months by demo members (members/demo.py): mostly
public, a third for members only, two drafts, and one item whose author has left (it
shows "former member"). Reports belong to the past demo meetings (sessions_app/demo.py)
and are dated a few days after them. Members comment on a dozen items; the coordinator
hid one comment. Two tools carry a worksheet made in code, a PDF and a PNG, which pass
through the same check as an upload. The first themes of the library are set too.

Everything is fixed data (no randomness): dates are relative to today. Items are
looked up by slug: an item that exists is left alone, with its tags, comments and files,
so a second run adds nothing and changes nothing. Themes are only set when there are
none yet, so the coordinator's choice of themes stands.
"""

import io
from dataclasses import dataclass
from datetime import datetime, time, timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from django.utils.text import slugify
from PIL import Image, ImageDraw, ImageFont
from taggit.models import Tag

from members.demo import (
    BEROEPSIDENTITEIT,
    BEWONERSPARTICIPATIE,
    COLLECTIEVE_AANPAK,
    SIGNAALFUNCTIE,
    SOCIALE_BASIS,
    WIJKGERICHT,
)
from members.models import User
from sessions_app.demo import (
    ANOUK,
    BAS,
    CHANTAL,
    COORDINATOR,
    ESRA,
    EVELINE,
    FATIMA,
    GERDA,
    HANS,
    INGRID,
    JEROEN,
    JOYCE,
    KOEN,
    LOTTE,
    MARIEKE,
    MARLOES,
    MIRIAM,
    NADIA,
    PETER,
    RAMON,
    SAMIR,
    SANNE,
    THIJS,
    YOUSSEF,
)
from sessions_app.models import Event, EventKind, EventStatus

from .attachments import check_attachment
from .models import (
    Attachment,
    Comment,
    FeaturedTag,
    Resource,
    ResourceKind,
    ResourceStatus,
    Visibility,
)
from .sharing import add_attachment

AHMED = "ahmed.ouali@example.org"

# The library's vocabulary: every item has two to four of these tags. The first six are
# also expertise tags of the demo members, so a tag finds people as well as items.
LEGITIMERING = "legitimering"
PROFESSIONALISERING = "professionalisering"
ARMOEDE = "armoede"
SAMENWERKING_GEMEENTE = "samenwerking gemeente"
ONDERZOEK = "onderzoek"
ONDERWIJS = "onderwijs"
REFLECTIE = "reflectie"
NETWERKEN = "netwerken"
DIVERSITEIT = "diversiteit"

# The themes on the library's front page, in this order.
THEMES = [
    (SIGNAALFUNCTIE, "Laten horen wat er in de wijk misgaat, ook als de opdrachtgever luistert."),
    (COLLECTIEVE_AANPAK, "Van losse hulpvragen naar wat bewoners delen en samen aanpakken."),
    (BEROEPSIDENTITEIT, "Wat maakt samenlevingsopbouw tot een vak, en hoe vertel je dat?"),
    (LEGITIMERING, "Verantwoorden wat opbouwwerk oplevert, zonder het werk tot cijfers te maken."),
    (BEWONERSPARTICIPATIE, "Bewoners aan zet: wanneer participatie versterkt en wanneer niet."),
    (SOCIALE_BASIS, "De sociale infrastructuur van buurten: plekken, netwerken en verbindingen."),
]

CASE = ResourceKind.CASE
TOOL = ResourceKind.TOOL
BACKGROUND = ResourceKind.BACKGROUND
REPORT = ResourceKind.REPORT
PUBLIC = Visibility.PUBLIC
MEMBERS = Visibility.MEMBERS
PUBLISHED = ResourceStatus.PUBLISHED
DRAFT = ResourceStatus.DRAFT

PUBLISH_HOUR = time(10)


@dataclass(frozen=True)
class DemoComment:
    author: str  # e-mail address of a demo member
    days: int  # days after the item was published
    body: str
    hidden: bool = False  # hidden by the coordinator


@dataclass(frozen=True)
class DemoResource:
    kind: str
    title: str
    summary: str
    body: str
    tags: tuple[str, ...]
    authors: tuple[str, ...]  # e-mail addresses; the first created it. Empty: a former member
    days_ago: int  # published (a draft: created); a report: only if its meeting is gone
    visibility: str = PUBLIC
    status: str = PUBLISHED
    meeting: str = ""  # the slug of the past meeting a report is about
    attachment: str = ""  # the download name of a file made in code (ATTACHMENTS)
    comments: tuple[DemoComment, ...] = ()

    @property
    def slug(self) -> str:
        return slugify(self.title)[:100]


# --- Practice cases ----------------------------------------------------------------------

CASES = [
    DemoResource(
        kind=CASE,
        title="Een buurtkamer in Heerlen-Noord",
        summary=(
            "In een leegstaand winkelpand openden bewoners samen met de opbouwwerker een "
            "buurtkamer. Over sleutels, roosters en de vraag wie eigenaar is van een plek."
        ),
        body=(
            "## Context\n"
            "\n"
            "In een straat in Heerlen-Noord stond een winkelpand al jaren leeg. Bewoners "
            "klaagden in het wijkoverleg dat er 'nergens meer iets te doen' was, terwijl het "
            "buurthuis twee jaar eerder was gesloten. De woningcorporatie wilde het pand wel "
            "tijdelijk beschikbaar stellen, mits iemand de verantwoordelijkheid nam.\n"
            "\n"
            "## Aanpak\n"
            "\n"
            "In plaats van zelf de kamer te gaan runnen, ging de opbouwwerker met de "
            "bewoners die het hardst klaagden om tafel. Samen maakten we een lijst: wat wil "
            "je er doen, wie heeft er een sleutel, wat kost het? Het bewonersplatform werd "
            "huurder, de corporatie vroeg een symbolische huur. Acht bewoners namen elk twee "
            "dagdelen per week voor hun rekening. De opbouwwerker hielp bij het eerste "
            "rooster en de subsidieaanvraag voor inrichting, en trok zich daarna bewust terug "
            "naar één vast overleg per maand.\n"
            "\n"
            "## Resultaat\n"
            "\n"
            "Na een jaar is de buurtkamer vier dagen per week open. Er is een koffieochtend, "
            "een taalgroep, een repair-middag en een spreekuur van de wijkagent. Bewoners "
            "die elkaar niet kenden, bellen elkaar nu als iemand ziek is. Het spreekuur "
            "levert signalen op over vocht in woningen, die het platform zelf bij de "
            "corporatie neerlegt.\n"
            "\n"
            "## Lessen\n"
            "\n"
            "- Geef de sleutel echt uit handen: wie de sleutel heeft, voelt zich eigenaar.\n"
            "- Spreek vooraf af wat er gebeurt als vrijwilligers uitvallen. Bij ons gaat de "
            "kamer dan dicht; de opbouwwerker valt niet in.\n"
            "- Een kleine plek zonder structurele dekking blijft kwetsbaar. Maak de waarde "
            "ervan vroeg zichtbaar voor de gemeente, met de verhalen van bewoners zelf."
        ),
        tags=(BEWONERSPARTICIPATIE, SOCIALE_BASIS, WIJKGERICHT),
        authors=(SANNE, GERDA),
        days_ago=200,
        comments=(
            DemoComment(
                INGRID,
                3,
                "Herkenbaar! In Maastricht-Oost werkte het pas toen we de sleutel echt "
                "uit handen gaven. Hoe voorkomen jullie dat het op twee vaste vrijwilligers "
                "neerkomt?",
            ),
            DemoComment(
                SANNE,
                4,
                "Met een rooster van acht mensen en een harde afspraak: valt iemand uit, dan "
                "blijft de deur dicht. Dat voelde eerst streng, maar het beschermt de groep.",
            ),
            DemoComment(
                JOYCE,
                20,
                "Is de vrijwilliger op dinsdag niet de mevrouw van nummer 14 die net uit het "
                "ziekenhuis komt? Dan zou ik haar niet zo zwaar belasten.",
                hidden=True,
            ),
            DemoComment(
                COORDINATOR,
                21,
                "Ik heb een reactie verborgen omdat er een bewoner in herkenbaar werd. Ook in "
                "de kennisbank noemen we geen bewoners die je kunt herkennen.",
            ),
            DemoComment(
                MARIEKE,
                30,
                "Vanuit de gemeente gelezen: de huur is klein, de waarde groot. Ik neem de "
                "vraag naar structurele dekking mee naar ons overleg over de sociale basis.",
            ),
        ),
    ),
    DemoResource(
        kind=CASE,
        title="Bewonersbudget in Kerkrade-West: bewoners verdelen de buurtpot",
        summary=(
            "De gemeente stelde een jaarbudget beschikbaar voor bewonersinitiatieven. Een "
            "jury van bewoners, deels door loting gekozen, besliste over de aanvragen."
        ),
        body=(
            "## Context\n"
            "\n"
            "Kerkrade-West kende al jaren een leefbaarheidsbudget, maar de aanvragen kwamen "
            "steeds van dezelfde drie verenigingen en de ambtenaar besliste. De gemeente "
            "wilde het anders en vroeg het opbouwwerk om mee te denken over een "
            "bewonersbudget waarover bewoners zelf beslissen.\n"
            "\n"
            "## Aanpak\n"
            "\n"
            "We stelden voor om de beslissing bij een bewonersjury te leggen. De helft van de "
            "jury bestond uit actieve bewoners, de andere helft werd geloot uit mensen die "
            "via een briefje in de bus hadden aangegeven mee te willen doen. De opbouwwerker "
            "begeleidde de jury, maar stemde niet mee. Aanvragers presenteerden hun plan in "
            "vijf minuten op een open avond in de school. De spelregels hielden we kort: "
            "het plan is voor de buurt, er doen minstens drie huishoudens mee, en je laat "
            "na afloop zien wat er gebeurd is, met foto's of een verhaal in plaats van een "
            "formulier.\n"
            "\n"
            "## Resultaat\n"
            "\n"
            "Het eerste jaar kwamen er negentien aanvragen binnen, waarvan veertien van "
            "mensen die nog nooit iets hadden aangevraagd. Er kwam een moestuin bij de flat, "
            "een kookclub voor alleenstaande vaders en een straatfeest dat inmiddels "
            "jaarlijks terugkomt. De geloote juryleden bleven na hun jaar betrokken.\n"
            "\n"
            "## Lessen\n"
            "\n"
            "- Loting haalt andere mensen binnen dan een oproep voor vrijwilligers.\n"
            "- Verantwoording in de taal van bewoners werkt beter dan een formulier, maar "
            "spreek dat vooraf met de gemeente af, anders wordt het achteraf alsnog een "
            "formulier.\n"
            "- De opbouwwerker is procesbegeleider, geen beslisser. Dat moet je soms hardop "
            "zeggen, tegen de jury en tegen de ambtenaar."
        ),
        tags=(BEWONERSPARTICIPATIE, SAMENWERKING_GEMEENTE, COLLECTIEVE_AANPAK),
        authors=(RAMON,),
        days_ago=430,
        comments=(
            DemoComment(
                PETER,
                6,
                "Bij veel bewonersbudgetten pakt de gemeente de regie terug zodra het om "
                "verantwoording gaat. Mooi dat jullie dat vooraf hebben afgesproken.",
            ),
            DemoComment(
                FATIMA,
                20,
                "De loting vind ik een sterke vondst. Ik neem dit voorbeeld mee in onze "
                "verzameling praktijkvoorbeelden over bewonersbudgetten, als je het goed vindt.",
            ),
        ),
    ),
    DemoResource(
        kind=CASE,
        title="Armoede signaleren via de voedselbank",
        summary=(
            "Vrijwilligers van de voedselbank hoorden steeds dezelfde verhalen over "
            "energierekeningen. Samen met hen werd het een signaal dat de gemeente niet kon "
            "negeren."
        ),
        body=(
            "## Context\n"
            "\n"
            "Bij het uitgiftepunt van de voedselbank in een wijk van Kerkrade stonden elke "
            "week meer mensen in de rij. De vrijwilligers vertelden dat veel klanten het "
            "over hetzelfde hadden: een hoge eindafrekening van de energie, voorschotten die "
            "niet meer op te brengen waren, en angst om de post open te maken. Ieder verhaal "
            "kwam bij een andere hulpverlener terecht, als het al ergens terechtkwam.\n"
            "\n"
            "## Aanpak\n"
            "\n"
            "De opbouwwerker vroeg de vrijwilligers een maand lang bij te houden wat ze "
            "hoorden, zonder namen: een streepje per onderwerp op een simpele lijst. Daarna "
            "bespraken we de lijst met de vrijwilligers en met een paar klanten die wilden "
            "meedenken. Wat zien we, wat betekent het, en wie moet dit weten? De uitkomst "
            "werd één pagina met cijfers en drie korte verhalen, die de vrijwilligers zelf "
            "toelichtten in het overleg met de gemeente en de woningcorporatie.\n"
            "\n"
            "## Resultaat\n"
            "\n"
            "Er kwam een wekelijks inloopspreekuur over energie bij de voedselbank, met een "
            "energiecoach en iemand van schuldhulp aan tafel. De corporatie ging met een "
            "groep huurders kijken naar isolatie van de slechtste portiekflats. Belangrijker "
            "nog: de vrijwilligers zien zichzelf nu als mensen die iets kunnen veranderen, "
            "niet alleen als uitdelers.\n"
            "\n"
            "## Lessen\n"
            "\n"
            "- Signalen liggen bij mensen die dicht op bewoners staan. Maak hen mede-eigenaar.\n"
            "- Een eenvoudige turflijst is genoeg om van losse verhalen een patroon te maken.\n"
            "- Laat het signaal brengen door wie het heeft opgehaald. Dat maakt het sterker "
            "dan een notitie van de opbouwwerker."
        ),
        tags=(ARMOEDE, SIGNAALFUNCTIE, COLLECTIEVE_AANPAK),
        authors=(AHMED, RAMON),
        days_ago=10,
        comments=(
            DemoComment(
                EVELINE,
                1,
                "Als wijkregisseur krijg ik signalen zelden zo concreet. Mag ik dit meenemen "
                "naar ons overleg over bestaanszekerheid?",
            ),
            DemoComment(
                AHMED,
                2,
                "Graag, maar nodig dan ook twee vrijwilligers van de voedselbank uit. Zij "
                "hebben het signaal opgehaald en kunnen het het beste vertellen.",
            ),
            DemoComment(
                THIJS,
                3,
                "Mooi voorbeeld voor ons onderzoek naar collectieve aanpakken van armoede. "
                "Zullen we een keer bellen over de turflijst?",
            ),
        ),
    ),
    DemoResource(
        kind=CASE,
        title="Tussen opdracht en buurt: het participatietraject dat schuurde",
        summary=(
            "De gemeente vroeg het opbouwwerk een participatietraject te leiden over de "
            "herinrichting van een plein. Bewoners wilden het over iets heel anders hebben."
        ),
        body=(
            "## Context\n"
            "\n"
            "De gemeente had geld voor de herinrichting van een plein en gaf het opbouwwerk "
            "de opdracht om 'de participatie te organiseren'. Het ontwerp lag er al in "
            "grote lijnen; bewoners mochten kiezen uit drie varianten voor speeltoestellen "
            "en bankjes. Op de eerste avond bleek dat bewoners vooral boos waren over de "
            "verkeersveiligheid: auto's scheuren door de straat naast het plein, en daar ging "
            "het plan niet over.\n"
            "\n"
            "## Aanpak\n"
            "\n"
            "De opbouwwerker stond voor een keuze: het traject afmaken zoals gevraagd, of "
            "de zorg van bewoners serieus nemen en daarmee de opdrachtgever voor het hoofd "
            "stoten. We kozen voor een tussenweg. De keuze voor de speeltoestellen ging "
            "door, maar we organiseerden ook een avond over verkeer, met bewoners die zelf "
            "tellingen deden. De uitkomst brachten we als signaal in bij de gemeente, met "
            "de boodschap dat een plein zonder veilige oversteek weinig zal worden gebruikt.\n"
            "\n"
            "## Resultaat\n"
            "\n"
            "De gemeente was eerst geïrriteerd: dit hoorde niet bij de opdracht. Na een "
            "gesprek met de wethouder kwam er toch een drempel en een zebrapad. Het contact "
            "met de projectleider bleef een tijd stroef.\n"
            "\n"
            "## Lessen\n"
            "\n"
            "- Bespreek bij een opdracht vooraf wat je doet met signalen die buiten de "
            "opdracht vallen. Dat voorkomt verrassingen aan beide kanten.\n"
            "- Participatie waarbij alles al vastligt, schaadt het vertrouwen van bewoners in "
            "de opbouwwerker. Zeg dat eerlijk tegen je opdrachtgever.\n"
            "- Zoek steun bij je eigen organisatie voordat je het conflict aangaat."
        ),
        tags=(SAMENWERKING_GEMEENTE, SIGNAALFUNCTIE, LEGITIMERING),
        authors=(INGRID,),
        days_ago=380,
        visibility=MEMBERS,
        comments=(
            DemoComment(
                RAMON,
                2,
                "Dank voor je openheid. Ik herken de druk om 'het traject af te ronden'. De "
                "tellingen door bewoners zelf vind ik een slimme zet.",
            ),
            DemoComment(
                JEROEN,
                5,
                "Mag ik deze casus, zonder plaatsnamen, gebruiken in mijn onderzoek naar hoe "
                "opbouwwerkers hun werk legitimeren?",
            ),
        ),
    ),
    DemoResource(
        kind=CASE,
        title="Van schuldendossiers naar een gesprek met de woningcorporatie",
        summary=(
            "Tien gezinnen met een betalingsachterstand bij dezelfde corporatie, tien losse "
            "dossiers. Hoe werd het één gesprek over huurbeleid?"
        ),
        body=(
            "## Context\n"
            "\n"
            "In het sociaal team van een Kerkraadse wijk liepen tien dossiers van gezinnen "
            "met een huurachterstand. Bij de casusbespreking viel op dat het steeds om "
            "dezelfde corporatie ging, en steeds om hetzelfde moment: de jaarlijkse "
            "huurverhoging in combinatie met een nieuwe servicekostenregeling. Ieder gezin "
            "kreeg een eigen betalingsregeling, en ieder gezin schaamde zich.\n"
            "\n"
            "## Aanpak\n"
            "\n"
            "De sociaal werker en de opbouwwerker vroegen de gezinnen of ze elkaar wilden "
            "ontmoeten. Zes gezinnen zeiden ja. In twee avonden ontdekten ze dat ze niet de "
            "enigen waren, en dat de servicekosten voor hun flat opvallend hoog waren. Met "
            "hulp van de huurdersvereniging zetten ze hun vragen op papier. Een onderzoeker "
            "van het lectoraat hielp de servicekosten te vergelijken met andere complexen.\n"
            "\n"
            "## Resultaat\n"
            "\n"
            "De corporatie ging in gesprek met de groep en herzag de servicekosten voor het "
            "complex. Voor drie gezinnen verdween de achterstand daarmee grotendeels. Twee "
            "moeders zitten nu in het bestuur van de huurdersvereniging. Binnen het sociaal "
            "team is afgesproken dat terugkerende problemen in de casusbespreking als "
            "mogelijk collectief vraagstuk worden genoteerd.\n"
            "\n"
            "## Lessen\n"
            "\n"
            "- Kijk in casusbesprekingen niet alleen naar het gezin, maar ook naar wat "
            "gezinnen delen.\n"
            "- Vraag toestemming voordat je mensen met elkaar in contact brengt, en geef ze "
            "de ruimte om nee te zeggen.\n"
            "- Schaamte verdwijnt sneller in een groep dan in een spreekkamer."
        ),
        tags=(ARMOEDE, COLLECTIEVE_AANPAK, SIGNAALFUNCTIE),
        authors=(RAMON, THIJS),
        days_ago=70,
        visibility=MEMBERS,
    ),
    DemoResource(
        kind=CASE,
        title="Jongeren organiseren zich rond hun eigen plein",
        summary=(
            "Jongeren die als overlast werden gezien, werden organisatoren van hun eigen "
            "plek. Over vertrouwen, een gesprek met de burgemeester en wie het woord voert."
        ),
        body=(
            "## Context\n"
            "\n"
            "Op een plein in Heerlen hing elke avond een groep jongeren rond. Omwonenden "
            "belden de politie, de gemeente overwoog een samenscholingsverbod. De jongeren "
            "zelf voelden zich weggezet: er was in de wijk geen enkele plek voor hen.\n"
            "\n"
            "## Aanpak\n"
            "\n"
            "De opbouwwerker ging niet met een plan naar het plein, maar met een vraag: wat "
            "zouden jullie hier willen? Na een paar weken praten bleek dat de jongeren een "
            "overdekte plek wilden en een eigen sporttoernooi. We hielpen ze hun plan op te "
            "schrijven en te oefenen hoe ze het konden presenteren. Belangrijk was dat zij "
            "zelf het woord voerden, ook toen de burgemeester op bezoek kwam. Met de "
            "omwonenden organiseerden de jongeren een avond waarop iedereen zijn kant van "
            "het verhaal kon vertellen.\n"
            "\n"
            "## Resultaat\n"
            "\n"
            "Er kwam geen samenscholingsverbod. De gemeente plaatste een overkapping en de "
            "jongeren organiseren twee keer per jaar een voetbaltoernooi voor de hele wijk. "
            "De klachten van omwonenden namen sterk af. Een paar jongeren doen nu mee in het "
            "wijkplatform.\n"
            "\n"
            "## Lessen\n"
            "\n"
            "- Jongeren die als probleem worden gezien, hebben vaak een heldere vraag. Je "
            "moet de tijd nemen om die te horen.\n"
            "- Laat jongeren zelf het woord voeren, ook als dat spannend is.\n"
            "- Een gesprek tussen jongeren en omwonenden werkt beter als beide groepen zich "
            "vooraf gehoord voelen."
        ),
        tags=(DIVERSITEIT, BEWONERSPARTICIPATIE, NETWERKEN),
        authors=(SAMIR,),
        days_ago=180,
    ),
    DemoResource(
        kind=CASE,
        title="Vertrouwen bouwen met nieuwe buurtbewoners in Heerlen-Centrum",
        summary=(
            "Nieuwe Nederlanders kwamen niet naar de bewonersavonden. Pas toen de "
            "opbouwwerker naar hen toe kwam, ontstond er een groep die meepraat over de buurt."
        ),
        body=(
            "## Context\n"
            "\n"
            "In een deel van Heerlen-Centrum woont een groeiende groep nieuwe Nederlanders, "
            "onder wie statushouders en arbeidsmigranten. Op bewonersavonden over de buurt "
            "zagen we hen nooit. Andere bewoners zeiden: 'Ze willen niet meedoen.' De "
            "opbouwwerker vroeg zich af of dat klopte, of dat onze avonden gewoon niet voor "
            "hen bedoeld leken.\n"
            "\n"
            "## Aanpak\n"
            "\n"
            "We begonnen klein: koffie drinken bij de taalles, meelopen met een "
            "sleutelfiguur uit de Eritrese gemeenschap, en luisteren. Wat speelt er, waar "
            "maak je je zorgen over? Er kwamen vragen over huur, over school en over "
            "eenzaamheid. Met een tolk organiseerden we gesprekken in kleine groepen, op "
            "plekken waar mensen al kwamen. Pas na een half jaar nodigden we een paar "
            "deelnemers uit voor het gewone bewonersoverleg, samen met de bewoners die er al "
            "jaren zaten.\n"
            "\n"
            "## Resultaat\n"
            "\n"
            "Er is nu een vaste groep van ongeveer vijftien mensen die elke maand samenkomt. "
            "Drie van hen zitten in het bewonersoverleg. Het overleg vergadert nu in een "
            "eenvoudiger taal en begint met eten. Samen hebben ze de gemeente gevraagd om "
            "een beter verlichte route naar de taalschool.\n"
            "\n"
            "## Lessen\n"
            "\n"
            "- 'Ze willen niet' betekent vaak: we hebben het ze niet makkelijk gemaakt.\n"
            "- Vertrouwen kost tijd die in geen productafspraak past. Benoem die tijd toch.\n"
            "- Sleutelfiguren openen deuren, maar vraag ze niet om alles te vertalen."
        ),
        tags=(DIVERSITEIT, BEWONERSPARTICIPATIE, WIJKGERICHT),
        authors=(ESRA,),
        days_ago=300,
    ),
    DemoResource(
        kind=CASE,
        title="Als stagiair opbouwwerk in een sociaal wijkteam",
        summary=(
            "Een student liep stage in een wijkteam dat vooral individuele hulp biedt. Hoe "
            "houd je daar oog voor het collectieve, als beginnend professional?"
        ),
        body=(
            "## Context\n"
            "\n"
            "Een derdejaars student Social Work liep stage in het sociaal wijkteam van een "
            "wijk in Sittard. Het team draaide vooral op individuele hulpvragen: "
            "keukentafelgesprekken, indicaties, doorverwijzingen. De student wilde zich "
            "richten op samenlevingsopbouw, maar in het team was daar weinig ruimte voor. "
            "De praktijkbegeleider van de hogeschool en de stagebegeleider in het team "
            "zochten samen naar een opdracht.\n"
            "\n"
            "## Aanpak\n"
            "\n"
            "De student kreeg de opdracht om drie maanden bij te houden welke vragen in het "
            "team vaker terugkwamen. Daarna interviewde ze vijf bewoners over die vragen en "
            "bracht ze de uitkomsten in het teamoverleg. Op school werkte ze met een "
            "reflectiekaart over haar eigen rol: ben ik hulpverlener, verbinder of "
            "aanjager?\n"
            "\n"
            "## Resultaat\n"
            "\n"
            "Eenzaamheid onder oudere mannen kwam het vaakst terug. Met twee bewoners "
            "startte de student een wekelijkse wandelgroep, die na haar stage door de "
            "bewoners zelf is voortgezet. Het team besloot een kwartier van het weekoverleg "
            "te besteden aan 'wat zien we vaker'. De student zegt zelf dat ze pas tijdens "
            "deze stage begreep wat opbouwwerk anders maakt dan hulpverlening.\n"
            "\n"
            "## Lessen\n"
            "\n"
            "- Een stageopdracht kan een team helpen om collectief te kijken.\n"
            "- Studenten hebben ervaren collega's nodig die het collectieve werk voordoen.\n"
            "- Onderwijs en praktijk moeten samen de opdracht maken, anders blijft de "
            "student tussen twee werelden hangen."
        ),
        tags=(WIJKGERICHT, BEROEPSIDENTITEIT, ONDERWIJS),
        authors=(LOTTE, CHANTAL),
        days_ago=120,
    ),
    DemoResource(
        kind=CASE,
        title="Bewoners als mede-onderzoekers in Maastricht-Oost",
        summary=(
            "Een buurtonderzoek naar eenzaamheid, uitgevoerd door bewoners, studenten en "
            "een onderzoeker samen. Wat leverde het op dat een enquête niet had opgeleverd?"
        ),
        body=(
            "## Context\n"
            "\n"
            "De gemeente wilde weten hoe het met eenzaamheid in Maastricht-Oost stond en "
            "dacht aan een enquête. Het opbouwwerk en het lectoraat stelden iets anders "
            "voor: een onderzoek waarin bewoners zelf vragen stellen en gesprekken voeren. "
            "Zo wordt onderzoek ook een manier om mensen met elkaar in contact te brengen.\n"
            "\n"
            "## Aanpak\n"
            "\n"
            "Acht bewoners en zes studenten volgden drie korte trainingen: een goede vraag "
            "stellen, doorvragen en aantekeningen maken. In duo's van een bewoner en een "
            "student voerden ze zestig gesprekken bij mensen thuis en op straat. De "
            "onderzoeker hielp bij de analyse, maar de conclusies trokken we samen, in twee "
            "avonden in het buurtcentrum.\n"
            "\n"
            "## Resultaat\n"
            "\n"
            "Het onderzoek liet zien dat eenzaamheid in de wijk vaak samenhangt met een "
            "verhuizing, een scheiding of het verlies van werk, en minder met leeftijd dan "
            "de gemeente dacht. Bijna de helft van de geïnterviewden wilde zelf iets doen "
            "voor de buurt. De bewoner-onderzoekers presenteerden de uitkomsten aan de "
            "gemeenteraad. Uit het onderzoek ontstonden een maaltijdclub en een "
            "klussengroep.\n"
            "\n"
            "## Lessen\n"
            "\n"
            "- Bewoners als onderzoekers krijgen antwoorden die een enquête niet krijgt.\n"
            "- Onderzoek doen is ook opbouwwerk: het brengt mensen met elkaar in gesprek.\n"
            "- Reken op meer begeleidingstijd dan je denkt, vooral bij de analyse."
        ),
        tags=(ONDERZOEK, BEWONERSPARTICIPATIE, ONDERWIJS),
        authors=(INGRID, JEROEN),
        days_ago=340,
    ),
    DemoResource(
        kind=CASE,
        title="Verantwoorden met verhalen: een kwartaalrapportage anders",
        summary=(
            "Een team opbouwwerkers verving een deel van de cijfers in de rapportage door "
            "korte verhalen over verandering. Hoe reageerde de gemeente?"
        ),
        body=(
            "## Context\n"
            "\n"
            "Het team opbouwwerk van een welzijnsorganisatie leverde elk kwartaal een "
            "rapportage aan de gemeente: aantallen activiteiten, deelnemers en contacten. "
            "De opbouwwerkers vonden dat die cijfers niets zeiden over wat ze deden. De "
            "beleidsmedewerker las de rapportage nauwelijks, gaf hij zelf toe.\n"
            "\n"
            "## Aanpak\n"
            "\n"
            "De teamleider stelde voor om een experiment te doen. In overleg met de "
            "gemeente bleven de belangrijkste cijfers staan, maar kwamen er drie verhalen "
            "bij: korte beschrijvingen van een verandering in de wijk, met wat er vooraf "
            "ging, wat de opbouwwerker deed en wat bewoners ervan vonden. Een onderzoeker "
            "van het lectoraat hielp het team om de verhalen scherp en controleerbaar te "
            "maken. Elk kwartaal bespraken team en gemeente de verhalen in een gesprek van "
            "een uur, in plaats van alleen de cijfers te mailen.\n"
            "\n"
            "## Resultaat\n"
            "\n"
            "Het gesprek over de rapportage werd een gesprek over de wijk. De "
            "beleidsmedewerker gebruikte twee verhalen in een notitie voor de raad. Het "
            "team merkte dat het schrijven van de verhalen zelf ook hielp: je kijkt "
            "anders naar je werk als je moet uitleggen wat er veranderd is.\n"
            "\n"
            "## Lessen\n"
            "\n"
            "- Verhalen vervangen cijfers niet, maar geven ze betekenis.\n"
            "- Een goed verhaal is concreet en controleerbaar: wie, wat, wanneer.\n"
            "- Maak de verantwoording een gesprek, niet alleen een document."
        ),
        tags=(LEGITIMERING, PROFESSIONALISERING, SAMENWERKING_GEMEENTE),
        authors=(JEROEN, MIRIAM),
        days_ago=250,
        visibility=MEMBERS,
    ),
]

# --- Tools -------------------------------------------------------------------------------

TOOLS = [
    DemoResource(
        kind=TOOL,
        title="Signalenkaart",
        summary=(
            "Een werkblad om losse signalen uit de wijk te verzamelen, te ordenen en bij de "
            "juiste partij neer te leggen. Met een printbaar werkblad als bijlage."
        ),
        body=(
            "## Doel\n"
            "\n"
            "Opbouwwerkers horen veel: in de buurtkamer, op straat, bij een voedselbank. Die "
            "signalen blijven vaak hangen in losse gesprekken. De signalenkaart helpt om ze "
            "te bundelen, te zien wat vaker terugkomt en te bepalen wie er iets mee moet. Zo "
            "wordt de signaalfunctie een vast onderdeel van het werk in plaats van iets dat "
            "je doet als je tijd over hebt.\n"
            "\n"
            "## Doelgroep\n"
            "\n"
            "Opbouwwerkers en sociaal werkers, alleen of met het team. De kaart werkt ook "
            "goed met vrijwilligers en actieve bewoners die signalen opvangen.\n"
            "\n"
            "## Materialen\n"
            "\n"
            "- het werkblad (zie bijlage), geprint op A4 of A3\n"
            "- pennen of stiften\n"
            "- je eigen aantekeningen van de afgelopen weken\n"
            "\n"
            "## Stappen\n"
            "\n"
            "1. Schrijf in de eerste kolom alles op wat je de afgelopen maand hoorde of zag "
            "en wat je bleef bezighouden. Eén signaal per regel, zonder namen.\n"
            "2. Noteer waar en bij wie je het signaal tegenkwam.\n"
            "3. Geef aan hoe vaak het voorkwam: één keer, een paar keer of steeds weer.\n"
            "4. Vraag je af wie er last van heeft: één huishouden, een groep of de hele "
            "buurt?\n"
            "5. Bepaal naar wie het signaal moet, en wie het brengt. Liefst bewoners zelf, "
            "met jou ernaast.\n"
            "6. Bespreek de kaart elk kwartaal met je team of opdrachtgever.\n"
            "\n"
            "## Duur\n"
            "\n"
            "Het invullen kost een half uur. Het bespreken met het team ongeveer een uur."
        ),
        tags=(SIGNAALFUNCTIE, COLLECTIEVE_AANPAK, SAMENWERKING_GEMEENTE),
        authors=(SANNE, RAMON),
        days_ago=150,
        attachment="Signalenkaart werkblad.pdf",
        comments=(
            DemoComment(
                ESRA,
                5,
                "Gebruikt in ons teamoverleg. De kolom 'wie heeft er last van?' leverde het "
                "beste gesprek op: we zagen ineens dat drie losse klachten over één flat gingen.",
            ),
            DemoComment(
                LOTTE,
                20,
                "Op stage uitgeprobeerd met het buurtteam. Handig dat het werkblad erbij zit, "
                "ik heb het gewoon geprint en op tafel gelegd.",
            ),
        ),
    ),
    DemoResource(
        kind=TOOL,
        title="Krachtenveldanalyse in 5 stappen",
        summary=(
            "Breng in kaart wie er invloed heeft op een vraagstuk in de wijk, wie welk "
            "belang heeft en waar je bondgenoten vindt. Een werkvorm voor het begin van een "
            "traject."
        ),
        body=(
            "## Doel\n"
            "\n"
            "Een vraagstuk in de wijk raakt altijd meerdere partijen: bewoners, gemeente, "
            "corporatie, school, ondernemers. Met een krachtenveldanalyse zie je wie wat "
            "wil, wie invloed heeft en waar ruimte zit. Dat helpt om je strategie te kiezen "
            "en je eigen positie te bepalen.\n"
            "\n"
            "## Doelgroep\n"
            "\n"
            "Opbouwwerkers aan het begin van een traject, teams die vastlopen, en studenten "
            "die leren strategisch te denken.\n"
            "\n"
            "## Materialen\n"
            "\n"
            "- een groot vel papier of een whiteboard\n"
            "- gele en roze plakbriefjes\n"
            "- stiften in twee kleuren\n"
            "\n"
            "## Stappen\n"
            "\n"
            "1. **Benoem het vraagstuk** in één zin, zo concreet mogelijk.\n"
            "2. **Verzamel de partijen**: schrijf iedere partij op een briefje. Vergeet de "
            "bewoners zelf niet, en maak onderscheid binnen grote partijen (wethouder, "
            "beleidsmedewerker, wijkregisseur).\n"
            "3. **Plaats ze op de kaart**: verticaal hoeveel invloed ze hebben, horizontaal "
            "of ze voor of tegen de gewenste verandering zijn.\n"
            "4. **Beschrijf de belangen**: wat wil elke partij, en wat heeft ze nodig? "
            "Gebruik de roze briefjes voor wat je niet weet.\n"
            "5. **Kies je strategie**: met wie ga je eerst praten, wie moet je overtuigen en "
            "welke vragen moet je nog stellen?\n"
            "\n"
            "## Duur\n"
            "\n"
            "Anderhalf uur met een team. Plan na een paar maanden een korte herhaling: het "
            "krachtenveld verandert mee met het traject."
        ),
        tags=(SAMENWERKING_GEMEENTE, NETWERKEN, LEGITIMERING),
        authors=(JEROEN,),
        days_ago=470,
        comments=(
            DemoComment(
                ANOUK,
                9,
                "Ik gebruik deze werkvorm nu in mijn lessen. Studenten vergeten bijna altijd "
                "de bewoners zelf op de kaart te zetten, precies zoals stap 2 waarschuwt.",
            ),
            DemoComment(
                HANS,
                30,
                "Leerzaam om te zien hoe de gemeente op zo'n kaart terechtkomt. Terecht dat "
                "je ons opsplitst: wethouder, beleid en wijkregie willen niet altijd hetzelfde.",
            ),
        ),
    ),
    DemoResource(
        kind=TOOL,
        title="Het collectieve gesprek",
        summary=(
            "Een gespreksvorm om bewoners met een gedeeld probleem samen te laten ontdekken "
            "wat ze gemeen hebben en wat ze samen kunnen doen."
        ),
        body=(
            "## Doel\n"
            "\n"
            "Veel mensen denken dat hun probleem alleen hun eigen probleem is. Het "
            "collectieve gesprek laat bewoners ontdekken dat anderen hetzelfde meemaken, en "
            "helpt ze om van een persoonlijk verhaal naar een gezamenlijke vraag te komen. "
            "Het is de brug tussen individueel werk en de collectieve aanpak.\n"
            "\n"
            "## Doelgroep\n"
            "\n"
            "Groepen van vijf tot twaalf bewoners met een vergelijkbaar probleem, zoals "
            "huurders van één complex of ouders van één school. De gespreksleider is een "
            "opbouwwerker of een ervaren student.\n"
            "\n"
            "## Materialen\n"
            "\n"
            "- een rustige ruimte waar mensen al komen\n"
            "- koffie, thee en iets te eten\n"
            "- een flap met drie vragen\n"
            "\n"
            "## Stappen\n"
            "\n"
            "1. **Welkom**: leg uit waarom je mensen hebt uitgenodigd, en dat niemand iets "
            "hoeft te vertellen wat hij niet wil.\n"
            "2. **Verhalen**: iedereen vertelt kort wat hij meemaakt. De gespreksleider "
            "vraagt door, maar geeft geen advies.\n"
            "3. **Overeenkomsten**: wat hoor je vaker? Schrijf het samen op de flap.\n"
            "4. **Oorzaken**: ligt het aan ons, of aan iets dat voor ons allemaal geldt?\n"
            "5. **Eerste stap**: wat kunnen we samen doen, en wie doet wat voor de volgende "
            "keer?\n"
            "\n"
            "## Duur\n"
            "\n"
            "Twee uur, meestal in twee of drie bijeenkomsten."
        ),
        tags=(COLLECTIEVE_AANPAK, BEWONERSPARTICIPATIE, ONDERWIJS),
        authors=(YOUSSEF, RAMON),
        days_ago=260,
        comments=(
            DemoComment(
                CHANTAL,
                4,
                "We hebben dit met tweedejaars geoefend als rollenspel. Stap 2 is het "
                "moeilijkst: studenten willen meteen oplossingen aandragen.",
            ),
            DemoComment(
                PETER,
                11,
                "Wat ik bij bewonersgroepen zie: wie zo'n gesprek heeft meegemaakt, wordt vaak "
                "de kern van een nieuwe groep. Plan dus al een tweede bijeenkomst.",
            ),
        ),
    ),
    DemoResource(
        kind=TOOL,
        title="Buurtwandeling met bewoners",
        summary=(
            "Loop samen met bewoners door de wijk en laat hen vertellen wat ze zien. Een "
            "eenvoudige manier om de buurt door andere ogen te leren kennen."
        ),
        body=(
            "## Doel\n"
            "\n"
            "Een buurt ken je niet vanachter een bureau. Tijdens een buurtwandeling laten "
            "bewoners zien waar ze trots op zijn, waar ze zich zorgen over maken en waar ze "
            "elkaar tegenkomen. De opbouwwerker leert de sociale infrastructuur van de buurt "
            "kennen, en bewoners leren elkaar kennen.\n"
            "\n"
            "## Doelgroep\n"
            "\n"
            "Bewoners, eventueel samen met professionals van de gemeente, de corporatie of "
            "de wijkagent. Ook geschikt voor nieuwe opbouwwerkers en stagiairs die de wijk "
            "moeten leren kennen.\n"
            "\n"
            "## Materialen\n"
            "\n"
            "- een plattegrond van de wijk\n"
            "- een telefoon of camera voor foto's\n"
            "- een notitieboekje\n"
            "- goede schoenen en een plan voor slecht weer\n"
            "\n"
            "## Stappen\n"
            "\n"
            "1. Vraag twee of drie bewoners om de route te bepalen. Zij zijn de gids.\n"
            "2. Spreek af dat de gidsen vertellen en de anderen vooral vragen stellen.\n"
            "3. Loop de route en stop op plekken die de gidsen belangrijk vinden. Maak "
            "foto's, maar vraag toestemming als er mensen op staan.\n"
            "4. Sluit af met koffie op een plek in de wijk. Wat viel op? Wat verraste je?\n"
            "5. Maak samen een kaart van de wijk met de plekken, mensen en zorgen die je "
            "tegenkwam. Geef de kaart terug aan de buurt.\n"
            "\n"
            "## Duur\n"
            "\n"
            "De wandeling duurt ongeveer een uur, het nagesprek een half uur. Voorbereiding: "
            "een of twee gesprekken met de gidsen."
        ),
        tags=(WIJKGERICHT, BEWONERSPARTICIPATIE, SOCIALE_BASIS),
        authors=(INGRID,),
        days_ago=520,
    ),
    DemoResource(
        kind=TOOL,
        title="Reflectiekaart beroepsidentiteit",
        summary=(
            "Zes vragen om stil te staan bij je eigen professionele stem als opbouwwerker. "
            "Voor intervisie, stagebegeleiding of een teamdag. Met een werkblad als bijlage."
        ),
        body=(
            "## Doel\n"
            "\n"
            "Opbouwwerkers werken tussen bewoners, opdrachtgevers en collega's met een "
            "andere opdracht. Wie je bent als professional, raakt daarbij soms uit beeld. "
            "De reflectiekaart helpt om je eigen beroepsidentiteit onder woorden te brengen: "
            "waar sta je voor, wat doe je anders dan een hulpverlener, en waar wringt het?\n"
            "\n"
            "## Doelgroep\n"
            "\n"
            "Opbouwwerkers, studenten in hun stage en teams die hun profiel willen "
            "aanscherpen. Werkt alleen, maar beter in tweetallen of kleine groepen.\n"
            "\n"
            "## Materialen\n"
            "\n"
            "- het werkblad met de zes vragen (zie bijlage)\n"
            "- een concreet voorbeeld uit je eigen werk van de afgelopen maand\n"
            "\n"
            "## Stappen\n"
            "\n"
            "1. Kies een situatie waarin je je echt opbouwwerker voelde, of juist niet.\n"
            "2. Beantwoord de zes vragen op het werkblad: wat deed ik, voor wie, namens wie, "
            "wat liet ik los, wat zou een collega anders doen, en wat zegt dit over mijn vak?\n"
            "3. Vertel je antwoorden aan een ander. De luisteraar vraagt alleen door.\n"
            "4. Wissel van rol.\n"
            "5. Schrijf samen drie woorden op die jullie vak beschrijven. Vergelijk ze met die "
            "van de andere tweetallen.\n"
            "\n"
            "## Duur\n"
            "\n"
            "Drie kwartier per tweetal, en een kwartier voor het gezamenlijke gesprek."
        ),
        tags=(BEROEPSIDENTITEIT, REFLECTIE, ONDERWIJS),
        authors=(CHANTAL, ANOUK),
        days_ago=330,
        visibility=MEMBERS,
        attachment="Reflectiekaart werkblad.png",
        comments=(
            DemoComment(
                YOUSSEF,
                7,
                "In de minor gebruikt: de vraag 'namens wie deed ik dit?' zette studenten "
                "echt aan het denken. Dank voor het werkblad!",
            ),
        ),
    ),
    DemoResource(
        kind=TOOL,
        title="Pitch in twee minuten: de meerwaarde van opbouwwerk",
        summary=(
            "Schrijf en oefen een korte pitch over wat samenlevingsopbouw bijdraagt, voor "
            "een wethouder, een wijkteam of een bewoner. Met een eenvoudige kijkwijzer."
        ),
        body=(
            "## Doel\n"
            "\n"
            "Opbouwwerkers doen waardevol werk, maar vinden het lastig om in een paar zinnen "
            "te vertellen wat dat werk oplevert. Deze werkvorm helpt om een korte, "
            "overtuigende pitch te maken, in taal die past bij je publiek en recht doet aan "
            "de complexiteit van het werk.\n"
            "\n"
            "## Doelgroep\n"
            "\n"
            "Opbouwwerkers, teamleiders en studenten. Ontstaan in de bijeenkomst over "
            "profilering van het leeratelier.\n"
            "\n"
            "## Materialen\n"
            "\n"
            "- pen en papier, of een telefoon om de pitch op te nemen\n"
            "- de kijkwijzer hieronder\n"
            "- een timer\n"
            "\n"
            "## Stappen\n"
            "\n"
            "1. Kies je publiek: een wethouder, een collega uit het wijkteam of een bewoner.\n"
            "2. Kies één concreet voorbeeld uit je werk van het afgelopen jaar.\n"
            "3. Schrijf je pitch in vier delen: wat was er aan de hand, wat deed je, wat "
            "veranderde er, en wat was er zonder opbouwwerk níét gebeurd?\n"
            "4. Houd je pitch voor een ander, in maximaal twee minuten.\n"
            "5. De luisteraar geeft feedback met de kijkwijzer:\n"
            "    - Is het concreet?\n"
            "    - Herkent dit publiek zich erin?\n"
            "    - Wordt duidelijk wat opbouwwerk anders maakt?\n"
            "6. Herschrijf en oefen nog een keer.\n"
            "\n"
            "## Duur\n"
            "\n"
            "Een uur voor een groep van zes tot acht mensen."
        ),
        tags=(LEGITIMERING, BEROEPSIDENTITEIT, PROFESSIONALISERING),
        authors=(COORDINATOR, ANOUK),
        days_ago=45,
        comments=(
            DemoComment(
                LOTTE,
                3,
                "Vorige week gebruikt voor mijn eindgesprek met de stagebegeleider. De vraag "
                "wat er zonder opbouwwerk níét was gebeurd, is goud.",
            ),
            DemoComment(
                RAMON,
                5,
                "Ik heb mijn pitch voor de wethouder opgenomen en teruggeluisterd. Pijnlijk, "
                "maar leerzaam: te veel vakjargon. Versie twee is beter.",
            ),
        ),
    ),
    DemoResource(
        kind=TOOL,
        title="Netwerkkaart van de buurt",
        summary=(
            "Teken samen met bewoners wie elkaar kennen, waar mensen samenkomen en welke "
            "verbindingen ontbreken. Een praktisch beeld van de sociale infrastructuur."
        ),
        body=(
            "## Doel\n"
            "\n"
            "De kracht van een buurt zit in de verbindingen tussen mensen, groepen en "
            "organisaties. Een netwerkkaart maakt die verbindingen zichtbaar. Je ziet waar "
            "het netwerk sterk is, wie een sleutelrol heeft en welke groepen buiten beeld "
            "blijven. Dat helpt om gericht te werken aan de sociale basis.\n"
            "\n"
            "## Doelgroep\n"
            "\n"
            "Opbouwwerkers samen met actieve bewoners, of een team van professionals in de "
            "wijk. Ook bruikbaar bij de start in een nieuwe wijk.\n"
            "\n"
            "## Materialen\n"
            "\n"
            "- een groot vel papier\n"
            "- ronde stickers in drie kleuren: bewoners, groepen en organisaties\n"
            "- stiften voor de lijnen\n"
            "\n"
            "## Stappen\n"
            "\n"
            "1. Zet in het midden de buurt. Plak eromheen de mensen, groepen en "
            "organisaties die de deelnemers kennen.\n"
            "2. Trek lijnen tussen wie contact met elkaar heeft. Een dikke lijn voor veel "
            "contact, een stippellijn voor weinig.\n"
            "3. Markeer de plekken waar mensen elkaar ontmoeten: de school, de moskee, de "
            "supermarkt, het bankje bij de flat.\n"
            "4. Kijk samen naar de kaart: wie zit in het midden, wie aan de rand, en wie "
            "staat er helemaal niet op?\n"
            "5. Kies een of twee verbindingen die je de komende maanden wilt versterken.\n"
            "\n"
            "## Duur\n"
            "\n"
            "Een tot anderhalf uur. Maak na een jaar een nieuwe kaart en leg ze naast elkaar."
        ),
        tags=(NETWERKEN, SOCIALE_BASIS, WIJKGERICHT),
        authors=(FATIMA,),
        days_ago=400,
    ),
    DemoResource(
        kind=TOOL,
        title="Intervisie over dubbele loyaliteit",
        summary=(
            "Een intervisiemodel voor opbouwwerkers die klem zitten tussen de opdracht van "
            "de gemeente en de belangen van bewoners."
        ),
        body=(
            "## Doel\n"
            "\n"
            "Opbouwwerkers zijn loyaal aan bewoners en aan hun opdrachtgever, en die twee "
            "loyaliteiten botsen soms. Deze intervisievorm helpt om zo'n situatie samen met "
            "collega's te onderzoeken, zonder meteen een oplossing te zoeken. Het doel is "
            "dat de inbrenger zijn eigen ruimte en keuzes scherper ziet.\n"
            "\n"
            "## Doelgroep\n"
            "\n"
            "Teams van opbouwwerkers of groepen collega's uit verschillende organisaties, "
            "vier tot zeven deelnemers. Een van hen is gespreksleider.\n"
            "\n"
            "## Materialen\n"
            "\n"
            "- een casus van een van de deelnemers\n"
            "- een flap met twee kolommen: 'bewoners' en 'opdrachtgever'\n"
            "\n"
            "## Stappen\n"
            "\n"
            "1. De inbrenger vertelt de situatie in vijf minuten, inclusief het moment waarop "
            "het begon te wringen.\n"
            "2. De groep stelt alleen informatieve vragen.\n"
            "3. Samen vullen jullie de flap in: wat verwachten bewoners, wat verwacht de "
            "opdrachtgever, en wat verwacht de inbrenger van zichzelf?\n"
            "4. Ieder benoemt welke professionele waarde hier op het spel staat.\n"
            "5. De inbrenger kiest een waarde die voor hem voorop staat, en formuleert een "
            "eerste stap.\n"
            "6. Korte evaluatie: wat nemen de anderen mee voor hun eigen werk?\n"
            "\n"
            "## Duur\n"
            "\n"
            "Ongeveer vijf kwartier per casus."
        ),
        tags=(REFLECTIE, SIGNAALFUNCTIE, PROFESSIONALISERING),
        authors=(MIRIAM, JEROEN),
        days_ago=280,
        visibility=MEMBERS,
    ),
    DemoResource(
        kind=TOOL,
        title="Portiekgesprekken",
        summary=(
            "Ga met bewoners van één portiek in gesprek, in het trappenhuis of bij iemand "
            "thuis. Een laagdrempelige manier om bewoners te bereiken die niet naar "
            "bijeenkomsten komen."
        ),
        body=(
            "## Doel\n"
            "\n"
            "Veel bewoners komen nooit naar een bewonersavond. In een portiekgesprek kom je "
            "naar hen toe. Bewoners van één trappenhuis praten met elkaar over wat ze "
            "delen: de trap, de galerij, de buren, de buurt. Vaak leren ze elkaar zo pas "
            "echt kennen, en ontstaan er kleine afspraken die veel verschil maken.\n"
            "\n"
            "## Doelgroep\n"
            "\n"
            "Bewoners van portiekflats en galerijen, vooral in buurten met veel "
            "verschillende achtergronden en talen.\n"
            "\n"
            "## Materialen\n"
            "\n"
            "- een uitnodiging in eenvoudige taal, eventueel vertaald\n"
            "- koffie, thee en iets lekkers\n"
            "- een paar stoelen, als het in de portiek zelf is\n"
            "\n"
            "## Stappen\n"
            "\n"
            "1. Kies samen met een bewoner een portiek. Die bewoner nodigt de buren uit, "
            "liefst persoonlijk aan de deur.\n"
            "2. Spreek af bij iemand thuis of in de portiek, op een tijd die past bij "
            "werkende bewoners.\n"
            "3. Begin met een rondje: hoe lang woon je hier, en wat vind je fijn?\n"
            "4. Vraag daarna: waar hebben we samen last van, en wat kunnen we zelf doen?\n"
            "5. Maak één concrete afspraak, hoe klein ook.\n"
            "6. Kom na een maand terug om te horen hoe het gaat.\n"
            "\n"
            "## Duur\n"
            "\n"
            "Een uur per gesprek. Reken op een week voorbereiding voor de uitnodiging."
        ),
        tags=(BEWONERSPARTICIPATIE, DIVERSITEIT, WIJKGERICHT),
        authors=(ESRA,),
        days_ago=95,
    ),
    DemoResource(
        kind=TOOL,
        title="Lesopzet: de collectieve aanpak in de minor",
        summary=(
            "Concept voor een les van drie uur waarin studenten oefenen met de stap van een "
            "individuele casus naar een collectieve aanpak."
        ),
        body=(
            "## Doel\n"
            "\n"
            "Studenten Social Work leren vooral individueel werken. In deze les ervaren ze "
            "hoe je vanuit één casus kunt zien wat mensen delen, en hoe je daar samen met "
            "bewoners iets mee doet. De les is nog een concept: ik wil hem eerst met "
            "collega's uit het atelier bespreken en daarna met een eerste groep studenten "
            "uitproberen.\n"
            "\n"
            "## Doelgroep\n"
            "\n"
            "Derde- en vierdejaars studenten in de minor Community Development, groepen van "
            "maximaal vierentwintig.\n"
            "\n"
            "## Materialen\n"
            "\n"
            "- drie korte casussen uit de kennisbank\n"
            "- de werkvorm 'Het collectieve gesprek'\n"
            "- flappen en stiften\n"
            "\n"
            "## Stappen\n"
            "\n"
            "1. Studenten lezen in groepjes een casus en bespreken wat ze als hulpverlener "
            "zouden doen.\n"
            "2. Elke groep krijgt twee extra casussen over hetzelfde probleem. Wat valt op?\n"
            "3. De groepen oefenen het collectieve gesprek, met medestudenten als bewoners.\n"
            "4. Nabespreking: wat vraagt de collectieve aanpak van jou als professional?\n"
            "5. Opdracht voor thuis: zoek in je stage een vraag die vaker terugkomt.\n"
            "\n"
            "## Duur\n"
            "\n"
            "Drie uur, met een pauze na stap 2."
        ),
        tags=(ONDERWIJS, COLLECTIEVE_AANPAK),
        authors=(YOUSSEF,),
        days_ago=12,
        visibility=MEMBERS,
        status=DRAFT,
    ),
]

# --- Background and literature -----------------------------------------------------------

BACKGROUNDS = [
    DemoResource(
        kind=BACKGROUND,
        title="Wenger: leren in een community of practice",
        summary=(
            "Een samenvatting van het idee achter het leeratelier: mensen die een vak delen, "
            "leren van en met elkaar. Wat is een community of practice, en wat houdt haar "
            "levend?"
        ),
        body=(
            "## Waar het over gaat\n"
            "\n"
            "Etienne Wenger beschrijft een community of practice als een groep mensen die "
            "een zorg, een vraag of een passie voor een onderwerp delen, en hun kennis "
            "verdiepen door regelmatig met elkaar in gesprek te gaan. Zo'n gemeenschap "
            "heeft drie kenmerken: een gedeeld domein (waar gaat het over?), een gemeenschap "
            "(wie doet er mee en hoe gaan ze met elkaar om?) en een gedeelde praktijk (welke "
            "verhalen, werkwijzen en instrumenten ontwikkelen ze samen?).\n"
            "\n"
            "Met McDermott en Snyder gaf Wenger principes om zo'n gemeenschap te "
            "cultiveren. Een paar daarvan: ontwerp voor verandering, want een gemeenschap "
            "groeit; zoek de dialoog tussen binnen en buiten; maak verschillende niveaus van "
            "deelname mogelijk; combineer openbare en besloten ruimtes; richt je op waarde; "
            "en zorg voor een ritme van bijeenkomsten.\n"
            "\n"
            "## Waarom het ertoe doet voor samenlevingsopbouw\n"
            "\n"
            "Het leeratelier is op dit model gebaseerd. Opbouwwerkers, docenten en "
            "onderzoekers delen een domein: de professionaliteit van samenlevingsopbouw. "
            "Door praktijk en theorie naast elkaar te leggen en in het eigen werk te "
            "experimenteren, ontstaat nieuwe kennis. De principes van Wenger verklaren ook "
            "waarom je in het atelier op verschillende manieren kunt meedoen: in de "
            "bijeenkomsten, bij de public events of online. Voorwaarde is wel dat iedereen "
            "ook iets brengt. Een community of practice bestaat alleen zolang de "
            "deelnemers er samen waarde in zien.\n"
            "\n"
            "## Bronnen\n"
            "\n"
            "- Wenger, E. (1998). *Communities of Practice: Learning, Meaning, and "
            "Identity.* Cambridge University Press.\n"
            "- Wenger, E., McDermott, R. & Snyder, W. M. (2002). *Cultivating Communities "
            "of Practice.* Harvard Business School Press."
        ),
        tags=(NETWERKEN, PROFESSIONALISERING, REFLECTIE),
        authors=(COORDINATOR,),
        days_ago=530,
    ),
    DemoResource(
        kind=BACKGROUND,
        title="Boutellier en Boonstra: de sociale infrastructuur van buurten en wijken",
        summary=(
            "Samenlevingsopbouw krijgt vorm doordat veel partijen op verschillende niveaus "
            "werken aan de sociale infrastructuur van buurten. Wat betekent dat voor de "
            "opbouwwerker?"
        ),
        body=(
            "## Waar het over gaat\n"
            "\n"
            "Boutellier en Boonstra kijken naar samenlevingsopbouw als werk aan de sociale "
            "infrastructuur van buurten en wijken. Zoals een wijk wegen, leidingen en "
            "bushaltes nodig heeft, heeft ze ook een sociale infrastructuur nodig: plekken "
            "waar mensen elkaar tegenkomen, netwerken van bewoners, verenigingen, "
            "voorzieningen en de verbindingen daartussen. Die infrastructuur ontstaat niet "
            "vanzelf en is ook niet van één partij. Bewoners, vrijwilligers, professionals, "
            "corporaties en gemeente werken er ieder op hun eigen manier en op hun eigen "
            "niveau aan: van de straat tot de stad.\n"
            "\n"
            "## Waarom het ertoe doet voor samenlevingsopbouw\n"
            "\n"
            "Dit perspectief maakt duidelijk dat de opbouwwerker niet de enige is die "
            "'aan de buurt werkt'. Zijn rol is eerder die van een verbinder en aanjager: "
            "iemand die ziet waar de infrastructuur zwak is, partijen bij elkaar brengt en "
            "bewoners helpt hun plek erin in te nemen. Het begrip helpt ook in het gesprek "
            "met gemeenten. Wie spreekt over infrastructuur, maakt duidelijk dat het om "
            "onderhoud op lange termijn gaat, niet om losse projecten. Tegelijk vraagt het om "
            "bescheidenheid: je bent één partij in een groter geheel, en je werk slaagt als "
            "anderen het overnemen.\n"
            "\n"
            "## Bronnen\n"
            "\n"
            "- Boutellier, H. & Boonstra, N. (2009), over samenlevingsopbouw en de sociale "
            "infrastructuur van buurten en wijken; de bron waar de beschrijving van het "
            "leeratelier naar verwijst.\n"
            "- Zie ook de werkvorm 'Netwerkkaart van de buurt' in deze kennisbank."
        ),
        tags=(SOCIALE_BASIS, WIJKGERICHT, SAMENWERKING_GEMEENTE),
        authors=(JEROEN, BAS),
        days_ago=410,
        comments=(
            DemoComment(
                FATIMA,
                14,
                "Het beeld van infrastructuur gebruik ik vaak in gesprekken met gemeenten. "
                "Niemand vindt het gek dat een weg onderhoud nodig heeft.",
            ),
            DemoComment(
                KOEN,
                100,
                "Dit helpt ons bij de nieuwe wijkaanpak in Sittard-Geleen. We gaan de "
                "plekken en verbindingen per wijk in kaart brengen, niet alleen de projecten.",
            ),
        ),
    ),
    DemoResource(
        kind=BACKGROUND,
        title="Professionele logica onder druk: Freidson en het opbouwwerk",
        summary=(
            "Freidson onderscheidt drie manieren om werk te organiseren: markt, bureaucratie "
            "en professie. Wat betekent dat voor een vak dat van subsidies en opdrachten "
            "leeft?"
        ),
        body=(
            "## Waar het over gaat\n"
            "\n"
            "De socioloog Eliot Freidson beschrijft drie logica's waarmee werk georganiseerd "
            "kan worden. In de **marktlogica** beslist de klant of de opdrachtgever: wat "
            "verkocht wordt, wordt gedaan. In de **bureaucratische logica** beslissen regels "
            "en managers: werk wordt opgedeeld in producten, protocollen en targets. In de "
            "**professionele logica** beslissen vakmensen zelf over de inhoud van hun werk, "
            "op basis van kennis, ervaring en een gedeelde beroepsethiek. Freidson noemt "
            "professionalisme de 'derde logica' en verdedigt haar als een waardevol "
            "tegenwicht tegen de andere twee.\n"
            "\n"
            "## Waarom het ertoe doet voor samenlevingsopbouw\n"
            "\n"
            "Samenlevingsopbouw wordt weer gevraagd, maar vaak binnen een markt- of "
            "bureaucratische logica: aanbesteding, productafspraken, aantallen "
            "deelnemers. Daardoor komt de professionele logica onder druk te staan. Wie "
            "bepaalt of een buurtkamer een succes is: de opbouwwerker, de bewoners of het "
            "contract? Freidson helpt om die spanning te benoemen. Hij vraagt ook iets van "
            "het vak zelf: een professionele logica bestaat alleen als beroepsgenoten hun "
            "kennis delen, elkaar aanspreken en samen zeggen wat goed werk is. Precies "
            "daarvoor is een leeratelier bedoeld.\n"
            "\n"
            "## Bronnen\n"
            "\n"
            "- Freidson, E. (2001). *Professionalism, the Third Logic.* Cambridge: Polity "
            "Press.\n"
            "- Tonkens, E. (2003). *Mondige burgers, getemde professionals.* Utrecht: NIZW."
        ),
        tags=(PROFESSIONALISERING, LEGITIMERING, BEROEPSIDENTITEIT),
        authors=(MARLOES,),
        days_ago=40,
        comments=(
            DemoComment(
                JEROEN,
                2,
                "Sterke samenvatting. In mijn analyse van verantwoordingsrapportages zie ik "
                "vooral de bureaucratische logica terug, zelden de professionele.",
            ),
            DemoComment(
                MARIEKE,
                5,
                "Vanuit de gemeente een kanttekening: wij vragen cijfers omdat de raad ze "
                "vraagt. Help ons aan betere vragen, dan stellen we die graag.",
            ),
        ),
    ),
    DemoResource(
        kind=BACKGROUND,
        title="Een korte geschiedenis van het opbouwwerk in Nederland",
        summary=(
            "Van buurthuiswerk en maatschappelijke opbouw naar de Wmo en de sociale basis: "
            "een beknopt overzicht van hoe het vak zich ontwikkelde en wat daarvan blijft."
        ),
        body=(
            "## Waar het over gaat\n"
            "\n"
            "Het opbouwwerk in Nederland heeft wortels in het buurthuiswerk van het begin "
            "van de twintigste eeuw en in de zorg voor nieuwe wijken na de oorlog. In de "
            "jaren vijftig en zestig werd maatschappelijke opbouw een vak met een eigen "
            "opleiding, gericht op het bevorderen van samenhang in dorpen en wijken. In de "
            "jaren zeventig kreeg het werk een activerend en soms actievoerend karakter: "
            "opbouwwerkers steunden bewoners in de strijd voor stadsvernieuwing en betere "
            "woningen.\n"
            "\n"
            "In de jaren tachtig en negentig volgden bezuinigingen en decentralisatie. Het "
            "opbouwwerk ging op in het bredere welzijnswerk en moest zich steeds vaker "
            "verantwoorden met producten en prestaties. Met de Wmo en later de "
            "decentralisaties in het sociaal domein kwam er opnieuw aandacht voor "
            "burgerkracht, participatie en de sociale basis, maar vaak onder andere namen.\n"
            "\n"
            "## Waarom het ertoe doet voor samenlevingsopbouw\n"
            "\n"
            "Wie de geschiedenis kent, ziet dat veel 'nieuwe' vragen oud zijn: de spanning "
            "tussen uitvoeren en kritisch signaleren, tussen individueel en collectief werk, "
            "tussen opdracht en buurt. Het vak heeft daar een traditie van antwoorden op. "
            "Die traditie helpt opbouwwerkers om zich niet steeds opnieuw uit te vinden, "
            "maar te bouwen op wat er al is.\n"
            "\n"
            "## Bronnen\n"
            "\n"
            "- Duyvendak, J. W. (1999). *De planning van ontplooiing.* Den Haag: Sdu.\n"
            "- Spierts, M. (2014). *De stille krachten van de verzorgingsstaat.* Amsterdam: "
            "Van Gennep."
        ),
        tags=(PROFESSIONALISERING, BEROEPSIDENTITEIT, SOCIALE_BASIS),
        authors=(),  # written by a member who has since deleted their account
        days_ago=480,
    ),
    DemoResource(
        kind=BACKGROUND,
        title="De signaalfunctie: wat is een signaal en van wie is het?",
        summary=(
            "Signaleren hoort bij de kern van samenlevingsopbouw, maar wat telt als signaal, "
            "wie brengt het, en wat doet een opdrachtgever ermee? Een verkenning met "
            "begrippen uit de literatuur."
        ),
        body=(
            "## Waar het over gaat\n"
            "\n"
            "Met de signaalfunctie bedoelen we dat opbouwwerkers zichtbaar maken wat er in "
            "een wijk speelt, vooral als het om problemen gaat die het beleid niet of "
            "verkeerd ziet. Een signaal is meer dan een klacht: het is een patroon dat "
            "vaker voorkomt, meerdere mensen raakt en vraagt om een verandering bij een "
            "instantie of in beleid.\n"
            "\n"
            "Lipsky liet al zien dat professionals 'aan de frontlinie' het beleid in de "
            "praktijk vormgeven. Ze zien als eersten waar regels niet passen. Die positie "
            "geeft kennis, maar ook een dilemma: de opbouwwerker is vaak gefinancierd door "
            "dezelfde overheid die het signaal moet ontvangen.\n"
            "\n"
            "## Waarom het ertoe doet voor samenlevingsopbouw\n"
            "\n"
            "In de praktijk verdwijnen veel signalen. Ze blijven hangen in een "
            "gesprek, belanden in een rapportage die niemand leest, of worden niet gegeven "
            "uit angst voor de relatie met de opdrachtgever. Drie vragen helpen om de "
            "signaalfunctie te versterken:\n"
            "\n"
            "1. **Wat is het signaal?** Beschrijf het patroon, niet het incident.\n"
            "2. **Van wie is het?** Liefst van bewoners zelf, met de opbouwwerker als steun.\n"
            "3. **Waar moet het heen?** Maak afspraken met de opdrachtgever over hoe "
            "signalen worden ontvangen en wat er mee gebeurt.\n"
            "\n"
            "Zo wordt signaleren geen daad van verzet, maar een erkend onderdeel van de "
            "opdracht.\n"
            "\n"
            "## Bronnen\n"
            "\n"
            "- Lipsky, M. (1980). *Street-Level Bureaucracy.* New York: Russell Sage "
            "Foundation.\n"
            "- Zie ook de werkvorm 'Signalenkaart' in deze kennisbank."
        ),
        tags=(SIGNAALFUNCTIE, SAMENWERKING_GEMEENTE, LEGITIMERING),
        authors=(BAS, EVELINE),
        days_ago=100,
    ),
    DemoResource(
        kind=BACKGROUND,
        title="Waarom individueel werk niet genoeg is: de collectieve aanpak",
        summary=(
            "Het sociaal werk is sterk geïndividualiseerd. Wat gaat er verloren als "
            "problemen alleen per huishouden worden aangepakt, en wat biedt een collectieve "
            "aanpak?"
        ),
        body=(
            "## Waar het over gaat\n"
            "\n"
            "In de afgelopen decennia is veel sociaal werk individueel werk geworden: een "
            "hulpvraag, een plan, een dossier. Dat heeft voordelen, want mensen krijgen hulp "
            "op maat. Maar het heeft ook een keerzijde. Problemen die veel mensen delen, "
            "zoals hoge woonlasten, slechte woningen of te weinig voorzieningen, worden zo "
            "steeds opnieuw als persoonlijk probleem behandeld. De oorzaak blijft "
            "buiten beeld, en mensen blijven alleen met hun schaamte.\n"
            "\n"
            "Een collectieve aanpak begint bij wat mensen delen. Ze brengt mensen met "
            "vergelijkbare ervaringen samen, helpt ze hun gezamenlijke belang te zien en "
            "ondersteunt ze om daar samen iets aan te doen. Dat kan variëren van een "
            "spaargroep of een buurtgeldpot tot een gezamenlijk gesprek met een "
            "woningcorporatie.\n"
            "\n"
            "## Waarom het ertoe doet voor samenlevingsopbouw\n"
            "\n"
            "De collectieve aanpak is de kern van samenlevingsopbouw. Eerste bevindingen "
            "uit ons onderzoek naar collectieve aanpakken van armoede wijzen erop dat wat "
            "bewoners samen regelen, vaak langer standhoudt dan wat een hulpverlener voor "
            "hen regelt. Dat betekent niet dat individueel werk overbodig is. De kunst is om "
            "de twee te verbinden: in casusbesprekingen de vraag stellen wat mensen delen, "
            "en in collectieve trajecten oog houden voor wie extra steun nodig heeft.\n"
            "\n"
            "## Bronnen\n"
            "\n"
            "- Alinsky, S. D. (1971). *Rules for Radicals.* New York: Random House.\n"
            "- Zie ook de casus 'Van schuldendossiers naar een gesprek met de "
            "woningcorporatie' en de werkvorm 'Het collectieve gesprek'."
        ),
        tags=(COLLECTIEVE_AANPAK, ARMOEDE, ONDERZOEK),
        authors=(THIJS, RAMON),
        days_ago=50,
    ),
    DemoResource(
        kind=BACKGROUND,
        title="Bewonersparticipatie: de ladder van Arnstein en haar grenzen",
        summary=(
            "De participatieladder van Arnstein is een klassieker. Wat leert ze ons nog, en "
            "waar schiet ze tekort in wijken waar bewoners vooral zelf dingen doen?"
        ),
        body=(
            "## Waar het over gaat\n"
            "\n"
            "In 1969 publiceerde Sherry Arnstein haar 'ladder van burgerparticipatie'. De "
            "ladder heeft acht treden, van manipulatie en therapie onderaan, via informeren, "
            "raadplegen en geruststellen in het midden, naar partnerschap, gedelegeerde "
            "macht en burgercontrole bovenaan. Haar punt was scherp: participatie zonder "
            "herverdeling van macht is een leeg ritueel. Bewoners mogen meepraten, maar de "
            "machthebbers beslissen.\n"
            "\n"
            "## Waarom het ertoe doet voor samenlevingsopbouw\n"
            "\n"
            "De ladder is nog steeds een goede spiegel. Veel participatietrajecten blijven "
            "hangen op de treden van informeren en raadplegen, terwijl ze als 'samen met "
            "bewoners' worden gepresenteerd. Tegelijk heeft de ladder grenzen. Ze gaat uit "
            "van een overheid die beslist en bewoners die invloed zoeken. In veel wijken "
            "gaat het nu ook om bewoners die zelf initiatief nemen en de overheid om steun "
            "vragen. Bovendien is meer participatie niet altijd beter: niet iedereen wil of "
            "kan op de hoogste trede staan, en zware verantwoordelijkheden komen dan vaak "
            "terecht bij dezelfde kleine groep. Voor de opbouwwerker is de vraag daarom niet "
            "alleen 'hoe hoog op de ladder?', maar ook 'wie staat er op de ladder, en wie "
            "niet?'.\n"
            "\n"
            "## Bronnen\n"
            "\n"
            "- Arnstein, S. R. (1969). A ladder of citizen participation. *Journal of the "
            "American Institute of Planners*, 35(4), 216–224."
        ),
        tags=(BEWONERSPARTICIPATIE, DIVERSITEIT, REFLECTIE),
        authors=(NADIA,),
        days_ago=160,
        comments=(
            DemoComment(
                SAMIR,
                4,
                "Met jongeren blijven we vaak steken op de trede 'informeren'. Jouw vraag wie "
                "er niet op de ladder staat, neem ik mee naar ons jongerenoverleg.",
            ),
        ),
    ),
]

# --- Meeting reports ---------------------------------------------------------------------

REPORTS = [
    DemoResource(
        kind=REPORT,
        title="Verslag: wat maakt opbouwwerk tot een vak?",
        summary=(
            "Verslag van de bijeenkomst over professionaliteit. Deelnemers vertelden over een "
            "moment waarop ze zich echt opbouwwerker voelden, en zochten naar wat die "
            "momenten gemeen hebben."
        ),
        body=(
            "## Wie deden er mee\n"
            "\n"
            "Elf deelnemers, de meesten opbouwwerkers uit Heerlen, Kerkrade en Maastricht, "
            "aangevuld met twee docenten en twee onderzoekers van het lectoraat. Voor drie "
            "deelnemers was het de eerste bijeenkomst.\n"
            "\n"
            "## Wat we bespraken\n"
            "\n"
            "Na een korte inleiding over drie tradities in de samenlevingsopbouw (het "
            "buurtwerk, de maatschappelijke opbouw en de actiegerichte traditie) vertelden "
            "deelnemers in kleine groepen over een moment waarop ze zich écht opbouwwerker "
            "voelden. De verhalen liepen uiteen: een bewoner die voor het eerst het woord "
            "nam in de gemeenteraad, een buurtkamer die zonder de opbouwwerker verder ging, "
            "een conflict tussen buren dat een gezamenlijke actie werd.\n"
            "\n"
            "## Wat we leerden\n"
            "\n"
            "In bijna alle verhalen kwamen drie dingen terug. De opbouwwerker deed iets "
            "**niet**: niet zelf oplossen, niet voorop lopen. Er was **tijd**: de "
            "verandering kwam na maanden, soms jaren. En het ging over **verbindingen**: "
            "tussen bewoners, en tussen bewoners en instanties. Deelnemers merkten dat ze "
            "deze kern van het vak moeilijk kunnen uitleggen aan collega's uit het sociaal "
            "wijkteam, die vooral individueel werken.\n"
            "\n"
            "## Volgende stappen\n"
            "\n"
            "- De volgende bijeenkomst gaat over legitimering: hoe laat je zien wat dit werk "
            "oplevert?\n"
            "- Iedereen noteert de komende weken één voorbeeld van 'iets niet doen' in het "
            "eigen werk.\n"
            "- De verhalen van vandaag worden, geanonimiseerd, gebundeld in de kennisbank."
        ),
        tags=(PROFESSIONALISERING, BEROEPSIDENTITEIT),
        authors=(COORDINATOR,),
        days_ago=160,
        visibility=MEMBERS,
        meeting="bijeenkomst-professionaliteit",
    ),
    DemoResource(
        kind=REPORT,
        title="Verslag: laten zien wat opbouwwerk oplevert",
        summary=(
            "Verslag van de bijeenkomst over legitimering. We legden onze eigen rapportages "
            "naast elkaar en bespraken wat cijfers laten zien, en wat uit beeld verdwijnt."
        ),
        body=(
            "## Wie deden er mee\n"
            "\n"
            "Negen deelnemers uit praktijk, onderwijs en onderzoek, onder wie een teamleider "
            "opbouwwerk en een student die stage loopt in een wijkteam. De bijeenkomst was "
            "in Maastricht.\n"
            "\n"
            "## Wat we bespraken\n"
            "\n"
            "Een onderzoeker van het lectoraat deelde eerste bevindingen uit een analyse van "
            "verantwoordingsrapportages van opbouwwerk. Die rapportages bestaan vooral uit "
            "aantallen: activiteiten, deelnemers, contactmomenten. Over wat er in een wijk "
            "veranderde, staat er weinig in. Daarna legden deelnemers hun eigen "
            "rapportages en subsidieafspraken naast elkaar. Wat laten ze zien, en wat niet? "
            "Iemand vatte het samen: 'Mijn beste werk staat er nooit in, want dat is het "
            "werk dat ik niet deed.'\n"
            "\n"
            "## Wat we leerden\n"
            "\n"
            "Cijfers zijn niet het probleem; het probleem is dat ze alleen staan. "
            "Opdrachtgevers blijken vaak open te staan voor andere vormen, zoals korte "
            "verhalen over verandering of een gesprek over de rapportage. Een team dat "
            "daarmee experimenteerde, deelde zijn ervaringen (zie de casus 'Verantwoorden met "
            "verhalen' in de kennisbank). Belangrijk is dat verhalen concreet en "
            "controleerbaar zijn, anders worden ze gezien als reclame.\n"
            "\n"
            "## Volgende stappen\n"
            "\n"
            "- Twee deelnemers proberen het komende kwartaal een rapportage met verhalen.\n"
            "- Het lectoraat maakt een korte handreiking voor het schrijven van zulke "
            "verhalen.\n"
            "- De volgende bijeenkomst gaat over de signaalfunctie."
        ),
        tags=(LEGITIMERING, ONDERZOEK),
        authors=(JEROEN, COORDINATOR),
        days_ago=130,
        visibility=MEMBERS,
        meeting="bijeenkomst-legitimering",
        comments=(
            DemoComment(
                ESRA,
                2,
                "Jammer dat ik er niet bij was, dank voor het verslag! Het idee om verhalen "
                "naast de cijfers te zetten ga ik met mijn team bespreken.",
            ),
            DemoComment(
                INGRID,
                3,
                "Aanvulling van mijn kant: laat bewoners zelf een van de verhalen vertellen. "
                "Dat maakt meer indruk dan wat wij erover schrijven.",
            ),
        ),
    ),
    DemoResource(
        kind=REPORT,
        title="Verslag: signaleren én uitvoeren",
        summary=(
            "Verslag van de bijeenkomst over de kritische signaalfunctie. Drie "
            "praktijkverhalen over signalen die wel en niet aankwamen, en wat opbouwwerkers "
            "nodig hebben om te blijven signaleren."
        ),
        body=(
            "## Wie deden er mee\n"
            "\n"
            "Acht deelnemers: vijf uit de praktijk, een docent en twee onderzoekers. Een "
            "aantal anderen had zich afgemeld; zij krijgen dit verslag.\n"
            "\n"
            "## Wat we bespraken\n"
            "\n"
            "We begonnen met drie korte verhalen. In het eerste leidde een signaal over "
            "energiearmoede tot een nieuw spreekuur. In het tweede verdween een signaal over "
            "onveilige speelplekken in een la, omdat niemand zich verantwoordelijk voelde. In "
            "het derde werd een signaal nooit gegeven: de opbouwwerker vreesde dat de "
            "gemeente het zou opvatten als kritiek op haar eigen beleid.\n"
            "\n"
            "Daarna bespraken we drie vragen: wanneer is iets een signaal, van wie is het, en "
            "welke ruimte geeft je opdracht om te signaleren?\n"
            "\n"
            "## Wat we leerden\n"
            "\n"
            "Een signaal is sterker als het van bewoners zelf komt en als het een patroon "
            "beschrijft in plaats van een incident. Opbouwwerkers hebben meer ruimte dan ze "
            "denken, maar die ruimte moet je vooraf afspreken, in de opdracht of in een vast "
            "overleg. Een wijkregisseur vertelde dat veel signalen binnen de gemeente niet "
            "aankomen bij wie erover beslist. Het signaal heeft dus ook een adres nodig.\n"
            "\n"
            "## Volgende stappen\n"
            "\n"
            "- Twee deelnemers werken een werkvorm uit om signalen te bundelen (inmiddels "
            "verschenen als de 'Signalenkaart').\n"
            "- We nodigen voor een public event een wethouder uit om te praten over hoe een "
            "gemeente signalen kan ontvangen.\n"
            "- De volgende bijeenkomst gaat van casus naar collectief."
        ),
        tags=(SIGNAALFUNCTIE, SAMENWERKING_GEMEENTE),
        authors=(CHANTAL, COORDINATOR),
        days_ago=105,
        visibility=MEMBERS,
        meeting="bijeenkomst-signaleren-en-uitvoeren",
    ),
    DemoResource(
        kind=REPORT,
        title="Verslag: van casus naar collectief",
        summary=(
            "Verslag van de online werksessie over de stap van individuele casussen naar een "
            "collectieve aanpak, aan de hand van een casus over huurachterstanden."
        ),
        body=(
            "## Wie deden er mee\n"
            "\n"
            "Tien deelnemers, online. Naast opbouwwerkers deden een docent, een student en "
            "twee onderzoekers mee, onder wie een nieuwe deelnemer die onderzoek doet naar "
            "collectieve aanpakken van armoede.\n"
            "\n"
            "## Wat we bespraken\n"
            "\n"
            "We werkten met een praktijkcasus uit Kerkrade: een aantal gezinnen met een "
            "huurachterstand bij dezelfde woningcorporatie, elk met een eigen dossier. In "
            "breakout-rooms zochten we de stappen van het individuele verhaal naar een "
            "gezamenlijke vraag. Wat zie je in de casusbespreking? Wie vraag je om "
            "toestemming? Wie heb je nodig om het gesprek met de corporatie aan te gaan?\n"
            "\n"
            "## Wat we leerden\n"
            "\n"
            "De eerste stap is vaak de moeilijkste: in een casusbespreking de vraag stellen "
            "of een probleem vaker voorkomt. Daar is in veel teams geen tijd of gewoonte voor. "
            "Verder zagen we dat schaamte een grote rol speelt. Mensen willen niet dat "
            "anderen weten dat ze schulden hebben. Een collectieve aanpak moet daarom "
            "voorzichtig beginnen, met toestemming en met ruimte om nee te zeggen. Een "
            "huurdersvereniging kan een belangrijke bondgenoot zijn, omdat die al een "
            "erkende positie heeft bij de corporatie.\n"
            "\n"
            "## Volgende stappen\n"
            "\n"
            "- De casus wordt uitgewerkt en in de kennisbank gezet.\n"
            "- Een deelnemer schrijft een achtergrondstuk over de collectieve aanpak.\n"
            "- De volgende bijeenkomst gaat over profilering."
        ),
        tags=(COLLECTIEVE_AANPAK, ARMOEDE),
        authors=(RAMON, LOTTE),
        days_ago=78,
        visibility=MEMBERS,
        meeting="bijeenkomst-van-casus-naar-collectief",
        comments=(
            DemoComment(
                THIJS,
                2,
                "Dank voor het heldere verslag. De opmerking over schaamte neem ik mee in de "
                "interviews voor mijn onderzoek.",
            ),
            DemoComment(
                SANNE,
                4,
                "In Heerlen-Noord hebben we goede ervaringen met de huurdersvereniging als "
                "bondgenoot. Ik deel graag contacten als iemand dat wil.",
            ),
        ),
    ),
    DemoResource(
        kind=REPORT,
        title="Verslag: experimenteren in de praktijk",
        summary=(
            "Concept van het verslag van de bijeenkomst over experimenten in de eigen "
            "praktijk. Nog aan te vullen met de reacties van deelnemers."
        ),
        body=(
            "## Wie deden er mee\n"
            "\n"
            "Acht deelnemers, vooral uit de praktijk, met een onderzoeker en een student. "
            "De bijeenkomst was in Heerlen.\n"
            "\n"
            "## Wat we bespraken\n"
            "\n"
            "Iedere deelnemer vertelde in vijf minuten over een klein experiment uit de "
            "afgelopen maanden: wat wilde je bereiken, wat deed je, wat gebeurde er, en wat "
            "heeft een collega nodig om het ook te proberen? De experimenten liepen uiteen: "
            "portiekgesprekken in een flat met veel nieuwe bewoners, een rapportage met "
            "verhalen in plaats van alleen cijfers, een signalenlijst bij de voedselbank en "
            "een wandelgroep die door bewoners zelf werd overgenomen.\n"
            "\n"
            "## Wat we leerden\n"
            "\n"
            "Experimenteren vraagt ruimte, en die ruimte moet je vaak zelf nemen. De meeste "
            "experimenten waren klein en kostten weinig geld, maar wel tijd en het lef om "
            "iets te proberen dat kan mislukken. Wat niet werkte, was minstens zo leerzaam "
            "als wat wel werkte. Een deelnemer zei: 'Voor het eerst vertel ik over iets dat "
            "misging zonder dat het voelt als falen.' Dat is precies wat het atelier wil "
            "zijn.\n"
            "\n"
            "## Volgende stappen\n"
            "\n"
            "- Nog aanvullen: de reacties van deelnemers op dit concept.\n"
            "- Drie experimenten worden in een volgende bijeenkomst uitgewerkt tot werkvorm.\n"
            "- Deelnemers zetten hun eigen experiment als casus in de kennisbank."
        ),
        tags=(REFLECTIE, PROFESSIONALISERING),
        authors=(SANNE,),
        days_ago=22,
        visibility=MEMBERS,
        status=DRAFT,
        meeting="bijeenkomst-experimenten-in-de-praktijk",
    ),
]

LIBRARY = CASES + TOOLS + BACKGROUNDS + REPORTS


# --- Loading -----------------------------------------------------------------------------


def load_library(now=None) -> int:
    """Add the demo items that are missing, with their comments and files; returns how many."""
    now = now or timezone.now()
    existing = set(
        Resource.objects.filter(slug__in=[demo.slug for demo in LIBRARY]).values_list(
            "slug", flat=True
        )
    )
    emails = {email for demo in LIBRARY for email in _people(demo)}
    users = {user.email: user for user in User.objects.filter(email__in=emails)}
    # The past meetings, oldest first; reports are looked up among them by slug.
    meetings = {
        event.slug: event
        for event in Event.objects.filter(kind=EventKind.MEETING, status=EventStatus.PUBLISHED)
        .past(now)
        .order_by("start")
    }
    created = 0
    for number, demo in enumerate(LIBRARY):
        if demo.slug in existing:
            continue  # someone's item now, comments and files and all
        _create_resource(demo, number, users, meetings.get(demo.meeting), now)
        created += 1
    _feature_themes()
    return created


def _people(demo: DemoResource) -> set[str]:
    return set(demo.authors) | {comment.author for comment in demo.comments}


def _moment(now, days_ago: int, number: int) -> datetime:
    """A fixed time of day on the day `days_ago` days before today (Europe/Amsterdam)."""
    tz = timezone.get_default_timezone()
    day = timezone.localdate(now, tz) - timedelta(days=days_ago)
    at = datetime.combine(day, PUBLISH_HOUR, tzinfo=tz) + timedelta(minutes=37 * (number % 11))
    return min(at, now - timedelta(hours=1))


def _create_resource(demo: DemoResource, number: int, users, event: Event | None, now):
    if event is not None:
        # A report appears a few days after its meeting (a draft: is being written).
        since = (timezone.localdate(now) - timezone.localdate(event.end)).days
        days_ago = max(since - (3 if demo.status == PUBLISHED else 2), 1)
    else:
        days_ago = demo.days_ago
    when = _moment(now, days_ago, number)
    published = demo.status == PUBLISHED
    created_at = when - timedelta(days=2) if published else when
    authors = [users[email] for email in demo.authors if email in users]
    resource = Resource(
        kind=demo.kind,
        title=demo.title,
        slug=demo.slug,
        summary=demo.summary,
        body=demo.body,
        created_by=authors[0] if authors else None,
        visibility=demo.visibility,
        status=demo.status,
        event=event,
        published_at=when if published else None,
        created_at=created_at,
    )
    resource.save()  # renders the Markdown
    Resource.objects.filter(pk=resource.pk).update(updated_at=when)
    resource.set_authors(authors)
    resource.tags.add(*demo.tags)
    if demo.attachment:
        _attach(resource, demo.attachment, authors[0] if authors else None, when)
    for position, comment in enumerate(demo.comments, start=1):
        author = users.get(comment.author)
        if author is None:
            continue
        at = when + timedelta(days=comment.days, hours=position)
        at = min(at, now - timedelta(minutes=10 * (len(demo.comments) - position + 1)))
        saved = Comment.objects.create(
            resource=resource,
            author=author,
            body=comment.body,
            hidden=comment.hidden,
            created_at=at,
        )
        Comment.objects.filter(pk=saved.pk).update(updated_at=at)
    return resource


def _attach(resource: Resource, download_name: str, uploaded_by, when) -> None:
    content = ATTACHMENTS[download_name]()
    checked = check_attachment(SimpleUploadedFile(download_name, content))
    attachment = add_attachment(resource, checked, uploaded_by)
    Attachment.objects.filter(pk=attachment.pk).update(created_at=when)


def _feature_themes() -> None:
    """The first themes of the library, unless the coordinator has chosen some already."""
    if FeaturedTag.objects.exists():
        return
    for position, (name, description) in enumerate(THEMES, start=1):
        tag = Tag.objects.filter(name__iexact=name).first() or Tag.objects.create(name=name)
        FeaturedTag.objects.create(tag=tag, description=description, position=position)


# --- Files made in code ------------------------------------------------------------------

SIGNALENKAART_COLUMNS = [
    ("Signaal: wat zie of hoor je?", 220),
    ("Waar en bij wie?", 140),
    ("Hoe vaak?", 90),
    ("Wie heeft er last van?", 140),
    ("Naar wie? Wie brengt het?", 152),
]


def signalenkaart_pdf() -> bytes:
    """The worksheet of the Signalenkaart: a one-page landscape A4 PDF with a table."""
    width, height = 842, 595
    left, top, row_height, rows = 50, 440, 30, 12
    table_width = sum(column_width for _title, column_width in SIGNALENKAART_COLUMNS)
    ops = [
        _pdf_text(left, 540, "F2", 22, "Signalenkaart"),
        _pdf_text(
            left,
            516,
            "F1",
            11,
            "Verzamel wat je de afgelopen maand hoorde of zag. Eén signaal per regel, "
            "zonder namen van bewoners.",
        ),
        _pdf_text(
            left,
            500,
            "F1",
            11,
            "Bespreek de kaart elk kwartaal met je team of opdrachtgever.",
        ),
        "0.6 w 0.2 0.2 0.2 RG",
        f"{left} {top - rows * row_height} {table_width} {(rows + 1) * row_height} re S",
    ]
    x = left
    for title, column_width in SIGNALENKAART_COLUMNS:
        ops.append(_pdf_text(x + 6, top + 11, "F2", 10, title))
        x += column_width
        if x < left + table_width:
            ops.append(f"{x} {top - rows * row_height} m {x} {top + row_height} l S")
    for row in range(rows):
        y = top - row * row_height
        ops.append(f"{left} {y} m {left + table_width} {y} l S")
    ops.append(
        _pdf_text(
            left,
            40,
            "F1",
            9,
            "Leeratelier Samenlevingsopbouw · werkblad bij de tool Signalenkaart in de kennisbank",
        )
    )
    return _pdf_document(width, height, "\n".join(ops).encode("cp1252"))


def _pdf_text(x: int, y: int, font: str, size: int, text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
    return f"BT /{font} {size} Tf {x} {y} Td ({escaped}) Tj ET"


def _pdf_document(width: int, height: int, content: bytes) -> bytes:
    """A valid one-page PDF: header, objects, cross-reference table and trailer."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        (
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {width} {height}] "
            "/Resources << /Font << /F1 4 0 R /F2 5 0 R >> >> /Contents 6 0 R >>"
        ).encode(),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content),
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


REFLECTIEKAART_QUESTIONS = [
    "Wat deed ik precies?",
    "Voor wie deed ik het?",
    "Namens wie deed ik het?",
    "Wat liet ik bewust los?",
    "Wat zou een collega anders doen?",
    "Wat zegt dit over mijn vak?",
]


def reflectiekaart_png() -> bytes:
    """The worksheet of the Reflectiekaart: six boxes with a question each, as a PNG."""
    width, height = 1200, 850
    accent, ink, line = (31, 86, 115), (30, 30, 30), (100, 110, 120)
    image = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(image)
    title_font = ImageFont.load_default(size=44)
    text_font = ImageFont.load_default(size=24)
    small_font = ImageFont.load_default(size=20)
    draw.rectangle((0, 0, width, 110), fill=accent)
    draw.text(
        (50, 55), "Reflectiekaart beroepsidentiteit", fill="white", font=title_font, anchor="lm"
    )
    draw.text(
        (50, 145),
        "Kies een situatie uit je eigen werk en beantwoord de vragen. "
        "Vertel je antwoorden daarna aan een ander.",
        fill=ink,
        font=small_font,
        anchor="lm",
    )
    box_width, box_height, gap, padding = 350, 290, 25, 20
    for index, question in enumerate(REFLECTIEKAART_QUESTIONS):
        x = 50 + (index % 3) * (box_width + gap)
        y = 185 + (index // 3) * (box_height + gap)
        draw.rounded_rectangle((x, y, x + box_width, y + box_height), 14, outline=line, width=3)
        text = f"{index + 1}. {question}"
        for number, text_line in enumerate(_wrap(draw, text, text_font, box_width - 2 * padding)):
            draw.text((x + padding, y + padding + 32 * number), text_line, fill=ink, font=text_font)
    draw.text(
        (50, height - 25),
        "Leeratelier Samenlevingsopbouw · werkblad bij de tool in de kennisbank",
        fill=line,
        font=small_font,
        anchor="lm",
    )
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def _wrap(draw: ImageDraw.ImageDraw, text: str, font, width: int) -> list[str]:
    """The words of `text` in lines no wider than `width` pixels."""
    lines: list[str] = []
    for word in text.split():
        candidate = f"{lines[-1]} {word}" if lines else word
        if lines and draw.textlength(candidate, font=font) <= width:
            lines[-1] = candidate
        else:
            lines.append(word)
    return lines


ATTACHMENTS = {
    "Signalenkaart werkblad.pdf": signalenkaart_pdf,
    "Reflectiekaart werkblad.png": reflectiekaart_png,
}
