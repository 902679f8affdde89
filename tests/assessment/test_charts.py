"""Charts are SVG drawn in Python: labelled, numbered, linked, and escaped."""

from assessment.dashboard.charts import Bar, bar_chart, column_chart


def test_a_bar_chart_shows_each_label_and_number_and_links_to_its_agencies():
    svg = bar_chart([Bar("按时备案", 28, "/x?figure=filing%3Aon_time", "green"), Bar("逾期备案", 9)], label="备案")
    assert svg.startswith("<svg") and 'role="group"' in svg and 'aria-label="备案"' in svg
    assert "按时备案</text>" in svg and ">28</text>" in svg and ">9</text>" in svg
    assert '<a href="/x?figure=filing%3Aon_time"' in svg
    assert "#198754" in svg


def test_labels_are_escaped():
    svg = column_chart([Bar('<script>alert("x")</script>', 3, '/x?a=1&b="2"')], label="<b>")
    assert "<script>" not in svg and "&lt;script&gt;" in svg
    assert 'href="/x?a=1&amp;b=&quot;2&quot;"' in svg
    assert 'aria-label="&lt;b&gt;"' in svg


def test_zero_values_still_draw_a_visible_line():
    svg = bar_chart([Bar("未备案", 0), Bar("按时备案", 0)], label="备案")
    assert svg.count("<rect") == 2 and ">0</text>" in svg


def test_a_chart_of_links_is_a_group_whose_links_screen_readers_can_name():
    linked = bar_chart([Bar("按时备案", 28, "/x?figure=on_time"), Bar("逾期备案", 9)], label="备案")
    assert 'role="group"' in linked and '<a href="/x?figure=on_time" aria-label="按时备案: 28">' in linked
    assert 'role="img"' in bar_chart([Bar("按时备案", 28)], label="备案")  # nothing inside to reach
