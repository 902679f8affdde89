"""An open measure is on the agency's 待办 until it answers; an answer is on the bureau's until it decides."""

import datetime as dt

from puffa.todos import todos_for

from .conftest import YEAR


def _texts(user, today=dt.date(2026, 4, 10)):
    return [(todo.text, todo.late) for todo in todos_for(user, year=YEAR, today=today)]


def test_the_agency_answers_and_the_bureau_decides(staff_a, staff_b, bureau_admin, measure_a):
    from assessment.decisions import services

    assert ("答复问责措施：约谈", True) in _texts(staff_a)  # past its 1 April deadline
    assert not any("问责" in text for text, _late in _texts(staff_b))
    services.measure_answer(measure=measure_a, user=staff_a, description="已整改")
    assert not any("问责" in text for text, _late in _texts(staff_a))
    assert ("审核 1 项已答复的问责措施", False) in _texts(bureau_admin)
