"""Posting admin change forms as a browser would: every field of the page as it is shown."""

from __future__ import annotations

from django.urls import reverse


def change_url(obj) -> str:
    return reverse(f"admin:procedures_{obj._meta.model_name}_change", args=[obj.pk])


def add_url(model) -> str:
    return reverse(f"admin:procedures_{model._meta.model_name}_add")


def changelist_url(model) -> str:
    return reverse(f"admin:procedures_{model._meta.model_name}_changelist")


def history_url(obj) -> str:
    return reverse(f"admin:procedures_{obj._meta.model_name}_history", args=[obj.pk])


def _form_values(form, prefix: str = "") -> dict:
    data = {}
    for name, field in form.fields.items():
        if field.disabled:
            continue
        bound = form[name]
        value = bound.value()
        key = f"{prefix}{name}"
        widget = field.widget
        if widget.__class__.__name__ == "SourcesWidget":
            for index, text in enumerate(value or []):
                data[f"{key}_{index}"] = text
            data[f"{key}_{len(value or [])}"] = ""
        elif isinstance(value, bool):
            if value:
                data[key] = "on"
        elif isinstance(value, (list, tuple)):
            data[key] = list(value)
        elif value is not None:
            data[key] = value
    return data


def page_data(page) -> dict:
    """The data a browser would post back from an admin add or change page, unchanged."""
    form = page.context["adminform"].form
    data = _form_values(form)
    for inline in page.context.get("inline_admin_formsets", []):
        formset = inline.formset
        management = formset.management_form
        data.update({f"{formset.prefix}-{name}": management[name].value() for name in management.fields})
        for row in formset.forms:
            data.update(_form_values(row, f"{row.prefix}-"))
    return data


def post_change(client, obj, reason: str | None = "Checked against the DOF", **changes):
    """Open ``obj``'s change page, change some fields, and save it with a reason."""
    page = client.get(change_url(obj))
    assert page.status_code == 200
    data = page_data(page)
    if reason is not None:
        data["change_reason"] = reason
    data.update(changes)
    return client.post(change_url(obj), data)
