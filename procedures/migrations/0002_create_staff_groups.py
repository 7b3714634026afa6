"""Create the two staff groups: editors change the reference catalogue, viewers only read it."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITORS = "Reference editors"
VIEWERS = "Reference viewers"

REFERENCE_MODELS = [
    "state",
    "procedure",
    "checklistitem",
    "generalrule",
    "feeschedule",
    "feeamount",
    "procedurefee",
    "office",
    "officenotice",
]


def create_staff_groups(apps, schema_editor):
    # Permissions are normally created after all migrations; the groups need them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    reference = Permission.objects.filter(
        content_type__app_label="procedures", content_type__model__in=REFERENCE_MODELS
    )
    editors, _ = Group.objects.get_or_create(name=EDITORS)
    editors.permissions.set(
        list(reference)
        + list(
            Permission.objects.filter(
                content_type__app_label="procedures",
                codename__in=["view_problemreport", "change_problemreport", "view_preparation"],
            )
        )
    )
    viewers, _ = Group.objects.get_or_create(name=VIEWERS)
    viewers.permissions.set(
        list(reference.filter(codename__startswith="view_"))
        + list(
            Permission.objects.filter(
                content_type__app_label="procedures", codename__in=["view_problemreport", "view_preparation"]
            )
        )
    )


def remove_staff_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=[EDITORS, VIEWERS]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("procedures", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_staff_groups, remove_staff_groups)]
