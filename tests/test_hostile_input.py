"""Hostile input, everywhere (property-based, with Hypothesis).

Every form and every query parameter gets random, huge, unicode and control-character
values. Whatever comes in: never a 500, a clear message next to the field (the error
summary) when the input is refused, and nothing half-saved: a refused submission leaves
the database exactly as it was, an accepted one is stored clean and complete.

The database is rolled back per test function, not per Hypothesis example, so every
example compares the state before and after its own request. The rate-limit counters
are cleared per example, or the limits themselves would answer after a few examples.
"""

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.core.cache import caches
from django.forms.models import model_to_dict
from django.test import Client
from hypothesis import HealthCheck, event, example, given, settings
from hypothesis import strategies as st

from knowledge.models import Comment, Resource, ResourceStatus, Visibility
from members.models import LevelRequest, MembershipStatus, ParticipationLevel, Profile, User
from sessions_app.models import EventKind, Registration

from .factories import PASSWORD, ResourceFactory, make_event, make_member, make_user

HOSTILE = settings(
    max_examples=40,
    deadline=None,
    derandomize=True,  # the same examples on every run, in CI too
    database=None,  # no .hypothesis/ directory in the working tree
    suppress_health_check=[
        # The fixtures only build the starting data; each example resets what it changes.
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
    ],
)

SPECIALS = [
    "",
    " ",
    "\x00",
    "\u202e",
    "\u202egnp.exe",
    "<script>alert(1)</script>",
    "' OR 1=1 --",
    '"; DROP TABLE members_profile; --',
    "%",
    "_",
    "%_%",
    "\\",
    "../../etc/passwd",
    "{{7*7}}",
    "{% debug %}",
    "${7*7}",
    "\r\n\r\nSet-Cookie: x=1",
    "Buurt\x00werk",
    "Ans\x00",
    "\x00\x01\x02\x1b[31m\x7f\x85",
    "\u200b\u200d\ufeff",
    "🏘️👩🏽‍🏫🧑‍🤝‍🧑",
    "مرحبا بالعالم",
    "שלום עולם",
    "Ærøskøbing Straße İstanbul",
    "ﷺ" * 50,
    "\U0010ffff\ufffe\uffff",
    "-1",
    "0",
    "99999999999999999999999999",
    "1e9",
    "NaN",
    "a@b",
    "@example.org",
    "x" * 10_000,
    "ä" * 100_001,
    "😀" * 10_000,
]

# The full unicode range, control characters and private use included. Surrogates
# cannot be sent as UTF-8, so no browser can send them either.
any_text = st.text(st.characters(exclude_categories=["Cs"]), max_size=80)
hostile_text = st.one_of(st.sampled_from(SPECIALS), any_text)


def field(valid: str) -> st.SearchStrategy[str]:
    """A value for one field: valid (once padded), valid with something hostile after it,
    or hostile; often enough valid that whole forms get saved too."""
    return st.one_of(
        st.just(valid),
        st.just(f" {valid}\t"),
        hostile_text.map(lambda s: valid + s),
        hostile_text,
    )


def choice(*valid: str) -> st.SearchStrategy[str]:
    return st.one_of(st.sampled_from(valid), hostile_text)


def fresh_client(user=None) -> Client:
    caches["default"].clear()  # rate limits count per example, not per test
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def is_clean_line(value: str) -> bool:
    return bool(value) and value == value.strip() and value.isprintable()


def assert_refused_clearly(response):
    event("refused")
    assert response.status_code == 200, response.status_code
    content = response.content.decode()
    assert 'class="error-summary"' in content
    assert "Er is een probleem" in content  # in Dutch


def assert_never_500(response):
    assert response.status_code < 500, response.status_code


def profile_state(profile: Profile) -> dict:
    profile.refresh_from_db()
    state = model_to_dict(profile, exclude=["expertise", "avatar", "avatar_small"])
    state["expertise"] = sorted(profile.expertise.names())
    state["bio_html"] = profile.bio_html
    return state


def resource_state(resource: Resource) -> dict:
    resource.refresh_from_db()
    state = model_to_dict(resource, exclude=["tags"])
    state["tags"] = sorted(resource.tags.names())
    state["authors"] = sorted(resource.authors.values_list("pk", flat=True))
    state["body_html"] = resource.body_html
    state["updated_at"] = resource.updated_at
    return state


# Forms -------------------------------------------------------------------------------


@pytest.fixture
def applicant(db):
    return make_user("nieuw@example.org")


@HOSTILE
@given(
    data=st.fixed_dictionaries(
        {
            "display_name": field("Ans de Vries"),
            "organisation": field("Buurtwerk Heerlen"),
            "sector": choice("education", "research", "practice", "other"),
            "participation_level": choice(*ParticipationLevel.values),
            "motivation": field("Ik deel mijn ervaring met opbouwwerk in de wijk."),
            "privacy_consent": choice("on"),
        }
    )
)
def test_application_form(applicant, data):
    response = fresh_client(applicant).post("/profiel/aanvraag/", data)
    assert_never_500(response)
    profile = Profile.objects.filter(user=applicant).first()
    if response.status_code == 302:
        assert profile is not None
        assert profile.status == MembershipStatus.APPLIED
        assert is_clean_line(profile.display_name)
        assert is_clean_line(profile.organisation)
        assert profile.sector in {"education", "research", "practice", "other"}
        assert profile.participation_level in ParticipationLevel.values
        assert len(profile.motivation.strip()) >= 20
        profile.delete()  # the next example applies afresh
    else:
        assert_refused_clearly(response)
        assert profile is None


@HOSTILE
@given(
    data=st.fixed_dictionaries(
        {
            "display_name": field("Ans de Vries"),
            "organisation": field("Zuyd"),
            "sector": choice("education", "research", "practice", "other"),
            "job_title": field("Opbouwwerker"),
            "bio": field("Ik werk in **Heerlen-Noord**."),
            "expertise": field("buurtwerk, signalering"),
            "listed_in_directory": choice("on", ""),
            "show_email": choice("on", ""),
        }
    )
)
def test_profile_form(member, data):
    profile = member.profile
    before = profile_state(profile)
    response = fresh_client(member).post("/profiel/", data)
    assert_never_500(response)
    after = profile_state(profile)
    if response.status_code == 302:
        assert is_clean_line(after["display_name"])
        assert is_clean_line(after["organisation"])
        assert after["job_title"] == "" or is_clean_line(after["job_title"])
        assert all(is_clean_line(tag) and len(tag) <= 50 for tag in after["expertise"])
        assert "<script" not in after["bio_html"]
    else:
        assert_refused_clearly(response)
        assert after == before


@HOSTILE
@given(
    level=choice(*ParticipationLevel.values),
    action=st.one_of(st.none(), hostile_text),
)
def test_membership_form(member, level, action):
    profile = member.profile
    before = profile_state(profile)
    data = {"participation_level": level}
    if action is not None:
        data["action"] = action
    response = fresh_client(member).post("/profiel/lidmaatschap/", data)
    assert_never_500(response)
    after = profile_state(profile)
    if response.status_code == 302:
        assert after["participation_level"] in ParticipationLevel.values
        assert after["status"] == before["status"]
    else:
        assert_refused_clearly(response)
        assert after == before


@HOSTILE
@given(level=choice(*ParticipationLevel.values), note=hostile_text)
def test_level_request_form(online_member, level, note):
    # Each example starts without a request: the member asks to move up with this note.
    LevelRequest.objects.all().delete()
    response = fresh_client(online_member).post(
        "/profiel/lidmaatschap/", {"participation_level": level, "note": note}
    )
    assert_never_500(response)
    profile = Profile.objects.get(user=online_member)
    if response.status_code == 302:
        assert profile.participation_level in ParticipationLevel.values
        # Moving up waits for the coordinator; the note is kept as clean lines of text.
        assert profile.participation_level != ParticipationLevel.MEETINGS
        for request in LevelRequest.objects.all():
            assert len(request.note) <= 1000
            assert all(is_clean_line(line) for line in request.note.splitlines() if line)
    else:
        assert_refused_clearly(response)
        assert profile.participation_level == ParticipationLevel.ONLINE
        assert not LevelRequest.objects.exists()
    Profile.objects.filter(pk=profile.pk).update(participation_level=ParticipationLevel.ONLINE)


@HOSTILE
@given(password=hostile_text, remove_items=choice("on", ""))
def test_delete_account_form(member, password, remove_items):
    response = fresh_client(member).post(
        "/profiel/verwijderen/", {"password": password, "remove_items": remove_items}
    )
    assert_refused_clearly(response)
    assert User.objects.filter(pk=member.pk, is_active=True).exists()
    assert Profile.objects.filter(user=member).exists()


@pytest.fixture
def public_event(db):
    return make_event("open-middag", kind=EventKind.PUBLIC)


@HOSTILE
@given(name=field("Ans de Vries"), email=field("gast@example.org"))
@example(name="Ans", email="gast@example.org\u202e")  # once a 500: IDNA refused the domain
def test_guest_registration_form(public_event, name, email):
    before = Registration.objects.count()
    response = fresh_client().post(
        f"/agenda/{public_event.slug}/gast/", {"name": name, "email": email}
    )
    assert_never_500(response)
    after = Registration.objects.count()
    if response.status_code == 302:  # e.g. already registered: a message, nothing new
        assert after == before
    elif "sessions_app/guest_check_email.html" in [t.name for t in response.templates]:
        assert after == before + 1
        registration = Registration.objects.latest("pk")
        assert is_clean_line(registration.guest_name)
        assert registration.guest_email.isprintable() and "@" in registration.guest_email
        registration.delete()  # the next example registers afresh
    else:
        assert_refused_clearly(response)
        assert after == before


RESOURCE_FIELDS = {
    "kind": choice("case", "tool", "background", "report"),
    "title": field("Werken met bewonersraden"),
    "summary": field("Hoe een bewonersraad blijft draaien."),
    "body": field("## Aanpak\n\nWe begonnen met *een* koffieochtend."),
    # A tool's and a case's sections (the form reads those of the kind posted).
    "section_target_group": field("Bewoners van de Molenbuurt."),
    "section_goal": field("Een bewonersraad die blijft draaien."),
    "section_approach": field("1. Koffie\n2. Praten"),
    "section_situation": field("Een wijk in Heerlen."),
    "section_what_we_did": field("We begonnen met *een* koffieochtend."),
    "tags": field("bewonersparticipatie, signalering"),
    "visibility": choice("public", "members"),
    "event": st.one_of(st.just(""), hostile_text),
    "coauthors": st.one_of(st.just(""), hostile_text),
    "button": st.sampled_from(["draft", "publish", "preview"]),
}


def resource_post(data: dict) -> dict:
    post = {key: value for key, value in data.items() if key != "button"}
    post[data["button"]] = "1"
    return post


def assert_resource_clean(resource: Resource):
    assert is_clean_line(resource.title)
    assert is_clean_line(resource.summary)
    assert resource.slug
    assert resource.body.strip() or (resource.is_draft and resource.has_sections)
    assert "<script" not in resource.body_html
    assert all("<script" not in html for html in resource.sections_html.values())
    assert all(is_clean_line(tag) and len(tag) <= 50 for tag in resource.tags.names())


@HOSTILE
@given(data=st.fixed_dictionaries(RESOURCE_FIELDS))
def test_resource_create_form(member, data):
    before = Resource.objects.count()
    response = fresh_client(member).post("/kennisbank/nieuw/", resource_post(data))
    assert_never_500(response)
    if response.status_code == 302:
        assert Resource.objects.count() == before + 1
        resource = Resource.objects.latest("pk")
        assert_resource_clean(resource)
        assert list(resource.authors.all()) == [member]
        expected = ResourceStatus.PUBLISHED if data["button"] == "publish" else ResourceStatus.DRAFT
        assert resource.status == expected
        resource.delete()
    else:
        assert response.status_code == 200
        if data["button"] != "preview" or 'class="error-summary"' in response.content.decode():
            assert_refused_clearly(response)
        assert Resource.objects.count() == before


@pytest.fixture
def own_resource(member):
    resource = ResourceFactory(
        title="Een werkvorm",
        slug="een-werkvorm",
        summary="Kort.",
        body="Tekst van de werkvorm.",
        visibility=Visibility.MEMBERS,
    )
    resource.set_authors([member])
    resource.tags.add("buurtwerk")
    return resource


@HOSTILE
@given(data=st.fixed_dictionaries(RESOURCE_FIELDS))
def test_resource_edit_form(member, own_resource, data):
    before = resource_state(own_resource)
    response = fresh_client(member).post(
        f"/kennisbank/{own_resource.slug}/bewerken/", resource_post(data)
    )
    assert_never_500(response)
    own_resource.refresh_from_db()
    if response.status_code == 302 and data["button"] != "preview":
        assert_resource_clean(own_resource)
        assert member in own_resource.authors.all()
    else:
        assert response.status_code == 200
        if data["button"] != "preview" or 'class="error-summary"' in response.content.decode():
            assert_refused_clearly(response)
        assert resource_state(own_resource) == before


@HOSTILE
@given(body=field("Mooi voorbeeld, dank je."))
def test_comment_form(member, own_resource, body):
    before = Comment.objects.count()
    response = fresh_client(member).post(
        f"/kennisbank/{own_resource.slug}/reacties/", {"body": body}
    )
    assert_never_500(response)
    if response.status_code == 302:
        assert Comment.objects.count() == before + 1
        comment = Comment.objects.latest("pk")
        assert comment.body and comment.body == comment.body.strip()
        assert "\x00" not in comment.body
        assert "<script" not in comment.body_html
        comment.delete()
    else:
        assert_refused_clearly(response)
        assert Comment.objects.count() == before


@HOSTILE
@given(
    email=field("nieuw-lid@example.org"),
    password1=field("een-sterk-wachtwoord-91"),
    same_password=st.booleans(),
    password2=hostile_text,
)
@example(
    email="nieuw-lid@example.org\u202e",  # once a 500: IDNA refused the domain
    password1="een-sterk-wachtwoord-91",
    same_password=True,
    password2="",
)
def test_signup_form(db, email, password1, same_password, password2):
    before = User.objects.count()
    response = fresh_client().post(
        "/accounts/signup/",
        {
            "email": email,
            "password1": password1,
            "password2": password1 if same_password else password2,
        },
    )
    assert_never_500(response)
    if response.status_code == 302:
        assert User.objects.count() == before + 1
        user = User.objects.latest("pk")
        assert user.email.isprintable() and "@" in user.email
        assert EmailAddress.objects.filter(user=user, email__iexact=user.email).exists()
        user.delete()
    else:
        assert_refused_clearly(response)
        assert User.objects.count() == before


@HOSTILE
@given(login=field("deelnemer@example.org"), password=hostile_text)
def test_login_form(member, login, password):
    client = fresh_client()
    response = client.post("/accounts/login/", {"login": login, "password": password})
    assert_refused_clearly(response)
    assert "_auth_user_id" not in client.session


@HOSTILE
@given(email=field("deelnemer@example.org"))
@example(email="onbekend@example.org\u202e")  # once a 500: IDNA refused the domain
def test_password_reset_form(member, email):
    mail.outbox.clear()
    response = fresh_client().post("/accounts/password/reset/", {"email": email})
    assert_never_500(response)
    if response.status_code == 302:
        assert len(mail.outbox) <= 1
    else:
        assert_refused_clearly(response)
        assert mail.outbox == []
    member.refresh_from_db()
    assert member.check_password(PASSWORD)


# Query parameters ----------------------------------------------------------------------

query_value = st.one_of(st.just(""), hostile_text)


def query(*names: str) -> st.SearchStrategy[dict]:
    return st.fixed_dictionaries({}, optional=dict.fromkeys(names, query_value))


@pytest.fixture
def directory_data(member):
    for n in range(3):
        make_member(f"lid{n}@example.org").profile.expertise.add("buurtwerk")
    return member


@HOSTILE
@given(params=query("q", "sector", "level", "expertise", "pagina"))
def test_directory_query(directory_data, params):
    response = fresh_client(directory_data).get("/leden/", params)
    assert response.status_code == 200


@HOSTILE
@given(params=query("q", "sector", "level", "expertise", "pagina"))
def test_directory_query_for_visitor(db, params):
    response = fresh_client().get("/leden/", params)
    # To the login page, this address as `next`; Django refuses (400) to redirect to
    # an address over 2048 characters, which only a hand-made link can be.
    expected = 400 if len(response.wsgi_request.get_full_path()) > 2000 else 302
    assert response.status_code == expected


@HOSTILE
@given(
    params=query("q", "soort", "pagina"),
    tags=st.lists(query_value, max_size=8),
    as_member=st.booleans(),
)
def test_library_query(member, own_resource, params, tags, as_member):
    response = fresh_client(member if as_member else None).get(
        "/kennisbank/", {**params, "tag": tags}
    )
    assert response.status_code == 200


@pytest.fixture
def past_events(member):
    make_event("voorbij", days_ahead=-30)
    make_event("open-voorbij", kind=EventKind.PUBLIC, days_ahead=-60)
    return member


@HOSTILE
@given(params=query("pagina"), as_member=st.booleans())
def test_agenda_archive_query(past_events, member, params, as_member):
    response = fresh_client(member if as_member else None).get("/agenda/archief/", params)
    assert response.status_code == 200


@HOSTILE
@given(params=query("pagina", "q"))
def test_agenda_query(db, params):
    assert fresh_client().get("/agenda/", params).status_code == 200


@HOSTILE
@given(params=query("soort", "pagina"))
def test_create_resource_query(member, params):
    response = fresh_client(member).get("/kennisbank/nieuw/", params)
    assert response.status_code == 200
