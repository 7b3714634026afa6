"""The form renderer: fields and widgets through Jinja2, the admin's widgets through Django templates."""

from pathlib import Path

import django.forms
import jinja2
from django.forms.renderers import BaseRenderer, DjangoTemplates
from django.template import TemplateDoesNotExist
from django.template.backends.jinja2 import Jinja2
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from .templatetags.inmprep import field_widget, is_checkbox, is_choice_group


class FormRenderer(BaseRenderer):
    """Render each field (``{{ field.as_field_group }}``) and its widgets through Jinja2.

    A wizard step renders 10 to 30 fields and widgets (every radio button is one); through Jinja2
    that takes about a third of the time it takes through Django templates (see bench/). The
    field template is procedures/jinja2/_partials/field.html; the widgets are Django's own Jinja2
    copies of its widget templates. The admin's widgets exist only as Django templates, so a name
    Jinja2 does not have falls back to them.
    """

    field_template_name = "_partials/field.html"

    @cached_property
    def jinja2(self):
        return Jinja2(
            {
                "APP_DIRS": True,
                "DIRS": [Path(django.forms.__file__).parent / "jinja2"],
                "NAME": "forms",
                "OPTIONS": {"environment": "procedures.renderers.environment"},
            }
        )

    @cached_property
    def django(self):
        return DjangoTemplates()

    def get_template(self, template_name):
        try:
            return self.jinja2.get_template(template_name)
        except TemplateDoesNotExist:
            return self.django.get_template(template_name)


def environment(**options) -> jinja2.Environment:
    """The Jinja2 environment of form templates, with the helpers the field template uses."""
    env = jinja2.Environment(**options)  # noqa: S701  (Django's backend passes autoescape=True)
    env.globals.update(
        field_widget=field_widget,
        is_checkbox=is_checkbox,
        is_choice_group=is_choice_group,
        optional=_("optional"),
    )
    return env
