"""The one registry of field types: adding a type is one module and one entry here."""

from __future__ import annotations

from .address import AddressType, PostalCodeType
from .bank_account import BankAccountType
from .base import FieldType
from .calculated import CalculatedType
from .choice import CheckboxesType, CheckboxType, RadioType, SelectType
from .date import DateType
from .digits import DigitsType
from .era_date import EraDateType
from .file import FileType
from .group import GroupType
from .identifiers import CorporateNumberType, MyNumberType
from .name import NameType
from .notice import NoticeType
from .number import NumberType
from .text import EmailType, TelType, TextareaType, TextType

REGISTRY: dict[str, FieldType] = {
    t.name: t
    for t in (
        TextType(),
        TextareaType(),
        NumberType(),
        EmailType(),
        TelType(),
        DateType(),
        SelectType(),
        RadioType(),
        CheckboxesType(),
        CheckboxType(),
        NoticeType(),
        EraDateType(),
        MyNumberType(),
        CorporateNumberType(),
        DigitsType(),
        BankAccountType(),
        PostalCodeType(),
        AddressType(),
        NameType(),
        FileType(),
        GroupType(),
        CalculatedType(),
    )
}


def field_type(name: str) -> FieldType:
    """Return the type object for a definition's `type` value."""
    return REGISTRY[name]
