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
    "required_consent": N_("＊内容を確認して、チェックを入れてください。"),
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
