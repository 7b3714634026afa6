"""The closed vocabulary of conditions (see CATALOGUE.md).

Checklist items, fee links, general rules and deadlines name one of these. A condition is
true or false for a preparation; the rules issue adds the function that derives the true
ones from the answers.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Condition(models.TextChoices):
    ALWAYS = "always", _("Always")
    MINOR = "minor", _("Applicant under 18")
    MINOR_15_17 = "minor_15_17", _("Applicant aged 15 to 17")
    MINOR_PERMANENT = "minor_permanent", _("Minor holding a permanent resident card")
    NOT_MINOR_PERMANENT = "not_minor_permanent", _("Not a minor holding a permanent resident card")
    SPOUSE = "spouse", _("Spouse")
    CONCUBINE = "concubine", _("Common-law partner (concubinato)")
    CHILD_OR_PARENT = "child_or_parent", _("Child or parent")
    SIBLING = "sibling", _("Sibling")
    SPONSOR_MEXICAN = "sponsor_mexican", _("Family member is Mexican")
    SPONSOR_FOREIGN_RESIDENT = "sponsor_foreign_resident", _("Family member is a foreign resident")
    FOREIGN_CERTIFICATES = "foreign_certificates", _("Civil certificates issued abroad")
    ENTERED_WITH_FMM = "entered_with_fmm", _("Entered with an FMM")
    HOLDS_HUMANITARIAN_CARD = "holds_humanitarian_card", _("Holds a humanitarian visitor card")
    HOLDS_PROVISIONAL_DOCUMENT = "holds_provisional_document", _("Holds a provisional document")
    DAMAGED = "damaged", _("Card damaged")
    LOST_OR_STOLEN_IN_MEXICO = "lost_or_stolen_in_mexico", _("Card lost or stolen in Mexico")
    LOST_ABROAD = "lost_abroad", _("Card lost or stolen abroad")
    WITH_EMPLOYER = "with_employer", _("Works for an employer")
    SELF_EMPLOYED = "self_employed", _("Self-employed")
    ROUTE_FOUR_YEARS = "route_four_years", _("Four years as temporary resident")
    ROUTE_PENSIONER = "route_pensioner", _("Pensioner or retiree")
    ROUTE_POINTS = "route_points", _("Points system")
    VISA_TEMPORARY = "visa_temporary", _("Temporary resident visa")
    VISA_PERMANENT = "visa_permanent", _("Permanent resident visa")
    VISA_STUDENT = "visa_student", _("Student resident visa")
