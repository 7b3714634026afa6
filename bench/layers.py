"""make bench-layers: what each performance layer earns, page by page.

The pages of section 1 of `make bench` (median server time through the test client, and its
ratio to the bare view), with one layer off and on in turns: ten rounds of each, so that the
machine's drift weighs on both alike. A layer earns its keep when turning it off makes some page
more than 10 % slower, as a ratio to the bare view measured in the same turns. Each "off" is a
stand-in patched in for this run only:

- catalogue rows: every call reads its rows from the database again (as before catalogue_rows.py);
- option markup: the <option> markup of countries and offices is escaped anew for every select;
- Jinja2 fields: fields render through a Django template of the same markup and Django's own
  widget templates (Django's default form renderer);
- procedure page, offices list: the cache of rendered fragments keeps nothing of that page;
- stored packet page: the packet's body is rendered on every view and never stored
  (``PacketPage`` neither read nor written).

The packet's own fragments (its booking steps, checklist, office and empty appointment form) were
measured here too, earned nothing, and are gone.
"""

from __future__ import annotations

import contextlib
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from django.core.cache.backends.locmem import LocMemCache  # noqa: E402
from django.test.utils import override_settings  # noqa: E402

import bench.run as run  # noqa: E402  (sets the benchmark's environment and Django up)

TEMPLATES = Path(__file__).resolve().parent / "templates"  # bench_field.html: the field template as a Django one


class DjangoFieldRenderer:
    """Fields and widgets through Django templates only (the renderer before procedures/renderers.py)."""

    form_template_name = "django/forms/div.html"
    formset_template_name = "django/forms/formsets/div.html"
    field_template_name = "bench_field.html"

    def __init__(self):
        import django.forms
        from django.template.backends.django import DjangoTemplates

        self.engine = DjangoTemplates(
            {
                "APP_DIRS": True,
                "DIRS": [TEMPLATES, Path(django.forms.__file__).parent / "templates"],
                "NAME": "bench-forms",
                "OPTIONS": {},
            }
        )

    def get_template(self, template_name):
        return self.engine.get_template(template_name)

    def render(self, template_name, context, request=None):
        from django.utils.translation import gettext as translated  # (the renderer's own msgid, not a new one)

        context = {"optional": translated("optional"), **context}
        return self.get_template(template_name).render(context, request=request).strip()


@contextlib.contextmanager
def catalogue_rows_off():
    from procedures import catalogue_rows

    real = catalogue_rows.reference_version
    catalogue_rows.reference_version = object  # a new "version" every call: nothing is kept
    try:
        yield
    finally:
        catalogue_rows.reference_version = real


@contextlib.contextmanager
def option_markup_off():
    from procedures import widgets

    cached, prop = widgets.options_html, widgets.FrozenChoices.__dict__["options_html"]
    widgets.options_html = cached.__wrapped__
    widgets.FrozenChoices.options_html = property(lambda self: widgets.options_html(self.choices))
    try:
        yield
    finally:
        widgets.options_html = cached
        widgets.FrozenChoices.options_html = prop


@contextlib.contextmanager
def jinja2_fields_off():
    with override_settings(FORM_RENDERER="bench.layers.DjangoFieldRenderer"):
        yield


class SomeFragmentsCache(LocMemCache):
    """The fragments cache, keeping nothing whose key holds one of ``REFUSED`` (set per run)."""

    REFUSED: tuple[str, ...] = ()

    def get(self, key, default=None, version=None):
        if any(part in key for part in self.REFUSED):
            return default
        return super().get(key, default, version)


def fragments_off(*names: str):
    @contextlib.contextmanager
    def off():
        from django.conf import settings

        SomeFragmentsCache.REFUSED = names
        # This very class: run as a script, this module is __main__, and a "bench.layers" path would
        # import a second copy whose REFUSED is empty (the layer would never be off; it was so
        # until 2026-12-02).
        backend = f"{SomeFragmentsCache.__module__}.{SomeFragmentsCache.__qualname__}"
        fragments = {**settings.CACHES["fragments"], "BACKEND": backend}
        with override_settings(CACHES={**settings.CACHES, "fragments": fragments}):
            yield

    return off


@contextlib.contextmanager
def stored_packet_page_off():
    """The packet's body rendered on every view and never stored (neither read nor written)."""
    from django.template.loader import render_to_string

    from procedures import packet, views

    real = views.packet_page_body

    def rendered(preparation, *, today, now):
        context = packet.packet_context(preparation, today=today, now=now)
        return render_to_string("procedures/packet/_body.html", context)

    views.packet_page_body = rendered
    try:
        yield
    finally:
        views.packet_page_body = real


LAYERS = {
    "catalogue rows": catalogue_rows_off,
    "option markup": option_markup_off,
    "Jinja2 fields": jinja2_fields_off,
    # {% cache %} names its keys template.cache.<fragment>.…; the procedure page sets its own.
    "procedure page": fragments_off("procedure-page:"),
    "offices list": fragments_off("template.cache.office_list."),
    "stored packet page": stored_packet_page_off,
}


ROUNDS = 10
# The pages a layer is part of, where it has only one: elsewhere a difference is the machine's noise.
SERVES = {"procedure page": {"procedure"}, "offices list": {"offices"}, "stored packet page": {"packet"}}


def pages(token: str) -> dict[str, str]:
    return {
        "bare view": "/bench/bare",
        "home": "/en/",
        "catalogue": "/en/procedures/",
        "procedure": "/en/procedures/canje/",
        "offices": "/en/offices/",
        **{f"step {step} GET": f"/en/prepare/{token}/{step}/" for step in run.STEPS},
        "review GET": f"/en/prepare/{token}/review/",
        "packet": f"/en/packet/{token}/",
    }


def layer_times(name: str, client, paths: dict[str, str]) -> dict[str, dict[str, list[float]]]:
    """Every page's request times with the layer on and off, in turns (ROUNDS of each)."""
    samples = {state: {page: [] for page in paths} for state in ("on", "off")}
    for _ in range(ROUNDS):
        for state in ("on", "off"):
            with LAYERS[name]() if state == "off" else contextlib.nullcontext():
                for page, path in paths.items():
                    assert client.get(path).status_code == 200, (name, state, page)  # caches refilled
                    samples[state][page] += run.timed(lambda path=path: client.get(path), run.REQUESTS // ROUNDS)
    return samples


def main() -> None:
    import statistics

    only = sys.argv[1:] or list(LAYERS)
    run.say(
        f"inmprep performance layers · each off and on in turns ({ROUNDS} rounds of {run.REQUESTS // ROUNDS} "
        "requests a page) · median ms, and × the bare view of the same turns"
    )
    run.setup_database()
    client = run.FormClient()
    paths = pages(run.complete_preparation(client))
    verdicts = []
    for name in only:
        samples = layer_times(name, client, paths)
        median = {
            state: {page: statistics.median(xs) * 1000 for page, xs in by.items()} for state, by in samples.items()
        }
        run.say(f"\n{name}: {'page':<20}{'on ms':>9}{'× bare':>8}{'off ms':>9}{'× bare':>8}{'off ÷ on':>10}")
        gains = {}
        for page in paths:
            on, off = median["on"][page], median["off"][page]
            on_ratio, off_ratio = on / median["on"]["bare view"], off / median["off"]["bare view"]
            if page != "bare view":
                gains[page] = off_ratio / on_ratio - 1
            change = f"{gains[page]:+.0%}" if page in gains else ""
            run.say(
                f"{'':<{len(name) + 2}}{page:<20}{on:>9.2f}{on_ratio:>8.1f}{off:>9.2f}{off_ratio:>8.1f}{change:>10}"
            )
        served = {page: gain for page, gain in gains.items() if page in SERVES.get(name, gains)}
        best = max(served, key=served.get)
        verdicts.append((name, best, served[best]))
    run.say("\nWhat each layer earns at most (the ratio to the bare view, off against on):")
    for name, page, gain in verdicts:
        run.say(f"  {name:<16} {gain:+.0%} on {page} · {'keep (> 10 %)' if gain > 0.10 else 'not worth it (≤ 10 %)'}")


if __name__ == "__main__":
    main()
