"""Page weight: what a phone downloads for one form page, next to two form libraries' bundles.

Our figure is the HTML of a real form page (the water form's first page with a live draft)
plus every stylesheet and script it links, each gzipped at level 6 (a common proxy setting).
The comparison is the minified dist files a page needs to render any form with SurveyJS
(survey-core + survey-js-ui, JS and CSS) and with Form.io (@formio/js renderer, JS and CSS),
installed from npm in the same run; their page HTML and form JSON come on top.
"""

from __future__ import annotations

import gzip
import json
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from common import ROOT, WATER, log

LEVEL = 6
LINKED = re.compile(r'<(?:link[^>]+rel="stylesheet"[^>]+href|script[^>]+src)="([^"]+)"')
NPM_PACKAGES = ("survey-core", "survey-js-ui", "@formio/js")
# The files each library needs in the browser to render a form (their dist bundles, minified).
BUNDLES = {
    "SurveyJS": {
        "survey-core": ("survey.core.min.js", "survey-core.min.css"),
        "survey-js-ui": ("survey-js-ui.min.js",),
    },
    "Form.io": {"@formio/js": ("dist/formio.form.min.js", "dist/formio.form.min.css")},
}


@dataclass
class Weight:
    """Bytes of a set of files, raw and gzipped, by file."""

    files: dict[str, tuple[int, int]]

    @classmethod
    def of(cls, contents: dict[str, bytes]) -> Weight:
        return cls({name: (len(data), len(gzip.compress(data, LEVEL, mtime=0))) for name, data in contents.items()})

    @property
    def raw(self) -> int:
        return sum(raw for raw, _ in self.files.values())

    @property
    def gzipped(self) -> int:
        return sum(packed for _, packed in self.files.values())

    def as_dict(self) -> dict:
        return {"raw": self.raw, "gzip": self.gzipped, "files": self.files}


def form_page_weight(work: Path) -> Weight:
    """Render the water form's first page through the app and collect what it links."""
    from flask_migrate import upgrade

    from formbuilder import create_app
    from tests.conftest import SHIPPED_FORMS, base_config
    from tests.support import Citizen

    folder = Path(tempfile.mkdtemp(prefix="weight-", dir=work))
    app = create_app(base_config(folder, SHIPPED_FORMS, f"sqlite:///{folder / 'weight.sqlite3'}"))
    with app.app_context():
        upgrade()
    client = app.test_client()
    page = Citizen(client, WATER).start()
    html = page.get_data()
    contents = {"page HTML": html}
    for url in LINKED.findall(html.decode("utf-8")):
        response = client.get(url.split("?")[0])
        if response.status_code != 200:
            raise RuntimeError(f"{url} answered {response.status_code}")
        contents[url] = response.get_data()
    return Weight.of(contents)


def npm_bundles(work: Path) -> tuple[dict[str, Weight], dict[str, str]]:
    """Install the libraries from npm into `work` and weigh their bundles; return weights and versions."""
    npm = shutil.which("npm")
    if npm is None:
        raise RuntimeError("npm is not installed")
    prefix = work / "npm"
    prefix.mkdir(parents=True, exist_ok=True)
    log(f"npm install {' '.join(NPM_PACKAGES)}")
    subprocess.run(
        [npm, "install", "--prefix", str(prefix), "--no-audit", "--no-fund", "--silent", *NPM_PACKAGES],
        check=True,
        capture_output=True,
        timeout=300,
    )
    modules = prefix / "node_modules"
    versions = {name: json.loads((modules / name / "package.json").read_text())["version"] for name in NPM_PACKAGES}
    weights = {}
    for library, packages in BUNDLES.items():
        contents = {}
        for package, files in packages.items():
            for file in files:
                contents[f"{package}/{file}"] = (modules / package / file).read_bytes()
        weights[library] = Weight.of(contents)
    return weights, versions


def kb(size: int) -> str:
    return f"{size / 1024:,.1f} KB"


def weight_figures(report, settings: dict, work: Path) -> None:
    """Add the page-weight rows to the report."""
    ours = form_page_weight(work)
    parts = ", ".join(f"{Path(name).name} {kb(packed)}" for name, (_, packed) in ours.files.items())
    report.results["page weight"] = {"formbuilder": ours.as_dict(), "gzip_level": LEVEL}
    report.row(
        "page weight: water form page + its CSS and JS",
        "–",
        f"{kb(ours.gzipped)} gzip ({parts}) · {kb(ours.raw)} raw",
    )
    try:
        libraries, versions = npm_bundles(work)
    except (RuntimeError, subprocess.SubprocessError, OSError) as exc:
        report.row("page weight: SurveyJS and Form.io bundles", "–", f"skipped: {exc}")
        return
    report.results["page weight"]["libraries"] = {name: w.as_dict() for name, w in libraries.items()}
    report.results["page weight"]["versions"] = versions
    for library, weight in libraries.items():
        packages = BUNDLES[library]
        label = " + ".join(f"{p} {versions[p]}" for p in packages)
        report.row(
            f"page weight: {library} bundles ({label}), JS + CSS",
            "–",
            f"{kb(weight.gzipped)} gzip ({weight.gzipped / ours.gzipped:.0f}× ours) · {kb(weight.raw)} raw",
        )


if __name__ == "__main__":  # quick look without the rest of the benchmark
    import sys

    sys.path.insert(1, str(ROOT))

    class _Print:
        results: dict = {}

        def row(self, *cells: str) -> None:
            print(" · ".join(cells))

    with tempfile.TemporaryDirectory() as temporary:
        weight_figures(_Print(), {}, Path(temporary))
