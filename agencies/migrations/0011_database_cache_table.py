"""The database cache's table, for a site without Redis (``CACHE_URL`` unset: puffa/settings.py): made by
``migrate`` so `make dev` and a fresh install need no extra command. Nothing is made when the cache is Redis or
local memory."""

from django.core.management import call_command
from django.db import migrations


def make_cache_table(apps, schema_editor) -> None:
    # By name, whatever the cache of the process migrating: the default (CACHE_URL unset) is this table, and a
    # site migrated while on Redis may later run without it.
    call_command("createcachetable", "puffa_cache", database=schema_editor.connection.alias, verbosity=0)


class Migration(migrations.Migration):
    dependencies = [("agencies", "0010_importjob")]

    operations = [migrations.RunPython(make_cache_table, migrations.RunPython.noop)]
