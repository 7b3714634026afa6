"""The packet's glossary: the INM's words, what each is and where it is printed.

Facts said in more than one place (where the NUE is printed, how the Formato Básico is brought)
are written once here and read by the glossary, the wizard's help and the booking steps, so the
packet never says two things about one document.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from .traits import traits_for

# FACTS.md §3.2: the NUE is printed on the card [V: amigosdebucerias.org; a reddit letter sample];
# §3.1: "on the front of the resident card" [S, c. 2015, amigosdebucerias.org]. No source says the
# back. One verified fact, and the side as what one old source says.
NUE_PRINTED = _("It is printed on your residence card; one source (from about 2015) says on the front.")

# FACTS.md corrections of 2026-12-01: the Formato Básico for canje and renewal is brought filled
# in ("debidamente llenado", gob.mx INM820) [V]; FACTS.md §2.1: it has boxes for fingerprints, a
# physical description and work history [S: a 2011 blog].
FORMATO_BASICO_BROUGHT_FILLED_IN = _(
    "Print the Formato Básico and bring it already filled in: for a canje and a renewal the INM asks for it "
    "“debidamente llenado”."
)

FMM_FOR_A_CANJE = _("For a canje it must say “canje” and 30 days.")

GLOSSARY = (
    (
        "FMM",
        _(
            "Forma Migratoria Múltiple: the entry record the officer gives you at the border or airport (on paper, "
            "or as a stamp in the passport)."
        ),
    ),
    ("NUE", (_("Número Único de Extranjero: your permanent INM number."), NUE_PRINTED)),
    (
        "NUT",
        _(
            "Número Único de Trámite: the number of your filing, printed on the receipt (acuse) "
            "when the office accepts it."
        ),
    ),
    (
        "Número de pieza",
        _("The reference of your online application, printed on the application form (solicitud) you sign."),
    ),
    ("Acuse", _("The stamped receipt of your filing: the extra copy the office stamps and gives back to you.")),
    (
        "Prevención",
        _("A notice from the INM asking for a missing or wrong document: you have 10 business days to answer it."),
    ),
    (
        "Formato Básico",
        (
            _(
                "A separate INM form for the procedures that issue a card. One source, from 2011, says it has boxes "
                "for your fingerprints, your physical description and your work history (not confirmed)."
            ),
            FORMATO_BASICO_BROUGHT_FILLED_IN,
        ),
    ),
)


def glossary(*, procedure_slug: str = "", formato_basico: bool = False) -> list[tuple[str, str]]:
    """(term, meaning) in the active language, only what fits this packet: what an FMM must say
    for a canje only in a canje's packet, the Formato Básico only where the checklist asks for it.
    A meaning of several sentences is joined."""
    entries = []
    for term, meaning in GLOSSARY:
        if term == "Formato Básico" and not formato_basico:
            continue
        parts = meaning if isinstance(meaning, tuple) else (meaning,)
        if term == "FMM" and traits_for(procedure_slug).visa_picks_card:
            parts = (*parts, FMM_FOR_A_CANJE)
        entries.append((term, " ".join(str(part) for part in parts)))
    return entries
