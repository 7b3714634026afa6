"""How the catalogue is grouped and labelled for applicants. Pure functions of catalogue rows."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from .inm_form import PORTAL_MENU_OPTIONS
from .models import OnlineStatus, Procedure

BADGES = {
    OnlineStatus.CONFIRMED: ("online", _("Book online")),
    OnlineStatus.CANDIDATE: ("candidate", _("Online booking not confirmed")),
    OnlineStatus.NO: ("in-person", _("In person, no appointment")),
    OnlineStatus.INFO: ("information", _("Information only")),
}


@dataclass(frozen=True)
class MenuGroup:
    """Procedures under one option of the INM form's "¿Qué deseas hacer?" list."""

    menu: str  # the INM's own Spanish wording; empty for information pages
    procedures: tuple[Procedure, ...]


def procedures_by_menu(procedures: Iterable[Procedure]) -> list[MenuGroup]:
    """Group procedures by portal menu, in the form's order; information pages last."""
    by_menu: dict[str, list[Procedure]] = {}
    for procedure in procedures:
        by_menu.setdefault(procedure.portal_menu, []).append(procedure)
    order = [*PORTAL_MENU_OPTIONS, *sorted(menu for menu in by_menu if menu and menu not in PORTAL_MENU_OPTIONS), ""]
    return [MenuGroup(menu, tuple(by_menu[menu])) for menu in order if menu in by_menu]


def badge(procedure: Procedure) -> tuple[str, str]:
    """(css class, label) of the procedure's booking badge."""
    return BADGES[procedure.online_status]


def localized(obj, field: str, language: str | None = None) -> str:
    """``obj.<field>_es`` in Spanish, ``obj.<field>_en`` otherwise; the other one if empty, or if
    its translation is out of date (see ``localized_language``)."""
    return getattr(obj, f"{field}_{localized_language(obj, field, language)}", "")


def localized_language(obj, field: str, language: str | None = None) -> str:
    """The language ``localized`` shows: the reader's, unless that text is empty or stale (one
    language was edited without the other), then the other one, which is up to date.

    Only for texts that exist in both languages: Spanish-only texts (the "Comentarios", letters,
    official names) read ``<field>_es`` directly and never fall back to English.
    """
    language = (language or get_language() or "en")[:2]
    first, second = ("es", "en") if language == "es" else ("en", "es")
    wanted = getattr(obj, f"{field}_{first}", "")
    stale = f"{field}_{first}" in (getattr(obj, "stale_translations", None) or [])
    if wanted and not stale:
        return first
    return second if getattr(obj, f"{field}_{second}", "") else first
