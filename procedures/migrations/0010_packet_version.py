"""PacketPDF keyed on the packet version, one PDF per language.

The PDFs kept so far were keyed on dates that miss the day and the release: they are dropped
(each is rendered again on its next download).
"""

from django.db import migrations, models


def drop_old_pdfs(apps, schema_editor):
    apps.get_model("procedures", "PacketPDF").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("procedures", "0009_reference_version"),
    ]

    operations = [
        migrations.RunPython(drop_old_pdfs, migrations.RunPython.noop),
        migrations.RemoveConstraint(model_name="packetpdf", name="packetpdf_one_per_version"),
        migrations.RemoveField(model_name="packetpdf", name="preparation_changed_at"),
        migrations.RemoveField(model_name="packetpdf", name="reference_changed_at"),
        migrations.AddField(
            model_name="packetpdf",
            name="version",
            field=models.CharField(default="", max_length=64),
            preserve_default=False,
        ),
        migrations.AddConstraint(
            model_name="packetpdf",
            constraint=models.UniqueConstraint(fields=("preparation", "language"), name="packetpdf_one_per_language"),
        ),
        # Going back drops the PDFs too, before the old keys return: they are rendered again.
        migrations.RunPython(migrations.RunPython.noop, drop_old_pdfs),
    ]
