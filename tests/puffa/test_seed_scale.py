import pytest
from django.core.management import CommandError, call_command

from activities.models import Activity, Campaign, Evidence
from agencies.models import Agency
from checklists.models import Checklist, ChecklistItem


@pytest.mark.django_db
def test_it_fills_a_small_province_with_every_state(capsys):
    call_command("seed_scale", agencies=120, activities=3000, year=2026)
    assert Agency.objects.count() == 120
    assert Agency.objects.filter(level="town").exists() and Agency.objects.filter(parent__isnull=False).exists()
    statuses = set(Checklist.objects.values_list("status", flat=True))
    assert statuses == {"draft", "submitted", "returned", "approved"}
    assert Agency.objects.filter(checklists__isnull=True).exists()  # some have not started
    assert ChecklistItem.objects.filter(checklist__status="approved").exists()
    assert Activity.objects.count() == 3000
    assert Activity.objects.filter(checklist_item__isnull=False).exists()
    assert Evidence.objects.count() == 600
    assert set(Activity.objects.values_list("year", flat=True)) == {2026}
    campaign = Campaign.objects.get()  # the bureau's "12·4" campaign asks every agency
    assert campaign.asked.count() == 120
    linked = Activity.objects.filter(campaign=campaign)
    assert linked.exists() and not linked.exclude(start_date__range=(campaign.start_date, campaign.end_date)).exists()


@pytest.mark.django_db
def test_it_refuses_to_run_twice():
    call_command("seed_scale", agencies=20, activities=10)
    with pytest.raises(CommandError):
        call_command("seed_scale", agencies=20, activities=10)
