"""The client's address behind the reverse proxy: rate limits per client, never per proxy."""

import subprocess
import sys

import pytest
from django.core.exceptions import ImproperlyConfigured

from inmprep.proxies import client_address, masked_address, parse_address, trusted_networks

from .test_security import BASE_DIR, PRODUCTION_ENV, production_setting
from .wizard import url

LOOPBACK = ["127.0.0.1", "::1"]
PROXIES = ["127.0.0.1", "::1", "10.0.0.0/8"]


@pytest.mark.parametrize(
    ("remote", "forwarded", "behind", "trusted", "expected"),
    [
        # Not behind a proxy: the peer, whatever it claims.
        ("203.0.113.7", "198.51.100.1", False, LOOPBACK, "203.0.113.7"),
        ("127.0.0.1", "198.51.100.1", False, LOOPBACK, "127.0.0.1"),
        # Behind nginx on loopback: the address nginx appended.
        ("127.0.0.1", "198.51.100.1", True, LOOPBACK, "198.51.100.1"),
        ("::1", "198.51.100.1", True, LOOPBACK, "198.51.100.1"),
        # A client's own X-Forwarded-For is to the left of what nginx appended: ignored.
        ("127.0.0.1", "127.0.0.1, 198.51.100.1", True, LOOPBACK, "198.51.100.1"),
        ("127.0.0.1", "192.0.2.99, 10.1.2.3, 198.51.100.1", True, LOOPBACK, "198.51.100.1"),
        # A load balancer (10.0.0.5) in front of nginx: both trusted, the client is next.
        ("127.0.0.1", "198.51.100.1, 10.0.0.5", True, PROXIES, "198.51.100.1"),
        ("127.0.0.1", "6.6.6.6, 198.51.100.1, 10.0.0.5", True, PROXIES, "198.51.100.1"),
        # ...but that load balancer is not trusted when TRUSTED_PROXIES does not name it.
        ("127.0.0.1", "198.51.100.1, 10.0.0.5", True, LOOPBACK, "10.0.0.5"),
        # A peer that is not a trusted proxy is keyed on itself, whatever headers it sends.
        ("203.0.113.7", "198.51.100.1", True, LOOPBACK, "203.0.113.7"),
        ("203.0.113.7", "127.0.0.1", True, LOOPBACK, "203.0.113.7"),
        # No header from the proxy: the proxy itself (a request made on its own machine).
        ("127.0.0.1", "", True, LOOPBACK, "127.0.0.1"),
        # Every entry trusted: the left-most one.
        ("127.0.0.1", "10.9.9.9, 127.0.0.1", True, PROXIES, "10.9.9.9"),
        # Ports, brackets, spaces and empty entries, as proxies write them.
        ("127.0.0.1", " 198.51.100.1:5123 ", True, LOOPBACK, "198.51.100.1"),
        ("127.0.0.1", "[2001:db8::7]:443", True, LOOPBACK, "2001:db8::7"),
        ("127.0.0.1", "2001:db8::7,,", True, LOOPBACK, "2001:db8::7"),
        # An IPv4 client seen through an IPv6 socket is the IPv4 client.
        ("127.0.0.1", "::ffff:198.51.100.1", True, LOOPBACK, "198.51.100.1"),
        # Garbage ends the walk at the last real address.
        ("127.0.0.1", "unknown", True, LOOPBACK, "127.0.0.1"),
        ("127.0.0.1", "198.51.100.1, not-an-ip, 10.0.0.5", True, PROXIES, "10.0.0.5"),
    ],
)
def test_client_address(remote, forwarded, behind, trusted, expected):
    assert client_address(remote, forwarded, behind_proxy=behind, trusted_proxies=trusted) == expected


@pytest.mark.parametrize(
    ("address", "masked"),
    [
        ("198.51.100.77", "198.51.100.0"),
        ("2001:db8:abcd:12::1", "2001:db8:abcd::"),
        ("::ffff:198.51.100.77", "198.51.100.0"),
        ("", "-"),
        ("garbage", "-"),
    ],
)
def test_logs_show_the_clients_network_not_its_address(address, masked):
    assert masked_address(address) == masked


@pytest.mark.parametrize(("text", "parsed"), [("198.51.100.1:80", "198.51.100.1"), ("[::1]:8000", "::1"), ("x", None)])
def test_parse_address(text, parsed):
    result = parse_address(text)
    assert (str(result) if result else None) == parsed


def test_trusted_proxies_take_addresses_and_networks_and_name_a_bad_entry():
    assert [str(n) for n in trusted_networks(["127.0.0.1", "10.0.0.0/8", "fd00::/8"])] == [
        "127.0.0.1/32",
        "10.0.0.0/8",
        "fd00::/8",
    ]
    with pytest.raises(ValueError, match="'nginx'"):
        trusted_networks(["127.0.0.1", "nginx"])


def test_a_bad_trusted_proxies_setting_stops_the_app_at_start():
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        cwd=BASE_DIR,
        env={
            "PATH": "/usr/bin:/bin",
            "DJANGO_SETTINGS_MODULE": "inmprep.settings",
            "INMPREP_DOTENV": "",
            **PRODUCTION_ENV,
        }
        | {"TRUSTED_PROXIES": "127.0.0.1,proxy.internal"},
        capture_output=True,
        text=True,
    )
    assert result.returncode != 0
    assert ImproperlyConfigured.__name__ in result.stderr and "'proxy.internal'" in result.stderr


# ----------------------------------------------------------------------------- gunicorn


def gunicorn_setting(name: str, **env) -> str:
    code = f"import runpy; print(repr(runpy.run_path('gunicorn.conf.py')[{name!r}]))"
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=BASE_DIR,
        env={"PATH": "/usr/bin:/bin", "INMPREP_DOTENV": "", **PRODUCTION_ENV, **env},
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_gunicorn_believes_forwarded_headers_from_the_proxies_django_believes():
    assert gunicorn_setting("forwarded_allow_ips") == "'127.0.0.1,::1'"
    assert gunicorn_setting("forwarded_allow_ips", TRUSTED_PROXIES="127.0.0.1,10.0.0.0/8") == "'127.0.0.1,10.0.0.0/8'"
    # Not behind a proxy: nobody may set X-Forwarded-Proto.
    assert gunicorn_setting("forwarded_allow_ips", BEHIND_PROXY="0") == "''"


def test_production_is_behind_a_proxy_trusting_loopback_by_default():
    assert production_setting("settings.BEHIND_PROXY") == "True"
    assert production_setting("settings.TRUSTED_PROXIES") == "['127.0.0.1', '::1']"
    assert production_setting("settings.RATELIMIT_IP_META_KEY") == "procedures.ratelimits.client_ip"


# ----------------------------------------------------------------------------- rate limits


@pytest.fixture
def behind_nginx(settings):
    settings.BEHIND_PROXY = True
    settings.TRUSTED_PROXIES = ["127.0.0.1", "::1"]
    return settings


def start_from(client, forwarded_for: str, remote: str = "127.0.0.1"):
    return client.post(
        url("prepare_start", "en"), {"consent": "on"}, REMOTE_ADDR=remote, HTTP_X_FORWARDED_FOR=forwarded_for
    )


@pytest.mark.django_db
def test_two_clients_behind_the_proxy_get_separate_limits(client, catalogue, behind_nginx):
    behind_nginx.INMPREP_START_RATE = "2/h"
    assert [start_from(client, "198.51.100.1").status_code for _ in range(3)] == [302, 302, 429]
    # Another visitor, through the same nginx: not locked out by the first one.
    assert [start_from(client, "198.51.100.2").status_code for _ in range(3)] == [302, 302, 429]


@pytest.mark.django_db
def test_a_client_cannot_pass_for_another_through_the_proxy(client, catalogue, behind_nginx):
    behind_nginx.INMPREP_START_RATE = "2/h"
    assert [start_from(client, "198.51.100.1").status_code for _ in range(3)] == [302, 302, 429]
    # Its own X-Forwarded-For names someone else; nginx appends the real address on the right.
    assert start_from(client, "198.51.100.9, 198.51.100.1").status_code == 429


@pytest.mark.django_db
def test_an_untrusted_peer_is_limited_on_its_own_address_whatever_it_sends(client, catalogue, behind_nginx):
    behind_nginx.INMPREP_START_RATE = "2/h"
    statuses = [start_from(client, f"198.51.100.{n}", remote="203.0.113.7").status_code for n in range(3)]
    assert statuses == [302, 302, 429]


@pytest.mark.django_db
def test_without_a_proxy_forwarded_for_is_ignored(client, catalogue, settings):
    settings.BEHIND_PROXY = False
    settings.INMPREP_START_RATE = "2/h"
    statuses = [start_from(client, f"198.51.100.{n}").status_code for n in range(3)]
    assert statuses == [302, 302, 429]


@pytest.mark.django_db
def test_token_guesses_from_one_client_do_not_lock_out_another(client, catalogue, behind_nginx):
    behind_nginx.INMPREP_TOKEN_RATE = "3/m"
    guess = f"/en/packet/{'G' * 32}/"
    assert [client.get(guess, HTTP_X_FORWARDED_FOR="198.51.100.1").status_code for _ in range(4)] == [404] * 3 + [429]
    assert client.get(guess, HTTP_X_FORWARDED_FOR="198.51.100.2").status_code == 404


@pytest.mark.django_db
def test_admin_sign_in_limit_is_per_client_behind_the_proxy(client, staff_user, behind_nginx):
    behind_nginx.INMPREP_LOGIN_RATE = "2/m"
    wrong = {"username": "staff", "password": "wrong"}
    attacker = [client.post("/admin/login/", wrong, HTTP_X_FORWARDED_FOR="198.51.100.66") for _ in range(3)]
    assert [response.status_code for response in attacker] == [200, 200, 429]
    assert client.post("/admin/login/", wrong, HTTP_X_FORWARDED_FOR="198.51.100.1").status_code == 200
