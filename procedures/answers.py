"""Reading a preparation's answers: ``{"step": {"field": value}}``, dates as ISO strings."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

Answers = Mapping[str, Mapping[str, Any]]


def answer(answers: Answers, key: str, default: Any = None) -> Any:
    """The answer at ``"step.field"``, or ``default`` when the step or field is missing or empty."""
    step, _, field = key.partition(".")
    value = (answers.get(step) or {}).get(field)
    return default if value in (None, "") else value


def answer_date(answers: Answers, key: str) -> date | None:
    """A date answer, or None when missing or not a valid ISO date."""
    value = answer(answers, key)
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(value) if value else None
    except (TypeError, ValueError):
        return None
