"""The Spanish catalogue reads as a Mexican immigration professional writes: usted and the INM's terms."""

import gettext
import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "procedures" / "fixtures"
# The INM's own wording is quoted as the INM writes it, even where it uses "tú".
INM_OWN = ("¿Qué deseas hacer?", "Especifica")
OFFICIAL_FIELDS = {"name_es", "official_name_es", "portal_menu", "portal_especifica"}


def load_catalogue() -> gettext.GNUTranslations:
    with (ROOT / "locale/es/LC_MESSAGES/django.mo").open("rb") as mo:
        return gettext.GNUTranslations(mo)


def spanish_texts() -> list[tuple[str, str]]:
    """(where, text) for every Spanish string people read: the catalogue and the reference fixtures."""
    catalogue = load_catalogue()
    texts = [(f"django.po: {msgid!r}"[:80], msgstr) for msgid, msgstr in catalogue._catalog.items() if msgid]
    for path in sorted(FIXTURES.glob("*.json")):
        for row in json.loads(path.read_text()):
            for field, value in row["fields"].items():
                if field.endswith("_es") and field not in OFFICIAL_FIELDS and isinstance(value, str) and value:
                    texts.append((f"{path.name}: {field}", value))
    return texts


TEXTS = spanish_texts()


def flatten(text) -> str:
    if isinstance(text, tuple):
        text = " ".join(text)
    for own in INM_OWN:
        text = text.replace(own, "")
    return text


ALL = "\n".join(flatten(text) for _, text in TEXTS)

REQUIRED = [
    "trámite",
    "condición de estancia",
    "canje",
    "vigencia",
    "comprobante de pago",
    "residente temporal",
    "residente permanente",
    "formato",
    "solicitud",
    "días naturales",
    "días hábiles",
    "acuse",
    "número de pieza",
    "NUT",
    "NUE",
    "prevención",
    "ventanilla",
    "Oficina de Representación",
    "hoja de ayuda",
    "e5cinco",
    "apostill",
    "traducción",
    "persona menor de edad",
    "firma autógrafa",
    "bajo protesta de decir verdad",
]

FORBIDDEN = {
    # "Aplicación de autenticación" is software (the staff's authenticator app), not a calque.
    "aplicación for solicitud": r"\baplicaci[oó]n(es)?\b(?! de autenticación)|\baplicante",
    "aplicar para/a la": r"\baplic(ar|ó|o|a|é|ue)\s+(para|a la|al)\b",
    "residencia temporal": r"residencia temporal",
    "forma for formato": r"(?<!de )(?<!se )(?<!la misma )\bformas?\b(?! Migratoria Múltiple)",
    "formulario": r"\bformulario",
    "tarjeta de residencia": r"tarjeta de residencia",
    "estatus migratorio": r"estatus migratorio",
    "días calendario": r"días calendario",
    "días laborables": r"días laborables",
    "expirar": r"\bexpir\w*",
    "someter": r"\bsomet\w*",
    "menor de edad without persona": r"(?<!persona )(?<!personas )(?<!solicitante es )\bmenor(es)? de edad\b",
    "tú": r"\b(tú|tu|tus|ti|contigo|tienes|puedes|debes|necesitas|quieres|eres|estás|sabes|revises|elige|escoge|"
    r"enumera|déjalo|anótalo|guárdala|imprímelo|fírmalo)\b",
}


@pytest.mark.parametrize("term", REQUIRED)
def test_required_inm_terms_are_used(term):
    assert term.lower() in ALL.lower()


@pytest.mark.parametrize("name", list(FORBIDDEN))
def test_calques_never_appear(name):
    pattern = re.compile(FORBIDDEN[name], re.IGNORECASE)
    offending = [(where, flatten(text)) for where, text in TEXTS if pattern.search(flatten(text))]
    assert offending == []


def test_the_forbidden_patterns_catch_what_they_should():
    samples = {
        "aplicación for solicitud": "Llene la aplicación",
        "residencia temporal": "pida la residencia temporal",
        "forma for formato": "llene la forma",
        "tú": "Si tienes tu tarjeta",
        "menor de edad without persona": "para menores de edad",
    }
    for name, sample in samples.items():
        assert re.search(FORBIDDEN[name], sample, re.IGNORECASE), name
    assert not re.search(FORBIDDEN["forma for formato"], "la Forma Migratoria Múltiple")
    assert not re.search(FORBIDDEN["aplicación for solicitud"], "Aplicaciones de autenticación", re.IGNORECASE)
    assert re.search(FORBIDDEN["aplicación for solicitud"], "la aplicación de residencia", re.IGNORECASE)
    assert not re.search(FORBIDDEN["tú"], "la tutela")


def test_the_catalogue_is_complete():
    catalogue = load_catalogue()
    assert len(catalogue._catalog) > 500
    assert all(msgstr for msgstr in catalogue._catalog.values())
