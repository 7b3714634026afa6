"""Template helpers shared by every page."""

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language_info, ngettext

from procedures.catalogue import badge, localized

register = template.Library()


@register.inclusion_tag("_partials/language_switch.html", takes_context=True)
def language_switch(context):
    """Links to the same page in the other languages: works without JavaScript."""
    request = context.get("request")
    path = request.get_full_path() if request else "/"
    current = context.get("LANGUAGE_CODE")
    links = [
        {
            "code": code,
            "name": get_language_info(code)["name_local"],
            "url": translate_url(path, code),
        }
        for code, _name in settings.LANGUAGES
        if code != current
    ]
    return {"links": links}


@register.filter
def bilingual(obj, field):
    """The English or Spanish version of a reference text, by the active language."""
    return localized(obj, field)


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
def variant_label(amount):
    """A fee variant as words: the years of a card, or the variant as stored."""
    if amount.variant.isdigit():
        years = int(amount.variant)
        return ngettext("%(years)d year", "%(years)d years", years) % {"years": years}
    return amount.variant
