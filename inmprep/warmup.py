"""What Django does lazily on a worker's first request, done once in gunicorn's master instead.

With ``preload_app`` the workers are forked from the master and share what it has loaded: a
worker started again by ``max_requests`` then serves its first request about as fast as the
others, instead of spending 200 ms on URL patterns, translations and templates while requests
wait for it. Nothing here keeps a database connection: one must never cross a fork.
"""

from pathlib import Path

from django.conf import settings
from django.db import connections
from django.template import engines
from django.urls import reverse
from django.utils import translation


def warm_up() -> None:
    from procedures.forms import country_choices
    from procedures.steps import STEPS

    engine = engines["django"]
    templates = Path(settings.BASE_DIR, "templates")
    for path in templates.rglob("*.html"):
        engine.get_template(str(path.relative_to(templates)))
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            reverse("procedures:home")
            country_choices()
            for step in STEPS:
                for field in step.form_class():
                    field.as_field_group()
    connections.close_all()
