from django.core.management import call_command
from django.db import migrations

PAGE_TITLES = {
    "home": "Leeratelier Samenlevingsopbouw",
    "about": "Over het leeratelier",
    "privacy": "Privacyverklaring",
}


def create_cache_table(apps, schema_editor):
    # The database cache (shared by all workers) needs its table wherever the site runs.
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


def create_pages_and_settings(apps, schema_editor):
    Page = apps.get_model("atelier", "Page")
    for key, title in PAGE_TITLES.items():
        Page.objects.get_or_create(key=key, defaults={"title": title})
    apps.get_model("atelier", "SiteSettings").objects.get_or_create(pk=1)


def create_coordinator_group(apps, schema_editor):
    # Its permissions are kept in line after every migrate: see atelier/coordinator.py.
    apps.get_model("auth", "Group").objects.get_or_create(name="Coördinator")


class Migration(migrations.Migration):
    dependencies = [
        ("atelier", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [
        migrations.RunPython(create_cache_table, migrations.RunPython.noop),
        migrations.RunPython(create_pages_and_settings, migrations.RunPython.noop),
        migrations.RunPython(create_coordinator_group, migrations.RunPython.noop),
    ]
