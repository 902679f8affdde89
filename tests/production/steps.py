"""What the people of the seeded district do through the web pages, step by step, as a browser would."""

from __future__ import annotations

import io
import re
import secrets
import zipfile

from PIL import Image

from .browser import Browser, first_link


def answers(browser: Browser) -> bool:
    """Whether gunicorn answers yet."""
    try:
        return browser.get("/healthz", follow=False).status_code == 200
    except OSError:
        return False


def healthy(browser: Browser) -> bool:
    response = browser.get("/healthz", follow=False)
    return response.status_code == 200 and response.json() == {"database": "ok", "broker": "ok", "cache": "ok"}


def file_and_submit_checklist(staff: Browser, district: dict) -> int:
    """Start this year's checklist, fill one item, submit it; the checklist's id."""
    agency, year = district["agency_a"], district["year"]
    started = staff.submit(f"/checklists/agency/{agency}/{year}/", form="/start/")
    match = re.search(r"/checklists/(\d+)/items/$", started.url)
    assert match, f"starting the checklist led to {started.url}"
    pk = int(match.group(1))
    row = {
        "items-0-content": "面向企业经营者开展食品安全法宣传",
        "items-0-laws": [str(district["law"])],
        "items-0-responsible_office": "法规科",
        "items-0-contact_person": "王芳",
        "items-0-contact_phone": "0519-85120000",
        "items-0-audiences": ["managed", "served"],
        "items-0-start_date": f"{year}-01-01",
        "items-0-end_date": f"{year}-12-31",
        "items-0-goal": "覆盖辖区经营主体",
        "items-0-target_activities": "4",
        "items-0-target_people": "800",
        "items-0-forms": ["law_lecture"],
    }
    saved = staff.submit(f"/checklists/{pk}/items/", data=row)
    assert saved.url.endswith(f"/checklists/{pk}/"), f"{saved.status_code} {saved.url} {_errors(saved.text)}"
    submitted = staff.submit(f"/checklists/{pk}/submit/", form="")
    assert submitted.status_code == 200 and submitted.url.endswith(f"/checklists/{pk}/"), _errors(submitted.text)
    return pk


def approve(reviewer: Browser, pk: int) -> None:
    review = f"/checklists/{pk}/review/"
    # 审核通过 is answered with the confirmation, whose form approves.
    asked = reviewer.submit(review, data={"comment": "同意"}, button="decision=ask_approval")
    assert asked.status_code == 200 and f'action="/checklists/{pk}/approve/"' in asked.text, _errors(asked.text)
    approved = reviewer.submit(review, page=asked, form="/approve/")  # its form, with the comment carried
    assert approved.status_code == 200 and approved.url.endswith("/checklists/review/"), _errors(approved.text)


def evidence_photo() -> tuple[str, bytes]:
    """A photo no other test has: random pixels, so equal bytes can only be the same file."""
    image = Image.frombytes("RGB", (64, 48), secrets.token_bytes(64 * 48 * 3))
    out = io.BytesIO()
    image.save(out, format="PNG")
    return "宣传现场.png", out.getvalue()


def log_activity(staff: Browser, district: dict, *, people: int, photo: tuple[str, bytes]) -> str:
    """Log an activity with one evidence photo; the evidence's download address."""
    agency, year = district["agency_a"], district["year"]
    name, content = photo
    created = staff.submit(
        f"/activities/agency/{agency}/{year}/new/",
        data={
            "activity_type": "law_lecture",
            "title": "食品安全法进企业专题讲座",
            "start_date": f"{year}-03-15",
            "end_date": f"{year}-03-15",
            "place": "新北区市场监管局三楼会议室",
            "audiences": ["managed"],
            "people_reached": str(people),
            "description": "讲解食品安全法主要条款",
        },
        files=[("evidence_files", (name, content, "image/png"))],
    )
    assert re.search(r"/activities/\d+/$", created.url), f"{created.url}\n{_errors(created.text)}"
    return first_link(created.text, r"/activities/evidence/\d+/")


def file_archive(staff: Browser, district: dict) -> None:
    agency, year = district["agency_a"], district["year"]
    filed = staff.submit(f"/activities/agency/{agency}/{year}/archive/", form="")
    assert filed.status_code == 200, filed.status_code


def archive_state(browser: Browser, district: dict) -> str:
    """ "ready: <download address>", "building", "failed" or "not filed", as the archive page shows it."""
    page = browser.get(f"/activities/agency/{district['agency_a']}/{district['year']}/archive/").text
    link = re.search(r'href="(/activities/archive/\d+/download/)"', page)
    if link:
        return f"ready: {link.group(1)}"
    if 'http-equiv="refresh"' in page:
        return "building"
    return "failed" if "alert-danger" in page else "not filed"


def archive_holds(archive: bytes, content: bytes) -> bool:
    with zipfile.ZipFile(io.BytesIO(archive)) as bundle:
        return any(bundle.read(name) == content for name in bundle.namelist())


def dashboard_counts(leader: Browser, people: int) -> bool:
    """Whether the leadership dashboard counts ``people`` reached (a number only the new activity makes)."""
    page = leader.get("/assessment/dashboard/")
    assert page.status_code == 200, page.status_code
    return bool(re.search(rf"(?<![\d,]){people:,}(?![\d,])|(?<!\d){people}(?!\d)", page.text))


def _errors(html: str) -> str:
    if "errorlist" not in html and "invalid-feedback" not in html and "alert-danger" not in html:
        return "no error on the page:\n" + re.sub(r"<[^>]+>|\s+", " ", html)[-1500:]
    marked = r'class="[^"]*(?:invalid-feedback|alert-danger|errorlist)[^"]*"[^>]*>(.*?)</(?:div|ul|span)'
    found = re.findall(marked, html, re.S)
    return "errors on the page: " + "; ".join(re.sub(r"<[^>]+>|\s+", " ", f).strip() for f in found)[:2000]
