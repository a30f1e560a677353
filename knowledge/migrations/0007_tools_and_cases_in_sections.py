"""Existing tools and cases get their sections (issue 16), without losing a word.

Where an item's text has headings that name its sections ("## Doel", "## Stappen",
"## Context"), it is split there; otherwise the whole text becomes a tool's approach or a
case's situation (knowledge/section_split.py). The text then reads as `Resource.save`
keeps it: `body` is the sections joined, each section rendered once. Items that already
have sections are left alone. Going back leaves the sections: the text is still whole.
"""

from django.db import migrations

from atelier.markdown import render_markdown
from knowledge.section_split import split_into_sections
from knowledge.sections import SECTIONS_BY_KIND, sections_of


def split_tools_and_cases(apps, schema_editor):
    Resource = apps.get_model("knowledge", "Resource")
    items = Resource.objects.filter(kind__in=list(SECTIONS_BY_KIND)).only(
        "kind", "body", "sections"
    )
    for resource in items.iterator(chunk_size=500):
        if any(resource.sections.values()):
            continue
        sections = split_into_sections(resource.kind, resource.body)
        resource.sections = sections
        resource.sections_html = {key: render_markdown(text) for key, text in sections.items()}
        resource.body = "\n\n".join(
            sections[section.key] for section in sections_of(resource.kind) if section.key in sections
        )
        resource.body_html = render_markdown(resource.body)
        resource.save(update_fields=["sections", "sections_html", "body", "body_html"])


class Migration(migrations.Migration):
    dependencies = [("knowledge", "0006_sections_versions_uptake")]

    operations = [migrations.RunPython(split_tools_and_cases, migrations.RunPython.noop)]
