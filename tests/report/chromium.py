"""Headless Chromium for the HTML report's browser tests (Debian's chromium + chromium-driver).

Without the browser, its driver or selenium these tests skip with a clear message locally,
and FAIL when CI=true: CI must run them (scripts/setup.sh installs the browser there).
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import require_tool

# Quiet and offline: no update checks, sync, or other background traffic.
CHROMIUM_FLAGS = (
    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
    "--window-size=1280,900",
)
NOT_INSTALLED = (
    "Chromium is not installed: `apt-get install chromium chromium-driver` "
    "(scripts/setup.sh does it when run as root)"
)


def require(condition: object, message: str) -> None:
    require_tool(condition, message, "the browser tests")


@pytest.fixture(scope="session")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """One headless Chromium for the session, with a fresh profile."""
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
    except ImportError:
        require(False, "selenium is not installed: pip install -e '.[dev]'")
        raise
    binary, driver_path = shutil.which("chromium"), shutil.which("chromedriver")
    require(binary and driver_path, NOT_INSTALLED)
    options = webdriver.ChromeOptions()
    options.binary_location = str(binary)
    profile = tmp_path_factory.mktemp("chromium-profile")
    for flag in (*CHROMIUM_FLAGS, f"--user-data-dir={profile}"):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(str(driver_path)), options=options)
    try:
        yield driver
    finally:
        driver.quit()


def open_report(driver: Any, path: Path) -> list[str]:
    """Load a report file; returns the console errors it logged while loading."""
    driver.get_log("browser")  # drop what earlier pages logged
    driver.get(path.resolve().as_uri())
    driver.execute_script("return document.readyState")
    return [
        entry["message"] for entry in driver.get_log("browser") if entry["level"] == "SEVERE"
    ]


def without_csp(html: str) -> str:
    """The page without its Content-Security-Policy, to test the escaping on its own."""
    stripped, count = re.subn(r'<meta http-equiv="Content-Security-Policy"[^>]*>\n', "", html)
    assert count == 1
    return stripped
