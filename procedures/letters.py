"""Ready-to-sign letters (escritos libres) in formal Spanish, built from the applicant's situation.

Every letter carries what an escrito filed with the INM needs (LFPA art. 15; FACTS.md, corrections
of 2026-12-01): the authority addressed ("C. Titular de la Oficina de Representación del INM en
<estado>", the state of the chosen office), who files it (full name, nationality, passport, the
document held now with its number, the NUE when known), a domicilio para oír y recibir
notificaciones, the petition and the facts it rests on, place and date in long form, and a
signature line. An e-mail for notices appears only when the applicant accepts it expressly
(LFPA art. 35). A minor's letter is made and signed by the parent or guardian "en representación
de" the minor. Nothing on the letter names this product: it is filed with the authority.

A letter states a fact of ``claims.py`` only when its predicate holds on the letter's date;
otherwise it states the dates instead, and ``Letter.withheld`` says why in the packet's language.
Each paragraph carries its translation (``Paragraph.en``, in the packet's language) for the
"What you are signing" box of English packets. Letters themselves are always in Spanish.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django_countries import countries

from .claims import Claim, holds, why_not
from .deadlines import long_date
from .models import Letter as LetterKind
from .models import Procedure, State
from .situation import Address, Applicant, Document, Situation
from .traits import traits_for
from .vocabulary import (
    CurrentDocument,
    DocumentType,
    EmploymentKind,
    EntryRecord,
    GuardianRelationship,
    MaritalStatus,
    Relationship,
    ReplacementReason,
    VisaType,
)

# Bump a letter's version whenever its wording changes. Staff see it in admin and the packet page
# carries it as a data attribute; it is never printed on the letter.
LETTER_VERSIONS = {
    LetterKind.NOTIFICATION: "2.0 (2026-12-01)",
    LetterKind.FOUR_YEAR_REQUEST: "2.0 (2026-12-01)",
    LetterKind.FAMILY_STATEMENT: "2.1 (2026-12-04)",
    LetterKind.SELF_EMPLOYMENT_STATEMENT: "2.0 (2026-12-01)",
    LetterKind.LOSS_ACCOUNT: "2.1 (2026-12-04)",
    LetterKind.CANJE_REQUEST: "1.1 (2026-12-04)",
}

# The checklist items each letter is: the "Comentarios" text lists the letter in their place, once.
LETTER_ITEMS = {
    LetterKind.NOTIFICATION: frozenset({"carta_bajo_protesta"}),
    LetterKind.FOUR_YEAR_REQUEST: frozenset({"escrito_cuatro_anios"}),
    LetterKind.FAMILY_STATEMENT: frozenset(
        {
            "escrito_bajo_protesta",
            "escrito_bajo_protesta_concubino",
            "escrito_bajo_protesta_conyuges",
            "escrito_bajo_protesta_conyuges_concubino",
        }
    ),
    LetterKind.SELF_EMPLOYMENT_STATEMENT: frozenset({"escrito_actividad"}),
    LetterKind.LOSS_ACCOUNT: frozenset(),
    LetterKind.CANJE_REQUEST: frozenset({"carta_solicitud"}),
}
# Checklist items that name an escrito (the letters' own, and those no letter here is for).
ESCRITO_ITEMS = frozenset().union(*LETTER_ITEMS.values()) | {"escrito_causa_urgente"}

MONTHS_ES = (
    "enero",
    "febrero",
    "marzo",
    "abril",
    "mayo",
    "junio",
    "julio",
    "agosto",
    "septiembre",
    "octubre",
    "noviembre",
    "diciembre",
)
YEARS_ES = {1: "un año", 2: "dos años", 3: "tres años", 4: "cuatro años"}
MARITAL_ES = {
    "single": ("soltero", "soltera"),
    "married": ("casado", "casada"),
    "free_union": ("en unión libre", "en unión libre"),
    "widowed": ("viudo", "viuda"),
    "divorced": ("divorciado", "divorciada"),
}
# The document held now: its Spanish name, and whether that name is feminine (for agreement).
DOCUMENT_ES = {
    CurrentDocument.TEMPORARY_CARD: ("tarjeta de residente temporal", True),
    CurrentDocument.STUDENT_CARD: ("tarjeta de residente temporal estudiante", True),
    CurrentDocument.PERMANENT_CARD: ("tarjeta de residente permanente", True),
    CurrentDocument.HUMANITARIAN_CARD: ("tarjeta de visitante por razones humanitarias", True),
    CurrentDocument.VISITOR_CARD: ("tarjeta de visitante", True),
    CurrentDocument.PROVISIONAL_DOCUMENT: ("documento migratorio provisional", False),
}
VISA_ES = {
    VisaType.TEMPORARY: "visa de residente temporal",
    VisaType.PERMANENT: "visa de residente permanente",
    VisaType.STUDENT: "visa de residente temporal estudiante",
}
# The card a canje issues, by the visa.
CANJE_CARD_ES = {
    VisaType.TEMPORARY: "tarjeta de residente temporal",
    VisaType.PERMANENT: "tarjeta de residente permanente",
    VisaType.STUDENT: "tarjeta de residente temporal estudiante",
}
# The nationality as "de nacionalidad …" (the adjective agrees with "nacionalidad": feminine) for the
# most common ones; any other is written "nacional de <país>", which is always correct.
NATIONALITY_ES = {
    "MX": "mexicana",
    "US": "estadounidense",
    "CA": "canadiense",
    "GB": "británica",
    "IE": "irlandesa",
    "AU": "australiana",
    "NZ": "neozelandesa",
    "CO": "colombiana",
    "VE": "venezolana",
    "CU": "cubana",
    "HN": "hondureña",
    "GT": "guatemalteca",
    "SV": "salvadoreña",
    "NI": "nicaragüense",
    "CR": "costarricense",
    "PA": "panameña",
    "DO": "dominicana",
    "HT": "haitiana",
    "CN": "china",
    "ES": "española",
    "PT": "portuguesa",
    "AR": "argentina",
    "UY": "uruguaya",
    "PY": "paraguaya",
    "BO": "boliviana",
    "FR": "francesa",
    "DE": "alemana",
    "AT": "austriaca",
    "CH": "suiza",
    "BE": "belga",
    "NL": "neerlandesa",
    "IT": "italiana",
    "SE": "sueca",
    "NO": "noruega",
    "DK": "danesa",
    "FI": "finlandesa",
    "PL": "polaca",
    "UA": "ucraniana",
    "BR": "brasileña",
    "PE": "peruana",
    "CL": "chilena",
    "EC": "ecuatoriana",
    "JP": "japonesa",
    "IN": "india",
    "RU": "rusa",
    "IL": "israelí",
    "PH": "filipina",
}
# How a state is named after "en" ("en Jalisco", "en la Ciudad de México").
STATE_AFTER_EN = {"09": "la Ciudad de México", "15": "el Estado de México"}
# Words a document typed by the applicant may start with, written in lower case inside a sentence.
COMMON_DOCUMENT_WORDS = frozenset(
    {"pasaporte", "tarjeta", "credencial", "cédula", "cartilla", "matrícula", "carta", "certificado", "licencia"}
)
BLANK = "____________"


# ----------------------------------------------------------------------------- what a letter is


@dataclass(frozen=True)
class Paragraph:
    """One paragraph of a letter: its Spanish, and what it says in the packet's language."""

    es: str
    en: str
    role: str = ""  # a CSS hook: "intro", "petition", "protest", "notices"


@dataclass(frozen=True)
class Signature:
    """A signature line: the name under it, and in whose name it is signed (a minor's letter)."""

    name: str
    caption_es: str = ""
    caption_en: str = ""


@dataclass(frozen=True)
class Withheld:
    """A claim the letter does not make, and why (in the packet's language)."""

    claim: Claim
    why: str


@dataclass(frozen=True)
class Letter:
    """A ready-to-sign escrito: Spanish for the INM, with its translation for the applicant."""

    kind: str
    title_es: str  # how the "Comentarios" text lists it
    title_en: str
    place_date: str
    place_date_en: str
    addressee: str
    subject: Paragraph
    paragraphs: tuple[Paragraph, ...]
    signatures: tuple[Signature, ...]
    asserts: frozenset[Claim]
    withheld: tuple[Withheld, ...]
    signed_by_guardian: bool

    @property
    def version(self) -> str:
        return LETTER_VERSIONS.get(self.kind, "")

    @property
    def items(self) -> frozenset[str]:
        """The checklist items this letter is."""
        return LETTER_ITEMS.get(self.kind, frozenset())

    @property
    def text_es(self) -> str:
        """The whole letter as plain Spanish text (what the PDF prints), for checks and tests."""
        lines = [self.place_date, self.addressee, "P r e s e n t e", f"Asunto: {self.subject.es}"]
        lines += [paragraph.es for paragraph in self.paragraphs]
        lines.append("Atentamente,")
        for signature in self.signatures:
            lines += [signature.name, signature.caption_es]
        return "\n".join(line for line in lines if line)


# ----------------------------------------------------------------------------- Spanish pieces


def spanish_date(day: date | None) -> str:
    """27 de noviembre de 2026 (a blank to fill in by hand when unknown)."""
    if day is None:
        return BLANK
    return f"{day.day} de {MONTHS_ES[day.month - 1]} de {day.year}"


def english_date(day: date | None) -> str:
    """The date in the packet's language, for the translation."""
    return long_date(day) if day else BLANK


def _g(female: bool, feminine: str, masculine: str) -> str:
    return feminine if female else masculine


def contract(text: str) -> str:
    """ "de el menor" → "del menor", "a el menor" → "al menor" (Spanish contractions)."""
    return text.replace(" de el ", " del ").replace(" a el ", " al ")


def _period(text: str) -> str:
    """The text with one full stop at its end ("S.A. de C.V." keeps its own)."""
    return text if text.endswith(".") else f"{text}."


def _or_blank(text: str) -> str:
    return text or BLANK


def _country_es(code: str) -> str:
    with translation.override("es"):
        return str(countries.name(code)) or code


def nationality_es(code: str) -> str:
    """ "de nacionalidad estadounidense", or "nacional de <país>" for a nationality not in the table."""
    if not code:
        return f"de nacionalidad {BLANK}"
    if code in NATIONALITY_ES:
        return f"de nacionalidad {NATIONALITY_ES[code]}"
    return f"nacional de {_country_es(code)}"


def nationality_adjective_es(code: str) -> str:
    """The nationality as a notification gives it: "estadounidense", or "de <país>"."""
    if not code:
        return BLANK
    return NATIONALITY_ES.get(code) or f"de {_country_es(code)}"


def _country_en(code: str) -> str:
    return str(countries.name(code)) or code if code else BLANK


# Countries whose English name takes "the" after "a national of" (the United States of America).
COUNTRIES_WITH_THE_EN = frozenset(
    {"US", "GB", "NL", "PH", "DO", "BS", "GM", "AE", "CF", "KY", "MV", "MH", "SB", "VI", "VG", "TC", "FO", "KM", "VA"}
)


def national_of_en(code: str) -> str:
    """ "a national of the United States of America", in the packet's language."""
    country = _country_en(code)
    if code in COUNTRIES_WITH_THE_EN and (translation.get_language() or "en").startswith("en"):
        country = f"the {country}"
    return _("a national of %(country)s") % {"country": country}


def address_es(address: Address | None, states: dict[str, State]) -> str:
    """An address in one line, as Mexican letters write it."""
    if address is None:
        return BLANK
    state = states.get(address.state)
    pieces = [
        f"{address.street} {address.exterior_number}".strip(),
        f"interior {address.interior_number}" if address.interior_number else "",
        f"colonia {address.neighborhood}" if address.neighborhood else "",
        f"C.P. {address.postal_code}" if address.postal_code else "",
        address.municipality,
        state.name if state else "",
    ]
    return ", ".join(piece for piece in pieces if piece) or BLANK


def typed_document(text: str) -> str:
    """An identity document as the applicant typed it, fit to follow "con" inside a sentence."""
    text = text.strip()
    if not text:
        return BLANK
    first, _space, rest = text.partition(" ")
    if first.lower() in COMMON_DOCUMENT_WORDS and first[:1].isupper() and first[1:].islower():
        return f"{first.lower()} {rest}".strip()
    return text


def typed_phrase(text: str) -> str:
    """A description the applicant typed ("Clases de inglés"), fit to follow a word in a sentence:
    a first word written with a capital only because it opened the answer loses it."""
    text = " ".join(text.split())
    if not text:
        return BLANK
    first, _space, rest = text.partition(" ")
    if rest and first.isalpha() and first[:1].isupper() and first[1:].islower():
        return f"{first.lower()} {rest}"
    return text


def typed_place(text: str) -> str:
    """Where something happens, after "a cabo": "en mi domicilio" as typed, or "en <what was typed>"."""
    phrase = typed_phrase(text)
    if phrase == BLANK:
        return f"en {BLANK}"
    return phrase if phrase.lower().startswith(("en ", "dentro ", "desde ")) else f"en {phrase}"


def addressee(office, situation: Situation, states: dict[str, State]) -> str:
    """ "C. Titular de la Oficina de Representación del INM en <estado>": the state of the chosen
    office (a local office files to its state's Oficina de Representación)."""
    code = getattr(office, "state_id", "") or situation.address.state
    state = states.get(code)
    if state is None:
        return "C. Titular de la Oficina de Representación del INM"
    return f"C. Titular de la Oficina de Representación del INM en {STATE_AFTER_EN.get(code, state.name)}"


def place_es(situation: Situation, states: dict[str, State], office) -> str:
    state = states.get(situation.address.state)
    place = ", ".join(piece for piece in (situation.address.municipality, state.name if state else "") if piece)
    return place or (office.city if office else "") or BLANK


# ----------------------------------------------------------------------------- who speaks


@dataclass(frozen=True)
class Voice:
    """Who makes the letter: the applicant in their own name, or for a minor the parent or
    guardian in representation of the minor (FACTS.md corrections of 2026-12-01)."""

    applicant: Applicant
    guardian_name: str = ""
    guardian_relationship: str = ""
    guardian_document: str = ""

    @property
    def minor(self) -> bool:
        return bool(self.guardian_name or self.guardian_relationship)

    @property
    def female(self) -> bool:
        return self.applicant.is_female

    @property
    def known_sex(self) -> bool:
        return self.applicant.sex in ("female", "male")

    @property
    def signer(self) -> str:
        return _or_blank(self.guardian_name) if self.minor else _or_blank(self.applicant.full_name)

    @property
    def minor_es(self) -> str:
        """The minor as the guardian names them: "mi hija", "el menor", …"""
        if self.guardian_relationship in (GuardianRelationship.MOTHER, GuardianRelationship.FATHER):
            if self.known_sex:
                return _g(self.female, "mi hija", "mi hijo")
            return "mi hija o hijo"
        if self.known_sex:
            return _g(self.female, "la menor", "el menor")
        return "la persona menor de edad"

    @property
    def minor_en(self) -> str:
        if self.guardian_relationship in (GuardianRelationship.MOTHER, GuardianRelationship.FATHER):
            if self.known_sex:
                return _("my daughter") if self.female else _("my son")
            return _("my child")
        return _("the minor")

    @property
    def capacity_es(self) -> str:
        return {
            GuardianRelationship.MOTHER: "en mi carácter de madre",
            GuardianRelationship.FATHER: "en mi carácter de padre",
        }.get(self.guardian_relationship, "en ejercicio de la tutela")

    @property
    def capacity_en(self) -> str:
        return {
            GuardianRelationship.MOTHER: _("as the mother"),
            GuardianRelationship.FATHER: _("as the father"),
        }.get(self.guardian_relationship, _("as the legal guardian"))

    def who_es(self, self_text: str, minor_text: str) -> str:
        """The same fact said by the applicant ("soy …") or by the guardian ("{minor} es …": "mi hija es …")."""
        return minor_text.replace("{minor}", self.minor_es) if self.minor else self_text

    def who_en(self, self_text: str, minor_text: str, **values: str) -> str:
        """The same for the translation: two translated strings, the minor's with "%(minor)s"."""
        if self.minor:
            return minor_text % {**values, "minor": self.minor_en}
        return self_text % values

    def of_es(self, noun: str, *, feminine: bool = True) -> str:
        """ "mi tarjeta …" for the applicant, "la tarjeta … de mi hija" for the guardian."""
        if not self.minor:
            return f"mi {noun}"
        return f"{_g(feminine, 'la', 'el')} {noun} de {self.minor_es}"

    @property
    def caption_es(self) -> str:
        if not self.minor:
            return ""
        minor = _g(self.female, "de la menor", "del menor") if self.known_sex else "de la persona menor de edad"
        return f"En representación {minor} {_or_blank(self.applicant.full_name)}"

    @property
    def caption_en(self) -> str:
        if not self.minor:
            return ""
        return _("On behalf of the minor %(name)s") % {"name": _or_blank(self.applicant.full_name)}


def voice_for(situation: Situation) -> Voice:
    guardian = situation.guardian
    if situation.is_minor:
        return Voice(
            applicant=situation.applicant,
            guardian_name=guardian.name if guardian else "",
            guardian_relationship=(guardian.relationship if guardian else "") or GuardianRelationship.LEGAL_GUARDIAN,
            guardian_document=guardian.document if guardian else "",
        )
    return Voice(applicant=situation.applicant)


# ----------------------------------------------------------------------------- the document held now


def document_es(document: Document, *, today: date, female: bool) -> str:
    """The document held now, as it follows the name in a letter ("titular de la tarjeta …")."""
    kind = document.kind
    if kind in DOCUMENT_ES:
        noun, feminine = DOCUMENT_ES[kind]
        if document.card_number:
            text = f"titular de {_g(feminine, 'la', 'el')} {noun} número {document.card_number}"
        else:
            text = f"titular de {_g(feminine, 'una', 'un')} {noun}"
        if document.card_expires:
            if document.card_expires >= today:
                text += f", vigente hasta el {spanish_date(document.card_expires)}"
            else:
                text += f", {_g(feminine, 'vencida', 'vencido')} el {spanish_date(document.card_expires)}"
        return text
    if kind == CurrentDocument.RESIDENT_VISA:
        visa = VISA_ES.get(document.visa_type, "visa de residente")
        return f"en el que consta la {visa} expedida por una oficina consular de México"
    if kind == CurrentDocument.VISITOR_FMM:
        return f"{_g(female, 'documentada', 'documentado')} como visitante con la Forma Migratoria Múltiple (FMM)"
    if kind == CurrentDocument.EXPIRED_DOCUMENT:
        if document.card_expires:
            return f"cuyo documento migratorio venció el {spanish_date(document.card_expires)}"
        return "con documento migratorio vencido"
    return ""


def document_noun_en(kind: str) -> str:
    """The document held now, in the packet's language (a plain noun)."""
    return {
        CurrentDocument.TEMPORARY_CARD: _("temporary resident card"),
        CurrentDocument.STUDENT_CARD: _("student temporary resident card"),
        CurrentDocument.PERMANENT_CARD: _("permanent resident card"),
        CurrentDocument.HUMANITARIAN_CARD: _("visitor card for humanitarian reasons"),
        CurrentDocument.VISITOR_CARD: _("visitor card"),
        CurrentDocument.PROVISIONAL_DOCUMENT: _("provisional immigration document"),
    }.get(kind, _("immigration document"))


def document_en(document: Document, *, today: date) -> str:
    kind = document.kind
    if kind in DOCUMENT_ES:
        noun = document_noun_en(kind)
        if document.card_number:
            text = _("holder of the %(document)s number %(number)s") % {
                "document": noun,
                "number": document.card_number,
            }
        else:
            text = _("holder of a %(document)s") % {"document": noun}
        if document.card_expires:
            if document.card_expires >= today:
                text += _(", valid until %(date)s") % {"date": english_date(document.card_expires)}
            else:
                text += _(", expired on %(date)s") % {"date": english_date(document.card_expires)}
        return text
    if kind == CurrentDocument.RESIDENT_VISA:
        return _("in which the resident visa issued by a Mexican consulate appears")
    if kind == CurrentDocument.VISITOR_FMM:
        return _("admitted as a visitor with the FMM")
    if kind == CurrentDocument.EXPIRED_DOCUMENT:
        if document.card_expires:
            return _("whose immigration document expired on %(date)s") % {"date": english_date(document.card_expires)}
        return _("with an expired immigration document")
    return ""


def passport_es(situation: Situation) -> str:
    if situation.passport.document_type == DocumentType.IDENTITY_AND_TRAVEL:
        return f"con documento de identidad y viaje número {_or_blank(situation.passport.number)}"
    return f"con pasaporte número {_or_blank(situation.passport.number)}"


def identity_es(situation: Situation, voice: Voice, *, own_right: bool = False) -> str:
    """Name, nationality, passport, the document held now and the NUE, in one run of a sentence."""
    pieces = [_or_blank(situation.applicant.full_name)]
    if own_right:
        pieces.append("por mi propio derecho")
    if voice.minor:
        pieces.append("menor de edad")
    pieces += [nationality_es(situation.applicant.nationality), passport_es(situation)]
    document = document_es(situation.document, today=situation.today, female=voice.female)
    if document:
        pieces.append(document)
    if situation.document.nue:
        pieces.append(f"con número único de extranjero (NUE) {situation.document.nue}")
    return ", ".join(pieces)


def identity_en(situation: Situation, voice: Voice, *, own_right: bool = False) -> str:
    pieces = [_or_blank(situation.applicant.full_name)]
    if own_right:
        pieces.append(_("on my own behalf"))
    if voice.minor:
        pieces.append(_("a minor"))
    pieces += [
        national_of_en(situation.applicant.nationality),
        _("with passport number %(number)s") % {"number": _or_blank(situation.passport.number)},
    ]
    document = document_en(situation.document, today=situation.today)
    if document:
        pieces.append(document)
    if situation.document.nue:
        pieces.append(_("with NUE (foreigner's number) %(nue)s") % {"nue": situation.document.nue})
    return ", ".join(pieces)


# ----------------------------------------------------------------------------- shared paragraphs


def intro(situation: Situation, voice: Voice, states: dict[str, State]) -> Paragraph:
    """Who files, in what capacity, and the domicilio para oír y recibir notificaciones."""
    address = address_es(situation.address, states)
    if voice.minor:
        es = (
            f"{voice.signer}, {voice.capacity_es} y en representación de {voice.minor_es} "
            f"{identity_es(situation, voice)}; identificándome con {typed_document(voice.guardian_document)}, "
            f"y señalando como domicilio para oír y recibir notificaciones el ubicado en {address}, ante usted, "
            "con el debido respeto, comparezco para exponer:"
        )
        en = _(
            "I, %(signer)s, %(capacity)s and on behalf of %(minor)s %(identity)s; identified by %(document)s; "
            "giving as the address for notices %(address)s, respectfully state:"
        ) % {
            "signer": voice.signer,
            "capacity": voice.capacity_en,
            "minor": voice.minor_en,
            "identity": identity_en(situation, voice),
            "document": _or_blank(voice.guardian_document),
            "address": address,
        }
    else:
        es = (
            f"{identity_es(situation, voice, own_right=True)}, y señalando como domicilio para oír y recibir "
            f"notificaciones el ubicado en {address}, ante usted, con el debido respeto, comparezco para exponer:"
        )
        en = _("I, %(identity)s, giving as my address for notices %(address)s, respectfully state:") % {
            "identity": identity_en(situation, voice, own_right=True),
            "address": address,
        }
    return Paragraph(es=es, en=en, role="intro")


def email_notices(situation: Situation, *, plural: bool = False) -> list[Paragraph]:
    """The express acceptance of notices by e-mail (LFPA art. 35), only when the applicant ticked it."""
    applicant = situation.applicant
    if not (applicant.email_notices and applicant.email):
        return []
    es = (
        "Asimismo, con fundamento en el artículo 35 de la Ley Federal de Procedimiento Administrativo, "
        f"{'aceptamos' if plural else 'acepto'} expresamente que las notificaciones relativas a este trámite se "
        f"realicen por correo electrónico en la dirección {applicant.email}."
    )
    en = (
        _(
            "Under article 35 of the Federal Law of Administrative Procedure, we also expressly accept that notices "
            "about this procedure be sent by e-mail to %(email)s."
        )
        if plural
        else _(
            "Under article 35 of the Federal Law of Administrative Procedure, I also expressly accept that notices "
            "about this procedure be sent by e-mail to %(email)s."
        )
    ) % {"email": applicant.email}
    return [Paragraph(es=es, en=en, role="notices")]


def _join_es(facts: list[str]) -> str:
    """ "a, que b y que c": facts after the first each introduced by "que"."""
    if not facts:
        return ""
    if len(facts) == 1:
        return facts[0]
    rest = [f"que {fact}" for fact in facts[1:]]
    return ", ".join([facts[0], *rest[:-1]]) + f" y {rest[-1]}"


# ----------------------------------------------------------------------------- which letter


def letter_name(procedure: Procedure, situation: Situation, conditions: frozenset[str]) -> str | None:
    """The letter this situation needs, if any (the family statement only for a couple)."""
    letter = procedure.letter
    if not letter:
        return None
    if letter == LetterKind.FAMILY_STATEMENT and not ({"spouse", "concubine"} & conditions):
        return None
    if letter == LetterKind.FOUR_YEAR_REQUEST and "route_four_years" not in conditions:
        # CATALOGUE.md: the request after four years is for the four-year route only.
        return None
    replacement = situation.replacement
    if (
        letter == LetterKind.LOSS_ACCOUNT
        and replacement is not None
        and replacement.reason == ReplacementReason.DAMAGED
    ):
        # A damaged card is handed in itself: there is no loss to account for.
        return None
    return letter


@dataclass(frozen=True)
class _Context:
    situation: Situation
    voice: Voice
    states: dict[str, State]
    procedure: Procedure
    checklist_keys: frozenset[str]


@dataclass
class _Body:
    """What a builder makes: the letter's own parts, and the claims it made or withheld."""

    title_es: str
    title_en: str
    subject: Paragraph
    paragraphs: list[Paragraph]
    asserts: set[Claim]
    withheld: list[Claim]
    signatures: list[Signature]

    def claim(self, situation: Situation, claim: Claim) -> bool:
        """Whether the letter may state ``claim`` (recorded as asserted, or as withheld with its reason)."""
        if holds(claim, situation):
            self.asserts.add(claim)
            return True
        self.withheld.append(claim)
        return False


def _body(title_es: str, title_en: str, subject_es: str, subject_en: str) -> _Body:
    return _Body(title_es, title_en, Paragraph(subject_es, subject_en), [], set(), [], [])


def letter_for(
    situation: Situation,
    *,
    procedure: Procedure,
    office,
    states: dict[str, State],
    conditions: frozenset[str],
    checklist_keys: frozenset[str] = frozenset(),
) -> Letter | None:
    """The ready-to-sign letter for this situation on its day, or None when the procedure has none."""
    kind = letter_name(procedure, situation, conditions)
    if kind is None:
        return None
    voice = voice_for(situation)
    context = _Context(situation, voice, states, procedure, checklist_keys)
    body = BUILDERS[kind](context)
    place = place_es(situation, states, office)
    return Letter(
        kind=kind,
        title_es=body.title_es,
        title_en=body.title_en,
        place_date=f"{place}, a {spanish_date(situation.today)}.",
        place_date_en=f"{place}, {english_date(situation.today)}.",
        addressee=addressee(office, situation, states),
        subject=body.subject,
        paragraphs=tuple(
            Paragraph(contract(paragraph.es), paragraph.en, paragraph.role) for paragraph in body.paragraphs
        ),
        signatures=tuple(body.signatures) or (Signature(voice.signer, voice.caption_es, voice.caption_en),),
        asserts=frozenset(body.asserts),
        withheld=tuple(Withheld(claim, why_not(claim, situation)) for claim in body.withheld),
        signed_by_guardian=voice.minor,
    )


# ----------------------------------------------------------------------------- notification

CHANGE_ES = {
    "address": ("domicilio", "Domicilio anterior", "Domicilio actual"),
    "workplace": ("lugar de trabajo", "Lugar de trabajo anterior", "Lugar de trabajo actual"),
    "marital_status": ("estado civil", "Estado civil anterior", "Estado civil actual"),
    "nationality": ("nacionalidad", "Nacionalidad anterior", "Nacionalidad actual"),
    "name": ("nombre", "Nombre anterior", "Nombre actual"),
}


def _change_en(kind: str) -> str:
    return {
        "address": _("address"),
        "workplace": _("workplace"),
        "marital_status": _("marital status"),
        "nationality": _("nationality"),
        "name": _("name"),
    }.get(kind, _("details"))


def _notification(c: _Context) -> _Body:
    situation, voice = c.situation, c.voice
    change = situation.change
    kind = change.kind if change else ""
    what_es, old_label, new_label = CHANGE_ES.get(kind, ("datos", "Dato anterior", "Dato actual"))
    what_en = _change_en(kind)
    body = _body(
        f"Escrito de notificación de cambio de {what_es}, bajo protesta de decir verdad",
        _("Letter notifying the change of %(what)s, under oath") % {"what": what_en},
        f"Notificación de cambio de {what_es}.",
        _("Notice of a change of %(what)s.") % {"what": what_en},
    )
    body.paragraphs.append(intro(situation, voice, c.states))
    # Ley de Migración art. 63: residents notify a change of civil status, nationality, address or
    # workplace within 90 days (FACTS.md §2.4 Notificaciones). A change of name is notified under the
    # INM's own sheet (INM829), with no article of the law of its own: none is cited.
    if kind == "name":
        basis_es, basis_en = "", ""
    else:
        basis_es, basis_en = (
            ", con fundamento en el artículo 63 de la Ley de Migración,",
            _("under article 63 of the Immigration Law, "),
        )
    body.paragraphs.append(
        Paragraph(
            f"Que{basis_es} vengo a notificar el cambio de "
            + voice.who_es(f"mi {what_es}", f"{what_es} de {{minor}}")
            + ".",
            voice.who_en(
                _("That, %(basis)sI notify the change of my %(what)s."),
                _("That, %(basis)sI notify the change of %(what)s of %(minor)s."),
                basis=basis_en,
                what=what_en,
            ),
        )
    )
    old_es, new_es = _change_values_es(c)
    old_en, new_en = _change_values_en(c)
    day = change.date if change else None
    body.paragraphs.append(
        Paragraph(
            f"Manifiesto bajo protesta de decir verdad que el cambio ocurrió el {spanish_date(day)}, y que los datos "
            "anterior y actual son los siguientes:",
            _(
                "I state under oath that the change happened on %(date)s, and that the previous and the current "
                "data are:"
            )
            % {"date": english_date(day)},
            role="protest",
        )
    )
    body.paragraphs.append(
        Paragraph(f"{old_label}: {_period(old_es)}", _("Before: %(value)s.") % {"value": old_en}, "datum")
    )
    body.paragraphs.append(
        Paragraph(f"{new_label}: {_period(new_es)}", _("Now: %(value)s.") % {"value": new_en}, "datum")
    )
    body.paragraphs += email_notices(situation)
    body.paragraphs.append(
        Paragraph(
            "Por lo expuesto, atentamente solicito se tenga por presentada esta notificación y se actualicen los datos "
            + voice.who_es("de mi registro migratorio", "del registro migratorio de {minor}")
            + ".",
            _("I therefore ask that this notice be received and that the immigration record be updated."),
            role="petition",
        )
    )
    return body


def _change_values_es(c: _Context) -> tuple[str, str]:
    situation = c.situation
    change = situation.change
    kind = change.kind if change else ""
    female = situation.applicant.is_female
    if kind == "address":
        return address_es(change.old_address, c.states), address_es(situation.address, c.states)
    if kind == "workplace":
        return _or_blank(change.old_workplace), _workplace_es(situation)
    if kind == "marital_status":
        old = MARITAL_ES.get(change.old_marital_status, ("", ""))[female]
        new = MARITAL_ES.get(situation.applicant.marital_status, ("", ""))[female]
        return _or_blank(old), _or_blank(new)
    if kind == "nationality":
        return nationality_adjective_es(change.old_nationality), nationality_adjective_es(
            situation.applicant.nationality
        )
    if kind == "name":
        return _or_blank(change.old_name), _or_blank(situation.applicant.full_name)
    return BLANK, BLANK


def _change_values_en(c: _Context) -> tuple[str, str]:
    situation = c.situation
    change = situation.change
    kind = change.kind if change else ""
    if kind == "marital_status":
        labels = dict(MaritalStatus.choices)
        return (
            str(labels.get(change.old_marital_status, BLANK)),
            str(labels.get(situation.applicant.marital_status, BLANK)),
        )
    if kind == "nationality":
        return _country_en(change.old_nationality), _country_en(situation.applicant.nationality)
    return _change_values_es(c)


def _workplace_es(situation: Situation) -> str:
    employment = situation.employment
    if employment is None:
        return BLANK
    if employment.kind == EmploymentKind.SELF_EMPLOYED:
        place = f", {typed_place(employment.activity_place)}" if employment.activity_place else ""
        return f"actividades independientes ({typed_phrase(employment.activity)}){place}"
    return _or_blank(employment.employer_name)


# ----------------------------------------------------------------------------- four years


def _four_year_request(c: _Context) -> _Body:
    situation, voice = c.situation, c.voice
    residence = situation.temporary_residence
    since = residence.since if residence else None
    card = situation.document.card_expires
    body = _body(
        "Escrito bajo protesta de decir verdad en el que se solicita el cambio de condición de estancia de "
        "residente temporal a residente permanente",
        _("Letter under oath asking for the change from temporary to permanent resident"),
        "Solicitud de cambio de condición de estancia de residente temporal a residente permanente.",
        _("Request to change from temporary resident to permanent resident."),
    )
    body.paragraphs.append(intro(situation, voice, c.states))
    card_noun = voice.of_es("tarjeta de residente temporal")
    if body.claim(situation, Claim.FOUR_YEARS_AS_TEMPORARY_RESIDENT):
        end = residence.four_years_end
        fact_es = voice.who_es(
            f"soy residente temporal desde el {spanish_date(since)}, por lo que el {spanish_date(end)} cumplí cuatro "
            "años consecutivos con esa condición de estancia",
            f"{{minor}} es residente temporal desde el {spanish_date(since)}, por lo que el {spanish_date(end)} "
            "cumplió cuatro años consecutivos con esa condición de estancia",
        )
        fact_en = voice.who_en(
            _(
                "I have been a temporary resident since %(since)s, so that on %(end)s I completed four "
                "consecutive years as a temporary resident"
            ),
            _(
                "%(minor)s has been a temporary resident since %(since)s, and completed four consecutive "
                "years as a temporary resident on %(end)s"
            ),
            since=english_date(since),
            end=english_date(end),
        )
    elif body.claim(situation, Claim.TEMPORARY_RESIDENT_NOW):
        fact_es = voice.who_es(
            f"soy residente temporal desde el {spanish_date(since)}",
            f"{{minor}} es residente temporal desde el {spanish_date(since)}",
        )
        fact_en = voice.who_en(
            _("I have been a temporary resident since %(since)s"),
            _("%(minor)s has been a temporary resident since %(since)s"),
            since=english_date(since),
        )
    else:
        fact_es = voice.who_es(
            f"obtuve la condición de residente temporal el {spanish_date(since)}",
            f"{{minor}} obtuvo la condición de residente temporal el {spanish_date(since)}",
        )
        fact_en = voice.who_en(
            _("I obtained temporary residence on %(since)s"),
            _("%(minor)s obtained temporary residence on %(since)s"),
            since=english_date(since),
        )
    if card:
        expires = "vence" if card >= situation.today else "venció"
        fact_es += f", y que {card_noun} {expires} el {spanish_date(card)}"
        fact_en += (
            _(", and that the temporary resident card expires on %(date)s")
            if card >= situation.today
            else _(", and that the temporary resident card expired on %(date)s")
        ) % {"date": english_date(card)}
    body.paragraphs.append(
        Paragraph(
            f"Manifiesto bajo protesta de decir verdad que {fact_es}.",
            _("I state under oath that %(facts)s.") % {"facts": fact_en},
            role="protest",
        )
    )
    body.paragraphs += email_notices(situation)
    body.paragraphs.append(
        Paragraph(
            "Por lo expuesto, con fundamento en el artículo 54 de la Ley de Migración, atentamente solicito el cambio "
            f"de condición de estancia de residente temporal a residente permanente{voice.who_es('', ' de {minor}')}.",
            _(
                "I therefore ask, under article 54 of the Immigration Law, for the change from temporary "
                "resident to permanent resident."
            ),
            role="petition",
        )
    )
    return body


# ----------------------------------------------------------------------------- family statement


def _family_statement(c: _Context) -> _Body:
    situation, voice = c.situation, c.voice
    family = situation.family
    married = bool(family and family.relationship == Relationship.SPOUSE)
    sponsor = _or_blank(family.sponsor_name if family else "")
    sponsor_document = family.sponsor_document if family else ""
    sponsor_nationality = family.sponsor_nationality if family else ""
    union = family.union_date if family else None
    tie_es = "vínculo matrimonial" if married else "concubinato"
    if holds(Claim.LIVE_TOGETHER, situation):
        body = _body(
            f"Escrito bajo protesta de decir verdad sobre el {tie_es} y el domicilio conyugal, firmado por ambos",
            _("Statement under oath on the marriage or union and the marital address, signed by both"),
            f"Manifestación bajo protesta de decir verdad sobre el {tie_es} y el domicilio conyugal.",
            _("Statement under oath on the marriage or union and the marital address."),
        )
    else:
        # A couple that does not live at the address given declares no marital address: neither may
        # the letter's title, its subject or the Comentarios list that names it (claims.why_not says why).
        body = _body(
            f"Escrito bajo protesta de decir verdad sobre el {tie_es}, firmado por ambos",
            _("Statement under oath on the marriage or union, signed by both"),
            f"Manifestación bajo protesta de decir verdad sobre el {tie_es}.",
            _("Statement under oath on the marriage or union."),
        )
    address = address_es(situation.address, c.states)
    sponsor_es = (
        f"{sponsor}, {nationality_es(sponsor_nationality)}, quien se identifica con {typed_document(sponsor_document)}"
    )
    sponsor_en = _("%(name)s, %(national_of)s, identified by %(document)s") % {
        "name": sponsor,
        "national_of": national_of_en(sponsor_nationality),
        "document": _or_blank(sponsor_document),
    }
    applicant = _or_blank(situation.applicant.full_name)
    if voice.minor:
        parties_es = (
            f"Quienes suscribimos, {voice.signer}, {voice.capacity_es} y en representación de {voice.minor_es} "
            f"{identity_es(situation, voice)}, identificándome con {typed_document(voice.guardian_document)}, y "
            f"{sponsor_es}, por su propio derecho"
        )
        parties_en = _(
            "We, %(signer)s, %(capacity)s and on behalf of %(minor)s %(identity)s, and %(sponsor)s, on their own behalf"
        ) % {
            "signer": voice.signer,
            "capacity": voice.capacity_en,
            "minor": voice.minor_en,
            "identity": identity_en(situation, voice),
            "sponsor": sponsor_en,
        }
        couple = f"{applicant} y {sponsor}"
        facts_es = [
            f"{couple} contrajeron matrimonio el {spanish_date(union)}"
            if married
            else f"{couple} viven en concubinato desde el {spanish_date(union)}"
        ]
        two_years_es = "el vínculo ha subsistido durante los dos años anteriores a la fecha de este escrito"
        live_es = f"ambos hacen vida en común en el domicilio conyugal ubicado en {address}"
    else:
        parties_es = f"Quienes suscribimos, {identity_es(situation, voice)}, y {sponsor_es}, por nuestro propio derecho"
        parties_en = _("We, %(identity)s, and %(sponsor)s, on our own behalf") % {
            "identity": identity_en(situation, voice),
            "sponsor": sponsor_en,
        }
        facts_es = [
            f"contrajimos matrimonio el {spanish_date(union)}"
            if married
            else f"vivimos en concubinato desde el {spanish_date(union)}"
        ]
        two_years_es = "nuestro vínculo ha subsistido durante los dos años anteriores a la fecha de este escrito"
        live_es = f"hacemos vida en común en el domicilio conyugal ubicado en {address}"
    facts_en = [
        (_("the marriage took place on %(date)s") if married else _("the couple has lived together since %(date)s"))
        % {"date": english_date(union)}
    ]
    body.paragraphs.append(
        Paragraph(
            f"{parties_es}, señalando como domicilio para oír y recibir notificaciones el ubicado en {address}, ante "
            "usted, con el debido respeto, comparecemos para exponer:",
            _("%(parties)s, giving as the address for notices %(address)s, respectfully state:")
            % {"parties": parties_en, "address": address},
            role="intro",
        )
    )
    # The sheet for permanent residence asks for a statement that the tie has lasted the two
    # previous years (FACTS.md §2.4 "Cambio a RP por vínculo familiar").
    if traits_for(situation.procedure_slug).family_unity_permanent and body.claim(situation, Claim.TIE_TWO_YEARS):
        facts_es.append(two_years_es)
        facts_en.append(_("the tie has lasted the two years before the date of this statement"))
    if body.claim(situation, Claim.LIVE_TOGETHER):
        facts_es.append(live_es)
        facts_en.append(_("the couple lives together at the marital address %(address)s") % {"address": address})
    body.paragraphs.append(
        Paragraph(
            f"Manifestamos bajo protesta de decir verdad que {_join_es(facts_es)}.",
            _("We state under oath that %(facts)s.") % {"facts": "; ".join(facts_en)},
            role="protest",
        )
    )
    procedure_name = c.procedure.official_name_es or c.procedure.name_es
    body.paragraphs += email_notices(situation, plural=True)
    body.paragraphs.append(
        Paragraph(
            "Por lo expuesto, atentamente solicitamos se tenga por presentada esta manifestación y se considere "
            f"para acreditar el vínculo familiar en el trámite de «{procedure_name}» que promueve {applicant}.",
            _(
                "We therefore ask that this statement be received and taken into account to prove the family tie "
                "in the procedure “%(procedure)s” of %(name)s."
            )
            % {"procedure": procedure_name, "name": applicant},
            role="petition",
        )
    )
    body.signatures = [Signature(voice.signer, voice.caption_es, voice.caption_en), Signature(sponsor)]
    return body


# ----------------------------------------------------------------------------- self-employment


def _self_employment(c: _Context) -> _Body:
    situation, voice = c.situation, c.voice
    employment = situation.employment
    activity = typed_phrase(employment.activity if employment else "")
    place = employment.activity_place if employment else ""
    body = _body(
        "Escrito bajo protesta de decir verdad sobre la ocupación y el lugar donde se desarrollarán las actividades",
        _("Statement under oath on the occupation and where it will be carried out"),
        "Manifestación bajo protesta de decir verdad sobre actividades independientes.",
        _("Statement under oath on self-employed work."),
    )
    body.paragraphs.append(intro(situation, voice, c.states))
    facts_es = [
        voice.who_es(
            f"las actividades independientes que desarrollaré consisten en {activity}",
            f"las actividades independientes que desarrollará {{minor}} consisten en {activity}",
        ),
        f"se llevarán a cabo {typed_place(place)}",
    ]
    facts_en = [
        _("the self-employed work to be carried out is: %(activity)s") % {"activity": activity},
        _("it will be carried out at: %(place)s") % {"place": _or_blank(place)},
    ]
    if body.claim(situation, Claim.REGISTERED_RFC):
        registered = _g(voice.female, "inscrita", "inscrito")
        rfc = employment.applicant_rfc
        facts_es.append(
            voice.who_es(
                f"estoy {registered} en el Registro Federal de Contribuyentes con la clave {rfc}",
                f"{{minor}} está {registered} en el Registro Federal de Contribuyentes con la clave {rfc}",
            )
        )
        facts_en.append(_("the tax registry (RFC) number is %(rfc)s") % {"rfc": rfc})
    body.paragraphs.append(
        Paragraph(
            f"Manifiesto bajo protesta de decir verdad que {_join_es(facts_es)}.",
            _("I state under oath that %(facts)s.") % {"facts": "; ".join(facts_en)},
            role="protest",
        )
    )
    body.paragraphs += email_notices(situation)
    body.paragraphs.append(
        Paragraph(
            "Por lo expuesto, atentamente solicito se "
            + voice.who_es("me otorgue", "otorgue a {minor}")
            + " permiso para trabajar en las actividades independientes descritas.",
            _("I therefore ask for a work permit for the self-employed work described."),
            role="petition",
        )
    )
    return body


# ----------------------------------------------------------------------------- loss or theft


def _loss_account(c: _Context) -> _Body:
    situation, voice = c.situation, c.voice
    replacement = situation.replacement
    reason = replacement.reason if replacement else ""
    what_es = {ReplacementReason.LOST: "el extravío", ReplacementReason.STOLEN: "el robo"}.get(
        reason, "el extravío o robo"
    )
    what_en = {ReplacementReason.LOST: _("the loss"), ReplacementReason.STOLEN: _("the theft")}.get(
        reason, _("the loss or theft")
    )
    document = situation.document
    noun, feminine = DOCUMENT_ES.get(document.kind, ("documento migratorio", False))
    number_es = f" número {document.card_number}" if document.card_number else ""
    number_en = _(" number %(number)s") % {"number": document.card_number} if document.card_number else ""
    # The title names what happened, as the statement does: the Comentarios list repeats it.
    body = _body(
        f"Escrito de relación de hechos sobre {what_es} del documento migratorio, bajo protesta de decir verdad",
        _("Account of %(what)s of the immigration document, under oath") % {"what": what_en},
        "Relación de hechos para la reposición de documento migratorio.",
        _("Account of the facts, for the replacement of the immigration document."),
    )
    body.paragraphs.append(intro(situation, voice, c.states))
    day = replacement.event_date if replacement else None
    place = _or_blank(replacement.event_place if replacement else "")
    abroad = ", fuera del territorio nacional" if reason == ReplacementReason.LOST_ABROAD else ""
    fact_es = voice.who_es(
        f"el {spanish_date(day)}, en {place}{abroad}, sufrí {what_es} de mi {noun}{number_es}",
        f"el {spanish_date(day)}, en {place}{abroad}, {{minor}} sufrió {what_es} de su {noun}{number_es}",
    )
    body.paragraphs.append(
        Paragraph(
            f"Manifiesto bajo protesta de decir verdad que {fact_es}.",
            _("I state under oath that on %(date)s, at %(place)s, %(what)s of the %(document)s%(number)s happened.")
            % {
                "date": english_date(day),
                "place": place,
                "what": what_en,
                "document": document_noun_en(document.kind),
                "number": number_en,
            },
            role="protest",
        )
    )
    if (
        replacement is not None
        and replacement.police_report is not None
        and body.claim(situation, Claim.POLICE_REPORT_FILED)
    ):
        report_es = {
            ReplacementReason.LOST: "el reporte de extravío correspondiente",
            ReplacementReason.STOLEN: "la denuncia correspondiente",
        }.get(reason, "la denuncia o el reporte correspondiente")
        reference = replacement.police_report_reference
        attached = "denuncia_policial" in c.checklist_keys
        es = f"Se presentó {report_es} ante la autoridad competente"
        en = _("The report was made to the competent authority")
        if reference:
            es += f", con número {reference}"
            en += _(", number %(number)s") % {"number": reference}
        if attached:
            es += ", cuya constancia se anexa en copia"
            en += _("; a copy of it is attached")
        body.paragraphs.append(Paragraph(es + ".", en + "."))
    body.paragraphs += email_notices(situation)
    body.paragraphs.append(
        Paragraph(
            f"Por lo expuesto, atentamente solicito la reposición de {voice.of_es(noun, feminine=feminine)}.",
            _("I therefore ask for the replacement of the %(document)s.")
            % {"document": document_noun_en(document.kind)},
            role="petition",
        )
    )
    return body


# ----------------------------------------------------------------------------- canje


def _canje_request(c: _Context) -> _Body:
    situation, voice = c.situation, c.voice
    document = situation.document
    visa = VISA_ES.get(document.visa_type, "visa de residente")
    card = CANJE_CARD_ES.get(document.visa_type, "tarjeta de residente")
    body = _body(
        "Escrito libre de solicitud de canje",
        _("Letter asking for the card in exchange for the visa (canje)"),
        f"Solicitud de expedición de {card} por canje de visa.",
        _("Request for the residence card in exchange for the visa (canje)."),
    )
    body.paragraphs.append(intro(situation, voice, c.states))
    entry = spanish_date(document.entry_date)
    # The passport with the visa is named just before (document_es): "dicha visa" refers to it.
    if document.kind == CurrentDocument.RESIDENT_VISA:
        visa_es = "dicha visa"
    else:
        visa_es = f"{visa} expedida por una oficina consular de México"
    fact_es = voice.who_es(
        f"Que el {entry} ingresé al territorio nacional con {visa_es}",
        f"Que el {entry} {{minor}} ingresó al territorio nacional con {visa_es}",
    )
    fact_en = voice.who_en(
        _("That on %(date)s I entered Mexico with a resident visa issued by a Mexican consulate"),
        _("That on %(date)s %(minor)s entered Mexico with a resident visa issued by a Mexican consulate"),
        date=english_date(document.entry_date),
    )
    if body.claim(situation, Claim.ADMITTED_FOR_CANJE):
        # Some airports stamp the passport instead of issuing an FMM: the letter names the one the
        # applicant was given. Answers saved before the question was asked keep "según corresponda".
        if document.entry_record == EntryRecord.FMM:
            fact_es += ", y que en la Forma Migratoria Múltiple (FMM) consta la anotación «canje»"
            fact_en += _(", and that the FMM (Forma Migratoria Múltiple) is marked “canje”")
        elif document.entry_record == EntryRecord.STAMP:
            fact_es += ", y que en el sello de ingreso estampado en el pasaporte consta la anotación «canje»"
            fact_en += _(", and that the entry stamp in the passport is marked “canje”")
        else:
            fact_es += (
                ", y que en la Forma Migratoria Múltiple (FMM) o en el sello de ingreso, según corresponda, consta "
                "la anotación «canje»"
            )
            fact_en += _(", and that the FMM or the entry stamp, whichever applies, is marked “canje”")
    body.paragraphs.append(Paragraph(fact_es + ".", fact_en + "."))
    years = document.years_requested if document.visa_type == VisaType.TEMPORARY else None
    years_es = f", con vigencia de {YEARS_ES[years]}" if years in YEARS_ES else ""
    years_en = (
        ngettext(", valid for %(years)d year", ", valid for %(years)d years", years) % {"years": years}
        if years in YEARS_ES
        else ""
    )
    body.paragraphs += email_notices(situation)
    body.paragraphs.append(
        Paragraph(
            "Por lo expuesto, con fundamento en el artículo 59 de la Ley de Migración, atentamente solicito la "
            f"expedición de {voice.of_es(card)} por canje de la visa{years_es}.",
            _(
                "I therefore ask, under article 59 of the Immigration Law, for the residence card in exchange "
                "for the visa%(years)s."
            )
            % {"years": years_en},
            role="petition",
        )
    )
    return body


BUILDERS = {
    LetterKind.NOTIFICATION: _notification,
    LetterKind.FOUR_YEAR_REQUEST: _four_year_request,
    LetterKind.FAMILY_STATEMENT: _family_statement,
    LetterKind.SELF_EMPLOYMENT_STATEMENT: _self_employment,
    LetterKind.LOSS_ACCOUNT: _loss_account,
    LetterKind.CANJE_REQUEST: _canje_request,
}
