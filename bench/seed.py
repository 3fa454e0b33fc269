"""Many realistic submissions of the water form, inserted with SQLAlchemy Core in bulk.

The answers have the shape the app stores (see `flows.submit`): the evaluated values by
field name, empty optional fields left out, dates as ISO text, a ticked checkbox as true,
fields hidden by a rule (business_name, bill_address, bill_recipient) present only when shown;
names and addresses as the `name` and `address` types store them (a dict of their parts).
"""

from __future__ import annotations

import hashlib
import random
import re
import time
from datetime import UTC, date, datetime, timedelta
from typing import Any

import sqlalchemy as sa
from common import WATER

ALPHABET = "23456789ABCDEFGHJKMNPQRSTWXYZ"  # as flows.secrets
SURNAMES = [
    ("佐藤", "サトウ"),
    ("鈴木", "スズキ"),
    ("高橋", "タカハシ"),
    ("田中", "タナカ"),
    ("伊藤", "イトウ"),
    ("渡辺", "ワタナベ"),
    ("山本", "ヤマモト"),
    ("中村", "ナカムラ"),
    ("小林", "コバヤシ"),
    ("加藤", "カトウ"),
    ("吉田", "ヨシダ"),
    ("山田", "ヤマダ"),
    ("佐々木", "ササキ"),
    ("山口", "ヤマグチ"),
    ("松本", "マツモト"),
    ("井上", "イノウエ"),
    ("木村", "キムラ"),
    ("林", "ハヤシ"),
    ("斎藤", "サイトウ"),
    ("清水", "シミズ"),
    ("髙橋", "タカハシ"),  # IBM extension kanji: in cp932
    ("渡邉", "ワタナベ"),
    ("齋藤", "サイトウ"),
    ("長谷川", "ハセガワ"),
    ("五十嵐", "イガラシ"),
]
GIVEN = [
    ("太郎", "タロウ"),
    ("花子", "ハナコ"),
    ("翔太", "ショウタ"),
    ("陽菜", "ヒナ"),
    ("蓮", "レン"),
    ("結衣", "ユイ"),
    ("大輔", "ダイスケ"),
    ("美咲", "ミサキ"),
    ("健一", "ケンイチ"),
    ("由美子", "ユミコ"),
    ("悠真", "ユウマ"),
    ("さくら", "サクラ"),
    ("浩二", "コウジ"),
    ("恵子", "ケイコ"),
    ("湊", "ミナト"),
]
# 𠮷 (U+20BB7) is not in cp932: a cp932 export must report or replace it.
RARE_SURNAME = ("𠮷田", "ヨシダ")
RARE_RATE = 0.002
ADDRESS_PARTS = re.compile(r"^(.{2,3}?[都道府県])(.+?[市区町村](?:.+?区)?)(.*)$")
PLACES = [
    ("100-0001", "東京都千代田区千代田"),
    ("160-0023", "東京都新宿区西新宿"),
    ("530-0001", "大阪府大阪市北区梅田"),
    ("460-0008", "愛知県名古屋市中区栄"),
    ("060-0001", "北海道札幌市中央区北一条西"),
    ("812-0011", "福岡県福岡市博多区博多駅前"),
    ("980-0021", "宮城県仙台市青葉区中央"),
    ("730-0011", "広島県広島市中区基町"),
    ("900-0015", "沖縄県那覇市久茂地"),
    ("220-0012", "神奈川県横浜市西区みなとみらい"),
    ("600-8216", "京都府京都市下京区東塩小路町"),
    ("320-0806", "栃木県宇都宮市中央"),
]
BUILDINGS = ["さくらハイツ", "メゾン・ド・ひまわり", "グランドパレス", "コーポ山田", "レジデンス栄", "ハイム青葉"]
BUSINESSES = ["株式会社さくら商店", "有限会社山田工務店", "カフェ・ひまわり", "合同会社みなと企画", "やまもと歯科医院"]
MAIL_DOMAINS = ["example.jp", "example.com", "example.ne.jp"]


def answers(rng: random.Random, submitted: date) -> dict[str, Any]:
    """Return one submission's answers as the app stores them."""
    surname, surname_kana = RARE_SURNAME if rng.random() < RARE_RATE else rng.choice(SURNAMES)
    given, given_kana = rng.choice(GIVEN)
    postal, town = rng.choice(PLACES)
    address = _address(postal, f"{town}{rng.randint(1, 5)}丁目{rng.randint(1, 30)}-{rng.randint(1, 20)}")
    if rng.random() < 0.6:
        address["line2"] = f"{rng.choice(BUILDINGS)}{rng.randint(1, 12)}0{rng.randint(1, 9)}"
    result: dict[str, Any] = {"address": address}
    result["user_name"] = {"family": surname, "given": given, "family_kana": surname_kana, "given_kana": given_kana}
    result["phone"] = rng.choice(
        [
            f"090-{rng.randint(1000, 9999)}-{rng.randint(1000, 9999)}",
            f"080-{rng.randint(1000, 9999)}-{rng.randint(1000, 9999)}",
            f"03-{rng.randint(1000, 9999)}-{rng.randint(1000, 9999)}",
        ]
    )
    if rng.random() < 0.5:
        result["email"] = f"user{rng.randint(1, 999999)}@{rng.choice(MAIL_DOMAINS)}"
    result["start_date"] = (submitted + timedelta(days=rng.randint(3, 90))).isoformat()
    business = rng.random() < 0.15
    result["usage"] = "business" if business else "household"
    if business:
        result["business_name"] = rng.choice(BUSINESSES)
    result["payment"] = rng.choice(["debit", "slip"])
    other = rng.random() < 0.1
    result["bill_to"] = "other" if other else "same"
    if other:
        bill_postal, bill_town = rng.choice(PLACES)
        result["bill_address"] = _address(bill_postal, f"{bill_town}{rng.randint(1, 9)}-{rng.randint(1, 20)}")
        result["bill_recipient"] = f"{surname} {given} 様"
    result["agree"] = True
    return result


def _address(postal: str, place: str) -> dict[str, str]:
    """An address as the `address` type stores it: 「東京都千代田区千代田1-1」 in its parts."""
    found = ADDRESS_PARTS.match(place)
    assert found, place
    return {"postal_code": postal, "prefecture": found[1], "city": found[2], "line1": found[3]}


def _reference(rng: random.Random, taken: set[str]) -> str:
    while True:
        raw = "".join(rng.choice(ALPHABET) for _ in range(8))
        reference = f"{raw[:4]}-{raw[4:]}"
        if reference not in taken:
            taken.add(reference)
            return reference


def insert_submissions(database_url: str, definition, count: int, seed: int = 20261122) -> dict:
    """Insert `count` submissions of the water form, spread over the last year; return timing."""
    from formbuilder.storage.models import FormVersion, Submission

    rng = random.Random(seed)
    engine = sa.create_engine(database_url)
    if engine.dialect.name == "sqlite":
        # As the app's engine does (storage.database); the insert is one transaction anyway.
        @sa.event.listens_for(engine, "connect")
        def on_connect(dbapi_connection, record):  # type: ignore[no-untyped-def]
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=FULL")
            cursor.close()

    started = time.perf_counter()
    now = datetime.now(UTC)
    first = now - timedelta(days=365)
    step = timedelta(days=365) / max(count, 1)
    taken: set[str] = set()
    batch = 10_000
    try:
        with engine.begin() as connection:
            version_id = connection.execute(
                sa.insert(FormVersion.__table__).returning(FormVersion.__table__.c.id),
                {
                    "slug": WATER,
                    "version": definition.version,
                    "hash": definition.hash,
                    "source": definition.source,
                    "first_seen": first,
                },
            ).scalar_one()
            for offset in range(0, count, batch):
                rows = []
                for index in range(offset, min(offset + batch, count)):
                    submitted = first + step * index + timedelta(seconds=rng.randint(0, 59))
                    rows.append(
                        {
                            "reference": _reference(rng, taken),
                            "secret_hash": hashlib.sha256(rng.randbytes(16)).hexdigest(),
                            "submit_token": rng.randbytes(24).hex(),
                            "form_slug": WATER,
                            "form_version": definition.version,
                            "form_version_id": version_id,
                            "definition_hash": definition.hash,
                            "language": "en" if rng.random() < 0.05 else "ja",
                            "answers": answers(rng, submitted.date()),
                            "status": "received",
                            "submitted_at": submitted,
                            "updated_at": submitted,
                        }
                    )
                connection.execute(sa.insert(Submission.__table__), rows)
    finally:
        engine.dispose()
    seconds = time.perf_counter() - started
    return {"rows": count, "seconds": round(seconds, 2), "rows_per_s": round(count / seconds)}
