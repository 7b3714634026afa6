"""The form renderer: Django's widget templates through Jinja2, the admin's through Django templates."""

from django.forms.renderers import BaseRenderer, DjangoTemplates, Jinja2
from django.template import TemplateDoesNotExist


class FormRenderer(BaseRenderer):
    """Render widgets with Django's own Jinja2 copies of its widget templates.

    A wizard step renders 15 to 30 widgets (every radio button is one); through Jinja2 that takes
    about a third of the time it takes through Django templates (see bench/). The admin's widgets
    exist only as Django templates, so a name Jinja2 does not have falls back to them.
    """

    def __init__(self):
        self.jinja2 = Jinja2()
        self.django = DjangoTemplates()

    def get_template(self, template_name):
        try:
            return self.jinja2.get_template(template_name)
        except TemplateDoesNotExist:
            return self.django.get_template(template_name)
