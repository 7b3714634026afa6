"""Screenshots of pages at phone and desktop widths, in Debian's headless Chromium.

Usage: .venv/bin/python scripts/screenshots.py BASE_URL PATH [PATH ...]
Writes artifacts/screenshots/<path>-<width>.png. A development aid: look at what you build.
"""

import re
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
# A phone's and a desktop's first screen ("-top"), and the whole page.
VIEWPORTS = ((360, 640), (1280, 800))


def main(base: str, paths: list[str], out: Path = Path("artifacts/screenshots")) -> None:
    out.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        for width, height in VIEWPORTS:
            page = browser.new_page(viewport={"width": width, "height": height})
            for path in paths:
                page.goto(base.rstrip("/") + path)
                name = re.sub(r"[^a-z0-9]+", "-", path.lower()).strip("-") or "root"
                page.screenshot(path=str(out / f"{name}-{width}.png"), full_page=True)
                page.screenshot(path=str(out / f"{name}-{width}-top.png"))
                print(out / f"{name}-{width}.png")
            page.close()
        browser.close()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2:])
