"""The app served for real on loopback, and one headless Chromium for the whole session."""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from flask_migrate import upgrade
from werkzeug.serving import make_server

from formbuilder import create_app
from tests.browser.phone import watch
from tests.conftest import SERVICES_REQUIRED, SHIPPED_FORMS, base_config

CHROMIUM = Path("/usr/bin/chromium")
AXE = Path(__file__).resolve().parents[2] / ".cache" / "axe" / "node_modules" / "axe-core" / "axe.min.js"
ARGS = [
    "--no-sandbox",
    "--headless",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
# Generous: only a failing test waits this long, and a loaded CI machine is slow.
TIMEOUT_MS = 15_000
PHONE = {
    "viewport": {"width": 390, "height": 844},
    "device_scale_factor": 2,
    "is_mobile": True,
    "has_touch": True,
    "locale": "ja-JP",
    "timezone_id": "Asia/Tokyo",
}


@contextmanager
def serve(forms: Path, folder: Path) -> Iterator[str]:
    """Serve the forms in `forms` on 127.0.0.1 with a free port; yield the base URL."""
    with serve_app(forms, folder) as (url, _app):
        yield url


@contextmanager
def serve_app(forms: Path, folder: Path) -> Iterator[tuple[str, object]]:
    """As `serve`, yielding the app too (to create staff accounts with its commands)."""
    app = create_app(base_config(folder, forms, f"sqlite:///{folder / 'live.sqlite3'}"))
    with app.app_context():
        upgrade()
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, name=f"live-{forms.name}", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}", app
    finally:
        server.shutdown()
        thread.join(timeout=5)
        server.server_close()
        with app.app_context():
            from formbuilder.extensions import db

            db.engine.dispose()


@pytest.fixture(scope="session")
def live_server(tmp_path_factory) -> Iterator[str]:
    """The shipped forms, served for the whole session."""
    with serve(SHIPPED_FORMS, tmp_path_factory.mktemp("live")) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    """One Chromium for every browser test; skipped (or failed in CI) when it is missing."""
    if not CHROMIUM.exists():
        reason = f"Chromium not found at {CHROMIUM} (apt-get install chromium)"
        if SERVICES_REQUIRED:
            pytest.fail(f"{reason}; required because FORMBUILDER_REQUIRE_SERVICES=1")
        pytest.skip(reason)
    from playwright.sync_api import expect, sync_playwright

    expect.set_options(timeout=TIMEOUT_MS)
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def new_page(browser, live_server) -> Iterator[Callable[..., object]]:
    """Return a factory of pages in fresh phone-sized contexts (own cookies, so own drafts)."""
    contexts = []

    def make(javascript: bool = True, bypass_csp: bool = False):
        """`bypass_csp`: the page's Content Security Policy lets axe-core be injected."""
        context = browser.new_context(
            **PHONE, java_script_enabled=javascript, base_url=live_server, bypass_csp=bypass_csp
        )
        context.set_default_timeout(TIMEOUT_MS)
        contexts.append(context)
        page = context.new_page()
        watch(page)
        return page

    yield make
    for context in contexts:
        context.close()


@pytest.fixture(scope="session")
def shots() -> Path | None:
    """Where screenshots go when FORMBUILDER_SHOTS names a folder (to look at the pages)."""
    folder = os.environ.get("FORMBUILDER_SHOTS")
    if not folder:
        return None
    path = Path(folder)
    path.mkdir(parents=True, exist_ok=True)
    return path


@pytest.fixture(scope="session")
def axe_source() -> str:
    """axe-core's source, injected into pages by the accessibility checks."""
    if not AXE.exists():
        reason = f"axe-core not installed at {AXE} (run `make setup-test`)"
        if SERVICES_REQUIRED:
            pytest.fail(reason)
        pytest.skip(reason)
    return AXE.read_text(encoding="utf-8")
