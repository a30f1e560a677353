from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("members", "0009_profile_item_emails_label"),
    ]

    operations = [
        migrations.AddField(
            model_name="profile",
            name="visit_started_at",
            field=models.DateTimeField(
                blank=True,
                editable=False,
                null=True,
                verbose_name="current visit to My atelier began",
            ),
        ),
        migrations.AddField(
            model_name="profile",
            name="previous_visit_at",
            field=models.DateTimeField(
                blank=True,
                editable=False,
                null=True,
                verbose_name="previous visit to My atelier began",
            ),
        ),
    ]
