"""Widgets and choices for long lists (countries, offices) without per-option work on every form."""

import functools

from django import forms
from django.utils.choices import BaseChoiceIterator
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe


class FastSelect(forms.Select):
    """A <select> whose options are joined in Python, not rendered one template at a time.

    Django renders every <option> through a template; for the ~250 countries that costs about
    20 ms a select. The markup (and the accessible attributes Django adds: id, aria-describedby,
    aria-invalid) is the same.
    """

    def render(self, name, value, attrs=None, renderer=None):
        final_attrs = self.build_attrs(self.attrs, attrs)
        selected = "" if value is None else str(value)
        choices = self.choices
        options = choices.options_html if isinstance(choices, FrozenChoices) else options_html(freeze(choices))
        # Mark the chosen option in the cached markup (values are escaped the same way); with no
        # value, the empty "Choose…" option, as Django's Select does.
        marker = format_html('<option value="{}">', selected)
        options = mark_safe(options.replace(marker, marker[:-1] + " selected>", 1))  # noqa: S308
        attributes = format_html_join(
            "", ' {}="{}"', ((key, val) for key, val in final_attrs.items() if val is not True)
        )
        flags = "".join(f" {key}" for key, val in final_attrs.items() if val is True)
        return format_html('<select name="{}"{}{}>{}</select>', name, attributes, mark_safe(flags), options)  # noqa: S308


class Radios(forms.RadioSelect):
    """Radio buttons styled as Bootstrap form checks (the input floats beside its label)."""

    def __init__(self, attrs=None, choices=()):
        super().__init__({"class": "form-check-input", **(attrs or {})}, choices)


class FrozenChoices(BaseChoiceIterator):
    """Choices built once and shared by every form that lists them (the countries of a language).

    Django normalises and deep-copies a plain list of choices for every form it builds: for 250
    countries that is thousands of calls a request. A choice iterator it leaves as it is, and as
    the choices never change, a copy may be the same object. The escaped <option> markup is kept
    with them for FastSelect.
    """

    def __init__(self, choices):
        self.choices = freeze(choices)

    def __iter__(self):
        return iter(self.choices)

    def __len__(self):
        return len(self.choices)

    def __copy__(self):
        return self

    def __deepcopy__(self, memo):
        return self

    @functools.cached_property
    def options_html(self) -> str:
        return options_html(self.choices)


def freeze(choices) -> tuple:
    """Choices as nested tuples of strings (hashable), groups included."""
    return tuple(
        (str(key), freeze(label)) if isinstance(label, (list, tuple)) else (str(key), str(label))
        for key, label in choices
    )


@functools.lru_cache(maxsize=64)
def options_html(choices: tuple) -> str:
    """The escaped <option> markup of a list of choices (with <optgroup>s), made once per list."""
    parts = []
    for key, label in choices:
        if isinstance(label, tuple):
            parts.append(format_html('<optgroup label="{}">{}</optgroup>', key, options_html(label)))
        else:
            parts.append(format_html('<option value="{}">{}</option>', key, label))
    return mark_safe("".join(parts))  # noqa: S308  (every part went through format_html)
