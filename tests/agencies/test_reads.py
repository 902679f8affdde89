"""``agencies.reads``: a page that only reads asks the database once per question; a request that writes never
gets an answer read before its write."""

from agencies import reads


def counting_load():
    calls = []

    def load():
        calls.append(1)
        return len(calls)

    return load, calls


def test_a_reading_request_reads_each_question_once():
    load, calls = counting_load()
    with reads.shared_reads(only_reading=True):
        assert reads.once("queue", load) == reads.once("queue", load) == 1
    assert len(calls) == 1


def test_a_writing_request_reads_afresh_unless_the_owner_forgets_on_change():
    load, calls = counting_load()
    with reads.shared_reads(only_reading=False):
        assert [reads.once("queue", load), reads.once("queue", load)] == [1, 2]
        assert reads.once("cycle", load, kept_while_writing=True) == reads.once("cycle", load, kept_while_writing=True)
        reads.forget()  # the cycle was saved
        assert reads.once("cycle", load, kept_while_writing=True) == 4


def test_outside_a_request_every_call_reads():
    load, calls = counting_load()
    assert [reads.once("queue", load), reads.once("queue", load)] == [1, 2]
