"""Why a file was refused: a reason key and its parameters, and the message for the citizen."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

from flask_babel import gettext

from ..i18n import numbers_written


def N_(msgid: str) -> str:
    """Mark a message for extraction; it is translated when shown."""
    return msgid


# %(name)s is the file name as the citizen chose it (cleaned); every message names it.
MESSAGES: Mapping[str, str] = MappingProxyType(
    {
        "empty": N_("＊%(name)s は空のファイルです。中身のあるファイルを選んでください。"),
        "too_large": N_("＊%(name)s は大きすぎます。1つのファイルは%(limit)s MBまでです。"),
        "total_too_large": N_("＊%(name)s を加えると、添付ファイルの合計が%(limit)s MBを超えます。"),
        "type_not_allowed": N_("＊%(name)s は添付できない種類のファイルです。添付できるのは%(allowed)sです。"),
        "unreadable_image": N_("＊%(name)s は画像として読み込めませんでした。"),
        "unreadable_pdf": N_("＊%(name)s はPDFとして読み込めませんでした。"),
        "too_many_pixels": N_("＊%(name)s は画素数が多すぎます（%(limit)sメガピクセルまで）。"),
        "pdf_encrypted": N_(
            "＊%(name)s はパスワードで保護されているため添付できません。保護を外したPDFを選んでください。"
        ),
        "pdf_active_content": N_("＊%(name)s にはスクリプトや埋め込みファイルが含まれているため添付できません。"),
        "infected": N_("＊%(name)s からウイルスが見つかったため添付できません。"),
        "scan_failed": N_("＊%(name)s のウイルス検査ができませんでした。しばらくしてから、もう一度添付してください。"),
        "too_many_files": N_("＊%(name)s は添付できませんでした。この欄に添付できるファイルは%(limit)s個までです。"),
        "store_failed": N_("＊%(name)s を保存できませんでした。しばらくしてから、もう一度添付してください。"),
    }
)


class Refusal(Exception):
    """Raised inside the checks; the pipeline turns it into a `Rejected` result."""

    def __init__(self, reason: str, **params: Any) -> None:
        assert reason in MESSAGES, reason
        super().__init__(reason)
        self.reason = reason
        self.params = params


def message(reason: str, params: Mapping[str, Any]) -> str:
    """Return the message for `reason` in the current language, numbers written for its reader."""
    return gettext(MESSAGES[reason], **numbers_written(params))
