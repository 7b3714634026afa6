"""Django's migrate, which first creates a SQLite database file that does not exist yet.

At run time SQLite opens its file ``mode=rw`` and never creates it (inmprep/database.py); this
is where a fresh clone's ``db.sqlite3`` is born.
"""

from django.core.management.commands.migrate import Command as MigrateCommand
from django.db import connections

from inmprep.database import SQLITE_ENGINE, sqlite_file


class Command(MigrateCommand):
    def execute(self, *args, **options):
        # Before the system checks, which already open the database.
        database = connections[options.get("database") or "default"].settings_dict
        path = sqlite_file(str(database["NAME"])) if database["ENGINE"] == SQLITE_ENGINE else None
        if path is not None and not path.exists():
            # An empty file is an empty SQLite database; migrate fills it.
            path.parent.mkdir(parents=True, exist_ok=True)
            path.touch()
            if options.get("verbosity", 1) >= 1:
                self.stdout.write(f"Created the SQLite database {path}.")
        return super().execute(*args, **options)
