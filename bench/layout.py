"""Page GET cost by translation layout: inline translations against per-form catalogues (issue 20).

The shipped forms are served twice in the same run, each copy from its own temporary folder with
its own gunicorn (the same settings as the other parts) on its own fresh SQLite instance:

- inline: the layout before catalogues, every text of the definition an object of languages,
  no `translations/forms/` folder;
- catalogues: the definition in Japanese, the other languages in `translations/forms/<slug>/<lang>.po`
  next to the definitions folder, merged when the definitions are loaded.

The copies are made from `form_definitions/` whichever layout it is in (a definition still inline
is migrated in the catalogue copy; the inline copy is the catalogue copy merged back), and both
must load to the very same definitions, so only the layout differs.

Measured, one request at a time by one client, the cases taking turns request by request (hello,
then each page in one layout and the other, the order of the two layouts swapped every round), so
a busy moment of the machine falls on all of them alike: the CPU time the gunicorn workers spend
on the request (`/proc/<pid>/schedstat`, as in bench/form_size.py) and the client's wall time.
Then the throughput of each page under load, in short slices that also take turns. Also the
start-up time of the app in each layout (create_app in a fresh process, that is loading the
definitions) and the resident memory of a gunicorn worker after the measurements.
"""

from __future__ import annotations

import contextlib
import json
import shutil
import statistics
import sys
import time
from pathlib import Path
from typing import Any

import http_load
import servers
from common import BENCH, ROOT, WATER, clean_env, log, run_child
from form_size import Case, _children, _hello_case

LAYOUTS = ("inline", "catalogues")
LANGS = ("ja", "en", "vi")
PAGES = ("start", "page1")  # the form's start page, and its first page with a live draft


# --- the two copies of the shipped forms --------------------------------------------------------
def write_sites(work: Path) -> dict[str, Path]:
    """Write the shipped forms in both layouts under `work`; return each layout's forms folder."""
    from formbuilder.definitions.catalogue import definition_paths
    from formbuilder.definitions.catalogue_tools import migrate
    from formbuilder.definitions.form_catalogues import catalogue_folder
    from formbuilder.definitions.loader import build
    from formbuilder.definitions.translated import translate
    from formbuilder.definitions.translations import dumps

    catalogues = work / "layout-catalogues" / "forms"
    shutil.copytree(ROOT / "form_definitions", catalogues)
    shipped = ROOT / "translations" / "forms"
    if shipped.is_dir():
        shutil.copytree(shipped, catalogues.parent / "translations" / "forms")
    for path in definition_paths(catalogues):
        migrate(path)  # nothing to do when the shipped definition is already in Japanese only
    inline = work / "layout-inline" / "forms"
    inline.mkdir(parents=True)
    for path in catalogues.glob("_*.json"):  # the departments file: the same in both layouts
        shutil.copy(path, inline / path.name)
    for path in definition_paths(catalogues):
        raw = json.loads(path.read_text(encoding="utf-8"))
        merged = translate(raw, build(raw), catalogue_folder(path), str(path)).raw
        (inline / path.name).write_text(dumps(merged), encoding="utf-8")
    check_same(inline, catalogues)
    return {"inline": inline, "catalogues": catalogues}


def check_same(inline: Path, catalogues: Path) -> None:
    """Both copies must load without a problem to the very same definitions."""
    from formbuilder.definitions.catalogue import definition_paths
    from formbuilder.definitions.form_catalogues import catalogue_folder
    from formbuilder.definitions.loader import load_file

    if list(catalogue_folder(inline / f"{WATER}.json").parent.glob("*")):
        raise RuntimeError("the inline copy has catalogues")
    if not list(catalogue_folder(catalogues / f"{WATER}.json").glob("*.po")):
        raise RuntimeError("the catalogue copy has no catalogue")
    for path in definition_paths(catalogues):
        one, other = load_file(inline / path.name), load_file(path)
        problems = one.problems + other.problems + one.translation_problems + other.translation_problems
        if problems or one.definition is None or other.definition is None:
            raise RuntimeError(f"{path.name} does not load cleanly in both layouts: {problems[:3]}")
        if one.definition != other.definition or one.definition.hash != other.definition.hash:
            raise RuntimeError(f"{path.name} loads to different definitions in the two layouts")


# --- start-up, in a fresh process ---------------------------------------------------------------
def startup_child(forms: str) -> None:
    """Child mode: print how long create_app and loading the definitions take, and the RSS after."""
    sys.path.insert(0, str(ROOT))
    started = time.perf_counter()
    import formbuilder
    from formbuilder.definitions.catalogue import load_catalogue

    imported = time.perf_counter()
    app = formbuilder.create_app()
    created = time.perf_counter()
    served = len(app.extensions["formbuilder.catalogue"].forms)
    again = []
    for _ in range(3):
        begun = time.perf_counter()
        load_catalogue(Path(forms))
        again.append(time.perf_counter() - begun)
    print(
        json.dumps(
            {
                "import_ms": round((imported - started) * 1000, 1),
                "create_app_ms": round((created - imported) * 1000, 1),
                "load_warm_ms": round(statistics.median(again) * 1000, 1),
                "forms": served,
                "rss_mb": _status_kb("self", "VmRSS") / 1024,
            }
        )
    )


def startups(env: dict[str, dict[str, str]], sites: dict[str, Path], times: int) -> dict[str, dict[str, Any]]:
    """Start the app `times` times in each layout, alternating; return the medians by layout."""
    runs: dict[str, list[dict[str, Any]]] = {layout: [] for layout in LAYOUTS}
    for number in range(times):
        for layout in LAYOUTS if number % 2 == 0 else LAYOUTS[::-1]:
            child = run_child(
                [sys.executable, str(BENCH / "layout.py"), "startup", str(sites[layout])], env[layout], timeout=300
            )
            if child.returncode != 0:
                raise RuntimeError(f"start-up child ({layout}) failed: {child.stderr[-2000:]}")
            runs[layout].append(child.json())
    return {
        layout: {
            key: round(statistics.median(run[key] for run in found), 1)
            for key in ("import_ms", "create_app_ms", "load_warm_ms", "rss_mb")
        }
        | {"forms": found[0]["forms"], "runs": len(found), "create_app_all_ms": [r["create_app_ms"] for r in found]}
        for layout, found in runs.items()
    }


# --- the pages ----------------------------------------------------------------------------------
def _page_case(layout: str, port: int, master: int, page: str, lang: str) -> tuple[Case, str, str]:
    """A citizen reading `page` in `lang`; return its case, the path and its cookies (for the load)."""
    browser = http_load.Browser(port)
    start = f"/forms/{WATER}?lang={lang}"
    if browser.get(start).status != 200:
        raise RuntimeError(f"{layout}: GET {start} failed")
    path = start
    if page == "page1":
        reply = browser.post(f"/forms/{WATER}/start?lang={lang}", {})
        if reply.status != 302 or not reply.location:
            raise RuntimeError(f"{layout}: starting a draft gave HTTP {reply.status}")
        path = f"{reply.location}?lang={lang}"
    sizes: list[int] = []

    def send() -> None:
        reply = browser.get(path)
        if reply.status != 200:
            raise RuntimeError(f"{layout}: GET {path} gave HTTP {reply.status}")
        sizes.append(reply.size)

    shown = "start page" if page == "start" else f"first page ({path.split('?')[0].rsplit('/', 1)[1]}), live draft"
    label = f"{shown} ({lang})"
    case = Case(f"{layout}:{page}:{lang}", label, master, send)
    case.sizes = sizes  # type: ignore[attr-defined]
    return case, path, browser.cookie_header()


def _status_kb(pid: str, key: str) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(f"{key}:"):
            return int(line.split()[1])
    return 0


def _pss_kb(pid: str) -> int | None:
    with contextlib.suppress(OSError, ValueError):
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1])
    return None


def memory(master: int) -> dict[str, Any]:
    """Resident memory of the master (the preloaded app) and of each of its workers, in MB."""
    workers = _children(master)
    rss = [_status_kb(pid, "VmRSS") / 1024 for pid in workers]
    pss = [kb / 1024 for pid in workers if (kb := _pss_kb(pid)) is not None]
    return {
        "master_rss_mb": round(_status_kb(str(master), "VmRSS") / 1024, 1),
        "worker_rss_mb": [round(x, 1) for x in rss],
        "worker_rss_mean_mb": round(statistics.fmean(rss), 1) if rss else None,
        "worker_pss_mean_mb": round(statistics.fmean(pss), 1) if pss else None,
    }


def throughput(
    targets: dict[str, tuple[int, str, str]], order: list[list[str]], clients: int, seconds: float, slices: int
) -> dict[str, dict[str, Any]]:
    """GET each target under load (`clients` threads) in `slices` slices of `seconds`, taking turns."""
    totals = {key: {"requests": 0, "seconds": 0.0, "errors": 0} for key in targets}
    for number in range(slices):
        for group in order:
            for key in group if number % 2 == 0 else group[::-1]:
                port, path, cookie = targets[key]
                raw = http_load.python_get_load(port, path, cookie, clients, seconds)
                totals[key]["requests"] += raw["requests"]
                totals[key]["seconds"] += raw["seconds"]
                totals[key]["errors"] += raw["errors"]
    return {
        key: {**total, "requests_per_s": round(total["requests"] / total["seconds"], 1)}
        for key, total in totals.items()
    }


def measure(
    instances: dict[str, servers.Instance], work: Path, settings: dict[str, Any], sites: dict[str, Path] | None = None
) -> dict[str, Any]:
    """Serve both layouts and the hello app; return the figures of every page and the ratios."""
    sites = sites or write_sites(work)
    env = {layout: {**instances[layout].env(), "FORMBUILDER_FORMS_DIR": str(sites[layout])} for layout in LAYOUTS}
    log(f"layout: create_app {settings['layout_startups']} times in each layout")
    started = startups(env, sites, settings["layout_startups"])
    with (
        servers.gunicorn_process("bench.hello:app", clean_env(), work / "gunicorn-layout-hello.log") as (hello, hm),
        servers.gunicorn_process(
            "wsgi:app", env["inline"], work / "gunicorn-layout-inline.log", f"/forms/{WATER}"
        ) as inline,
        servers.gunicorn_process(
            "wsgi:app", env["catalogues"], work / "gunicorn-layout-catalogues.log", f"/forms/{WATER}"
        ) as catalogues,
    ):
        served = {"inline": inline, "catalogues": catalogues}
        hello_case = _hello_case(hello, hm)
        pairs: list[list[Case]] = []
        targets: dict[str, tuple[int, str, str]] = {"hello": (hello, "/", "")}
        for page in PAGES:
            for lang in LANGS:
                pair = []
                for layout in LAYOUTS:
                    port, master = served[layout]
                    case, path, cookie = _page_case(layout, port, master, page, lang)
                    pair.append(case)
                    targets[case.key] = (port, path, cookie)
                pairs.append(pair)
        rounds, warm = settings["layout_rounds"], settings["layout_warm"]
        log(f"layout: {warm} + {rounds} rounds of {1 + 2 * len(pairs)} requests, one at a time")
        for _ in range(warm):
            hello_case.send()
            for pair in pairs:
                for case in pair:
                    case.send()
        for number in range(rounds):
            hello_case.measure()
            for pair in pairs:
                for case in pair if number % 2 == 0 else pair[::-1]:
                    case.measure()
        log(
            f"layout: throughput, {settings['layout_slices']} slices of {settings['layout_slice_seconds']} s"
            f" per case, {settings['layout_clients']} client threads"
        )
        load = throughput(
            targets,
            [["hello"], *([case.key for case in pair] for pair in pairs)],
            settings["layout_clients"],
            settings["layout_slice_seconds"],
            settings["layout_slices"],
        )
        memories = {layout: memory(served[layout][1]) for layout in LAYOUTS}
    floor = hello_case.summary()["cpu_median_ms"]
    hello_rate = load["hello"]["requests_per_s"]
    pages = []
    for pair in pairs:
        one, other = (case.summary() for case in pair)
        rates = [load[case.key]["requests_per_s"] for case in pair]
        sizes = [statistics.median(case.sizes) for case in pair]  # type: ignore[attr-defined]
        pages.append(
            {
                "label": pair[0].label,
                "html_bytes": {layout: int(size) for layout, size in zip(LAYOUTS, sizes, strict=True)},
                "inline": _figures(one, load[pair[0].key], floor),
                "catalogues": _figures(other, load[pair[1].key], floor),
                "cpu_ratio": round(other["cpu_median_ms"] / one["cpu_median_ms"], 3),
                "rate_ratio": round(rates[1] / rates[0], 3),
                "rate_x_hello": {
                    layout: round(rate / hello_rate, 3) for layout, rate in zip(LAYOUTS, rates, strict=True)
                },
            }
        )
    return {
        "hello": _figures(hello_case.summary(), load["hello"], floor),
        "pages": pages,
        "startup": started,
        "memory": memories,
        "rounds": rounds,
        "errors": sum(total["errors"] for total in load.values()),
    }


def _figures(summary: dict[str, Any], load: dict[str, Any], floor: float) -> dict[str, Any]:
    """One case's figures: one request at a time (CPU, wall), and under load (requests/s)."""
    return {
        **summary,
        "cpu_x_hello": round(summary["cpu_median_ms"] / floor, 2),
        "requests_per_s": load["requests_per_s"],
        "load": load,
    }


def layout_figures(report, settings: dict, instances: dict[str, servers.Instance], work: Path) -> None:
    """Add the inline-against-catalogues rows to the report."""
    result = measure(instances, work, settings)
    report.results["layout"] = result
    report.verify("layout throughput", result)
    hello = result["hello"]
    report.row(
        "layout: bare Flask hello: GET /",
        "sqlite",
        f"CPU {hello['cpu_median_ms'] * 1000:.0f} µs · {hello['requests_per_s']:,.0f} req/s",
    )
    for page in result["pages"]:
        one, other = page["inline"], page["catalogues"]
        report.row(
            f"layout: {page['label']}",
            "sqlite",
            f"CPU µs inline {one['cpu_median_ms'] * 1000:.0f} / catalogues {other['cpu_median_ms'] * 1000:.0f}"
            f" = {page['cpu_ratio']:.2f}× ({one['cpu_x_hello']:.1f}× / {other['cpu_x_hello']:.1f}× hello)"
            f" · req/s {one['requests_per_s']:,.0f} / {other['requests_per_s']:,.0f} = {page['rate_ratio']:.2f}×"
            f" ({page['rate_x_hello']['inline']:.2f}× / {page['rate_x_hello']['catalogues']:.2f}× hello)",
        )
    one, other = result["startup"]["inline"], result["startup"]["catalogues"]
    report.row(
        f"layout: create_app (loading {one['forms']} forms), median of {one['runs']}",
        "sqlite",
        f"inline {one['create_app_ms']:.0f} ms / catalogues {other['create_app_ms']:.0f} ms"
        f" = {other['create_app_ms'] / one['create_app_ms']:.2f}× · definitions again, warm:"
        f" {one['load_warm_ms']:.0f} / {other['load_warm_ms']:.0f} ms",
    )
    one, other = result["memory"]["inline"], result["memory"]["catalogues"]
    report.row(
        "layout: RSS of a gunicorn worker after the run (mean)",
        "sqlite",
        f"inline {one['worker_rss_mean_mb']} MB / catalogues {other['worker_rss_mean_mb']} MB"
        f" (PSS {one['worker_pss_mean_mb']} / {other['worker_pss_mean_mb']} MB;"
        f" master {one['master_rss_mb']} / {other['master_rss_mb']} MB)",
    )


if __name__ == "__main__":
    if sys.argv[1:2] == ["startup"]:
        startup_child(sys.argv[2])
    else:  # write both copies somewhere to look at them
        sys.path.insert(1, str(ROOT))
        target = Path(sys.argv[1] if len(sys.argv) > 1 else "layout-sites")
        found = write_sites(target)
        print(f"wrote {found['inline']} and {found['catalogues']} (with its translations folder)")
