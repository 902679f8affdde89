"""Two web servers, one site: the compose file's web role started twice on two ports, each process with its own
empty folder, behind a TLS proxy (deploy/intranet-tls-proxy.env), sharing PostgreSQL, the Redis cache of
CACHE_URL and media in an S3-compatible server (moto, started by the test), with one worker.

Evidence uploaded through one downloads byte for byte through the other; a change made through one shows on the
other's dashboard at once; one login works on both; the archive the worker builds downloads from either. Run
again without S3, the same steps show what breaks, so the test would notice a deployment that silently lost it;
without CACHE_URL the database cache (the default) is still one cache for both, and the dashboard still agrees.
"""

import pytest

from .browser import Browser
from .compose import roles, wait_until
from .steps import (
    answers,
    approve,
    archive_holds,
    archive_state,
    dashboard_counts,
    evidence_photo,
    file_and_submit_checklist,
    file_archive,
    healthy,
    log_activity,
)

pytestmark = pytest.mark.production

PEOPLE = 4817  # people reached by the one activity: a number the dashboard shows only once it counts it

EVERYTHING_SHARED = {"session", "dashboard", "evidence", "archive"}


@pytest.mark.parametrize(
    "removed, works",
    [
        ((), EVERYTHING_SHARED),
        # Without Redis the cache is a table of the shared database (puffa/settings.py): slower, still one cache.
        (("CACHE_URL",), EVERYTHING_SHARED),
        (("S3_BUCKET",), EVERYTHING_SHARED - {"evidence", "archive"}),
    ],
    ids=["shared", "without-the-shared-cache", "without-s3"],
)
def test_two_web_servers_serve_one_site(site_for, s3_bucket, removed, works):
    shared = {**s3_bucket, **dict.fromkeys(removed)}  # a removed variable is left out of every process
    # Each process stands for a machine of its own: the compose file's media volume is that machine's folder.
    what = "two_" + "_".join(removed).lower() if removed else "two"
    site = site_for("intranet-tls-proxy.env", what, shared_volumes=False, **shared)
    compose = roles()
    site.start(compose["worker"])
    port_a = site.start(compose["web"], "web-a")
    port_b = site.start(compose["web"], "web-b")
    district = site.district
    a = Browser(f"http://127.0.0.1:{port_a}", behind_tls_proxy=True)
    b = a.on(f"http://127.0.0.1:{port_b}")
    for server in (a, b):
        wait_until(lambda s=server: answers(s), site, seconds=60, what=f"gunicorn at {server.base_url}")
    assert healthy(a) and healthy(b)
    plain = Browser(a.base_url).get("/login/", follow=False)
    assert plain.status_code == 301 and plain.headers["Location"].startswith("https://"), "not the TLS-proxy profile"

    worked = set()
    staff = a
    staff.login(district["staff_a"], district["password"])
    if "/logout/" in staff.on(b.base_url).get("/").text:
        worked.add("session")
    reviewer_b = Browser(b.base_url, behind_tls_proxy=True)
    reviewer_b.login(district["reviewer"], district["password"])
    checklist = file_and_submit_checklist(staff, district)
    approve(reviewer_b, checklist)  # a decision through B on a checklist filed through A

    leader_b = Browser(b.base_url, behind_tls_proxy=True)
    leader_b.login(district["leader"], district["password"])
    assert not dashboard_counts(leader_b, PEOPLE)  # counted on B before the activity, and kept in B's cache
    _name, content = photo = evidence_photo()
    evidence = log_activity(staff, district, people=PEOPLE, photo=photo)  # through A
    if dashboard_counts(leader_b, PEOPLE):
        worked.add("dashboard")
    if staff.on(b.base_url).get(evidence).content == content:
        worked.add("evidence")

    file_archive(staff.on(b.base_url), district)
    state = wait_until(
        lambda: (s := archive_state(staff, district)) != "building" and s, site, seconds=120, what="the archive"
    )
    if state.startswith("ready: "):
        link = state.removeprefix("ready: ")
        downloads = [staff.on(server.base_url).get(link) for server in (a, b)]
        if all(d.status_code == 200 and archive_holds(d.content, content) for d in downloads):
            worked.add("archive")

    assert worked == works
