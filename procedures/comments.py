"""The text for the "Comentarios" box of the INM form: this applicant's attachments, in Spanish.

The INM asks applicants to list their attachments in the form's comments section (INM sheet
27-en; FACTS.md §2.1 and §3.1), and for the four-year route to permanent residence to state the
basis there (INM823). The list is built from the checklist items that apply and the situation:
each document is named as this applicant holds it ("Tarjeta de residente temporal No. …, original
y copia"), never with the requirement sheet's generic wording, and it names only what is filed:
the letter prepared here, and the documents the applicant brings. What the checklist asks for
but is not filed (a document an office asks for only sometimes, a report never made, a letter we
cannot write) is left out of the list, and ``Comments.not_listed`` says why, in the packet's
language.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from .claims import Claim, holds
from .letters import (
    DOCUMENT_ES,
    ESCRITO_ITEMS,
    VISA_ES,
    Letter,
    document_noun_en,
    english_date,
    spanish_date,
)
from .models import Letter as LetterKind
from .situation import Situation
from .traits import traits_for
from .vocabulary import CurrentDocument, DocumentType, EntryRecord, Relationship, RtToRpRoute

# The application form itself is what the "Comentarios" box belongs to, not one of its attachments.
NOT_AN_ATTACHMENT = frozenset({"formato_solicitud"})


@dataclass(frozen=True)
class CommentLine:
    """One line of the text: its Spanish, and what it says in the packet's language."""

    es: str
    en: str


@dataclass(frozen=True)
class Comments:
    """The "Comentarios" text, line by line, and what it leaves out."""

    opening: CommentLine | None
    attachments: tuple[CommentLine, ...]
    not_listed: tuple[str, ...]
    asserts: frozenset[Claim]

    @property
    def text_es(self) -> str:
        """What the applicant types into the box."""
        lines = [self.opening.es] if self.opening else []
        if self.attachments:
            lines.append("Se anexan los siguientes documentos:")
            lines += [f"{number}. {line.es}" for number, line in enumerate(self.attachments, start=1)]
        return "\n".join(lines)

    @property
    def text_en(self) -> str:
        """Its translation, in the packet's language."""
        lines = [self.opening.en] if self.opening else []
        if self.attachments:
            lines.append(_("The following documents are attached:"))
            lines += [f"{number}. {line.en}" for number, line in enumerate(self.attachments, start=1)]
        return "\n".join(lines)


# ----------------------------------------------------------------------------- counts


def _count_es(item) -> str:
    originals, copies = item.originals, item.copies
    if originals == 1 and copies == 1:
        return "original y copia"
    if originals == 1 and copies > 1:
        return f"original y {copies} copias"
    if originals == 1:
        return "original"
    if originals == 0 and copies == 1:
        return "copia"
    if originals == 0 and copies > 1:
        return f"{copies} copias"
    return ""  # several originals (the photos): the text says how many


def _count_en(item) -> str:
    originals, copies = item.originals, item.copies
    if originals == 1 and copies == 1:
        return _("original and copy")
    if originals == 1 and copies > 1:
        return _("original and %(count)d copies") % {"count": copies}
    if originals == 1:
        return _("original")
    if originals == 0 and copies == 1:
        return _("copy")
    if originals == 0 and copies > 1:
        return _("%(count)d copies") % {"count": copies}
    return ""


def _line(item, es: str, en: str) -> CommentLine:
    """A line with the item's count: "Pasaporte No. X1234567, original y copia."""
    count_es, count_en = _count_es(item), _count_en(item)
    return CommentLine(
        es=f"{es}, {count_es}." if count_es else f"{es}.",
        en=f"{en}, {count_en}." if count_en else f"{en}.",
    )


def _item_text_en(item) -> str:
    return item.text_en if not (get_language() or "en").startswith("es") else item.text_es


# ----------------------------------------------------------------------------- the documents


@dataclass
class _Build:
    situation: Situation
    letter: Letter | None
    not_listed: list[str]
    asserts: set[Claim]

    def claim(self, claim: Claim) -> bool:
        if holds(claim, self.situation):
            self.asserts.add(claim)
            return True
        return False


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def held_document(situation: Situation) -> tuple[str, str] | None:
    """The document held now, named as on it with its number, in Spanish and in the packet's language."""
    document = situation.document
    kind = document.kind
    if kind in DOCUMENT_ES:
        noun = _capital(DOCUMENT_ES[kind][0])
        noun_en = _capital(document_noun_en(kind))
        if document.card_number:
            return f"{noun} No. {document.card_number}", f"{noun_en} No. {document.card_number}"
        return noun, noun_en
    if kind == CurrentDocument.VISITOR_FMM:
        return "Forma Migratoria Múltiple (FMM) de visitante", _("Visitor's FMM (Forma Migratoria Múltiple)")
    if kind == CurrentDocument.RESIDENT_VISA:
        visa = _capital(VISA_ES.get(document.visa_type, "visa de residente"))
        return f"{visa} en el pasaporte", _("Resident visa in the passport")
    if kind == CurrentDocument.EXPIRED_DOCUMENT:
        if document.card_expires:
            day = document.card_expires
            return (
                f"Documento migratorio vencido el {spanish_date(day)}",
                _("Immigration document that expired on %(date)s") % {"date": english_date(day)},
            )
        return "Documento migratorio vencido", _("Expired immigration document")
    return None


def _passport(b: _Build, item, *, visa: bool = False, new_name: bool = False) -> list[CommentLine]:
    passport = b.situation.passport
    if passport.document_type == DocumentType.IDENTITY_AND_TRAVEL:
        es, en = "Documento de identidad y viaje", _("Identity and travel document")
    else:
        es, en = "Pasaporte", _("Passport")
    if passport.number:
        es, en = f"{es} No. {passport.number}", f"{en} No. {passport.number}"
    if visa:
        document = b.situation.document
        es += f", con la {VISA_ES.get(document.visa_type, 'visa de residente')}"
        en += _(", with the resident visa")
    if new_name:
        es += ", con el nombre actual, y documento que acredita el cambio de nombre"
        en += _(", in the current name, and the document that supports the change of name")
    return [_line(item, es, en)]


def _held(b: _Build, item, *, damaged: bool = False) -> list[CommentLine]:
    held = held_document(b.situation)
    if held is None:
        return [_line(item, item.text_es, _item_text_en(item))]
    es, en = held
    if damaged:
        kind = b.situation.document.kind
        feminine = DOCUMENT_ES[kind][1] if kind in DOCUMENT_ES else kind != CurrentDocument.EXPIRED_DOCUMENT
        es += ", deteriorada" if feminine else ", deteriorado"
        en = _("%(document)s, damaged") % {"document": en}
    return [_line(item, es, en)]


def _fmm(b: _Build, item) -> list[CommentLine]:
    canje = b.claim(Claim.ADMITTED_FOR_CANJE)
    if b.situation.document.entry_record == EntryRecord.STAMP:
        # No FMM to attach: the stamp is in the passport, which the list names on its own line.
        if canje:
            return [
                CommentLine(
                    es="Sello de ingreso con la anotación «canje», en el pasaporte (no se entregó FMM impresa).",
                    en=_("Entry stamp marked “canje”, in the passport (no paper FMM was handed over)."),
                )
            ]
        return [
            CommentLine(
                es="Sello de ingreso, en el pasaporte (no se entregó FMM impresa).",
                en=_("Entry stamp, in the passport (no paper FMM was handed over)."),
            )
        ]
    es, en = "Forma Migratoria Múltiple (FMM)", _("FMM (Forma Migratoria Múltiple)")
    if canje:
        es += " con la anotación «canje»"
        en += _(", marked “canje”")
    return [_line(item, es, en)]


def _foreign(b: _Build) -> tuple[str, str]:
    family = b.situation.family
    if family and family.foreign_certificates:
        return ", apostillada o legalizada y traducida al español", _(
            ", apostilled or legalised, with a Spanish translation"
        )
    return "", ""


def _certificate(b: _Build, item) -> list[CommentLine]:
    """The certificate of the tie, by the relationship the applicant gave."""
    family = b.situation.family
    relationship = family.relationship if family else ""
    suffix_es, suffix_en = _foreign(b)
    if item.key == "acta_matrimonio" or (
        item.key in ("acta_vinculo", "vinculo") and relationship == Relationship.SPOUSE
    ):
        return [_line(item, f"Acta de matrimonio{suffix_es}", _("Marriage certificate") + suffix_en)]
    if item.key == "acta_nacimiento" or (
        item.key in ("acta_vinculo", "vinculo")
        and relationship in (Relationship.CHILD, Relationship.PARENT, Relationship.SIBLING)
    ):
        return [
            _line(
                item,
                f"Acta de nacimiento que acredita el vínculo{suffix_es}",
                _("Birth certificate that proves the tie") + suffix_en,
            )
        ]
    return [_line(item, item.text_es, _item_text_en(item))]


def _sponsor_id(b: _Build, item) -> list[CommentLine]:
    family = b.situation.family
    if not family or not family.sponsor_name:
        return [_line(item, item.text_es, _item_text_en(item))]
    document = f" ({family.sponsor_document})" if family.sponsor_document else ""
    return [
        _line(
            item,
            f"Identificación oficial de {family.sponsor_name}{document}",
            _("Official ID of %(name)s%(document)s") % {"name": family.sponsor_name, "document": document},
        )
    ]


def _letter_line(b: _Build, item) -> list[CommentLine]:
    """An escrito of the checklist: listed when the letter is prepared here, left out otherwise."""
    letter = b.letter
    if letter is not None and item.key in letter.items:
        return [CommentLine(f"{letter.title_es}, original.", _("%(title)s, original.") % {"title": letter.title_en})]
    if item.key == "escrito_causa_urgente":
        b.not_listed.append(
            _(
                "Not in the list: the statement of the reason for an urgent trip. Only you can write it: if your "
                "trip is urgent, write and sign it, bring it, and add it to the list."
            )
        )
    else:
        b.not_listed.append(
            _("Not in the list: “%(item)s”. It is not prepared in this packet for your answers.")
            % {"item": _item_text_en(item)}
        )
    return []


def _family_bond(b: _Build, item) -> list[CommentLine]:
    """The evidence of the tie of a regularisation: the statement both spouses sign, and the certificate."""
    lines = []
    letter = b.letter
    if letter is not None and letter.kind == LetterKind.FAMILY_STATEMENT:
        lines.append(
            CommentLine(f"{letter.title_es}, original.", _("%(title)s, original.") % {"title": letter.title_en})
        )
    return lines + _certificate(b, item)


def _address_proof(b: _Build, item) -> list[CommentLine]:
    if item.key in traits_for(b.situation.procedure_slug).items_if_asked:
        b.not_listed.append(
            _(
                "Not in the list: “%(item)s”. The INM's requirement sheet does not ask for it, but many offices do: "
                "bring it, and if the officer asks for it, hand it over."
            )
            % {"item": _item_text_en(item)}
        )
        return []
    return [_line(item, "Comprobante del domicilio actual", _("Proof of the current address"))]


def _police_report(b: _Build, item) -> list[CommentLine]:
    if not b.claim(Claim.POLICE_REPORT_FILED):
        b.not_listed.append(
            _(
                "Not in the list: the police report. You said you did not report the loss or theft; many offices ask "
                "for the report: make it before your appointment, then add it to the list."
            )
        )
        return []
    reference = b.situation.replacement.police_report_reference
    number = f" No. {reference}" if reference else ""
    return [
        _line(
            item,
            f"Constancia de la denuncia o del reporte de robo o extravío{number}",
            _("Police report of the loss or theft%(number)s") % {"number": number},
        )
    ]


def _rfc(b: _Build, item) -> list[CommentLine]:
    employment = b.situation.employment
    rfc = employment.applicant_rfc if employment else ""
    if not rfc:
        return [_line(item, item.text_es, _item_text_en(item))]
    return [
        _line(
            item,
            f"Constancia de inscripción en el Registro Federal de Contribuyentes, clave {rfc}",
            _("Proof of registration in the tax registry, RFC %(rfc)s") % {"rfc": rfc},
        )
    ]


def _job_offer(b: _Build, item) -> list[CommentLine]:
    employment = b.situation.employment
    if not employment or not employment.employer_name:
        return [_line(item, item.text_es, _item_text_en(item))]
    file_number = employment.employer_file_number
    es = f"Oferta de empleo de {employment.employer_name}"
    en = _("Job offer from %(employer)s") % {"employer": employment.employer_name}
    if file_number:
        es += f", con número de constancia de inscripción del empleador {file_number}"
        en += _(", employer's INM registration number %(number)s") % {"number": file_number}
    return [_line(item, es, en)]


BUILDERS: dict[str, Callable[[_Build, object], list[CommentLine]]] = {
    "pasaporte": _passport,
    "pasaporte_visa": lambda b, item: _passport(b, item, visa=True),
    "pasaporte_nuevo_nombre": lambda b, item: _passport(b, item, new_name=True),
    "fmm": _fmm,
    "documento_migratorio_vigente": _held,
    "documento_migratorio": _held,
    "documento_migratorio_previo": _held,
    "tarjeta_rt": _held,
    "tarjeta_rte": _held,
    "tarjeta_residente": _held,
    "documento_deteriorado": lambda b, item: _held(b, item, damaged=True),
    "identificacion_familiar": _sponsor_id,
    "acta_matrimonio": _certificate,
    "acta_nacimiento": _certificate,
    "acta_vinculo": _certificate,
    "vinculo": _family_bond,
    "comprobante_domicilio": _address_proof,
    "denuncia_policial": _police_report,
    "constancia_rfc": _rfc,
    "oferta_empleo": _job_offer,
    **dict.fromkeys(ESCRITO_ITEMS, _letter_line),
}


# ----------------------------------------------------------------------------- the route (INM823)


def _route(b: _Build) -> CommentLine | None:
    """The basis of a change to permanent residence, stated as INM823 asks."""
    situation = b.situation
    if not traits_for(situation.procedure_slug).asks_rt_to_rp_route:
        return None
    change_es = "Se solicita el cambio de condición de estancia de residente temporal a residente permanente"
    change_en = _("The change from temporary resident to permanent resident is requested")
    route = situation.document.rt_to_rp_route
    residence = situation.temporary_residence
    if route == RtToRpRoute.FOUR_YEARS:
        if b.claim(Claim.FOUR_YEARS_AS_TEMPORARY_RESIDENT):
            since = residence.since
            return CommentLine(
                f"{change_es} por haberse cumplido cuatro años consecutivos como residente temporal (residente "
                f"temporal desde el {spanish_date(since)}).",
                _(
                    "%(change)s because four consecutive years as a temporary resident are complete (a temporary "
                    "resident since %(since)s)."
                )
                % {"change": change_en, "since": english_date(since)},
            )
        since_es = f"; residente temporal desde el {spanish_date(residence.since)}" if residence else ""
        since_en = (
            _("; a temporary resident since %(since)s") % {"since": english_date(residence.since)} if residence else ""
        )
        return CommentLine(
            f"{change_es} por la vía de cuatro años como residente temporal{since_es}.",
            _("%(change)s on the four-year route%(since)s.") % {"change": change_en, "since": since_en},
        )
    if route == RtToRpRoute.PENSIONER:
        return CommentLine(
            f"{change_es} como pensionado o jubilado, con los comprobantes de ingresos o de inversiones que se anexan.",
            _("%(change)s as a pensioner or retiree, with the proof of income or investments attached.")
            % {"change": change_en},
        )
    if route == RtToRpRoute.POINTS:
        return CommentLine(
            f"{change_es} por el sistema de puntos, con los documentos que se anexan.",
            _("%(change)s through the points system, with the documents attached.") % {"change": change_en},
        )
    return CommentLine(f"{change_es}.", f"{change_en}.")


# ----------------------------------------------------------------------------- the text


def comments_for(items: Iterable, *, situation: Situation, letter: Letter | None) -> Comments:
    """The "Comentarios" text for the checklist items that apply (in order) and the letter prepared."""
    b = _Build(situation=situation, letter=letter, not_listed=[], asserts=set())
    opening = _route(b)
    lines: list[CommentLine] = []
    keys = set()
    for item in items:
        keys.add(item.key)
        if item.key in NOT_AN_ATTACHMENT:
            continue
        builder = BUILDERS.get(item.key)
        if builder is None and item.key in traits_for(situation.procedure_slug).items_if_asked:
            # Brought in case the office asks: not declared as attached unless the officer takes it.
            b.not_listed.append(
                _(
                    "Not in the list: “%(item)s”. Our sources do not list it for this procedure: bring it, and if "
                    "the officer asks for it, hand it over."
                )
                % {"item": _item_text_en(item)}
            )
        elif builder is None:
            lines.append(_line(item, item.text_es, _item_text_en(item)))
        else:
            lines += builder(b, item)
    if (
        letter is not None
        and not (letter.items & keys)
        and not (letter.kind == LetterKind.FAMILY_STATEMENT and "vinculo" in keys)
    ):
        # A letter prepared here that no checklist item names (the account of a loss): filed too.
        lines.append(
            CommentLine(f"{letter.title_es}, original.", _("%(title)s, original.") % {"title": letter.title_en})
        )
    return Comments(
        opening=opening, attachments=tuple(lines), not_listed=tuple(b.not_listed), asserts=frozenset(b.asserts)
    )
