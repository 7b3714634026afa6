"""The quick paths of form rendering give the same markup and the same choices as Django's own."""

import copy
import re
from html import unescape

import pytest
from django import forms
from django.test.utils import override_settings
from django.utils import translation

from procedures import catalogue_rows
from procedures.forms import ApplicantStepForm, OfficeStepForm, country_choices
from procedures.renderers import FormRenderer
from procedures.widgets import FastSelect, FrozenChoices

from .makers import make_office, make_state

OPTION_RE = re.compile(r'<option value="([^"]*)"( selected)?>([^<]*)</option>')


def options(html: str) -> list[tuple[str, bool, str]]:
    """(value, selected, label) of each option, unescaped: Jinja2 and Django escape "'" differently."""
    return [(unescape(value), bool(selected), unescape(label)) for value, selected, label in OPTION_RE.findall(html)]


@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize("value", ["", "MX", "CI"])
def test_fast_select_lists_the_same_options_as_djangos_select(language, value):
    with translation.override(language):
        choices = country_choices()
        fast = FastSelect(choices=choices).render("nationality", value, {"id": "id_nationality"})
        django = forms.Select(choices=list(choices)).render("nationality", value, {"id": "id_nationality"})
    assert len(options(fast)) == len(list(choices)) > 240
    assert options(fast) == options(django)
    assert [selected for _, selected, _ in options(fast)].count(True) == 1
    assert fast.startswith('<select name="nationality" id="id_nationality">')


def test_country_names_are_escaped_once():
    # "Côte d'Ivoire": the apostrophe is escaped as Django escapes it, not twice.
    with translation.override("en"):
        html = FastSelect(choices=country_choices()).render("c", "CI", {})
    assert '<option value="CI" selected>Côte d&#x27;Ivoire</option>' in html


def test_country_choices_are_shared_by_every_form_not_copied():
    first, second = ApplicantStepForm(), ApplicantStepForm()
    assert first.fields["nationality"].choices is second.fields["nationality"].choices
    assert isinstance(first.fields["nationality"].choices, FrozenChoices)
    field = first.fields["nationality"]
    assert copy.deepcopy(field).choices is field.choices
    assert copy.copy(field.widget).choices is field.widget.choices


def test_a_form_with_frozen_choices_still_validates_them():
    form = ApplicantStepForm(data={"nationality": "XX", "birth_country": "MX"})
    form.is_valid()
    assert "nationality" in form.errors
    assert "birth_country" not in form.errors


def test_frozen_choices_keep_their_groups():
    choices = FrozenChoices([("", "Choose"), ("Group", [("a", "A"), ("b", "B")])])
    html = FastSelect(choices=choices).render("x", "b", {})
    group = '<optgroup label="Group"><option value="a">A</option><option value="b" selected>B</option></optgroup>'
    assert group in html
    assert forms.ChoiceField(choices=choices).valid_value("b")
    assert not forms.ChoiceField(choices=choices).valid_value("Group")


def test_widgets_render_through_jinja2_and_admin_widgets_through_django_templates():
    renderer = FormRenderer()
    assert type(renderer.get_template("django/forms/widgets/input.html")).__module__.endswith("jinja2")
    admin = renderer.get_template("admin/widgets/related_widget_wrapper.html")
    assert type(admin).__module__ == "django.template.backends.django"


def test_jinja2_widgets_give_the_markup_of_django_templates():
    form = ApplicantStepForm(data={"given_names": "<b>Ana</b>", "sex": "M"})
    form.is_valid()
    with override_settings(FORM_RENDERER="django.forms.renderers.DjangoTemplates"):
        from django.forms.renderers import get_default_renderer

        get_default_renderer.cache_clear()
        try:
            expected = {name: str(form[name]) for name in ("given_names", "sex", "birth_date", "marital_status")}
        finally:
            get_default_renderer.cache_clear()
    squash = re.compile(r"\s+")
    for name, html in expected.items():
        assert squash.sub(" ", str(form[name])) == squash.sub(" ", html), name
    assert "&lt;b&gt;Ana&lt;/b&gt;" in str(form["given_names"])


@pytest.mark.django_db
def test_the_office_step_lists_the_cached_offices_home_state_first():
    jalisco, colima = make_state("14", "Jalisco"), make_state("06", "Colima")
    make_office(jalisco, code="jal-guadalajara", city="Guadalajara")
    make_office(colima, code="col-colima", city="Colima")
    with translation.override("en"):
        html = str(OfficeStepForm(offices=catalogue_rows.active_offices(), home_state="14")["office"])
    assert html.index("Offices in your state") < html.index("Guadalajara") < html.index("Colima")


@pytest.mark.parametrize(("language", "optional"), [("en", "(optional)"), ("es", "(opcional)")])
def test_a_field_group_has_its_label_hint_error_and_optional_mark_in_the_language(language, optional):
    with translation.override(language):
        form = ApplicantStepForm(data={"given_names": "Ana 2"})
        form.is_valid()
        given_names, curp, sex = (form[name].as_field_group() for name in ("given_names", "curp", "sex"))
    assert '<label class="form-label fw-semibold" for="id_given_names">' in given_names
    assert 'aria-describedby="id_given_names_helptext id_given_names_error"' in given_names
    assert 'class="form-control is-invalid"' in given_names and 'id="id_given_names_error"' in given_names
    assert optional in curp and optional not in given_names
    assert sex.startswith('<fieldset class="mb-3 field has-error" id="field-sex"') and sex.count('type="radio"') == 2
