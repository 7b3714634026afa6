"""The reference version: one database row that any change to the reference catalogue renews."""

import secrets

from django.db import migrations, models
from django.utils import timezone


def create_reference_version(apps, schema_editor):
    ReferenceVersion = apps.get_model("procedures", "ReferenceVersion")
    ReferenceVersion.objects.get_or_create(pk=1, defaults={"value": secrets.token_hex(8), "changed_at": timezone.now()})


def delete_reference_version(apps, schema_editor):
    apps.get_model("procedures", "ReferenceVersion").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("procedures", "0008_office_address_sources_and_bilingual_texts"),
    ]

    operations = [
        migrations.CreateModel(
            name="ReferenceVersion",
            fields=[
                (
                    "id",
                    models.PositiveSmallIntegerField(default=1, editable=False, primary_key=True, serialize=False),
                ),
                ("value", models.CharField(max_length=32)),
                ("changed_at", models.DateTimeField()),
            ],
            options={
                "verbose_name": "reference version",
                "verbose_name_plural": "reference version",
                "constraints": [
                    models.CheckConstraint(condition=models.Q(("id", 1)), name="referenceversion_is_one_row")
                ],
            },
        ),
        migrations.RunPython(create_reference_version, delete_reference_version),
    ]
