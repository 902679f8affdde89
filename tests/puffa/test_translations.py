"""Every UI string is translatable and the Chinese catalogue is complete and compiled."""

import gettext
import shutil
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

import polib
import pytest
from django.conf import settings

ROOT = Path(settings.BASE_DIR)
CATALOGUE_DIRS = [ROOT, *(ROOT / app for app in ("agencies", "checklists", "activities", "assessment"))]


def catalogue(base: Path) -> Path:
    return base / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po"


def untranslated(po_path: Path) -> list[str]:
    po = polib.pofile(str(po_path))
    return [e.msgid for e in po if "fuzzy" in e.flags or not (e.msgstr or any(e.msgstr_plural.values()))]


@pytest.mark.parametrize("base", CATALOGUE_DIRS, ids=lambda p: p.name)
def test_the_chinese_catalogue_is_complete(base):
    assert untranslated(catalogue(base)) == []


def wording(entry: polib.POEntry) -> str | tuple:
    return tuple(sorted(entry.msgstr_plural.items())) if entry.msgid_plural else entry.msgstr


def test_a_string_reads_the_same_in_every_catalogue():
    """Django merges the catalogues into one per language (LOCALE_PATHS first, then the apps in
    INSTALLED_APPS order), so a msgid two catalogues translate differently shows only one of the
    wordings on every page. A string that means something else in one place needs a context."""
    wordings = defaultdict(dict)
    for base in CATALOGUE_DIRS:
        for entry in polib.pofile(str(catalogue(base))):
            if not entry.obsolete:
                wordings[entry.msgctxt, entry.msgid, entry.msgid_plural][str(base.relative_to(ROOT) / "locale")] = (
                    wording(entry)
                )
    collisions = [
        f"{msgid!r}" + (f" (context {context!r})" if context else "") + f": {by_catalogue}"
        for (context, msgid, _plural), by_catalogue in wordings.items()
        if len(set(by_catalogue.values())) > 1
    ]
    if collisions:
        pytest.fail("Translated differently in different catalogues:\n" + "\n".join(collisions), pytrace=False)


@pytest.mark.parametrize("base", CATALOGUE_DIRS, ids=lambda p: p.name)
def test_the_compiled_catalogue_matches_the_source(base):
    po = polib.pofile(str(catalogue(base)))
    with open(catalogue(base).with_suffix(".mo"), "rb") as mo_file:
        compiled = gettext.GNUTranslations(mo_file)
    for entry in po:
        if entry.msgid and not entry.msgid_plural:
            found = compiled.pgettext(entry.msgctxt, entry.msgid) if entry.msgctxt else compiled.gettext(entry.msgid)
            assert found == entry.msgstr, entry.msgid


@pytest.mark.skipif(shutil.which("xgettext") is None, reason="GNU gettext (xgettext) is not installed")
def test_every_marked_string_is_in_the_catalogue(tmp_path):
    """Run makemessages on a copy of the source: nothing new may appear untranslated."""
    copy = tmp_path / "src"
    shutil.copytree(
        ROOT,
        copy,
        ignore=shutil.ignore_patterns(".venv", "var", ".git", "tests", "*.egg-info", "node_modules", "bench"),
    )
    apps = ["agencies", "checklists", "activities", "assessment"]
    manage = [
        sys.executable,
        str(copy / "manage.py"),
        "makemessages",
        "-l",
        "zh_Hans",
        "--no-location",
        "--no-obsolete",
    ]
    ignores = [f"--ignore={app}/*" for app in apps] + ["--ignore=*.egg-info/*"]
    subprocess.run([*manage, *ignores], cwd=copy, check=True, capture_output=True)
    for app in apps:
        subprocess.run(manage, cwd=copy / app, check=True, capture_output=True)
    missing = {base.name: untranslated(catalogue(copy / base.relative_to(ROOT))) for base in CATALOGUE_DIRS}
    assert {name: ids for name, ids in missing.items() if ids} == {}
