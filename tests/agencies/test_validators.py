import pytest
from django.core.exceptions import ValidationError

from agencies.validators import joined_reasons, validate_credit_code, validate_phone

VALID = "91350100M000100Y43"  # the GB 32100 standard's own example


def test_it_accepts_a_valid_code():
    validate_credit_code(VALID)


def test_a_weighted_sum_divisible_by_31_gives_check_character_zero():
    # 31 - 0 would be 31, which the standard maps to "0": the first 17 characters below sum to 0.
    validate_credit_code("0" * 17 + "0")
    with pytest.raises(ValidationError):
        validate_credit_code("0" * 17 + "Y")


def test_it_rejects_a_bad_check_character():
    with pytest.raises(ValidationError) as excinfo:
        validate_credit_code(VALID[:-1] + "4")
    assert excinfo.value.code == "credit_code_check"


@pytest.mark.parametrize("code", [VALID[:-1], VALID + "3", ""])
def test_it_rejects_the_wrong_length(code):
    with pytest.raises(ValidationError) as excinfo:
        validate_credit_code(code)
    assert excinfo.value.code == "credit_code_length"


def test_it_rejects_lower_case():
    with pytest.raises(ValidationError) as excinfo:
        validate_credit_code(VALID.lower())
    assert excinfo.value.code == "credit_code_case"


@pytest.mark.parametrize("char", ["I", "O", "S", "V", "Z", "-"])
def test_it_rejects_characters_outside_the_standard(char):
    with pytest.raises(ValidationError) as excinfo:
        validate_credit_code(VALID[:8] + char + VALID[9:])
    assert excinfo.value.code == "credit_code_charset"


def test_the_message_is_chinese_by_default():
    with pytest.raises(ValidationError) as excinfo:
        validate_credit_code(VALID[:-1] + "4")
    assert "校验" in excinfo.value.messages[0]


def test_reasons_join_into_one_line_without_doubled_punctuation():
    assert (
        joined_reasons(["这个字段是必填项。", "结束日期不能早于开始日期。"])
        == "这个字段是必填项；结束日期不能早于开始日期。"
    )
    assert "。；" not in joined_reasons(["甲。", "乙", "丙."])
    assert joined_reasons([]) == ""


@pytest.mark.parametrize(
    "phone", ["0519-85123456", "13812345678", "138 1234 5678", "（0519）85123456转8001", "0519-85123456、13812345678"]
)
def test_a_phone_number_as_agencies_write_it_is_accepted(phone):
    validate_phone(phone)


@pytest.mark.parametrize("phone", ["电话abc", "无", "-", "85123456 ext"])
def test_anything_else_is_refused_with_a_chinese_message(phone):
    with pytest.raises(ValidationError) as refused:
        validate_phone(phone)
    assert "请填写电话号码" in str(refused.value.messages[0])


def test_a_checklist_item_s_contact_phone_is_checked(db):
    from checklists.forms import ItemForm

    form = ItemForm(data={"contact_phone": "电话abc"}, year=2026, law_choices=[])
    assert not form.is_valid() and "contact_phone" in form.errors
