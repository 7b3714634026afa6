"""Staff sign-in: one page for every failure, no password echoed, wrong codes counted, and a
growing wait per account that never locks the account out."""

import re

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.test import RequestFactory

from procedures.signin import StaffAuthenticationForm, backoff_delay, known_client_cookie_name

from .clients import FormClient

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-test-password"
LOGIN = "/admin/login/?next=/admin/"
START = "2026-12-01 16:00:00+00:00"


@pytest.fixture
def device(staff_user):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    return TOTPDevice.objects.create(user=staff_user, name="phone", confirmed=True)


def code(device) -> str:
    from django_otp.oath import totp

    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def wrong_code(device) -> str:
    return f"{(int(code(device)) + 1) % 1_000_000:06d}"


@pytest.fixture
def many_tries(settings):
    # These tests are about the per-account wait and the page; the per-address limit has its own.
    settings.INMPREP_LOGIN_RATE = "1000/m"


def sign_in(client, username="staff", password=PASSWORD, otp_token=""):
    return client.post(LOGIN, {"username": username, "password": password, "otp_token": otp_token})


def normalised(response) -> str:
    """The page without what differs by design: the CSRF token and the username typed."""
    body = response.content.decode()
    body = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", body)
    return re.sub(r'(name="username"[^>]*?) value="[^"]*"', r"\1", body)


def test_backoff_grows_to_a_minute_and_stops_there():
    assert [backoff_delay(n) for n in range(12)] == [0, 0, 0, 2, 4, 8, 16, 32, 60, 60, 60, 60]


def test_every_failed_sign_in_gets_the_same_page_and_never_the_password(client, staff_user, device, many_tries):
    other = get_user_model().objects.create_user("clerk", "clerk@example.org", PASSWORD)  # not staff
    from django_otp.plugins.otp_totp.models import TOTPDevice

    clerk_device = TOTPDevice.objects.create(user=other, name="phone", confirmed=True)
    with time_machine.travel(START, tick=False) as traveller:
        attempts = {
            "unknown account": lambda: sign_in(client, username="nobody", otp_token=code(device)),
            "wrong password": lambda: sign_in(client, password="wrong-password-123", otp_token=code(device)),
            "right password, no code": lambda: sign_in(client),
            "right password, wrong code": lambda: sign_in(client, otp_token=wrong_code(device)),
            "right password, letters for a code": lambda: sign_in(client, otp_token="abcdef"),
            "not a staff account": lambda: sign_in(client, username="clerk", otp_token=code(clerk_device)),
        }
        pages = {}
        for name, attempt in attempts.items():
            traveller.shift(300)  # past any wait: every attempt is really checked
            response = attempt()
            assert response.status_code == 200, name
            pages[name] = normalised(response)
            body = response.content.decode()
            assert "Sign-in failed: check your username, password and one-time code" in body, name
            assert PASSWORD not in body and "wrong-password-123" not in body, name
            assert "otp_device" not in body and "select a device" not in body.lower(), name
            assert 'name="otp_token" value=' not in body, name
    first = next(iter(pages.values()))
    assert all(page == first for page in pages.values()), [name for name, page in pages.items() if page != first]
    assert "_auth_user_id" not in client.session


def test_password_and_code_in_one_step_sign_in(client, staff_user, device, many_tries):
    with time_machine.travel(START, tick=False):
        page = client.get("/admin/login/").content.decode()
        assert 'name="otp_token"' in page and 'autocomplete="one-time-code"' in page
        assert 'name="otp_device"' not in page
        response = sign_in(client, otp_token=code(device))
    assert response.status_code == 302 and response["Location"] == "/admin/"
    assert client.get("/admin/procedures/procedure/").status_code == 200


def test_wrong_codes_count_against_the_sign_in_limit(client, staff_user, device, settings):
    settings.INMPREP_LOGIN_RATE = "3/m"
    with time_machine.travel(START, tick=False):
        statuses = [sign_in(client, otp_token=wrong_code(device)).status_code for _ in range(3)]
        assert statuses == [200, 200, 200]
        # The limit holds even for the right code now: the address is over its tries.
        assert sign_in(client, otp_token=code(device)).status_code == 429


def test_failures_slow_the_next_try_for_the_account(client, staff_user, device, many_tries):
    with time_machine.travel(START, tick=False) as traveller:
        for _ in range(3):
            sign_in(client, password="wrong-password-123")
        # Fourth try, right at once: refused without being checked (the wait is 2 seconds)...
        waiting = sign_in(client, otp_token=code(device))
        assert waiting.status_code == 200 and "Sign-in failed" in waiting.content.decode()
        device.refresh_from_db()
        assert device.last_used_at is None  # the code was not even tried
        # ...and the refused try did not lengthen the wait.
        traveller.shift(2)
        assert sign_in(client, otp_token=code(device)).status_code == 302


def test_the_account_is_never_locked_out(client, staff_user, device, many_tries):
    with time_machine.travel(START, tick=False) as traveller:
        for _ in range(40):
            traveller.shift(61)
            sign_in(client, password="wrong-password-123")
        # However many failures, a minute later the right credentials get in.
        traveller.shift(60)
        assert sign_in(client, otp_token=code(device)).status_code == 302


def test_a_stranger_guessing_does_not_slow_a_browser_that_signed_in_before(staff_user, device, many_tries):
    admin_browser, stranger = FormClient(), FormClient()
    with time_machine.travel(START, tick=False) as traveller:
        assert sign_in(admin_browser, otp_token=code(device)).status_code == 302
        cookie = admin_browser.cookies[known_client_cookie_name()]
        assert cookie["httponly"] and cookie["path"] == "/"
        admin_browser.post("/admin/logout/")
        traveller.shift(31)  # the next time step: a code is good once
        for _ in range(6):
            sign_in(stranger, password="wrong-password-123")
        # The stranger waits...
        assert "Sign-in failed" in sign_in(stranger, otp_token=code(device)).content.decode()
        # ...the admin's own browser does not.
        assert sign_in(admin_browser, otp_token=code(device)).status_code == 302


def test_a_forged_known_browser_cookie_is_ignored(client, staff_user, device, many_tries):
    with time_machine.travel(START, tick=False):
        for _ in range(3):
            sign_in(client, password="wrong-password-123")
        client.cookies[known_client_cookie_name()] = "forged-value"
        assert "Sign-in failed" in sign_in(client, otp_token=code(device)).content.decode()


def test_without_two_factor_the_password_form_is_as_generic(staff_user):
    # DEBUG (make run) signs in with the password alone, through the same form and messages.
    factory = RequestFactory()
    get_user_model().objects.create_user("clerk", "clerk@example.org", PASSWORD)
    messages = []
    for username, password in (("nobody", PASSWORD), ("staff", "wrong-password-123"), ("clerk", PASSWORD)):
        request = factory.post("/admin/login/")
        form = StaffAuthenticationForm(request, data={"username": username, "password": password})
        assert not form.is_valid()
        assert form.get_user() is None
        messages.append(form.non_field_errors())
    assert messages[0] == messages[1] == messages[2]
    assert "check your username and password" in str(messages[0])
    request = factory.post("/admin/login/")
    assert StaffAuthenticationForm(request, data={"username": "staff", "password": PASSWORD}).is_valid()


DEVICES = "/admin/otp_totp/totpdevice/"


def test_staff_devices_are_named_in_both_languages_and_their_secret_is_never_shown(staff_user):
    from .conftest import verified_login

    superuser = verified_login(FormClient(), staff_user)
    device = staff_user.totpdevice_set.get()
    spanish = superuser.get("/admin/", HTTP_ACCEPT_LANGUAGE="es").content.decode()
    assert "Inicio de sesión en dos pasos" in spanish and "Aplicaciones de autenticación" in spanish
    assert "OTP_TOTP" not in spanish and "TOTP devices" not in spanish
    listing = superuser.get(DEVICES, HTTP_ACCEPT_LANGUAGE="es").content.decode()
    for column in ("Miembro del personal", "Nombre del dispositivo", "En uso", "Fecha de alta", "Último uso"):
        assert column in listing, column
    page = superuser.get(f"{DEVICES}{device.pk}/change/", HTTP_ACCEPT_LANGUAGE="es").content.decode()
    assert "Códigos incorrectos desde el último correcto" in page and "staff" in page
    # Dates as the list shows them (local time, in words), not an ISO stamp in UTC.
    assert "+00:00" not in page and f" de {device.created_at.year} a las " in page
    english = superuser.get(f"{DEVICES}{device.pk}/change/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Wrong codes since the last right one" in english and "Authenticator app" in english
    for page in (spanish, listing, english):
        assert device.key not in page and device.config_url not in page and "qrcode" not in page.lower()
    # Made only with manage.py add_totp_device (which shows the QR code once), never here.
    assert superuser.get(f"{DEVICES}add/").status_code == 403
    # django-otp's own configuration and QR code pages are gone: admin's catch-all takes the address.
    for removed in ("config", "qrcode"):
        followed = superuser.get(f"{DEVICES}{device.pk}/{removed}/", follow=True)
        assert followed.redirect_chain and followed.get("Content-Type", "").startswith("text/html")
        assert device.key not in followed.content.decode() and device.config_url not in followed.content.decode()
    kept = device.key
    assert superuser.post(f"{DEVICES}{device.pk}/change/", {"key": "00" * 20, "name": "stolen"}).status_code == 403
    device.refresh_from_db()
    assert device.key == kept and device.name == "test"


def test_a_superuser_deletes_a_lost_phone_and_other_staff_never_see_the_devices(staff_user, django_user_model):
    from django.contrib.auth.models import Permission

    from .conftest import verified_login

    editor = django_user_model.objects.create_user("editor", "editor@example.org", PASSWORD, is_staff=True)
    editor.user_permissions.set(Permission.objects.filter(codename__endswith="totpdevice"))
    editor_client = verified_login(FormClient(), editor)
    assert "otp_totp" not in editor_client.get("/admin/").content.decode()
    assert editor_client.get(DEVICES).status_code == 403

    superuser = verified_login(FormClient(), staff_user)
    lost = editor.totpdevice_set.get()
    answer = superuser.post(f"{DEVICES}{lost.pk}/delete/", {"post": "yes"})
    assert answer.status_code == 302
    assert not editor.totpdevice_set.exists() and staff_user.totpdevice_set.exists()
