"""The database cache's table, for a site without Redis (``CACHE_URL`` unset: puffa/settings.py): made by
``migrate`` so `make dev` and a fresh install need no extra command. Nothing is made when the cache is Redis or
local memory."""

from django.core.management import call_command
from django.db import migrations


def make_cache_table(apps, schema_editor) -> None:
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


class Migration(migrations.Migration):
    dependencies = [("agencies", "0010_importjob")]

    operations = [migrations.RunPython(make_cache_table, migrations.RunPython.noop)]
