"""The compose file's roles as processes (tests/production/compose.py), DEBUG off, on the http-only intranet's
settings (deploy/intranet-http.env): migrate, gunicorn, one worker, one beat, mail to an SMTP server.

A staff member logs in, files and submits a checklist and logs an activity with a photo; a reviewer approves;
the worker builds the year's archive from the photo on the media volume; beat queues the daily reminders and
the worker mails the agency that has not filed. Without the shared media volume (each container its own
folder) the archive cannot hold the photo, and the test says so.
"""

import re

import pytest

from .browser import Browser
from .compose import DEPLOY, read_env_file, roles, wait_until
from .steps import (
    answers,
    approve,
    archive_holds,
    archive_state,
    evidence_photo,
    file_and_submit_checklist,
    file_archive,
    healthy,
    log_activity,
)

pytestmark = pytest.mark.production


def test_the_compose_file_names_the_four_roles_and_the_production_variables():
    found = roles()
    assert set(found) == {"migrate", "web", "worker", "beat"}
    for role in found.values():
        assert role.environment["DEBUG"] == "false"
        assert {"DATABASE_URL", "REDIS_URL", "CACHE_URL"} <= set(role.environment)
        assert role.env_files == [".env"]
    assert found["web"].command[0] == "gunicorn"
    assert found["beat"].command[3] == "beat"


def test_the_compose_file_shows_the_s3_variables_the_settings_read():
    compose = (DEPLOY.parent / "docker-compose.yml").read_text()
    settings_read = {key for key in read_env_file(DEPLOY.parent / ".env.example") if key.startswith("S3_")}
    assert set(re.findall(r"\bS3_[A-Z_]+", compose)) == settings_read


def test_the_readme_gives_each_profile_line_for_line():
    readme = (DEPLOY.parent / "README.md").read_text()
    for profile in ("intranet-http.env", "intranet-tls-proxy.env"):
        for key, value in read_env_file(DEPLOY / profile).items():
            assert f"{key}={value}" in readme, f"README.md does not show {profile}'s {key}={value}"


@pytest.mark.parametrize("shared_media", [True, False], ids=["compose", "without-the-shared-media-volume"])
def test_the_compose_roles_serve_the_site_send_reminders_and_build_archives(site_for, mailbox, shared_media):
    site = site_for(
        "intranet-http.env",
        "smoke" if shared_media else "smoke_unshared",
        shared_volumes=shared_media,
        EMAIL_URL=mailbox.url,
        # Beat queues the daily run every minute instead of at 08:00, so the test need not wait for a morning.
        PUFFA_REMINDERS_CRONTAB="* * * * *",
    )
    compose = roles()
    assert "No migrations to apply" in site.run(compose["migrate"])  # the migrated image's database is current
    if shared_media:
        site.start(compose["beat"])
    site.start(compose["worker"])
    port = site.start(compose["web"])
    district = site.district
    anonymous = Browser(f"http://127.0.0.1:{port}")
    wait_until(lambda: answers(anonymous), site, seconds=60, what="gunicorn answering /healthz")

    assert healthy(anonymous)
    login_page = anonymous.get("/login/", follow=False)
    assert login_page.status_code == 200, "the http-only profile must not redirect to https"
    assert "Strict-Transport-Security" not in login_page.headers
    staff, reviewer = Browser(anonymous.base_url), Browser(anonymous.base_url)
    staff.login(district["staff_a"], district["password"])
    reviewer.login(district["reviewer"], district["password"])

    checklist = file_and_submit_checklist(staff, district)
    name, content = photo = evidence_photo()
    evidence = log_activity(staff, district, people=37, photo=photo)
    assert staff.get(evidence).content == content
    approve(reviewer, checklist)
    file_archive(staff, district)
    state = wait_until(
        lambda: (s := archive_state(staff, district)) != "building" and s, site, seconds=120, what="the archive"
    )
    if shared_media:
        assert state.startswith("ready: ")
        assert archive_holds(staff.get(state.removeprefix("ready: ")).content, content)
        [reminder, *_] = wait_until(
            lambda: mailbox.to(district["reminded"]), site, seconds=150, what="beat and the worker mailing a reminder"
        )
        body = reminder.get_body(preferencelist=("plain",)).get_content()
        # The filing reminder for this year (other reminders of the day may share the email), linking to the
        # site's address from .env.
        year = district["year"]
        assert f"报送{year}年度普法责任清单" in body or f"Please file your {year}" in body, body
        assert read_env_file(DEPLOY / "intranet-http.env")["PUFFA_SITE_URL"] in body
        assert healthy(anonymous)
    else:
        # The worker looked for the photo in its own empty folder: the archive cannot be built.
        assert state == "failed"
