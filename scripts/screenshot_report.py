#!/usr/bin/env python3
"""Screenshot the HTML report of a draft with headless Chromium (docs/html-report.png).

    .venv/bin/python scripts/screenshot_report.py [--draft examples/draft.md]
        [--engines spacy,languagetool,style] [--out docs/html-report.png] [--dark]

Needs Debian's `chromium` and `chromium-driver` (scripts/setup.sh installs them) and
selenium (the dev extra). The report is made by the real `proofer check --format html`;
the screenshot opens the card of one finding, as a reader would.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By

ROOT = Path(__file__).resolve().parent.parent
# Quiet, offline Chromium: no update checks, sync or other background traffic.
CHROMIUM_FLAGS = (
    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run", "--hide-scrollbars",
)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--draft", default="examples/draft.md", help="relative to the repository")
    parser.add_argument("--engines", default="spacy,languagetool,style")
    parser.add_argument("--out", default=str(ROOT / "docs" / "html-report.png"))
    parser.add_argument("--width", type=int, default=1360)
    parser.add_argument("--height", type=int, default=1000)
    parser.add_argument("--finding", type=int, default=3, help="number of the finding to open")
    parser.add_argument("--dark", action="store_true", help="emulate prefers-color-scheme: dark")
    args = parser.parse_args()
    browser, driver = shutil.which("chromium"), shutil.which("chromedriver")
    if not browser or not driver:
        print("needs chromium and chromium-driver (scripts/setup.sh installs them)",
              file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "report.html"
        proofer = Path(sys.executable).with_name("proofer")
        done = subprocess.run(
            [str(proofer), "check", "--format", "html", "--output", str(report),
             "--engines", args.engines, args.draft],
            cwd=ROOT, check=False,
        )
        if done.returncode not in (0, 1):
            return done.returncode
        options = webdriver.ChromeOptions()
        options.binary_location = browser
        for flag in (*CHROMIUM_FLAGS, f"--user-data-dir={Path(tmp) / 'profile'}",
                     f"--window-size={args.width},{args.height + 200}"):
            options.add_argument(flag)
        chrome = webdriver.Chrome(service=Service(driver), options=options)
        try:
            chrome.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
                "width": args.width, "height": args.height, "deviceScaleFactor": 1,
                "mobile": False})
            # Instant scrolling, so the picture does not catch a scroll half way.
            chrome.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": [
                {"name": "prefers-reduced-motion", "value": "reduce"},
                {"name": "prefers-color-scheme", "value": "dark" if args.dark else "light"},
            ]})
            chrome.get(report.as_uri())
            for _ in range(args.finding):
                chrome.find_element(By.TAG_NAME, "body").send_keys("n")
            # The page from the top, unless the open finding would be below the fold.
            chrome.execute_script(
                "const m = document.querySelector('mark.hl.active');"
                "window.scrollTo(0, 0);"
                "if (m && m.getBoundingClientRect().bottom > innerHeight - 260)"
                "  window.scrollTo(0, m.getBoundingClientRect().top - innerHeight / 3);"
                "window.dispatchEvent(new Event('resize'));"
            )
            Path(args.out).parent.mkdir(parents=True, exist_ok=True)
            chrome.save_screenshot(args.out)
        finally:
            chrome.quit()
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
