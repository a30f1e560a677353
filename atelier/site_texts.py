"""The site's own texts: the first version of the home, about and privacy pages.

`PAGE_TEXTS` holds, per page key ("home", "about", "privacy"), a Dutch title and Markdown
body and their English translations. These are the starting texts of the editable pages;
the coordinator can change them afterwards in the admin. Bodies use `##` and `###`
headings only, because the page title is the page's h1. They name no contact person: the
coordinator's name, e-mail and phone are settings and appear at the bottom of every page.
"""

from textwrap import dedent

PAGE_TEXTS = {
    "home": {
        "title": "Leeratelier Samenlevingsopbouw",
        "body": dedent("""\
        In het Leeratelier Samenlevingsopbouw ontmoeten mensen uit het onderwijs, het
        onderzoek en de praktijk van samenlevingsopbouw elkaar. We leren van elkaar en maken
        samen praktische hulpmiddelen voor het werkveld.

        Op deze site vind je de **agenda** met onze bijeenkomsten en openbare activiteiten
        (public events), de **kennisbank** met praktijkcasussen, tools en werkvormen, en de
        **leden** van het atelier. Sommige onderdelen zijn alleen voor leden.

        Wil je weten hoe het leeratelier werkt? Lees dan [meer over het leeratelier](/over/).
        """),
        "title_en": "Leeratelier Samenlevingsopbouw",
        "body_en": dedent("""\
        In the Leeratelier Samenlevingsopbouw (a learning studio for community development),
        people from education, research and practice in community development work meet. We
        learn from each other and build practical tools for the field together.

        On this site you will find the **agenda** of our meetings and public events, the
        **knowledge library** with practice cases, tools and methods, and the atelier's
        **members**. Some parts are for members only.

        Would you like to know how the atelier works? Read [more about the atelier](/over/).
        """),
    },
    "about": {
        "title": "Over het leeratelier",
        "body": dedent("""\
        Het Leeratelier Samenlevingsopbouw is een initiatief van Zuyd Hogeschool, Lectoraat
        Sociale Integratie. Op deze pagina lees je waar het atelier over gaat, hoe het werkt
        en hoe je meedoet.

        ## Wat is samenlevingsopbouw?

        Samenlevingsopbouw draait om sturen, activeren, binden en verbinden. Al tientallen
        jaren is de kern hetzelfde: sociale en economische ongelijkheid tegengaan, bruggen
        slaan tussen mensen met verschillende culturele achtergronden en burgers laten
        meedoen aan wat er in hun omgeving en in de samenleving gebeurt. Dat doen veel
        partijen, elk op hun eigen manier en op verschillende niveaus. Samen werken ze aan de
        sociale infrastructuur van buurten en wijken (Boutellier & Boonstra, 2009).

        ## Waarom juist nu?

        Er is weer veel waardering voor samenlevingsopbouw. Nieuwe tijden brengen nieuwe
        opdrachten, en het vak wordt gezien als iets wat de samenleving bij elkaar houdt.
        Tegelijk staat de eigen, professionele manier van werken onder druk. Daarom is het tijd
        om de uitgangspunten van samenlevingsopbouw opnieuw te bekijken en het vak weer
        duidelijk op de kaart te zetten.

        In het leeratelier staan drie thema's centraal: **professionaliteit**,
        **legitimering** (waarom is dit werk nodig?) en **profilering** (hoe laat je zien wat
        het werk oplevert?). We praten ook over de spanningen in het vak. Bijvoorbeeld:

        - Hoe voer je sociaal beleid uit en blijf je toch kritisch melden wat er misgaat?
        - Hoe verhoudt het werk met individuele mensen zich tot een collectieve aanpak?

        ## Wat is een leeratelier?

        Een leeratelier is een gemeenschap van mensen met verschillende beroepen: een
        *community of practice*, zoals Wenger, McDermott & Snyder (2002) die beschrijven.
        Mensen uit onderwijs, onderzoek en praktijk komen samen omdat ze dezelfde interesse en
        dezelfde vragen hebben. Het leeratelier heeft twee doelen:

        1. kennis uitwisselen en samen nieuwe kennis ontwikkelen;
        2. het werk vernieuwen, door praktische hulpmiddelen (*hands-on tools*) te maken voor
           het werkveld.

        ## Hoe leren we?

        We delen kennis en ervaring, uit de praktijk en uit de theorie. Wat we bespreken,
        probeer je uit in je eigen werk. Wat je daar ziet en merkt, neem je weer mee naar het
        atelier. Zo ontstaan nieuwe kennis en nieuwe inzichten. Het doel: beter werk in de
        praktijk en een betere kwaliteit van leven voor burgers. Het leeratelier draait dus om
        kennis delen, kennis maken, onderzoek doen en een netwerk bouwen.

        ## Wat levert het op?

        - **Zelfbewustzijn.** Je kijkt met een frisse blik naar je eigen vak.
        - **Een plek in de traditie.** Samenlevingsopbouw van nu krijgt een duidelijke plaats
          in de traditie van het sociaal werk. Dat is een stevige basis om samen te werken met
          andere partijen in het sociale domein.
        - **Handvatten.** Sociaal werkers krijgen handreikingen om het vak verder te
          ontwikkelen.
        - **Woorden.** Je leert de meerwaarde van samenlevingsopbouw uit te leggen, in taal die
          past bij een ingewikkelde en weerbarstige praktijk.

        Kortom: het leeratelier versterkt de beroepsidentiteit van samenlevingsopbouw en geeft
        het vak een steviger positie in het sociale domein.

        ## Zo doe je mee

        Het hart van het leeratelier zijn deelnemers die willen delen en vernieuwen. Je hebt
        affiniteit of ervaring met het thema, en je hebt ruimte om in je eigen werk te
        experimenteren. Je kiest zelf hoe je meedoet. Er zijn drie niveaus:

        - **Deelnemer bijeenkomsten.** Je doet mee aan de bijeenkomsten van het atelier: de
          kern van de gemeenschap. Alleen op dit niveau meld je je aan voor bijeenkomsten. Je
          kunt ook alles wat bij de andere twee niveaus hoort.
        - **Online platform.** Je doet mee via de kennisbank en de gesprekken online, niet via
          de bijeenkomsten. Je leest alle stukken in de kennisbank, ook die alleen voor leden
          zijn. Je deelt zelf praktijkcasussen en tools, en je reageert op het werk van
          anderen.
        - **Alleen public events.** Je komt naar de openbare activiteiten en volgt wat het
          atelier oplevert, zoals verslagen en tools in de kennisbank.

        Op elk niveau zie je als lid de ledenlijst en de profielen van andere leden, en zie je
        welke bijeenkomsten er zijn en wat het verslag ervan is. Je kunt je niveau later zelf
        veranderen op [je profielpagina](/profiel/).

        ### Halen én brengen

        Voor iedereen geldt één voorwaarde: je komt niet alleen halen, je brengt ook. Je deelt
        je eigen kennis en ervaring met de anderen. Een community of practice maak je namelijk
        samen.

        ## Aanmelden

        1. [Maak een account aan](/accounts/signup/) met je e-mailadres en een wachtwoord.
        2. Bevestig je e-mailadres met de link in de e-mail die je van ons krijgt.
        3. Vul een korte aanmelding in. Vertel daarin wat je meebrengt en wat je wilt delen.
        4. De coördinator bekijkt je aanmelding en keurt die goed. Daarna ben je lid.

        Heb je een vraag? De contactgegevens van de coördinator staan onderaan elke pagina.
        """),
        "title_en": "About the atelier",
        "body_en": dedent("""\
        The Leeratelier Samenlevingsopbouw is an initiative of Zuyd Hogeschool (Zuyd
        University of Applied Sciences), Lectoraat Sociale Integratie (research group on
        social integration). On this page you can read what the atelier is about, how it works
        and how to take part.

        ## What is community development?

        Community development (*samenlevingsopbouw*) is about steering, activating, binding
        and connecting. For decades its core has stayed the same: countering social and
        economic inequality, building bridges between people of different cultural
        backgrounds, and involving citizens in what happens around them and in society. Many
        parties do this, each in their own way and at different levels. Together they work on
        the social infrastructure of neighbourhoods and districts (Boutellier & Boonstra,
        2009).

        ## Why now?

        Community development is valued again. New times bring new tasks, and the field is
        seen as something that holds society together. At the same time, its own professional
        way of working is under pressure. That is why it is time to take a fresh look at the
        principles of community development and to put the field clearly back on the map.

        Three themes are central to the atelier: **professionalism**, **legitimacy** (why is
        this work needed?) and **profile** (how do you show what the work achieves?). We also
        discuss the tensions in the field. For example:

        - How do you carry out social policy and still speak up critically about what goes
          wrong?
        - How does work with individual people relate to a collective approach?

        ## What is a learning studio?

        A learning studio (*leeratelier*) is a community of people from different
        professions: a *community of practice* as described by Wenger, McDermott & Snyder
        (2002). People from education, research and practice come together because they share
        an interest and the same questions. The atelier has two aims:

        1. exchanging knowledge and developing new knowledge together;
        2. renewing the work, by building hands-on tools for the field.

        ## How do we learn?

        We share knowledge and experience, from practice and from theory. What we discuss, you
        try out in your own work. What you see and notice there, you bring back to the
        atelier. This is how new knowledge and new insights arise. The goal: better work in
        practice and a better quality of life for citizens. So the atelier is about sharing
        knowledge, creating knowledge, doing research and building a network.

        ## What does it bring?

        - **Self-awareness.** You look at your own profession with fresh eyes.
        - **A place in the tradition.** Today's community development gets a clear place in
          the tradition of social work. That is a solid basis for working with other parties
          in the social domain.
        - **Practical guidance.** Social workers get pointers for developing the field
          further.
        - **Words.** You learn to explain the added value of community development, in
          language that fits a complex and unruly practice.

        In short: the atelier strengthens the professional identity of community development
        and gives the field a firmer position in the social domain.

        ## How to take part

        The heart of the atelier is its participants who want to share and innovate. You have
        an affinity with or experience in the theme, and room to experiment in your own work.
        You choose how you take part. There are three levels:

        - **Meeting participant** (*Deelnemer bijeenkomsten*). You take part in the atelier's
          meetings: the core of the community. Only at this level can you register for
          meetings. You can also do everything the other two levels offer.
        - **Online platform** (*Online platform*). You take part through the knowledge
          library and the online discussions, not through the meetings. You can read every
          item in the library, including those for members only. You share practice cases
          and tools yourself, and you respond to the work of others.
        - **Public events only** (*Alleen public events*). You come to the public events and
          follow what the atelier produces, such as reports and tools in the library.

        At every level, as a member you can see the member directory and other members'
        profiles, and you can see which meetings take place and read their reports. You can
        change your level yourself later on [your profile page](/profiel/).

        ### Give and take

        One condition applies to everyone: you do not only take, you also give. You share
        your own knowledge and experience with the others. After all, a community of practice
        is something we make together.

        ## Joining

        1. [Create an account](/accounts/signup/) with your e-mail address and a password.
        2. Confirm your e-mail address with the link in the e-mail we send you.
        3. Fill in a short application. Tell us what you bring and what you want to share.
        4. The coordinator reviews and approves your application. Then you are a member.

        Do you have a question? The coordinator's contact details are at the bottom of every
        page.
        """),
    },
    "privacy": {
        "title": "Privacyverklaring",
        "body": dedent("""\
        Hier lees je welke gegevens het leeratelier over je bewaart, waarom we dat doen en
        welke rechten je hebt. We houden ons aan de Algemene verordening gegevensbescherming
        (AVG).

        ## Wie is verantwoordelijk?

        Zuyd Hogeschool, Lectoraat Sociale Integratie, is verantwoordelijk voor je gegevens op
        deze site. De coördinator van het leeratelier is je aanspreekpunt. De contactgegevens
        van de coördinator staan onderaan elke pagina.

        ## Welke gegevens bewaren we, en waarom?

        We bewaren alleen wat nodig is om het leeratelier te laten werken.

        - **Je account**: je e-mailadres en je wachtwoord, zodat je kunt inloggen. Je
          wachtwoord bewaren we alleen als hash: een code waaruit niemand je wachtwoord kan
          terughalen, ook wij niet.
        - **Je profiel**: je naam zoals anderen die zien, je organisatie, sector en functie,
          een korte tekst over jezelf, je foto, je expertise, je deelnameniveau, de status van
          je lidmaatschap en je motivatie. We bewaren ook je keuzes: of je in de ledenlijst
          staat en of andere leden je e-mailadres zien. Zo weten leden wie wie is, en kan de
          coördinator je aanmelding beoordelen.
        - **Aanmeldingen** voor bijeenkomsten en public events, en of je er was. Meld je je
          als gast aan voor een public event, dan bewaren we je naam en e-mailadres. Zo kunnen
          we plaatsen verdelen, je mailen over de activiteit en bijhouden wie er was.
        - **Wat je deelt in de kennisbank**: stukken, bijlagen en reacties. Die zijn bedoeld
          om met anderen te delen.

        ## Cookies

        We gebruiken twee cookies: een cookie die je taalkeuze onthoudt, en een sessiecookie
        die nodig is om ingelogd te blijven. We gebruiken geen cookies om je te volgen of om
        bezoek te meten. Er staan geen advertenties op deze site, en we geven je gegevens niet
        aan andere partijen.

        ## Wie ziet wat?

        - **Iedereen** ziet de openbare stukken in de kennisbank en de public events.
        - **Alleen actieve leden** zien profielen, de ledenlijst en stukken die alleen voor
          leden zijn. Je bepaalt zelf of je in de ledenlijst staat en of leden je e-mailadres
          zien.
        - **De coördinator** beheert de site en kan alle gegevens zien.

        ## Hoe lang bewaren we je gegevens?

        We bewaren je gegevens zolang je lid bent. Aanmeldingen van gasten voor een public
        event verwijderen we een jaar na de activiteit.

        ## Je rechten

        - **Inzien en downloaden**: op [je profielpagina](/profiel/) zie je je gegevens en
          download je ze allemaal in één bestand.
        - **Verbeteren**: je past je gegevens zelf aan op [je profielpagina](/profiel/).
        - **Verwijderen**: je verwijdert je account zelf op [je profielpagina](/profiel/).
          Stukken die je in de kennisbank hebt gepubliceerd, blijven dan staan, met als auteur
          "voormalig lid". Wil je dat die ook verdwijnen? Dan kies je daar ook voor.
        - **Bezwaar maken**: ben je het niet eens met hoe we je gegevens gebruiken? Neem dan
          contact op met de coördinator.
        - **Klagen**: komen we er samen niet uit? Dan kun je een klacht indienen bij de
          [Autoriteit Persoonsgegevens](https://www.autoriteitpersoonsgegevens.nl/).

        ## Beveiliging

        - Je gegevens staan op servers van de hogeschool.
        - De verbinding met deze site is versleuteld.
        - Wachtwoorden bewaren we alleen als hash.
        """),
        "title_en": "Privacy statement",
        "body_en": dedent("""\
        Here you can read which data the atelier keeps about you, why we do so and what your
        rights are. We comply with the General Data Protection Regulation (GDPR, in Dutch
        AVG).

        ## Who is responsible?

        Zuyd Hogeschool, Lectoraat Sociale Integratie, is responsible for your data on this
        site. The atelier's coordinator is your point of contact. The coordinator's contact
        details are at the bottom of every page.

        ## What data do we keep, and why?

        We keep only what is needed to run the atelier.

        - **Your account**: your e-mail address and your password, so that you can log in.
          We store your password only as a hash: a code from which nobody can recover your
          password, not even us.
        - **Your profile**: the name others see, your organisation, sector and job title, a
          short text about yourself, your photo, your expertise, your participation level,
          the status of your membership and your motivation. We also keep your choices:
          whether you are listed in the member directory and whether other members see your
          e-mail address. This way members know who is who, and the coordinator can review
          your application.
        - **Registrations** for meetings and public events, and whether you attended. If you
          register for a public event as a guest, we keep your name and e-mail address. This
          lets us allocate places, e-mail you about the event and record who attended.
        - **What you share in the knowledge library**: items, attachments and comments. These
          are meant to be shared with others.

        ## Cookies

        We use two cookies: one that remembers your language choice, and a session cookie
        that you need to stay logged in. We use no cookies to track you or to measure visits.
        There is no advertising on this site, and we do not pass your data on to other
        parties.

        ## Who can see what?

        - **Everyone** can see the public items in the knowledge library and the public
          events.
        - **Only active members** can see profiles, the member directory and items for
          members only. You decide yourself whether you are listed in the directory and
          whether members see your e-mail address.
        - **The coordinator** manages the site and can see all data.

        ## How long do we keep your data?

        We keep your data for as long as you are a member. We remove guest registrations for
        a public event one year after the event.

        ## Your rights

        - **Access and download**: on [your profile page](/profiel/) you can see your data and
          download all of it as one file.
        - **Correction**: you can correct your data yourself on
          [your profile page](/profiel/).
        - **Deletion**: you can delete your account yourself on [your profile page](/profiel/).
          Items you published in the knowledge library then stay, credited to "former member"
          (*voormalig lid*). Do you want them removed as well? Then you can choose that too.
        - **Objection**: do you disagree with how we use your data? Please contact the
          coordinator.
        - **Complaints**: if we cannot resolve it together, you can file a complaint with the
          [Autoriteit Persoonsgegevens](https://www.autoriteitpersoonsgegevens.nl/) (the Dutch
          Data Protection Authority).

        ## Security

        - Your data is stored on servers of the university.
        - The connection to this site is encrypted.
        - We store passwords only as a hash.
        """),
    },
}
