"""A value story from the follow-up e-mail, in a real browser.

A member attended a meeting four weeks ago. `send_follow_ups` e-mails them; they open the
e-mail's link (logging in on the way), find the form filled in with the meeting, first
send it empty and read what is missing, then tell what they applied, choose the tool it
was about and members as readers, and publish. The story is on /opbrengst/ and on the
meeting's page. axe-core checks every page on the way.
"""

import re
from datetime import timedelta

from django.utils import timezone
from playwright.sync_api import expect

from knowledge.models import ResourceKind
from value.follow_ups import send_due_follow_ups
from value.models import CycleState, StoryAudience, ValueStory

from ..factories import make_event, make_item, make_member, make_registration
from ..helpers import mails_to
from .conftest import assert_accessible, log_in

EMAIL = "sanne.hendriks@example.org"
MEETING = "Van casus naar collectief"
TOOL = "Het collectieve gesprek"
TITLE = "Van vijf schuldendossiers naar één bewonersavond"
APPLIED = "Ik heb de vijf huishoudens samen met de woningcorporatie om tafel gezet."


def test_a_member_writes_a_value_story_from_the_follow_up_email(page, live_server, settings):
    settings.SITE_URL = live_server.url  # the address the e-mail links to
    member = make_member(EMAIL, display_name="Sanne Hendriks")
    start = timezone.now() - timedelta(days=settings.FOLLOW_UP_AFTER_DAYS + 1)
    meeting = make_event(
        "van-casus-naar-collectief", title=MEETING, start=start, end=start + timedelta(hours=3)
    )
    make_registration(meeting, member, attended=True)
    make_item("het-collectieve-gesprek", title=TOOL, kind=ResourceKind.TOOL)

    assert send_due_follow_ups() == 1
    (follow_up,) = mails_to(EMAIL)
    link = re.search(r"https?://\S+/opbrengst/nieuw/\?bijeenkomst=\S+", follow_up.body).group(0)

    log_in(page, EMAIL, "/")
    page.goto(link)
    expect(page.get_by_role("heading", level=1)).to_have_text("Schrijf een waardeverhaal")
    meetings = page.get_by_role("group", name="Bijeenkomsten")
    expect(meetings.get_by_role("checkbox", name=re.compile(MEETING))).to_be_checked()
    assert_accessible(page)

    page.get_by_role("button", name="Publiceren").click()
    expect(page).to_have_title(re.compile("^Fout:"))
    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("Geef je verhaal een titel.")
    expect(summary).to_contain_text("Vertel over ten minste één cyclus")
    assert_accessible(page)

    page.get_by_role("textbox", name="Titel").fill(TITLE)
    page.get_by_role("group", name="Tools en casussen").get_by_role("checkbox", name=TOOL).check()
    page.get_by_role("textbox", name="Toegepaste waarde").fill(APPLIED)
    page.get_by_role("group", name="Toegepaste waarde: gebeurd of voornemen?").get_by_role(
        "radio", name="Dit is gebeurd"
    ).check()
    page.get_by_role("radio", name="Leden").check()
    page.get_by_role("button", name="Publiceren").click()

    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(page.get_by_role("status")).to_have_text("Dank je wel voor je verhaal.")
    about = page.get_by_role("region", name="Waar het over gaat")
    expect(about.get_by_role("link", name=MEETING)).to_be_visible()
    expect(about.get_by_role("link", name=TOOL)).to_be_visible()
    assert_accessible(page)
    story = ValueStory.objects.get()
    assert story.author == member and story.audience == StoryAudience.MEMBERS
    assert story.applied == APPLIED and story.applied_state == CycleState.HAPPENED
    assert list(story.events.all()) == [meeting]

    page.goto("/opbrengst/")
    expect(page.get_by_role("article").get_by_role("link", name=TITLE)).to_be_visible()
    assert_accessible(page)

    page.get_by_role("combobox", name="Bijeenkomst").select_option(label=MEETING)
    page.get_by_role("button", name="Filteren").click()
    expect(page).to_have_url(re.compile(r"bijeenkomst=van-casus-naar-collectief"))
    expect(page.get_by_role("article")).to_have_count(1)
    assert_accessible(page)

    page.goto(meeting.get_absolute_url())
    stories = page.get_by_role("region", name="Waardeverhalen")
    expect(stories.get_by_role("link", name=TITLE)).to_have_attribute(
        "href", story.get_absolute_url()
    )
    assert_accessible(page)
