# The placeholder demo models are replaced by real inspections (providers, inspections,
# assessments): the demo now seeds one of those instead.

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("demo", "0001_initial"),
    ]

    operations = [
        migrations.DeleteModel(name="DemoSample"),
        migrations.DeleteModel(name="DemoInspection"),
    ]
