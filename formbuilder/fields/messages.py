"""Default error messages, one translatable catalogue; a definition may override any key."""

from __future__ import annotations

from typing import Any

from flask_babel import gettext

from ..definitions.model import Field


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


def message(field: Field, key: str, **params: Any) -> str:
    """Return the message `key` for `field` in the current language, parameters filled in."""
    params.setdefault("label", field.label.get())
    override = field.messages.get(key)
    if override is not None:
        text = override.get()
        try:
            return text % params
        except (KeyError, ValueError, TypeError):
            return text
    return gettext(DEFAULTS[key], **params)
