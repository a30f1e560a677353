import django.utils.timezone
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("atelier", "0003_outgoing_mail"),
    ]

    operations = [
        migrations.CreateModel(
            name="ScheduledRun",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("job", models.CharField(max_length=50, verbose_name="job")),
                ("period", models.CharField(max_length=20, verbose_name="period")),
                ("host", models.CharField(max_length=255, verbose_name="server")),
                ("started_at", models.DateTimeField(default=django.utils.timezone.now, verbose_name="started")),
            ],
            options={
                "verbose_name": "scheduled run",
                "verbose_name_plural": "scheduled runs",
                "constraints": [
                    models.UniqueConstraint(fields=("job", "period"), name="one_run_per_job_and_period")
                ],
            },
        ),
    ]
