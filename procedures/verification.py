"""What an edit in admin does to a fact's trust signals: its confidence and its translations.

Pure functions of what changed, so that the rules are tested with tables. The admin forms
(procedures/admin_forms.py) ask them and store the answer.

- A verified fact stays verified only while its content is what was checked. Changing the
  content (a text, an amount, the copies, the condition) without checking the sources again
  makes it ``needs_checking``: applicants see it as not confirmed.
- A source is a web address or a citation of a document ("DOF 7 Nov 2025, Art. 8 fr. VI").
- Editing one language of a bilingual text without the other makes the other stale.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext_lazy as _

from .models import Confidence

# Fields that say where a fact comes from or how it is kept, not what it says: changing them
# does not make a verified fact doubtful.
NOT_CONTENT = frozenset(
    {
        "id",
        "sources",
        "confidence",
        "last_verified",
        "verified_by",
        "verification_note",
        "stale_translations",
        "content_hash",
        "position",
        "active",
    }
)


def content_changed(changed_fields: Iterable[str]) -> bool:
    """Whether an edit of these fields changed what the fact says."""
    return any(name not in NOT_CONTENT for name in changed_fields)


def confidence_after_edit(*, before: str, chosen: str, content_changed: bool, reverified: bool) -> str:
    """The confidence a fact has after an edit.

    ``before`` is the stored confidence, ``chosen`` what the form says, ``reverified`` whether
    the same save checked the sources again (with a source and a note). Only a check makes a fact
    verified; a verified fact whose content changed without one needs checking.
    """
    if reverified:
        return Confidence.VERIFIED
    if chosen == Confidence.VERIFIED and (before != Confidence.VERIFIED or content_changed):
        return Confidence.NEEDS_CHECKING
    return chosen


# ----------------------------------------------------------------------------- sources

URL_START = re.compile(r"^(https?://|www\.)", re.IGNORECASE)
validate_url = URLValidator(schemes=["http", "https"])


def source_clean(text: str) -> str:
    """A source as stored: a valid web address, or a citation that names a document.

    A citation must say which document and where in it, so it has at least two words and a
    number (a date, an article, a page): "DOF 7 Nov 2025, Art. 8 fr. VI", "LFD art. 9".
    """
    text = " ".join(text.split())
    if URL_START.match(text):
        url = text if text.lower().startswith("http") else f"https://{text}"
        try:
            validate_url(url)
        except ValidationError:
            raise ValidationError(
                _("“%(source)s” is not a valid web address."), code="bad_url", params={"source": text}
            ) from None
        return url
    if len(text.split()) < 2 or not re.search(r"\d", text):
        raise ValidationError(
            _(
                "“%(source)s” is neither a web address nor a citation: name the document and where in it, "
                "with its date or article (e.g. “DOF 7 Nov 2025, Art. 8 fr. VI”)."
            ),
            code="bad_citation",
            params={"source": text},
        )
    return text


# ----------------------------------------------------------------------------- translations


def stale_after_edit(
    *, pairs: Iterable[tuple[str, str]], changed_fields: Iterable[str], stale_before: Iterable[str], confirmed: bool
) -> list[str]:
    """The fields whose translation is out of date after an edit.

    For each (English, Spanish) pair: editing one language alone makes the other stale, unless
    the edited one was the stale one (that edit brings it up to date); editing both brings both
    up to date. ``confirmed`` (staff say both languages say the same) clears every mark.
    """
    if confirmed:
        return []
    changed, stale = set(changed_fields), set(stale_before)
    for english, spanish in pairs:
        for edited, other in ((english, spanish), (spanish, english)):
            if edited in changed and other not in changed:
                if edited in stale:
                    stale.discard(edited)
                else:
                    stale.add(other)
        if english in changed and spanish in changed:
            stale -= {english, spanish}
    order = [name for pair in pairs for name in pair]
    return sorted(stale & set(order), key=order.index)


def translation_gaps(obj, pairs: Iterable[tuple[str, str]]) -> list[str]:
    """The fields of ``obj`` where one language is filled and the other empty."""
    return [
        spanish if getattr(obj, english) else english
        for english, spanish in pairs
        if bool(getattr(obj, english, "")) != bool(getattr(obj, spanish, ""))
    ]
