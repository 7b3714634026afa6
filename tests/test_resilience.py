"""Resilience against real failures: the database going away, concurrent posts, many app servers.

These run against real servers, in the PostgreSQL run only (make test-postgres): a throwaway
PostgreSQL cluster this test starts and stops itself, and gunicorn app servers.
"""

import os
import re
import tempfile
import threading

import pytest

from procedures.models import Preparation

from .clients import FormClient
from .html import input_values
from .servers import AppServer, Browser, PostgresCluster, app_environment, prepare_database, token_in
from .test_packet import CANJE, core
from .wizard import start, url

STEPS = core(CANJE)


def begin(browser: Browser, base: str) -> str:
    """Start a canje preparation over HTTP; returns the first step's URL path."""
    status, _, _ = browser.request(base + "/en/procedures/canje/")
    assert status == 200
    status, _, location = browser.request(base + "/en/prepare/", {"consent": "on", "procedure": "canje"})
    assert status == 302, status
    return location.split("?")[0]


def post_step(browser: Browser, base: str, token: str, step: str) -> str:
    status, body, location = browser.request(f"{base}/en/prepare/{token}/{step}/", STEPS[step])
    assert status == 302, (step, status, body[:500])
    return location


@pytest.fixture(scope="module")
def static_root():
    with tempfile.TemporaryDirectory(prefix="inmprep-static-") as directory:
        yield directory


@pytest.mark.postgres_only
def test_database_going_away_or_read_only_mid_wizard_gives_a_503_and_keeps_the_saved_steps(static_root):
    cluster = PostgresCluster()
    cluster.start()
    server = None
    try:
        cluster.create_database("inmprep")
        env = app_environment(cluster.url("inmprep"), static_root=static_root)
        prepare_database(env)
        server = AppServer(env)
        browser = Browser()
        first = begin(browser, server.base)
        token = token_in(first)
        post_step(browser, server.base, token, "applicant")
        post_step(browser, server.base, token, "passport")

        cluster.stop()
        status, body, _ = browser.request(f"{server.base}/en/prepare/{token}/status/")
        assert status == 503
        assert "Back in a minute" in body and "Traceback" not in body
        status, _, _ = browser.request(f"{server.base}/en/prepare/{token}/status/", STEPS["status"])
        assert status in (503, 403)  # nothing is written while the database is away
        assert browser.request(server.base + "/healthz")[0] == 503

        cluster.start()
        assert browser.request(server.base + "/healthz")[0] == 200
        status, body, _ = browser.request(f"{server.base}/en/prepare/{token}/applicant/")
        assert status == 200 and input_values(body)["surnames"] == "Pérez O'Neill"
        status, body, _ = browser.request(f"{server.base}/en/prepare/{token}/passport/")
        assert 'value="X1234567"' in body
        assert post_step(browser, server.base, token, "status").endswith("/address/")

        # A failover onto a standby: the database answers, but refuses every write (SQLSTATE 25006).
        # (Set from another database: a read-only session could not lift it again.)
        cluster.sql("postgres", "ALTER DATABASE inmprep SET default_transaction_read_only = on")
        status, body, _ = browser.request(server.base + "/healthz")
        assert (status, body) == (503, "database read-only\n")
        status, body, _ = browser.request(f"{server.base}/en/prepare/{token}/passport/")
        assert status == 200 and 'value="X1234567"' in body  # reading still works
        status, body, _ = browser.request(f"{server.base}/en/prepare/{token}/address/", STEPS["address"])
        assert status == 503 and "Back in a minute" in body and "Traceback" not in body
        cluster.sql("postgres", "ALTER DATABASE inmprep RESET default_transaction_read_only")
        assert browser.request(server.base + "/healthz")[0] == 200
        assert post_step(browser, server.base, token, "address").endswith("/office/")
    finally:
        if server:
            server.stop()
        cluster.remove()


def normalise(html: str) -> str:
    html = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)
    html = re.sub(r"/(prepare|packet)/[\w-]+/", r"/\1/TOKEN/", html)
    html = re.sub(r'value="http://127\.0\.0\.1:\d+', 'value="http://HOST', html)
    html = re.sub(r"<svg.*?</svg>", "<svg/>", html, flags=re.S)  # the QR codes carry the port
    return html


@pytest.mark.postgres_only
def test_two_app_servers_over_one_database_give_the_same_packet(static_root):
    database_url, redis_url = os.environ["DATABASE_URL"], os.environ["REDIS_URL"]
    env = app_environment(database_url, redis_url=redis_url, static_root=static_root)
    prepare_database(env)
    one, two = AppServer(env), AppServer(env)
    try:
        browser = Browser()
        token = token_in(begin(browser, one.base))
        post_step(browser, one.base, token, "applicant")
        post_step(browser, one.base, token, "passport")
        # The same applicant continues on the other server (another request behind the balancer).
        for step in ("status", "address", "office"):
            post_step(browser, two.base, token, step)
        status, _, location = browser.request(f"{two.base}/en/prepare/{token}/review/", {"confirm": "on"})
        assert status == 302 and "/packet/" in location
        _, packet_one, _ = browser.request(f"{one.base}/en/packet/{token}/")
        _, packet_two, _ = browser.request(f"{two.base}/en/packet/{token}/")
        assert "Pérez O&#x27;Neill" in packet_one and "Estadounidense" in packet_one
        assert normalise(packet_one) == normalise(packet_two)
    finally:
        one.stop()
        two.stop()


def in_threads(*calls):
    """Run the calls at the same moment, each in its own thread; return their results."""
    barrier = threading.Barrier(len(calls))
    results = [None] * len(calls)

    def run(index, call):
        from django.db import connection

        barrier.wait()
        try:
            results[index] = call()
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(n, call)) for n, call in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_two_tabs_saving_at_once_lose_nothing(catalogue):
    # Without the row lock, each tab reads the answers, adds its step and writes them back: the
    # second write drops the first tab's step (a lost update). With it, both steps are kept.
    client = FormClient()
    preparation, _ = start(client, "en", "canje")
    tab_one, tab_two = FormClient(), FormClient()
    for _ in range(8):
        Preparation.objects.filter(pk=preparation.pk).update(answers={"procedure": {"procedure": "canje"}})
        responses = in_threads(
            lambda: tab_one.post(url("wizard_step", "en", preparation.token, "applicant"), STEPS["applicant"]),
            lambda: tab_two.post(
                url("wizard_step", "en", preparation.token, "applicant"), {**STEPS["applicant"], "given_names": "Juana"}
            ),
        )
        assert [response.status_code for response in responses] == [302, 302]
        preparation.refresh_from_db()
        assert preparation.answers["applicant"]["given_names"] in ("María José", "Juana")
    # Different steps at once, many times: both are always kept.
    for attempt in range(8):
        Preparation.objects.filter(pk=preparation.pk).update(
            answers={
                "procedure": {"procedure": "canje"},
                "applicant": STEPS["applicant"],
                "passport": STEPS["passport"],
            }
        )
        number = f"N{attempt}000000"
        responses = in_threads(
            lambda number=number: tab_one.post(
                url("wizard_step", "en", preparation.token, "passport"),
                {**STEPS["passport"], "passport_number": number},
            ),
            lambda: tab_two.post(url("wizard_step", "en", preparation.token, "status"), STEPS["status"]),
        )
        assert [response.status_code for response in responses] == [302, 302]
        preparation.refresh_from_db()
        assert "status" in preparation.answers
        assert preparation.answers["passport"]["passport_number"] == number


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_a_double_click_on_complete_leaves_one_consistent_preparation(catalogue):
    client = FormClient()
    preparation, _ = start(client, "en", "canje")
    for step, data in STEPS.items():
        assert client.post(url("wizard_step", "en", preparation.token, step), data).status_code == 302
    responses = in_threads(
        lambda: FormClient().post(url("review", "en", preparation.token), {"confirm": "on"}),
        lambda: FormClient().post(url("review", "en", preparation.token), {"confirm": "on"}),
    )
    assert [response.status_code for response in responses] == [302, 302]
    preparation.refresh_from_db()
    assert preparation.status == "complete" and preparation.completed_at is not None
    assert set(preparation.answers) == {"procedure", *STEPS}
