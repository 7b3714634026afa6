"""Template helpers shared by every page."""

import functools
import itertools
from urllib.parse import urlsplit

import segno
from django import forms, template
from django.conf import settings
from django.urls import reverse, translate_url
from django.utils import translation
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, get_language_info, ngettext
from django.utils.translation import gettext as _

from procedures.catalogue import badge, localized_language

register = template.Library()


@register.inclusion_tag("_partials/language_switch.html", takes_context=True)
def language_switch(context):
    """Links to the same page in the other languages: works without JavaScript."""
    request = context.get("request")
    current = context.get("LANGUAGE_CODE")
    links = []
    for code, _name in settings.LANGUAGES:
        if code == current:
            continue
        if request:
            link = translate_url(request.get_full_path(), code)
        else:
            # The 500 page renders without a request: link to the other language's home page.
            with translation.override(code):
                link = reverse("procedures:home")
        links.append({"code": code, "name": get_language_info(code)["name_local"], "url": link})
    return {"links": links}


@register.filter
def bilingual(obj, field):
    """The English or Spanish version of a reference text, by the active language. When that
    language's text is out of date, the other one, marked "translation being updated"."""
    shown = localized_language(obj, field)
    text = getattr(obj, f"{field}_{shown}", "")
    wanted = "es" if (get_language() or "en")[:2] == "es" else "en"
    if shown == wanted or not text or f"{field}_{wanted}" not in (getattr(obj, "stale_translations", None) or []):
        return text
    mark = _("translation being updated")
    return format_html(
        '<span lang="{}">{}</span> <span class="badge translation-updating">{}</span>', shown, text, mark
    )


@register.filter
def english_beside(obj, field):
    """The English to show beside an official Spanish text (a fee's concept, as the e5cinco sheet
    prints it): in the English interface only, and not while the English is being updated (the
    Spanish is the one to match anyway)."""
    if (get_language() or "en")[:2] == "es" or localized_language(obj, field, "en") != "en":
        return ""
    return getattr(obj, f"{field}_en", "")


@register.filter
def note_for(notes, key):
    """The packet's note for a checklist item (``conditions.item_notes``), or nothing."""
    return notes.get(key, "") if notes else ""


@register.filter
def points_to(flag, procedures):
    """The procedure a red flag points to, from the packet's ``flag_procedures`` (None if none)."""
    return procedures.get(flag.points_to) if flag.points_to else None


@register.filter
def booking_badge(procedure):
    return badge(procedure)


@register.filter
def mxn(amount):
    """Pesos as Mexico writes them in both languages: $11,140.74 MXN."""
    if amount is None:
        return ""
    return f"${amount:,.2f} MXN"


@register.filter
def thousands(number):
    """A whole number as Mexico writes it in both languages: 25,000."""
    return f"{number:,}"


@register.filter
def variant_label(amount):
    """A fee variant as words: the years of a card, or the variant as stored."""
    if amount.variant.isdigit():
        years = int(amount.variant)
        return ngettext("%(years)d year", "%(years)d years", years) % {"years": years}
    return amount.variant


WIDGET_CLASSES = {
    "select": "form-select",
    "checkbox": "form-check-input",
    "radioselect": "",
    "fastselect": "form-select",
}


@register.simple_tag
def field_widget(field, **attrs):
    """Render a field's input with its hint and error tied to it (aria-describedby) and a Bootstrap class."""
    described = []
    if field.help_text:
        described.append(f"{field.auto_id}_helptext")
    if field.errors:
        described.append(f"{field.auto_id}_error")
    widget_attrs = dict(attrs)
    if described:
        widget_attrs["aria-describedby"] = " ".join(described)
    css = (
        ""
        if isinstance(field.field.widget, forms.RadioSelect)
        else WIDGET_CLASSES.get(field.widget_type, "form-control")
    )
    if css:
        widget_attrs["class"] = f"{css} is-invalid" if field.errors else css
    return field.as_widget(attrs=widget_attrs)


@register.filter
def is_choice_group(field):
    """Radio buttons are a fieldset with a legend, not one input with a label."""
    return isinstance(field.field.widget, forms.RadioSelect)


@register.filter
def is_checkbox(field):
    return field.widget_type == "checkbox"


@register.simple_tag
def qr_svg(url, title=""):
    """A QR code of ``url`` as inline SVG (segno): no image request, nothing sent elsewhere."""
    return mark_safe(_qr_svg(str(url), str(title)))  # noqa: S308  (segno's own markup; the URL is escaped by segno)


@functools.lru_cache(maxsize=16)
def _qr_svg(url: str, title: str) -> str:
    # Drawing a code takes 4 ms (segno tries every mask); the packet's is always the portal's URL.
    code = segno.make(url, error="m")
    return code.svg_inline(scale=4, border=2, title=title or url, dark="#000", light="#fff")


@register.filter
def error_anchor(field):
    """The id a summary link points to: the input itself, or the first of a group of radios."""
    if isinstance(field.field.widget, forms.RadioSelect):
        return f"{field.auto_id}_0"
    return field.id_for_label


@register.filter
def weekday_date(day):
    """ "Friday 13 November 2026" / "viernes 13 de noviembre de 2026"."""
    from procedures.filing import weekday_date as in_words

    return in_words(day) if day else ""


@register.filter
def closure_dates(closure):
    """ "from 14 December to 2 January 2027" (or "until further notice")."""
    from procedures.filing import date_range

    return date_range(closure.starts_on, closure.ends_on)


@register.filter
def source_host(url: str) -> str:
    """A source's site, short enough to print: ``https://www.example.org/a/b`` → ``example.org``."""
    host = urlsplit(str(url)).hostname or str(url)
    return host.removeprefix("www.")


@register.simple_tag(takes_context=True)
def error_title_prefix(context) -> str:
    """ "Error: " before the page title when a form on the page was sent back with errors (GOV.UK's
    pattern: a screen reader announces the title first)."""
    for value in context.flatten().values():
        if isinstance(value, forms.BaseForm) and value.is_bound and value.errors:
            return _("Error:") + " "
    return ""


@register.inclusion_tag("admin/_task_queue.html", takes_context=True)
def task_queue(context):
    """The task queue's depth and its oldest waiting task, for the staff admin's index."""
    from procedures.tasks import task_queue_state

    request = context.get("request")
    return {**task_queue_state(), "superuser": bool(request and request.user.is_superuser)}


@register.simple_tag
def copy_sheet_rows(rows, *, pdf: bool = False):
    """The copy sheet's rows (``packet.CopyRow``), a ``<tbody>`` for each section of the INM form.

    The copy sheet holds the applicant's values, so it is rendered on every packet view, and with
    27 to 40 rows of three cells and a copy button it was most of the page's time as a Django
    template loop (each row translated the same five phrases again). Every value is escaped by
    format_html. The PDF has no buttons, and two columns: the hint under the value (next to it on
    paper, the value column was too narrow for a procedure's name, and the extra cells and
    wrappers were a twentieth of a render).
    """
    english = not (get_language() or "en").startswith("es")
    words = {
        "copied": _("Copied"),
        "failed": _("Not copied: select the text and copy it"),
        "copy": _("Copy"),
        "pick": _("Pick yours in the portal's list."),
        "empty": _("Leave empty."),
    }
    sections = itertools.groupby(rows, key=lambda row: row.section)
    return format_html_join(
        "\n",
        '<tbody>\n<tr class="copy-section"><th colspan="{}" scope="colgroup" lang="es">{}</th></tr>\n{}\n</tbody>',
        (
            (2 if pdf else 3, section, _copy_rows(list(group), number, english=english, pdf=pdf, words=words))
            for number, (section, group) in enumerate(sections, start=1)
        ),
    )


def _copy_rows(rows, section_number: int, *, english: bool, pdf: bool, words: dict):
    return format_html_join(
        "\n",
        "{}",
        (
            (_copy_row(row, f"copy-{section_number}-{number}", english=english, pdf=pdf, words=words),)
            for number, row in enumerate(rows, start=1)
        ),
    )


def _copy_row(row, anchor: str, *, english: bool, pdf: bool, words: dict):
    label = format_html('<span lang="es">{}</span>', row.label_es)
    if english:
        label = format_html('{}<span class="english-name">{}</span>', label, row.label_en)
    hint = " ".join(
        text
        for text in (
            (row.unsure_note or words["pick"]) if row.unsure else "",
            words["empty"] if not row.value else "",
            row.hint,
        )
        if text
    )
    if pdf:
        return format_html(
            '<tr>\n<th scope="row">{}</th>\n<td class="copy-value">{}<div class="copy-hint small">{}</div></td>\n</tr>',
            label,
            row.value or "—",
            hint,
        )
    if row.value:
        button = format_html(
            '<button type="button" class="btn btn-sm btn-outline-primary copy-button" data-copy-target="{}"'
            ' data-copy-name="{}" data-copied-text="{}" data-failed-text="{}" hidden>'
            '<span class="copy-label">{}</span><span class="visually-hidden" lang="es"> {}</span></button>',
            anchor,
            row.label_es,
            words["copied"],
            words["failed"],
            words["copy"],
            row.label_es,
        )
        value = format_html(
            '<div class="copy-line"><span class="copy-text" id="{}">{}</span>{}</div>', anchor, row.value, button
        )
    else:
        value = "—"
    return format_html(
        '<tr>\n<th scope="row">{}</th>\n<td class="copy-value">{}</td>\n<td class="copy-hint small">{}</td>\n</tr>',
        label,
        value,
        hint,
    )
