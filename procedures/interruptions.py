"""Interruption pages: a red flag that could get the applicant turned away, shown at the step
where it first applies instead of at the end, in the packet.

A flag never blocks (flags.py): the page explains, offers the procedure that fits where there is
one, and always lets the applicant continue.
"""

from __future__ import annotations

from datetime import date

from .answers import Answers
from .conditions import true_conditions
from .deadlines import deadline_for
from .flags import Flag, red_flags
from .models import Procedure
from .situation import situation_for

# The flags that mean "this procedure, as answered, will probably be refused": worth stopping for.
INTERRUPTING = ("deadline_missed", "stay_expired", "not_yet_eligible", "renewal_cap", "admitted_as_visitor")


def interrupting_flags(*, procedure: Procedure | None, answers: Answers, today: date) -> list[Flag]:
    """The interrupting flags these answers raise on ``today``, most serious first (as the packet
    orders them). Only what the answers decide: no office, fee or catalogue flag."""
    if procedure is None:
        return []
    situation = situation_for(answers, procedure_slug=procedure.slug, today=today)
    deadline = deadline_for(procedure, situation, conditions=true_conditions(situation))
    return [
        flag
        for flag in red_flags(procedure=procedure, situation=situation, deadline=deadline)
        if flag.code in INTERRUPTING
    ]


def new_interruptions(*, before: list[Flag], after: list[Flag]) -> list[Flag]:
    """The flags ``after`` a save that did not apply before it: the step that raised them is where
    the applicant hears of them, once (a later step saved does not raise them again)."""
    known = {flag.code for flag in before}
    return [flag for flag in after if flag.code not in known]
