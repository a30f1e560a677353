from django.core.management import call_command
from django.db import migrations


def create_cache_table(apps, schema_editor):
    # The database cache (shared by all workers) needs its table wherever the site runs.
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


def create_site_settings(apps, schema_editor):
    # The three pages are made after every migrate, with the titles of atelier/texts/:
    # see atelier.site_texts.ensure_site_rows.
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
        migrations.RunPython(create_site_settings, migrations.RunPython.noop),
        migrations.RunPython(create_coordinator_group, migrations.RunPython.noop),
    ]
