"""Co-authors by consent: an authorship is asked, then accepted or declined.

Every co-author named before this counts as having accepted (issue 21): they were shown
as authors already, and asking them now would hide items they wrote.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models




def existing_authors_accepted(apps, schema_editor):
    apps.get_model("knowledge", "Authorship").objects.update(status="accepted")


class Migration(migrations.Migration):

    dependencies = [
        ('knowledge', '0003_rank_vector'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name='authorship',
            name='invited_by',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='asked by'),
        ),
        migrations.AddField(
            model_name='authorship',
            name='status',
            field=models.CharField(choices=[('pending', 'Asked'), ('accepted', 'Accepted'), ('declined', 'Declined')], default='pending', max_length=10, verbose_name='status'),
        ),
        migrations.RunPython(existing_authors_accepted, migrations.RunPython.noop),
        migrations.AlterField(
            model_name='resource',
            name='authors',
            field=models.ManyToManyField(blank=True, related_name='resources', through='knowledge.Authorship', through_fields=('resource', 'user'), to=settings.AUTH_USER_MODEL, verbose_name='authors'),
        ),
    ]
