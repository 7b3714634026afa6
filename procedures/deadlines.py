"""Legal deadlines of the procedures. Pure functions of catalogue rows and dates."""

from __future__ import annotations

from django.utils.translation import gettext as _

from .models import DeadlineRule, Procedure


def deadline_rule_text(procedure: Procedure) -> str:
    """The procedure's deadline rule in words, in the active language."""
    days = procedure.deadline_days
    if procedure.deadline_rule == DeadlineRule.DAYS_AFTER_ENTRY:
        return _("Within %(days)d calendar days after you enter Mexico.") % {"days": days}
    if procedure.deadline_rule == DeadlineRule.WINDOW_BEFORE_EXPIRY:
        return _("In the last %(days)d calendar days before your card expires: not earlier, and not after.") % {
            "days": days
        }
    if procedure.deadline_rule == DeadlineRule.DAYS_AFTER_CHANGE:
        return _("Within %(days)d calendar days after the change.") % {"days": days}
    return _("No legal deadline.")
