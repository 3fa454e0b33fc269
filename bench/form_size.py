"""Page POST cost by form size: a 20-field form against a 200-field form with a 10-item group.

Both forms are generated here into the run's temporary folder (never into form_definitions/):
pages of 10 fields of mixed types (radio, text, number, date or era_date, select, checkboxes,
name, address or postal_code, tel, email). Every page has `when` rules (a follow-up on the same
page, a date asked when an answer of the page before says so, and from page 2 a page rule) and
`checks` (a number at least the one of the page before, a date not before the one of the page
before, a phone or an e-mail). The 200-field form's page 10 holds a repeating group filled with
10 items of 4 fields (one with a rule inside the item) and a number checked against their count.

What is measured is the server's cost of one valid POST of a page with 「次へ進む」, through
real HTTP against gunicorn (the same settings as the other parts), by one client at a time:
the CPU time the gunicorn workers spend on it (their `/proc/<pid>/schedstat` run time, in
nanoseconds, read before and after each request), and the client's wall time. CPU time is
what the request costs the server whatever else runs on the machine; the wall time also holds
the loopback connection and the client, and grows when other processes take the CPUs.
Each case POSTs the same page of its own draft again and again: the draft holds the pages
before it (answered and completed), the later pages are still empty, as on a first pass.
The cases take turns request by request (hello, then each page), so a busy moment of the
machine falls on all of them alike. The bare Flask hello app is measured the same way, as
the floor.
"""

from __future__ import annotations

import contextlib
import json
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import http_load
import servers
from common import ROOT, clean_env, log

SMALL, LARGE = "size-20-fields", "size-200-fields"
FIELDS_PER_PAGE = 10
GROUP_PAGE, GROUP_ITEMS = 10, 10  # the 200-field form's page with the repeating group, its items
TARGET = 2.0  # issue 14: a page POST of the 200-field form costs at most twice one of the 20-field form
DAY = "2021-04-01"  # every date answer: the checks "not before the date of the page before" hold


# --- the generated definitions -----------------------------------------------------------------
def _choices(*values: str) -> list[dict[str, str]]:
    return [{"value": v, "label": f"選択肢{v}"} for v in values]


def _group(i: int) -> dict[str, Any]:
    return {
        "name": f"p{i}_family",
        "type": "group",
        "label": "家族",
        "min": 1,
        "max": GROUP_ITEMS,
        "item_label": "家族 %(n)s人目",
        "fields": [
            {"name": "who", "type": "text", "required": True, "max_length": 30, "label": "氏名"},
            {
                "name": "born",
                "type": "era_date",
                "required": True,
                "eras": ["western", "reiwa", "heisei"],
                "max": "today",
                "label": "生年月日",
            },
            {"name": "rel", "type": "radio", "required": True, "label": "続柄", "choices": _choices("son", "other")},
            {
                "name": "rel_note",
                "type": "text",
                "required": True,
                "max_length": 30,
                "label": "続柄の内容",
                "when": {"field": "rel", "equals": "other"},
            },
        ],
    }


def _page(i: int, with_group: bool) -> dict[str, Any]:
    """Page `i` (from 1): 10 fields, `when` rules and `checks`, some looking at page i-1."""
    p, before = f"p{i}_", f"p{i - 1}_"
    count_checks = [{"rule": {"field": f"{p}count", "lte": 999}, "message": "＊999以下にしてください。"}]
    day: dict[str, Any] = {
        "name": f"{p}day",
        "type": "era_date" if i % 2 else "date",
        "required": True,
        "min": "2000-01-01",
        "max": "today",
        "label": "日付",
    }
    if i % 2:
        day["eras"] = ["western", "reiwa", "heisei"]
    if i > 1:
        count_checks = [
            {
                "rule": {"field": f"{p}count", "gte": {"answer": f"{before}count"}},
                "message": "＊前のページの数以上にしてください。",
            }
        ]
        day["when"] = {"field": f"{before}kind", "equals": "b"}
        day["checks"] = [
            {
                "rule": {"field": f"{p}day", "gte": {"answer": f"{before}day"}},
                "message": "＊前のページの日付より前の日は選べません。",
            }
        ]
    if with_group:
        count_checks.append(
            {
                "rule": {"field": f"{p}count", "equals": {"count": f"{p}family"}},
                "message": "＊人数が、入力した家族の数と合いません。",
            }
        )
    boxes = {"name": f"{p}boxes", "type": "checkboxes", "label": "当てはまるもの", "choices": _choices("a", "b", "c")}
    fields = [
        {"name": f"{p}kind", "type": "radio", "required": True, "label": "区分", "choices": _choices("a", "b")},
        {
            "name": f"{p}note",
            "type": "text",
            "required": True,
            "max_length": 50,
            "label": "内容",
            "when": {"field": f"{p}kind", "equals": "b"},
        },
        {
            "name": f"{p}count",
            "type": "number",
            "required": True,
            "min": 0,
            "max": 999,
            "label": "数",
            "checks": count_checks,
        },
        day,
        {"name": f"{p}pick", "type": "select", "required": True, "label": "種類", "choices": _choices("x", "y", "z")},
        _group(i) if with_group else boxes,
        {"name": f"{p}name", "type": "name", "required": True, "autocomplete": "off", "label": "氏名"},
        {"name": f"{p}place", "type": "address" if i % 2 else "postal_code", "required": True, "label": "所在地"},
        {
            "name": f"{p}tel",
            "type": "tel",
            "label": "電話番号",
            "checks": [
                {
                    "rule": {"any": [{"field": f"{p}tel", "answered": True}, {"field": f"{p}email", "answered": True}]},
                    "message": "＊電話番号かメールアドレスのどちらかを入力してください。",
                }
            ],
        },
        {"name": f"{p}email", "type": "email", "label": "メールアドレス"},
    ]
    page: dict[str, Any] = {"id": f"page{i}", "title": f"ページ{i}", "fields": fields}
    if i > 1:
        page["when"] = {"field": "p1_kind", "answered": True}
    return page


def definition(slug: str, pages: int, group_page: int | None) -> dict[str, Any]:
    return {
        "slug": slug,
        "version": "1",
        "title": f"ベンチマーク用の申請（{pages * FIELDS_PER_PAGE}項目）",
        "department": "bench",
        "languages": ["ja"],
        "pages": [_page(i, i == group_page) for i in range(1, pages + 1)],
    }


def write_forms(folder: Path) -> dict[str, Any]:
    """Write both definitions into `folder`; return them loaded (frozen), by slug."""
    from formbuilder.definitions.loader import load_file

    folder.mkdir(parents=True, exist_ok=True)
    loaded = {}
    for slug, pages, group_page in ((SMALL, 2, None), (LARGE, 20, GROUP_PAGE)):
        path = folder / f"{slug}.json"
        path.write_text(json.dumps(definition(slug, pages, group_page), ensure_ascii=False, indent=1), "utf-8")
        result = load_file(path)
        if result.definition is None:
            raise RuntimeError(f"generated {path.name} is refused: {result.problems[:3]}")
        loaded[slug] = result.definition
    return loaded


# --- valid answers -----------------------------------------------------------------------------
def _date(name: str, era: bool) -> dict[str, str]:
    year, month, day = (str(int(part)) for part in DAY.split("-"))
    parts = {f"{name}-year": year, f"{name}-month": month, f"{name}-day": day}
    return {f"{name}-era": "western", **parts} if era else parts


def _field(item, index: int) -> dict[str, str]:
    """The inputs of one field of page `index`: rules shown (kind b), counts rising page by page."""
    from formbuilder.fields import REGISTRY
    from tests.browser.answers import field_answers

    kind = item.name.split("_", 1)[1]
    if kind == "kind":
        return {item.name: "b"}
    if kind == "count":
        return {item.name: str(GROUP_ITEMS if item.name == f"p{GROUP_PAGE}_count" else index)}
    if kind == "day":
        return _date(item.name, item.type == "era_date")
    if kind == "name":  # 姓・名 and their readings; other boxes (the Latin-alphabet choice) left empty
        parts = {"family": "検査", "given": "花子", "family_kana": "ケンサ", "given_kana": "ハナコ"}
        return {name: parts.get(name.rsplit("-", 1)[1], "") for name in REGISTRY["name"].input_names(item)}
    if kind == "family":
        values = {item.name: str(GROUP_ITEMS)}
        for number in range(GROUP_ITEMS):
            who, born, rel, note = REGISTRY["group"].item(item, number)  # type: ignore[attr-defined]
            values[who.name] = f"検査{number + 1}"
            values.update(_date(born.name, era=True))
            values[rel.name] = "other" if number % 2 else "son"
            values[note.name] = "祖母"
        return values
    return field_answers(item)


def page_answers(definition) -> dict[str, dict[str, str]]:
    """Valid inputs of every page, by page id."""
    return {
        page.id: {k: v for item in page.fields for k, v in _field(item, number).items()}
        for number, page in enumerate(definition.pages, start=1)
    }


# --- measuring ---------------------------------------------------------------------------------
def workers_cpu_ns(master: int) -> int:
    """Return the CPU time the master's worker processes have used so far, in nanoseconds."""
    total = 0
    for pid in _children(master):
        with contextlib.suppress(OSError, ValueError, IndexError):  # a worker that just went away: rare
            total += int(Path(f"/proc/{pid}/schedstat").read_text().split()[0])
    return total


def _children(master: int) -> list[str]:
    """Return the pids of the master's children (its gunicorn workers)."""
    listed = Path(f"/proc/{master}/task/{master}/children")
    if listed.exists():  # kernels with CONFIG_PROC_CHILDREN
        return listed.read_text().split()
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        with contextlib.suppress(OSError, ValueError, IndexError):
            if int(stat.read_text().rsplit(")", 1)[1].split()[1]) == master:  # field 4: the parent's pid
                found.append(stat.parent.name)
    return found


@dataclass
class Case:
    """One request measured again and again: its label, how to send it, and its samples."""

    key: str
    label: str
    master: int
    send: Callable[[], None]
    fields_on_page: str = ""
    cpu_ms: list[float] = field(default_factory=list)
    wall_ms: list[float] = field(default_factory=list)

    def measure(self) -> None:
        before = workers_cpu_ns(self.master)
        started = time.perf_counter()
        self.send()
        self.wall_ms.append((time.perf_counter() - started) * 1000)
        self.cpu_ms.append((workers_cpu_ns(self.master) - before) / 1e6)

    def summary(self) -> dict[str, Any]:
        return {
            "requests": len(self.cpu_ms),
            "cpu_median_ms": round(statistics.median(self.cpu_ms), 3),
            "cpu_mean_ms": round(statistics.fmean(self.cpu_ms), 3),
            "cpu_min_ms": round(min(self.cpu_ms), 3),
            "wall_median_ms": round(statistics.median(self.wall_ms), 3),
            "wall_min_ms": round(min(self.wall_ms), 3),
            "fields_on_page": self.fields_on_page,
        }


def _poster(browser: http_load.Browser, slug: str, page_id: str, data: dict[str, str], expected: str):
    """POST the page with new answers each time (its text answer numbered), as a citizen's first pass is."""
    path = f"/forms/{slug}/pages/{page_id}"
    note = next(name for name in data if name.endswith("_note") and "-" not in name)
    sent = iter(range(1, 10**9))

    def send() -> None:
        reply = browser.post(path, {"action": "next", **data, note: f"検査用の入力{next(sent)}"})
        if reply.status != 302 or reply.location != expected:
            raise RuntimeError(f"POST {path}: HTTP {reply.status} to {reply.location}, expected 302 to {expected}")

    return send


def _page_case(port: int, master: int, loaded, slug: str, number: int, label: str) -> Case:
    """A draft that completed the pages before page `number`, posting that page."""
    definition = loaded[slug]
    answers = page_answers(definition)
    ids = [p.id for p in definition.pages]
    browser = http_load.Browser(port)
    http_load.start_draft(browser, slug)
    http_load.fill_pages(browser, {p: answers[p] for p in ids[: number - 1]}, slug)
    page_id = ids[number - 1]
    expected = f"/forms/{slug}/pages/{ids[number]}" if number < len(ids) else f"/forms/{slug}/check"
    page = definition.pages[number - 1]
    asked = sum(GROUP_ITEMS * len(item.option("fields", ())) if item.type == "group" else 1 for item in page.fields)
    shown = f"{len(page.fields)} fields" + (f" ({asked} with the group's items)" if asked != len(page.fields) else "")
    return Case(f"{slug}:{page_id}", label, master, _poster(browser, slug, page_id, answers[page_id], expected), shown)


def _hello_case(port: int, master: int) -> Case:
    browser = http_load.Browser(port)

    def send() -> None:
        reply = browser.get("/")
        if reply.status != 200:
            raise RuntimeError(f"hello: HTTP {reply.status}")

    return Case("hello", "bare Flask hello: GET /", master, send)


def measure(instance: servers.Instance, work: Path, rounds: int, warm: int) -> dict[str, Any]:
    """Serve both forms and the hello app; return each case's figures and the ratios."""
    folder = work / "size-forms"
    loaded = write_forms(folder)
    env = {**instance.env(), "FORMBUILDER_FORMS_DIR": str(folder)}
    with (
        servers.gunicorn_process("bench.hello:app", clean_env(), work / "gunicorn-size-hello.log") as (hello, hm),
        servers.gunicorn_process("wsgi:app", env, work / "gunicorn-size.log", f"/forms/{SMALL}") as (port, master),
    ):
        log(f"form size: filling drafts of {SMALL} and {LARGE}")
        cases = [
            _hello_case(hello, hm),
            _page_case(port, master, loaded, SMALL, 1, "20-field form: POST page 1 of 2 (early)"),
            _page_case(port, master, loaded, SMALL, 2, "20-field form: POST page 2 of 2 (last)"),
            _page_case(port, master, loaded, LARGE, 2, "200-field form: POST page 2 of 20 (early)"),
            _page_case(
                port, master, loaded, LARGE, GROUP_PAGE, f"200-field form: POST page {GROUP_PAGE} of 20 (group)"
            ),
            _page_case(port, master, loaded, LARGE, 20, "200-field form: POST page 20 of 20 (last)"),
        ]
        log(f"form size: {warm} + {rounds} rounds of {len(cases)} requests, one at a time")
        for _ in range(warm):
            for case in cases:
                case.send()
        for _ in range(rounds):
            for case in cases:
                case.measure()
    figures = {case.key: {"label": case.label, **case.summary()} for case in cases}
    cpu = {case.key: figures[case.key]["cpu_median_ms"] for case in cases}
    small_last, small_first = cpu[f"{SMALL}:page2"], cpu[f"{SMALL}:page1"]
    ratios = {
        "early": cpu[f"{LARGE}:page2"] / small_first,
        "group": cpu[f"{LARGE}:page{GROUP_PAGE}"] / small_last,
        "last": cpu[f"{LARGE}:page20"] / small_last,
    }
    return {
        "cases": figures,
        "ratios": {k: round(v, 2) for k, v in ratios.items()},
        "worst_ratio": round(max(ratios.values()), 2),
        "target": TARGET,
        "rounds": rounds,
    }


def size_figures(report, settings: dict, instance: servers.Instance, work: Path) -> None:
    """Add the page-POST-by-form-size rows to the report."""
    result = measure(instance, work, settings["size_rounds"], settings["size_warm"])
    report.results["form_size"] = result
    cases = result["cases"]
    floor = cases["hello"]["cpu_median_ms"]
    for key, case in cases.items():
        text = f"CPU {case['cpu_median_ms']:.2f} ms (mean {case['cpu_mean_ms']:.2f}) · wall p50 {case['wall_median_ms']:.1f} ms"
        if key != "hello":
            text += f" · {case['cpu_median_ms'] / floor:.0f}× hello · {case['fields_on_page']}"
        report.row(f"form size: {case['label']}", "sqlite", text)
    ratios = result["ratios"]
    verdict = "within" if result["worst_ratio"] <= TARGET else "ABOVE"
    report.row(
        "form size: 200-field / 20-field page POST (CPU)",
        "sqlite",
        f"early {ratios['early']:.2f}× · group page {ratios['group']:.2f}× · last {ratios['last']:.2f}×"
        f" ({verdict} the {TARGET:g}× target of issue 14)",
    )
    if result["worst_ratio"] > TARGET:
        log(f"form size: {result['worst_ratio']}× is above the {TARGET:g}× target")


if __name__ == "__main__":  # write the two definitions somewhere to look at them
    import sys

    sys.path.insert(1, str(ROOT))
    target = Path(sys.argv[1] if len(sys.argv) > 1 else "size-forms")
    write_forms(target)
    print(f"wrote {SMALL}.json and {LARGE}.json into {target}")
