import pytest
from django.apps import apps
from django.core.management import CommandError, call_command

from agencies.models import Agency, FilingOffice, Law, User

# seed_demo opens the years it fills, as the bureau would: no year is open before it runs.
pytestmark = pytest.mark.opened_years()


# Derived tables recounted from the rows on every seed (``rebuild_activity_summaries``): their contents must be
# the same, their ids are new each time and mean nothing.
RECOUNTED = {"activities.ActivitySummary", "activities.ItemSummary"}
# The dashboard's kept facts (assessment.dashboard.kept): the facts must be the same; how often each row was marked
# stale and counted again, and the epoch, move on with every seed and mean nothing here.
BOOKKEEPING = {"assessment.KeptFacts": {"changes", "counted", "epoch"}, "assessment.KeptFactsEpoch": {"number"}}


def snapshot():
    """Every row of every Puffa model, as comparable values (passwords aside)."""
    rows = {}
    for model in apps.get_models():
        if model._meta.app_label not in {"agencies", "checklists", "activities", "assessment"}:
            continue
        fields = [
            f.attname
            for f in model._meta.concrete_fields
            if f.attname not in {"password", "last_login", "updated_at", "created_at"}
            and not (model._meta.label in RECOUNTED and f.primary_key)
            and f.attname not in BOOKKEEPING.get(model._meta.label, ())
        ]
        rows[model._meta.label] = sorted(map(repr, model.objects.values_list(*fields)))
    return rows


@pytest.mark.django_db
def test_seeding_twice_gives_the_same_rows(settings, capsys):
    settings.DEBUG = True
    call_command("seed_demo")
    first = snapshot()
    call_command("seed_demo")
    assert snapshot() == first
    assert FilingOffice.objects.filter(kind="district").count() == 1
    assert Agency.objects.count() >= 40
    assert Law.objects.count() >= 30
    assert {choice for choice, _label in Agency.Type.choices} == set(
        Agency.objects.values_list("agency_type", flat=True)
    )
    assert Agency.objects.filter(parent__isnull=False).exists()
    assert Agency.objects.filter(level="town").exists()


@pytest.mark.django_db
def test_every_printed_account_logs_in_and_every_role_has_one(settings, capsys, client):
    settings.DEBUG = True
    call_command("seed_demo")
    lines = [line.split("\t") for line in capsys.readouterr().out.splitlines() if line.count("\t") == 3]
    accounts = lines[1:]  # the first line is the header
    assert {role for role, _label in User.Role.choices} <= set(User.objects.values_list("role", flat=True))
    assert len(accounts) == User.objects.count()
    for username, password, _role, _who in accounts:
        response = client.post("/login/", {"username": username, "password": password}, follow=True)
        assert response.redirect_chain[-1][0] == "/", username
        assert "退出登录" in response.text
        client.post("/logout/")


@pytest.mark.django_db
def test_it_refuses_to_run_with_debug_off_unless_forced(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError):
        call_command("seed_demo")
    call_command("seed_demo", "--force")
    assert Agency.objects.exists()


@pytest.mark.django_db
def test_the_demo_credit_codes_are_valid(settings):
    settings.DEBUG = True
    call_command("seed_demo")
    for agency in Agency.objects.exclude(code=""):
        agency.full_clean()
