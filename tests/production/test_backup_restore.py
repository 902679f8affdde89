"""The README's backup and restore: a PostgreSQL dump (``pg_dump --format=custom --no-owner``) and a tar of the
media volume, restored on a fresh database (``pg_restore --no-owner``) and an empty volume, serve the same
checklists and the same evidence, byte for byte.
"""

import re
import subprocess

import pytest

from .browser import Browser
from .compose import DEPLOY, Site, new_secret_key, read_env_file, roles, wait_until
from .steps import answers, evidence_photo, file_and_submit_checklist, log_activity

pytestmark = pytest.mark.production


def test_a_backup_restored_on_a_fresh_database_serves_the_same_checklists_and_evidence(
    site_for, postgres, image, tmp_path
):
    site = site_for("intranet-http.env", "backup")
    port = site.start(roles()["web"])
    staff = Browser(f"http://127.0.0.1:{port}")
    wait_until(lambda: answers(staff), site, seconds=60, what="gunicorn")
    district = site.district
    staff.login(district["staff_a"], district["password"])
    checklist = file_and_submit_checklist(staff, district)
    _name, content = photo = evidence_photo()
    evidence = log_activity(staff, district, people=52, photo=photo)
    before = (
        _page(staff, f"/checklists/{checklist}/"),
        _page(staff, f"/activities/agency/{district['agency_a']}/{district['year']}/"),
    )

    backup = tmp_path / "dumps"
    backup.mkdir()
    _run("pg_dump", "--format=custom", "--no-owner", f"--file={backup / 'puffa-db.dump'}", site.database_url)
    _run("tar", "-C", str(site.folder / "volumes" / "media"), "-czf", str(backup / "puffa-media.tar.gz"), ".")
    site.stop()

    restored = Site(
        folder=tmp_path / "restored",
        database_url=postgres.url_of(postgres.create("restored")),
        dotenv={**read_env_file(DEPLOY / "intranet-http.env"), "SECRET_KEY": new_secret_key()},
        static_root=image,
        queue=site.queue,
    )
    media = restored.folder / "volumes" / "media"
    media.mkdir(parents=True)
    _run("pg_restore", "--no-owner", f"--dbname={restored.database_url}", str(backup / "puffa-db.dump"))
    _run("tar", "-C", str(media), "-xzf", str(backup / "puffa-media.tar.gz"))
    try:
        restored.run(roles()["migrate"])  # as `docker compose up` does before the web starts
        port = restored.start(roles()["web"])
        again = Browser(f"http://127.0.0.1:{port}")
        wait_until(lambda: answers(again), restored, seconds=60, what="gunicorn on the restored database")
        again.login(district["staff_a"], district["password"])
        after = (
            _page(again, f"/checklists/{checklist}/"),
            _page(again, f"/activities/agency/{district['agency_a']}/{district['year']}/"),
        )
        assert after == before
        assert "面向企业经营者开展食品安全法宣传" in after[0]
        assert again.get(evidence).content == content
    finally:
        restored.stop()


def _page(browser: Browser, path: str) -> str:
    """A page's text as a reader sees it: without the per-request tokens (CSRF, the script nonce)."""
    response = browser.get(path)
    assert response.status_code == 200, f"{path}: {response.status_code}"
    html = re.sub(r'(nonce|value)="[A-Za-z0-9_\-+/=]{20,}"', "", response.text)
    return re.sub(r"\s+", " ", html)


def _run(*command: str) -> None:
    done = subprocess.run(command, capture_output=True, text=True, check=False)  # noqa: S603
    assert done.returncode == 0, f"{' '.join(command)}:\n{done.stderr[-3000:]}"
