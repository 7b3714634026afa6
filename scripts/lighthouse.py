"""Lighthouse on the public pages, in Debian's Chromium, against the production-like local profile.

Usage: .venv/bin/python scripts/lighthouse.py [PATH ...]   (make lighthouse)
Lighthouse comes from npm (package.json, installed by `npm ci` in the dev set-up). The app runs as
`make serve-local` does (DEBUG off, INMPREP_LOCAL_PROFILE=1, WhiteNoise serving the collected,
compressed static files, gunicorn) over a throwaway SQLite database. Chromium may reach the app on
loopback and nothing else. Prints the four scores a page and exits with an error when one is
below 100. The reports are written to artifacts/lighthouse/.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

PAGES = [
    f"/{language}/{page}" for language in ("en", "es") for page in ("", "procedures/", "procedures/canje/", "offices/")
]
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
CHROMIUM = "/usr/bin/chromium"
CHROME_FLAGS = [
    "--headless=new",
    "--no-sandbox",  # Chromium refuses to sandbox as root
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-default-apps",
    "--disable-sync",
    "--disable-extensions",
    "--no-first-run",
    "--metrics-recording-only",
    # Every host name but the loopback address resolves to nothing: no request leaves the machine.
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
]
OUT = ROOT / "artifacts" / "lighthouse"


def serve(work: Path) -> tuple[object, dict]:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "inmprep.settings",
        "INMPREP_DOTENV": "",
        "DEBUG": "0",
        "INMPREP_LOCAL_PROFILE": "1",
        "SECRET_KEY": "lighthouse-only-" + "l" * 40,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DATABASE_URL": f"sqlite:///{work / 'db.sqlite3'}",
        "STATIC_ROOT": str(work / "static"),
        "REDIS_URL": "",
    }
    manage = [sys.executable, str(ROOT / "manage.py")]
    for command in (["migrate", "--no-input"], ["load_reference"], ["collectstatic", "--no-input"]):
        subprocess.run(  # noqa: S603  (our own manage.py)
            [*manage, *command, "-v0"], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL
        )
    from tests.servers import AppServer

    return AppServer(env, workers=2), env


def audit(base: str, path: str) -> dict[str, float]:
    name = re.sub(r"[^a-z0-9]+", "-", path.lower()).strip("-") or "root"
    subprocess.run(  # noqa: S603  (Lighthouse from node_modules, our own arguments)
        [
            str(LIGHTHOUSE),
            base + path,
            "--quiet",
            "--no-enable-error-reporting",
            f"--only-categories={','.join(CATEGORIES)}",
            f"--chrome-flags={' '.join(CHROME_FLAGS)}",
            "--output=json",
            "--output=html",
            f"--output-path={OUT / name}",
        ],
        cwd=ROOT,
        env={**os.environ, "CHROME_PATH": CHROMIUM},
        check=True,
    )
    result = json.loads((OUT / f"{name}.report.json").read_text())
    scores = {key: result["categories"][key]["score"] for key in CATEGORIES}
    failing = [
        f"{audit['id']} ({audit['score']})"
        for audit in result["audits"].values()
        if audit.get("score") is not None and audit["score"] < 1 and audit.get("scoreDisplayMode") == "binary"
    ]
    return {"scores": scores, "failing": failing}


def main(paths: list[str]) -> int:
    if not LIGHTHOUSE.exists():
        sys.exit("Lighthouse is missing: run `npm ci` (make setup-dev installs it).")
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="inmprep-lighthouse-") as work:
        server, _env = serve(Path(work))
        try:
            results = {path: audit(server.base, path) for path in paths or PAGES}
        finally:
            server.stop()
    print(f"{'page':<28}" + "".join(f"{key:>16}" for key in CATEGORIES))
    perfect = True
    for path, result in results.items():
        scores = result["scores"]
        print(f"{path:<28}" + "".join(f"{round(scores[key] * 100):>16}" for key in CATEGORIES))
        if any(score < 1 for score in scores.values()):
            perfect = False
            print(f"  below 100: {', '.join(result['failing']) or 'see the report'}")
    print(f"Reports: {OUT.relative_to(ROOT)}/")
    return 0 if perfect else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
