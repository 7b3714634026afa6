"""The calendar's reference data: non-working periods (DOF), the portal's booking horizon, office
time zones; staff groups get the new models; a period or notice that ends before it starts is
refused in plain words."""

import django.db.models.deletion
import simple_history.models
from django.conf import settings
from django.db import migrations, models

import procedures.models

# The IANA zone of every shipped office (scripts/build_reference.py, OFFICE_TIME_ZONES: the tz
# database's zone1970.tab for MX). Offices not listed keep America/Mexico_City.
OFFICE_TIME_ZONES = {
    "bc-ensenada": "America/Tijuana",
    "bc-mexicali": "America/Tijuana",
    "bc-rosarito": "America/Tijuana",
    "bc-tijuana": "America/Tijuana",
    "bcs-cabo-san-lucas": "America/Mazatlan",
    "bcs-la-paz": "America/Mazatlan",
    "bcs-loreto": "America/Mazatlan",
    "bcs-san-jose-del-cabo": "America/Mazatlan",
    "chih-ciudad-juarez": "America/Ciudad_Juarez",
    "nay-nuevo-vallarta": "America/Bahia_Banderas",
    "nay-tepic": "America/Mazatlan",
    "qroo-cancun": "America/Cancun",
    "qroo-chetumal": "America/Cancun",
    "qroo-cozumel": "America/Cancun",
    "qroo-playa-del-carmen": "America/Cancun",
    "qroo-tulum": "America/Cancun",
    "sin-culiacan": "America/Mazatlan",
    "sin-mazatlan": "America/Mazatlan",
    "son-hermosillo": "America/Hermosillo",
    "son-nogales": "America/Hermosillo",
    "son-puerto-penasco": "America/Hermosillo",
    "tamps-matamoros": "America/Matamoros",
    "tamps-nuevo-laredo": "America/Matamoros",
    "tamps-reynosa": "America/Matamoros",
}
NEW_REFERENCE_MODELS = ["nonworkingperiod", "bookinghorizon"]
EDITORS = "Reference editors"
VIEWERS = "Reference viewers"


def set_office_time_zones(apps, schema_editor):
    Office = apps.get_model("procedures", "Office")
    for code, zone in OFFICE_TIME_ZONES.items():
        Office.objects.filter(code=code).update(time_zone=zone)


def reset_office_time_zones(apps, schema_editor):
    apps.get_model("procedures", "Office").objects.update(time_zone="America/Mexico_City")


def grant_new_models(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    new = Permission.objects.filter(content_type__app_label="procedures", content_type__model__in=NEW_REFERENCE_MODELS)
    for group in Group.objects.filter(name=EDITORS):
        group.permissions.add(*new)
    for group in Group.objects.filter(name=VIEWERS):
        group.permissions.add(*new.filter(codename__startswith="view_"))


def revoke_new_models(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    new = Permission.objects.filter(content_type__app_label="procedures", content_type__model__in=NEW_REFERENCE_MODELS)
    for group in Group.objects.filter(name__in=[EDITORS, VIEWERS]):
        group.permissions.remove(*new)


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("procedures", "0004_tombstone_reason_staff"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="BookingHorizon",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                (
                    "content_hash",
                    models.CharField(blank=True, editable=False, max_length=64, verbose_name="loaded content hash"),
                ),
                (
                    "sources",
                    models.JSONField(blank=True, default=list, help_text="A list of URLs.", verbose_name="sources"),
                ),
                (
                    "confidence",
                    models.CharField(
                        choices=[
                            ("verified", "Verified"),
                            ("secondary", "Secondary source"),
                            ("unverified", "Not confirmed"),
                            ("conflicting", "Sources disagree"),
                        ],
                        default="unverified",
                        max_length=12,
                        verbose_name="confidence",
                    ),
                ),
                (
                    "last_verified",
                    models.DateField(
                        blank=True, help_text="Only for verified facts.", null=True, verbose_name="sources checked on"
                    ),
                ),
                ("key", models.SlugField(max_length=40, unique=True, verbose_name="key")),
                ("days", models.PositiveSmallIntegerField(verbose_name="days ahead")),
                ("note_en", models.TextField(blank=True, verbose_name="note in English")),
                ("note_es", models.TextField(blank=True, verbose_name="note in Spanish")),
            ],
            options={
                "verbose_name": "booking horizon",
                "verbose_name_plural": "booking horizons",
                "ordering": ["key"],
            },
        ),
        migrations.CreateModel(
            name="HistoricalBookingHorizon",
            fields=[
                ("id", models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name="ID")),
                (
                    "content_hash",
                    models.CharField(blank=True, editable=False, max_length=64, verbose_name="loaded content hash"),
                ),
                (
                    "sources",
                    models.JSONField(blank=True, default=list, help_text="A list of URLs.", verbose_name="sources"),
                ),
                (
                    "confidence",
                    models.CharField(
                        choices=[
                            ("verified", "Verified"),
                            ("secondary", "Secondary source"),
                            ("unverified", "Not confirmed"),
                            ("conflicting", "Sources disagree"),
                        ],
                        default="unverified",
                        max_length=12,
                        verbose_name="confidence",
                    ),
                ),
                (
                    "last_verified",
                    models.DateField(
                        blank=True, help_text="Only for verified facts.", null=True, verbose_name="sources checked on"
                    ),
                ),
                ("key", models.SlugField(max_length=40, verbose_name="key")),
                ("days", models.PositiveSmallIntegerField(verbose_name="days ahead")),
                ("note_en", models.TextField(blank=True, verbose_name="note in English")),
                ("note_es", models.TextField(blank=True, verbose_name="note in Spanish")),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.CharField(max_length=100, null=True)),
                (
                    "history_type",
                    models.CharField(choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1),
                ),
            ],
            options={
                "verbose_name": "historical booking horizon",
                "verbose_name_plural": "historical booking horizons",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalNonWorkingPeriod",
            fields=[
                ("id", models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name="ID")),
                (
                    "content_hash",
                    models.CharField(blank=True, editable=False, max_length=64, verbose_name="loaded content hash"),
                ),
                (
                    "sources",
                    models.JSONField(blank=True, default=list, help_text="A list of URLs.", verbose_name="sources"),
                ),
                (
                    "confidence",
                    models.CharField(
                        choices=[
                            ("verified", "Verified"),
                            ("secondary", "Secondary source"),
                            ("unverified", "Not confirmed"),
                            ("conflicting", "Sources disagree"),
                        ],
                        default="unverified",
                        max_length=12,
                        verbose_name="confidence",
                    ),
                ),
                (
                    "last_verified",
                    models.DateField(
                        blank=True, help_text="Only for verified facts.", null=True, verbose_name="sources checked on"
                    ),
                ),
                ("key", models.SlugField(help_text="e.g. dof-2026-year-end", max_length=60, verbose_name="key")),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("year_end", "Year-end closure"),
                            ("holy_week", "Holy Thursday and Good Friday"),
                            ("other", "Other general vacation or suspension"),
                        ],
                        default="other",
                        max_length=10,
                        verbose_name="kind",
                    ),
                ),
                ("starts_on", models.DateField(verbose_name="from")),
                ("ends_on", models.DateField(help_text="The last day of the period, included.", verbose_name="until")),
                ("name_en", models.CharField(max_length=200, verbose_name="name in English")),
                ("name_es", models.CharField(max_length=200, verbose_name="name in Spanish")),
                (
                    "acuerdo",
                    models.CharField(
                        blank=True,
                        help_text="The acuerdo and its date of publication in the DOF; empty when not known.",
                        max_length=300,
                        verbose_name="DOF acuerdo",
                    ),
                ),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.CharField(max_length=100, null=True)),
                (
                    "history_type",
                    models.CharField(choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1),
                ),
            ],
            options={
                "verbose_name": "historical non-working period",
                "verbose_name_plural": "historical non-working periods",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="NonWorkingPeriod",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                (
                    "content_hash",
                    models.CharField(blank=True, editable=False, max_length=64, verbose_name="loaded content hash"),
                ),
                (
                    "sources",
                    models.JSONField(blank=True, default=list, help_text="A list of URLs.", verbose_name="sources"),
                ),
                (
                    "confidence",
                    models.CharField(
                        choices=[
                            ("verified", "Verified"),
                            ("secondary", "Secondary source"),
                            ("unverified", "Not confirmed"),
                            ("conflicting", "Sources disagree"),
                        ],
                        default="unverified",
                        max_length=12,
                        verbose_name="confidence",
                    ),
                ),
                (
                    "last_verified",
                    models.DateField(
                        blank=True, help_text="Only for verified facts.", null=True, verbose_name="sources checked on"
                    ),
                ),
                (
                    "key",
                    models.SlugField(
                        help_text="e.g. dof-2026-year-end", max_length=60, unique=True, verbose_name="key"
                    ),
                ),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("year_end", "Year-end closure"),
                            ("holy_week", "Holy Thursday and Good Friday"),
                            ("other", "Other general vacation or suspension"),
                        ],
                        default="other",
                        max_length=10,
                        verbose_name="kind",
                    ),
                ),
                ("starts_on", models.DateField(verbose_name="from")),
                ("ends_on", models.DateField(help_text="The last day of the period, included.", verbose_name="until")),
                ("name_en", models.CharField(max_length=200, verbose_name="name in English")),
                ("name_es", models.CharField(max_length=200, verbose_name="name in Spanish")),
                (
                    "acuerdo",
                    models.CharField(
                        blank=True,
                        help_text="The acuerdo and its date of publication in the DOF; empty when not known.",
                        max_length=300,
                        verbose_name="DOF acuerdo",
                    ),
                ),
            ],
            options={
                "verbose_name": "non-working period",
                "verbose_name_plural": "non-working periods",
                "ordering": ["-starts_on", "key"],
            },
            bases=(procedures.models.PeriodDatesMixin, models.Model),
        ),
        migrations.AddField(
            model_name="historicaloffice",
            name="time_zone",
            field=models.CharField(
                choices=[
                    ("America/Mexico_City", "Central Mexico (America/Mexico_City)"),
                    ("America/Cancun", "Quintana Roo (America/Cancun)"),
                    ("America/Merida", "Campeche, Yucatán (America/Merida)"),
                    ("America/Monterrey", "Durango; Coahuila, Nuevo León, Tamaulipas, most areas (America/Monterrey)"),
                    ("America/Matamoros", "Coahuila, Nuevo León, Tamaulipas, US border (America/Matamoros)"),
                    ("America/Chihuahua", "Chihuahua, most areas (America/Chihuahua)"),
                    ("America/Ciudad_Juarez", "Chihuahua, US border, west (America/Ciudad_Juarez)"),
                    ("America/Ojinaga", "Chihuahua, US border, east (America/Ojinaga)"),
                    ("America/Mazatlan", "Baja California Sur, Nayarit (most areas), Sinaloa (America/Mazatlan)"),
                    ("America/Bahia_Banderas", "Bahía de Banderas (America/Bahia_Banderas)"),
                    ("America/Hermosillo", "Sonora (America/Hermosillo)"),
                    ("America/Tijuana", "Baja California (America/Tijuana)"),
                ],
                default="America/Mexico_City",
                help_text="The office's clock: appointments are recorded and put in calendars in this zone.",
                max_length=40,
                verbose_name="time zone",
            ),
        ),
        migrations.AddField(
            model_name="office",
            name="time_zone",
            field=models.CharField(
                choices=[
                    ("America/Mexico_City", "Central Mexico (America/Mexico_City)"),
                    ("America/Cancun", "Quintana Roo (America/Cancun)"),
                    ("America/Merida", "Campeche, Yucatán (America/Merida)"),
                    ("America/Monterrey", "Durango; Coahuila, Nuevo León, Tamaulipas, most areas (America/Monterrey)"),
                    ("America/Matamoros", "Coahuila, Nuevo León, Tamaulipas, US border (America/Matamoros)"),
                    ("America/Chihuahua", "Chihuahua, most areas (America/Chihuahua)"),
                    ("America/Ciudad_Juarez", "Chihuahua, US border, west (America/Ciudad_Juarez)"),
                    ("America/Ojinaga", "Chihuahua, US border, east (America/Ojinaga)"),
                    ("America/Mazatlan", "Baja California Sur, Nayarit (most areas), Sinaloa (America/Mazatlan)"),
                    ("America/Bahia_Banderas", "Bahía de Banderas (America/Bahia_Banderas)"),
                    ("America/Hermosillo", "Sonora (America/Hermosillo)"),
                    ("America/Tijuana", "Baja California (America/Tijuana)"),
                ],
                default="America/Mexico_City",
                help_text="The office's clock: appointments are recorded and put in calendars in this zone.",
                max_length=40,
                verbose_name="time zone",
            ),
        ),
        migrations.AlterField(
            model_name="historicalofficenotice",
            name="ends_on",
            field=models.DateField(
                blank=True, help_text="Empty: until further notice.", null=True, verbose_name="until"
            ),
        ),
        migrations.AlterField(
            model_name="officenotice",
            name="ends_on",
            field=models.DateField(
                blank=True, help_text="Empty: until further notice.", null=True, verbose_name="until"
            ),
        ),
        migrations.AlterConstraint(
            model_name="officenotice",
            name="officenotice_ends_after_start",
            constraint=models.CheckConstraint(
                condition=models.Q(("ends_on__isnull", True), ("ends_on__gte", models.F("starts_on")), _connector="OR"),
                name="officenotice_ends_after_start",
                violation_error_code="ends_before_start",
                violation_error_message="The end date is before the start date: the “until” date must be the same day as “from”, or later.",
            ),
        ),
        migrations.AddConstraint(
            model_name="bookinghorizon",
            constraint=models.CheckConstraint(
                condition=models.Q(("last_verified__isnull", True), ("confidence", "verified"), _connector="OR"),
                name="bookinghorizon_last_verified_only_when_verified",
            ),
        ),
        migrations.AddConstraint(
            model_name="bookinghorizon",
            constraint=models.CheckConstraint(
                condition=models.Q(("days__gte", 1), ("days__lte", 365)),
                name="bookinghorizon_days_1_to_365",
                violation_error_message="The horizon is a number of days from 1 to 365.",
            ),
        ),
        migrations.AddField(
            model_name="historicalbookinghorizon",
            name="history_user",
            field=models.ForeignKey(
                null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="+", to=settings.AUTH_USER_MODEL
            ),
        ),
        migrations.AddField(
            model_name="historicalnonworkingperiod",
            name="history_user",
            field=models.ForeignKey(
                null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="+", to=settings.AUTH_USER_MODEL
            ),
        ),
        migrations.AddField(
            model_name="historicalnonworkingperiod",
            name="office",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                help_text="Empty: every INM office.",
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="procedures.office",
                verbose_name="office",
            ),
        ),
        migrations.AddField(
            model_name="nonworkingperiod",
            name="office",
            field=models.ForeignKey(
                blank=True,
                help_text="Empty: every INM office.",
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="non_working_periods",
                to="procedures.office",
                verbose_name="office",
            ),
        ),
        migrations.AddConstraint(
            model_name="nonworkingperiod",
            constraint=models.CheckConstraint(
                condition=models.Q(("last_verified__isnull", True), ("confidence", "verified"), _connector="OR"),
                name="nonworkingperiod_last_verified_only_when_verified",
            ),
        ),
        migrations.AddConstraint(
            model_name="nonworkingperiod",
            constraint=models.CheckConstraint(
                condition=models.Q(("ends_on__isnull", True), ("ends_on__gte", models.F("starts_on")), _connector="OR"),
                name="nonworkingperiod_ends_after_start",
                violation_error_code="ends_before_start",
                violation_error_message="The end date is before the start date: the “until” date must be the same day as “from”, or later.",
            ),
        ),
        migrations.RunPython(set_office_time_zones, reset_office_time_zones),
        migrations.RunPython(grant_new_models, revoke_new_models),
    ]
