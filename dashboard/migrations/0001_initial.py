import django.core.validators
import django.db.models.deletion
import django.utils.timezone
from django.db import migrations, models

import dashboard.models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ("value", "0003_newest_stories_index"),
    ]

    operations = [
        migrations.CreateModel(
            name="YearReport",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                (
                    "year",
                    models.PositiveSmallIntegerField(
                        unique=True,
                        validators=[
                            django.core.validators.MinValueValidator(2000),
                            django.core.validators.MaxValueValidator(2100),
                        ],
                        verbose_name="year",
                    ),
                ),
                (
                    "introduction",
                    models.TextField(
                        blank=True,
                        help_text="In Markdown: a blank line between paragraphs, ## for a heading.",
                        max_length=20000,
                        verbose_name="introduction",
                    ),
                ),
                ("introduction_html", models.TextField(blank=True, editable=False)),
                ("figures", models.JSONField(default=list, editable=False)),
                ("figures_taken_at", models.DateTimeField(editable=False, null=True, verbose_name="figures taken")),
                (
                    "published_at",
                    models.DateTimeField(blank=True, editable=False, null=True, verbose_name="published"),
                ),
                ("created_at", models.DateTimeField(default=django.utils.timezone.now, editable=False)),
                ("updated_at", models.DateTimeField(auto_now=True)),
            ],
            options={
                "verbose_name": "yearly report",
                "verbose_name_plural": "yearly reports",
                "ordering": ["-year"],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(("year__gte", 2000), ("year__lte", 2100)),
                        name="year_report_sane_year",
                    )
                ],
            },
        ),
        migrations.CreateModel(
            name="ReportStory",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                (
                    "report",
                    models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, to="dashboard.yearreport"),
                ),
                (
                    "story",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE, related_name="+", to="value.valuestory"
                    ),
                ),
            ],
            options={
                "verbose_name": "picked story",
                "verbose_name_plural": "picked stories",
                "constraints": [
                    models.UniqueConstraint(fields=("report", "story"), name="story_once_per_report")
                ],
            },
        ),
        migrations.AddField(
            model_name="yearreport",
            name="stories",
            field=models.ManyToManyField(
                blank=True,
                related_name="+",
                through="dashboard.ReportStory",
                to="value.valuestory",
                verbose_name="value stories",
            ),
        ),
        migrations.CreateModel(
            name="ReportPdf",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("file", models.FileField(upload_to=dashboard.models.report_pdf_path)),
                ("size", models.PositiveBigIntegerField(default=0)),
                ("created_at", models.DateTimeField(default=django.utils.timezone.now)),
                (
                    "report",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE, related_name="pdf", to="dashboard.yearreport"
                    ),
                ),
            ],
            options={
                "verbose_name": "report PDF",
                "verbose_name_plural": "report PDFs",
            },
        ),
    ]
