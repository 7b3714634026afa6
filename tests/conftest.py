"""The cast of the test suite: a staff member, and the reference rows most tests need."""

import pytest

from .makers import make_office, make_procedure, make_state


@pytest.fixture(autouse=True)
def fresh_cache():
    """Each test starts with no rate-limit counts (they live in the cache), no cached fragment,
    no cache failure remembered and no reference version read by an earlier test."""
    from django.core.cache import caches

    from procedures.cache import reset_failures
    from procedures.signals import forget_reference_version

    reset_failures()
    for alias in ("default", "fragments"):
        caches[alias].clear()
    forget_reference_version()


@pytest.fixture(autouse=True)
def shipped_procedures_where_the_database_has_none(request, monkeypatch):
    """Rule tests read each procedure's knowledge (its traits, its form sections) as the shipped
    catalogue gives it: from the database's row when the test made or loaded one, else from the
    shipped catalogue file (tests without a database, or with only the rows they need)."""
    from procedures import catalogue_rows

    from .makers import shipped_procedure

    if request.node.get_closest_marker("django_db") or {"db", "transactional_db"} & set(request.fixturenames):
        in_database = catalogue_rows.procedure_by_slug

        def procedure_by_slug(slug):
            return in_database(slug) or shipped_procedure(slug)

        monkeypatch.setattr(catalogue_rows, "procedure_by_slug", procedure_by_slug)
    else:
        monkeypatch.setattr(catalogue_rows, "procedure_by_slug", shipped_procedure)


@pytest.fixture(autouse=True)
def default_language():
    """Each test starts in the default language: a request to an /es/ page activates Spanish for
    the thread, and a later test in the same worker must not inherit it."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def client():
    """pytest-django's client, posting as the site's forms do (urlencoded, not multipart)."""
    from .clients import FormClient

    return FormClient()


@pytest.fixture
def staff_user(django_user_model):
    return django_user_model.objects.create_superuser("staff", "staff@example.org", "a-long-test-password")


def verified_login(client, user):
    """Sign a staff member in with a confirmed TOTP device, as the two-factor sign-in would."""
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.create(user=user, name="test", confirmed=True)
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client


@pytest.fixture
def staff_client(client, staff_user):
    return verified_login(client, staff_user)


@pytest.fixture
def jalisco(db):
    return make_state("14", "Jalisco")


@pytest.fixture
def canje(db):
    return make_procedure("canje")


@pytest.fixture
def guadalajara(jalisco):
    return make_office(jalisco)


def member_of(django_user_model, username, group_name):
    from django.contrib.auth.models import Group

    user = django_user_model.objects.create_user(username, f"{username}@example.org", "a-long-test-password")
    user.is_staff = True
    user.save()
    if not Group.objects.filter(name=group_name).exists():
        # A transactional test before this one flushed the groups migration 0002 made: make them again.
        # (A flush keeps permissions: post_migrate makes them again; only the groups are gone.)
        from importlib import import_module
        from types import SimpleNamespace

        from django.apps import apps

        migration = import_module("procedures.migrations.0002_create_staff_groups")
        migration.create_staff_groups(SimpleNamespace(get_app_configs=tuple, get_model=apps.get_model), None)
    user.groups.add(Group.objects.get(name=group_name))
    return user


@pytest.fixture
def editor_client(client, django_user_model):
    return verified_login(client, member_of(django_user_model, "editor", "Reference editors"))


@pytest.fixture
def viewer_client(client, django_user_model):
    return verified_login(client, member_of(django_user_model, "viewer", "Reference viewers"))


@pytest.fixture
def catalogue(db):
    """The shipped reference catalogue (loaddata: quicker than load_reference, which has its own tests)."""
    from django.core.management import call_command

    from procedures.reference import FIXTURE_FILES

    call_command("loaddata", *FIXTURE_FILES, verbosity=0)


@pytest.fixture
def loaded_catalogue(db):
    """The shipped reference catalogue, loaded as make run loads it (with load hashes and history)."""
    from procedures.reference import reference_load

    reference_load()
