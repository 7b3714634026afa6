"""The copy sheet's rows tag: every value escaped, one button a value, labels in both languages."""

import pytest
from django.utils import translation

from procedures.packet import CopyRow
from procedures.templatetags.inmprep import copy_sheet_rows

ROWS = [
    CopyRow("Datos personales", "Nombre(s)", "Given name(s)", "Ana <b>María</b>", "As in your passport."),
    CopyRow("Datos personales", "Segundo apellido", "Second surname", "", ""),
    CopyRow("Domicilio", "Entidad federativa", "State", "Jalisco", "", unsure=True),
]


def test_values_and_labels_are_escaped_and_each_value_has_its_own_button():
    with translation.override("en"):
        html = copy_sheet_rows(ROWS)
    assert "<b>" not in html and "Ana &lt;b&gt;María&lt;/b&gt;" in html
    assert html.count("<tbody>") == 2
    assert html.count('class="btn btn-sm btn-outline-primary copy-button"') == 2
    assert 'id="copy-1-1"' in html and 'data-copy-target="copy-1-1"' in html
    assert 'id="copy-2-1"' in html and "copy-1-2" not in html  # an empty value has no button
    assert '<span class="english-name">Second surname</span>' in html
    assert "Leave empty." in html and "Pick yours in the portal&#x27;s list." in html


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_pdf_has_no_buttons_and_spanish_shows_no_english_labels(language):
    with translation.override(language):
        html = copy_sheet_rows(ROWS, pdf=True)
    assert "copy-button" not in html and "copy-line" not in html and 'id="copy-1-1"' not in html
    # Two columns on paper: the hint sits in the value's cell, under the value.
    assert 'colspan="2"' in html and '<td class="copy-hint' not in html and '<div class="copy-hint small">' in html
    assert ("english-name" in html) == (language == "en")
    if language == "es":
        assert "Déjelo en blanco." in html
