"""The cast of the test suite: a staff member, and the reference rows most tests need."""

import pytest

from .makers import make_office, make_procedure, make_state


@pytest.fixture
def staff_user(django_user_model):
    return django_user_model.objects.create_superuser("staff", "staff@example.org", "a-long-test-password")


@pytest.fixture
def staff_client(client, staff_user):
    client.force_login(staff_user)
    return client


@pytest.fixture
def jalisco(db):
    return make_state("14", "Jalisco")


@pytest.fixture
def canje(db):
    return make_procedure("canje")


@pytest.fixture
def guadalajara(jalisco):
    return make_office(jalisco)
