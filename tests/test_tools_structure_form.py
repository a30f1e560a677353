"""Writing a tool or case in its sections: the kind chosen first, a field per section, and
the publishing rule (knowledge/publishing.py) in the form, the admin and its action."""

import pytest
from django.urls import reverse

from knowledge import publishing
from knowledge.models import Resource, ResourceKind, ResourceStatus

from .factories import make_answer, make_member, make_question, make_resource
from .helpers import SCRIPT, admin_item_data, resource_data

pytestmark = pytest.mark.django_db

TOO_LONG = "Zorg dat deze waarde niet meer dan 10000 tekens bevat (het zijn er nu 10001)."
EMPTY_SECTIONS = {"section_target_group": "", "section_goal": "", "section_approach": ""}


def create_url(kind: str = "tool") -> str:
    return reverse("knowledge:create") + f"?soort={kind}"


def test_without_a_kind_the_writer_first_chooses_one(client, writer):
    client.force_login(writer)
    response = client.get(reverse("knowledge:create"))
    content = response.content.decode()
    assert "knowledge/choose_kind.html" in [template.name for template in response.templates]
    assert 'href="?soort=tool"' in content
    assert 'href="?soort=case"' in content


def test_a_tool_form_has_a_field_per_section_with_its_hint_and_no_body(client, writer):
    client.force_login(writer)
    content = client.get(create_url("tool")).content.decode()
    for label, hint in [
        ("Probleem / aanleiding", "Welke situatie in de praktijk vraagt om deze tool?"),
        ("Doelgroep", "Voor wie is het, en wie gebruikt het"),
        ("Aanpak", "De stappen, op volgorde"),
        ("Literatuur", "Bronnen en verder lezen"),
    ]:
        assert label in content
        assert hint in content
    assert 'name="section_werkzame' not in content
    assert 'name="section_active_elements"' in content
    assert 'name="body"' not in content
    assert '<input type="hidden" name="kind" value="tool"' in content
    assert "Soort: Tool / werkvorm" in content


def test_a_case_form_has_the_case_sections(client, writer):
    client.force_login(writer)
    content = client.get(create_url("case")).content.decode()
    for name in ["situation", "what_we_did", "outcome", "lessons"]:
        assert f'name="section_{name}"' in content
    assert 'name="section_approach"' not in content


def test_background_keeps_its_single_text(client, writer):
    client.force_login(writer)
    content = client.get(create_url("background")).content.decode()
    assert 'name="body"' in content
    assert 'name="section_' not in content


def test_a_draft_may_leave_every_section_empty(client, writer):
    client.force_login(writer)
    response = client.post(create_url(), resource_data(**EMPTY_SECTIONS, draft="1"))
    assert response.status_code == 302
    draft = Resource.objects.get()
    assert draft.is_draft
    assert draft.sections == {}
    assert draft.body == ""


def test_a_draft_emptied_on_edit_stays_empty(client, writer):
    draft = make_resource("Concept", writer, status=ResourceStatus.DRAFT)
    client.force_login(writer)
    data = resource_data(**EMPTY_SECTIONS, draft="1")
    assert client.post(reverse("knowledge:edit", args=[draft.slug]), data).status_code == 302
    draft.refresh_from_db()
    assert (draft.sections, draft.body) == ({}, "")


def test_publishing_names_each_missing_required_section_and_saves_nothing(client, writer):
    client.force_login(writer)
    data = resource_data(**EMPTY_SECTIONS, section_problem="Er is iets aan de hand.", publish="1")
    response = client.post(create_url(), data)
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert errors["section_goal"] == [
        "Vul ‘Doel’ in voordat je publiceert. Een concept mag het nog leeg laten."
    ]
    assert "Vul ‘Doelgroep’ in" in errors["section_target_group"][0]
    assert "Vul ‘Aanpak’ in" in errors["section_approach"][0]
    assert "section_problem" not in errors
    content = response.content.decode()
    assert "<title>Fout:" in content
    assert 'href="#id_section_goal"' in content  # the error summary links to the field
    assert Resource.objects.count() == 0


def test_a_case_needs_its_situation_and_what_was_done(client, writer):
    client.force_login(writer)
    data = resource_data(kind="case", section_situation="In Heerlen.", publish="1")
    response = client.post(create_url("case"), data)
    assert set(response.context["form"].errors) == {"section_what_we_did"}
    data["section_what_we_did"] = "We gingen langs de deuren."
    assert client.post(create_url("case"), data).status_code == 302
    case = Resource.objects.get()
    assert case.is_published
    assert case.sections == {
        "situation": "In Heerlen.",
        "what_we_did": "We gingen langs de deuren.",
    }


def test_a_published_tool_cannot_be_emptied_by_saving_it(client, writer):
    tool = make_resource("Het buurtgesprek", writer)
    client.force_login(writer)
    data = resource_data(**{**EMPTY_SECTIONS, "section_target_group": "Bewoners."}, draft="1")
    data.pop("kind")
    response = client.post(reverse("knowledge:edit", args=[tool.slug]), data)
    assert response.status_code == 200
    assert "section_goal" in response.context["form"].errors
    assert Resource.objects.get(pk=tool.pk).sections == tool.sections


def test_a_section_over_the_limit_is_refused_with_its_message(client, writer):
    client.force_login(writer)
    data = resource_data(section_rationale="w" * 10_001, draft="1")
    response = client.post(create_url(), data)
    assert response.context["form"].errors["section_rationale"] == [TOO_LONG]
    assert Resource.objects.count() == 0


def test_a_null_byte_in_a_section_is_refused(client, writer):
    client.force_login(writer)
    response = client.post(create_url(), resource_data(section_goal="Doel\x00", draft="1"))
    assert response.context["form"].errors["section_goal"] == ["Null-tekens zijn niet toegestaan."]


def test_an_unknown_kind_asks_for_the_kind_again(client, writer):
    client.force_login(writer)
    response = client.post(create_url(), resource_data(kind="<script>", publish="1"))
    assert response.status_code == 200
    assert "kind" in response.context["form"].errors
    assert 'type="radio" name="kind"' in response.content.decode()
    assert Resource.objects.count() == 0


def test_hostile_markdown_in_a_section_is_sanitized_on_the_page(client, writer):
    client.force_login(writer)
    hostile = f"Stap **een**.\n\n{SCRIPT}\n\n[klik](javascript:alert(1))"
    response = client.post(create_url(), resource_data(section_approach=hostile, publish="1"))
    tool = Resource.objects.get()
    html = tool.sections_html["approach"]
    assert "<strong>een</strong>" in html
    assert "<script" not in html
    assert "javascript:" not in html
    content = client.get(response["Location"]).content.decode()
    assert SCRIPT not in content
    assert "javascript:alert" not in content


def test_editing_keeps_the_kind_and_its_sections(client, writer):
    tool = make_resource("Het buurtgesprek", writer)
    client.force_login(writer)
    content = client.get(reverse("knowledge:edit", args=[tool.slug])).content.decode()
    assert 'name="kind"' not in content
    assert "Samen praten." in content  # the goal, in its own field
    data = resource_data(kind="background", section_experiences="In Kerkrade ging het goed.")
    data["publish"] = "1"
    assert client.post(reverse("knowledge:edit", args=[tool.slug]), data).status_code == 302
    tool.refresh_from_db()
    assert tool.kind == ResourceKind.TOOL
    assert tool.sections["experiences"] == "In Kerkrade ging het goed."
    assert "In Kerkrade ging het goed." in tool.body


def test_preview_shows_the_sections_under_their_names(client, writer):
    client.force_login(writer)
    response = client.post(create_url(), resource_data(preview="1"))
    content = response.content.decode()
    assert "<h2>Doel</h2>" in content
    assert "<h2>Werkzame elementen</h2>" not in content  # empty: not shown
    assert Resource.objects.count() == 0


# --- The rule itself, and the admin -------------------------------------------------------


def test_missing_for_publication_names_summary_and_required_sections_in_order(writer):
    tool = Resource(kind=ResourceKind.TOOL, summary=" ", sections={"approach": "Stappen."})
    assert [missing.field for missing in publishing.missing_for_publication(tool)] == [
        "summary",
        "target_group",
        "goal",
    ]
    report = Resource(kind=ResourceKind.REPORT, summary="Kort.", body="")
    assert publishing.can_publish(report)


def test_the_admin_action_publishes_only_complete_drafts_and_names_the_others(admin_client, writer):
    complete = make_resource("Compleet", writer, status=ResourceStatus.DRAFT)
    incomplete = make_resource("Half", writer, status=ResourceStatus.DRAFT)
    Resource.objects.filter(pk=incomplete.pk).update(sections={"approach": "Alleen stappen."})
    response = admin_client.post(
        reverse("admin:knowledge_resource_changelist"),
        {"action": "publish", "_selected_action": [complete.pk, incomplete.pk]},
        follow=True,
    )
    content = response.content.decode()
    assert "1 item gepubliceerd." in content
    assert "“Half” is nog een concept." in content
    assert "Vul ‘Doel’ in" in content
    assert Resource.objects.get(pk=complete.pk).is_published
    assert Resource.objects.get(pk=incomplete.pk).is_draft


def test_the_admin_change_form_edits_the_sections(admin_client, writer):
    tool = make_resource("Het buurtgesprek", writer)
    url = reverse("admin:knowledge_resource_change", args=[tool.pk])
    content = admin_client.get(url).content.decode()
    assert 'name="section_active_elements"' in content
    assert 'name="body"' not in content
    data = admin_item_data(tool, section_active_elements="De *uitnodiging* aan de deur.")
    assert admin_client.post(url, data).status_code == 302
    tool.refresh_from_db()
    assert tool.sections_html["active_elements"] == "<p>De <em>uitnodiging</em> aan de deur.</p>"


def test_the_admin_change_form_refuses_to_publish_an_incomplete_tool(admin_client, writer):
    draft = make_resource("Concept", writer, status=ResourceStatus.DRAFT)
    url = reverse("admin:knowledge_resource_change", args=[draft.pk])
    data = admin_item_data(draft, status=ResourceStatus.PUBLISHED, section_goal="")
    response = admin_client.post(url, data)
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert "Vul ‘Doel’ in" in errors["section_goal"][0]
    assert Resource.objects.get(pk=draft.pk).is_draft


def test_an_item_that_becomes_a_tool_in_the_admin_keeps_its_text(admin_client, writer):
    background = make_resource(
        "Achtergrond", writer, kind=ResourceKind.BACKGROUND, body="## Doel\n\nLeren.\n\nRest."
    )
    url = reverse("admin:knowledge_resource_change", args=[background.pk])
    data = admin_item_data(background, kind=ResourceKind.TOOL)
    refused = admin_client.post(url, data)  # published, but without its target group
    assert "Vul ‘Doelgroep’ in" in refused.context["adminform"].form.non_field_errors()[0]
    data["status"] = ResourceStatus.DRAFT
    assert admin_client.post(url, data).status_code == 302
    background.refresh_from_db()
    assert background.sections == {"goal": "Leren.\n\nRest."}


# --- An item made from a question: one text ------------------------------------------------


def test_a_tool_made_from_a_question_stays_a_draft_until_its_sections_are_there(client, writer):
    question = make_question(writer, title="Hoe signaleer ik?", body="Wat doe ik?")
    answerer = make_member("antwoorder@example.org", display_name="Ahmed Ouali")
    question.helped_answer = make_answer(question, answerer, "Met een logboek.")
    question.save()
    client.force_login(writer)
    url = reverse("questions:to_library", args=[question.slug])
    data = resource_data(body="## Doel\n\nSignalen bewaren.\n\nMeer tekst.", publish="1")
    response = client.post(url, data)
    assert response.status_code == 200
    errors = response.context["form"].non_field_errors()
    assert "Vul ‘Doelgroep’ in voordat je publiceert." in errors[0]
    assert "Vul ‘Aanpak’ in" in errors[1]
    assert "Vul ‘Aanpak’ in" in response.content.decode()  # in the error summary
    assert Resource.objects.count() == 0
    del data["publish"]
    assert client.post(url, {**data, "draft": "1"}).status_code == 302
    tool = Resource.objects.get()
    assert tool.is_draft
    assert tool.sections == {"goal": "Signalen bewaren.\n\nMeer tekst."}
