"""The rules of what an edit does to a fact's confidence and translations (procedures/verification.py)."""

import pytest
from django.core.exceptions import ValidationError

from procedures.models import Confidence
from procedures.verification import confidence_after_edit, content_changed, source_clean, stale_after_edit

V, S, U, N = Confidence.VERIFIED, Confidence.SECONDARY, Confidence.UNVERIFIED, Confidence.NEEDS_CHECKING


@pytest.mark.parametrize(
    ("before", "chosen", "changed", "reverified", "after"),
    [
        (V, V, False, False, V),  # a save that changes no content keeps the verification
        (V, V, True, False, N),  # content changed, not checked again
        (V, V, True, True, V),  # changed and checked in the same save
        (V, S, True, False, S),  # staff lowered it on purpose
        (N, N, True, False, N),
        (N, N, False, True, V),  # checked again
        (S, S, True, False, S),  # not verified: nothing to lose
        (U, V, False, False, N),  # the select alone never verifies (the form refuses it first)
        (U, U, False, True, V),
    ],
)
def test_confidence_after_an_edit(before, chosen, changed, reverified, after):
    assert confidence_after_edit(before=before, chosen=chosen, content_changed=changed, reverified=reverified) == after


@pytest.mark.parametrize(
    ("fields", "changed"),
    [
        (["text_en"], True),
        (["copies"], True),
        (["condition"], True),
        (["amount_mxn"], True),
        (["sources"], False),
        (["position", "active"], False),
        (["confidence", "sources"], False),
        ([], False),
    ],
)
def test_what_counts_as_content(fields, changed):
    assert content_changed(fields) is changed


PAIRS = (("text_en", "text_es"), ("help_en", "help_es"))


@pytest.mark.parametrize(
    ("changed", "before", "confirmed", "after"),
    [
        (["text_en"], [], False, ["text_es"]),  # English edited alone: Spanish is behind
        (["text_es"], [], False, ["text_en"]),
        (["text_en", "text_es"], [], False, []),  # both edited: both up to date
        (["text_es"], ["text_es"], False, []),  # the translator catches up
        (["text_en"], ["text_es"], False, ["text_es"]),  # English edited again: Spanish still behind
        (["text_en"], ["text_en"], False, []),  # the stale English brought up to date
        (["help_en"], ["text_es"], False, ["text_es", "help_es"]),
        (["text_en"], [], True, []),  # "both languages say the same" (a typo)
        (["copies"], ["help_en"], False, ["help_en"]),  # other fields leave marks as they were
    ],
)
def test_stale_translations_after_an_edit(changed, before, confirmed, after):
    assert stale_after_edit(pairs=PAIRS, changed_fields=changed, stale_before=before, confirmed=confirmed) == after


@pytest.mark.parametrize(
    ("text", "stored"),
    [
        ("https://www.gob.mx/inm", "https://www.gob.mx/inm"),
        ("www.dof.gob.mx/nota_detalle.php?codigo=5771530", "https://www.dof.gob.mx/nota_detalle.php?codigo=5771530"),
        ("DOF 7 Nov 2025, Art. 8 fr. VI", "DOF 7 Nov 2025, Art. 8 fr. VI"),
        ("  LFD   art. 9 ", "LFD art. 9"),
        ("Ley de Migración, art. 145", "Ley de Migración, art. 145"),
    ],
)
def test_a_source_is_a_web_address_or_a_citation(text, stored):
    assert source_clean(text) == stored


@pytest.mark.parametrize("text", ["https://", "http://not a url", "blog", "two blogs", "DOF"])
def test_a_source_that_names_nothing_is_refused(text):
    with pytest.raises(ValidationError):
        source_clean(text)
