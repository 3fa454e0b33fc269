"""Default error messages, one translatable catalogue; a definition may override any key.

A message names its field by the field's `noun` when the definition gives one (「多胎の別」),
else by its label. A label written as a question (「多胎ですか」, "Vaccinated this year?")
reads badly inside 「＊%(label)sを選んでください。」, so without a noun it is quoted:
「＊「多胎ですか」に答えてください。」, 「＊「…」の答えは…」.
"""

from __future__ import annotations

from typing import Any

from flask_babel import gettext

from ..definitions.model import Field
from ..i18n import numbers_written


def N_(msgid: str) -> str:
    """Mark a message for extraction; it is translated when used."""
    return msgid


DEFAULTS = {
    "required": N_("＊%(label)sを入力してください。"),
    "required_choice": N_("＊%(label)sを選んでください。"),
    "required_consent": N_("＊「%(label)s」の内容を確認して、チェックを入れてください。"),
    "too_long": N_("＊%(label)sは%(max)s文字以内で入力してください。"),
    "too_short": N_("＊%(label)sは%(min)s文字以上で入力してください。"),
    "pattern": N_("＊%(label)sの形式が正しくありません。"),
    "number": N_("＊%(label)sは数字で入力してください。"),
    "integer": N_("＊%(label)sは整数で入力してください。"),
    "min": N_("＊%(label)sは%(min)s以上で入力してください。"),
    "max": N_("＊%(label)sは%(max)s以下で入力してください。"),
    "email": N_("＊メールアドレスの形式が正しくありません（例：taro@example.jp）。"),
    "tel": N_("＊電話番号が正しくありません。市外局番から入力してください（例：03-1234-5678）。"),
    "date": N_("＊正しい日付を入力してください。"),
    "date_incomplete": N_("＊%(label)sは年・月・日をすべて入力してください。"),
    "date_min": N_("＊%(label)sは%(min)s以降の日付を入力してください。"),
    "date_max": N_("＊%(label)sは%(max)s以前の日付を入力してください。"),
    "choice": N_("＊%(label)sは一覧から選んでください。"),
    "max_choices": N_("＊%(label)sは%(max)s個まで選べます。"),
    "exclusive": N_("＊「%(choice)s」は、ほかの選択肢と一緒には選べません。"),
    # era_date (和暦): why a typed date does not exist
    "era_needed": N_("＊年は西暦の4桁（例：1985）で入力するか、元号を付けて入力してください（例：昭和60、S60）。"),
    "era_year_zero": N_("＊%(era)s0年という年はありません。最初の年は%(era)s元年です。"),
    "era_year_over": N_("＊%(era)sは%(last)s年（%(western)s年）%(end)sまでです。"),
    "era_before_start": N_("＊%(era_year)sは%(start)sからです。%(before)sまでは%(previous)sです。"),
    "era_after_end": N_("＊%(era_year)sは%(end)sまでです。%(after)s以降は%(next)sです。"),
    "era_not_offered": N_("＊%(label)sの元号は、%(eras)sから選んでください。"),
    "era_year_ahead": N_("＊%(era_year)sは%(western)s年です。%(label)sは%(max)s以前の日付を入力してください。"),
    "date_too_early": N_("＊1873年（明治6年）1月1日より前の日付は入力できません。"),
    "date_whole_and_parts": N_("＊年の欄に日付をまとめて入力したときは、月と日の欄を空にしてください。"),
    "date_after": N_("＊%(label)sは%(other)sより後の日付を入力してください。"),
    "age_min": N_("＊%(min)s歳以上の方が対象です。%(label)sを確かめてください。"),
    "age_max": N_("＊%(max)s歳以下の方が対象です。%(label)sを確かめてください。"),
    # e-mail confirmation
    "email_confirm": N_("＊確認のため、メールアドレスをもう一度入力してください。"),
    "email_mismatch": N_("＊確認のために入力したメールアドレスが一致しません。同じメールアドレスを入力してください。"),
    # numbers with a fixed count of digits: 個人番号, 法人番号, bank codes
    "digits": N_("＊%(label)sは%(count)s桁の数字で入力してください。"),
    "digits_max": N_("＊%(label)sは%(count)s桁までの数字で入力してください。"),
    "digits_range": N_("＊%(label)sは%(min)s桁から%(max)s桁の数字で入力してください。"),
    "check_digit": N_("＊%(label)sに誤りがあります。数字を1つずつ確かめてください。"),
    "katakana": N_("＊%(label)sはカタカナで入力してください。"),
    # postal_code, address and name (入力補助)
    "postal_code": N_("＊%(label)sは7桁の数字で入力してください（例：100-0001）。"),
    "required_part": N_("＊%(label)sの%(part)sを入力してください。"),
    "required_part_choice": N_("＊%(label)sの%(part)sを選んでください。"),
    # file (attachments); why one file was refused is in attachments/refusal.py
    "required_file": N_("＊%(label)sのファイルを添付してください。"),
    "max_files": N_("＊%(label)sに添付できるファイルは%(max)s個までです。"),
    "latin": N_("＊%(label)sはローマ字（アルファベット）で入力してください。"),
}


# A label that is a question, per language: ends in ?/？ (every language), か (ja, ja-easy;
# not 「…かどうか」, "whether …", which reads as a noun), 吗/嗎 (zh), 까 (ko: …습니까),
# " không" (vi: có … không). Full stops after it are ignored.
QUESTION_ENDINGS = ("?", "？", "か", "吗", "嗎", "까", " không")
NOT_QUESTION_ENDINGS = ("どうか",)
# The messages of a question label without a noun: answer it, or its answer is wrong.
ANSWER = N_("＊「%(label)s」に答えてください。")
QUESTION_FORMS = {
    "required": ANSWER,
    "required_choice": ANSWER,
    "choice": N_("＊「%(label)s」の答えは一覧から選んでください。"),
}
# What every other message calls a question label: its answer (「多胎ですか」の答え).
ANSWER_TO = N_("「%(label)s」の答え")
# Messages that quote the label themselves.
QUOTING = frozenset({"required_consent"})


def is_question(label: str) -> bool:
    """Return whether a label (in any language) is written as a question."""
    words = label.strip().rstrip("。.").strip()
    return words.endswith(QUESTION_ENDINGS) and not words.endswith(NOT_QUESTION_ENDINGS)


def subject(field: Field) -> str:
    """Return what messages call `field` in the current language: its noun, its question's answer, or its label."""
    if field.noun is not None:
        return field.noun.get()
    label = field.label.get()
    return gettext(ANSWER_TO, label=label) if is_question(label) else label


def message(field: Field, key: str, **params: Any) -> str:
    """Return the message `key` for `field` in the current language, parameters filled in.

    A caller that names a part itself passes `label` (「請求者の氏名の姓」, built from `subject`).
    Numbers are written for the reader: 5,000 characters, 5.000 ký tự.
    """
    params = numbers_written(params)
    override = field.messages.get(key)
    if override is not None:
        params.setdefault("label", (field.noun or field.label).get())
        text = override.get()
        try:
            return text % params
        except (KeyError, ValueError, TypeError):
            return text
    if "label" not in params:
        label = field.label.get()
        if field.noun is not None:
            params["label"] = field.noun.get()
        elif key in QUOTING or not is_question(label):
            params["label"] = label
        elif key in QUESTION_FORMS:
            return gettext(QUESTION_FORMS[key], **params, label=label)
        else:
            params["label"] = gettext(ANSWER_TO, label=label)
    return gettext(DEFAULTS[key], **params)
