"""``agencies.queries.counts``: several counts in one query, each what ``count()`` gives."""

from agencies.models import Agency, Law
from agencies.queries import counts


def test_each_count_is_the_queryset_s_own(agency_a, agency_b, law, django_assert_num_queries):
    with django_assert_num_queries(1):
        found = counts(
            agencies=Agency.objects.all(),
            named=Agency.objects.filter(name=agency_a.name),
            laws=Law.objects.all(),
        )
    assert found == {"agencies": Agency.objects.count(), "named": 1, "laws": 1}


def test_a_queryset_that_can_match_nothing_counts_0(agency_a):
    """``pk__in=[]`` cannot be written as SQL (Django raises EmptyResultSet); ``count()`` answers 0 for it."""
    assert counts(agencies=Agency.objects.all(), none=Agency.objects.filter(pk__in=[]), also=Agency.objects.none()) == {
        "agencies": Agency.objects.count(),
        "none": 0,
        "also": 0,
    }
