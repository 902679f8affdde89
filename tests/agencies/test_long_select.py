"""LongSelect: the select of hundreds of filing offices, written out in Python as the stock widget would."""

from agencies.widgets import LongSelect


def test_it_escapes_every_value_and_label_and_marks_the_chosen_ones():
    choices = [("", "---------"), ("a&b", "甲 <乙> & “丙”"), ("办公室", [(2, "二"), (3, "三")])]
    html = LongSelect(choices=choices).render("office", "3", {"id": "id_office"})
    assert html.startswith('<select class="form-select" id="id_office" name="office">')
    assert '<option value="">请选择</option>' in html
    assert '<option value="a&amp;b">甲 &lt;乙&gt; &amp; “丙”</option>' in html
    group = '<optgroup label="办公室"><option value="2">二</option><option value="3" selected>三</option></optgroup>'
    assert group in html
    assert html.count("selected") == 1 and html.endswith("</select>")
