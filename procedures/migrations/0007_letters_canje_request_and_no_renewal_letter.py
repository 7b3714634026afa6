from django.db import migrations, models

# The renewal's request letter is no longer a checklist item (gob.mx INM820 asks for none; issue 18).
# load_reference adds and updates rows but never deletes one: this migration removes the row a
# database loaded from an earlier release, unless staff changed it.
DROPPED = {
    "procedure": "renovacion",
    "key": "carta_solicitud",
    "text_en": "Request letter in Spanish asking for renewal (generated on the INM micrositio)",
    "text_es": "Escrito de solicitud de renovación",
}
DROPPED_SOURCE = (
    "https://medium.com/@canafrican/a-guide-to-renewing-your-mexican-temporary-resident-permit-45304d5d6388"
)


def drop_the_renewal_letter_item(apps, schema_editor):
    ChecklistItem = apps.get_model("procedures", "ChecklistItem")
    ChecklistItem.objects.filter(
        procedure__slug=DROPPED["procedure"],
        key=DROPPED["key"],
        text_en=DROPPED["text_en"],
        text_es=DROPPED["text_es"],
    ).delete()


def restore_the_renewal_letter_item(apps, schema_editor):
    Procedure = apps.get_model("procedures", "Procedure")
    ChecklistItem = apps.get_model("procedures", "ChecklistItem")
    procedure = Procedure.objects.filter(slug=DROPPED["procedure"]).first()
    if procedure is None or ChecklistItem.objects.filter(procedure=procedure, key=DROPPED["key"]).exists():
        return
    ChecklistItem.objects.create(
        procedure=procedure,
        key=DROPPED["key"],
        text_en=DROPPED["text_en"],
        text_es=DROPPED["text_es"],
        originals=1,
        copies=0,
        condition="always",
        position=9,
        sources=[DROPPED_SOURCE],
        confidence="secondary",
    )


LETTERS = [
    ("notification", "Notice of a change"),
    ("four_year_request", "Request after four years"),
    ("family_statement", "Statement of the family tie"),
    ("self_employment_statement", "Statement of self-employment"),
    ("loss_account", "Account of the loss or theft"),
    ("canje_request", "Request for the card in exchange for the visa (canje)"),
]


class Migration(migrations.Migration):
    dependencies = [
        ("procedures", "0006_appointments_in_office_time"),
    ]

    operations = [
        migrations.AlterField(
            model_name="historicalprocedure",
            name="letter",
            field=models.CharField(blank=True, choices=LETTERS, max_length=32, verbose_name="letter"),
        ),
        migrations.AlterField(
            model_name="procedure",
            name="letter",
            field=models.CharField(blank=True, choices=LETTERS, max_length=32, verbose_name="letter"),
        ),
        migrations.RunPython(drop_the_renewal_letter_item, restore_the_renewal_letter_item),
    ]
