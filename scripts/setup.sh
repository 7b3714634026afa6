#!/usr/bin/env bash
# Sets up a fresh machine for inmprep: Debian packages, .venv, Python packages, .env.
# Usage: scripts/setup.sh [requirements file]. Idempotent: a second run installs nothing.
set -euo pipefail
cd "$(dirname "$0")/.."

requirements=${1:-requirements.txt}
python=${PYTHON:-python3}

# 1. Debian packages listed in debian-packages.txt that dpkg says are missing.
missing=()
while read -r package; do
  package=${package%%#*}
  package=$(echo "$package" | xargs)
  [ -z "$package" ] && continue
  dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
done < debian-packages.txt
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing Debian packages: ${missing[*]}"
  sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# 2. The virtual environment and the pinned Python packages (again only when a pin changed).
if [ ! -x .venv/bin/python ]; then
  "$python" -m venv .venv
  # venv seeds the pip and setuptools bundled with Python, old ones with known CVEs: pinned
  # versions first (requirements-bootstrap.txt), so that every new .venv is the same.
  .venv/bin/python -m pip install -q --disable-pip-version-check -r requirements-bootstrap.txt 2> >(grep -v "is ignored" >&2)
fi
stamp=".venv/.installed-$(basename "$requirements")"
digest=$(cat requirements*.txt | sha256sum | cut -d' ' -f1)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$digest" ]; then
  # (this machine's pip configuration names local mirrors that may be absent: keep that noise out)
  .venv/bin/python -m pip install -q --disable-pip-version-check -r "$requirements" 2> >(grep -v "is ignored" >&2)
  echo "$digest" > "$stamp"
fi

# 2b. Test tools from the npm registry (package.json: the Nu HTML Checker), for the test suite.
if [ "$requirements" = "requirements-dev.txt" ] && [ -f package-lock.json ]; then
  if ! cmp -s package-lock.json node_modules/.installed-lock 2>/dev/null; then
    command -v npm >/dev/null || { echo "npm is missing: install Node.js (see debian-packages.txt)" >&2; exit 1; }
    npm ci --no-audit --no-fund --silent
    cp package-lock.json node_modules/.installed-lock
  fi
fi

# 3. A local .env for development: DEBUG on, a random key and the development admin password.
if [ ! -f .env ]; then
  key=$(.venv/bin/python -c 'import secrets; print(secrets.token_urlsafe(50))')
  password=$(.venv/bin/python -c 'import secrets; print(secrets.token_urlsafe(12))')
  cat > .env <<ENV
# Written by scripts/setup.sh for local development only; never deploy with it.
DEBUG=1
SECRET_KEY=$key
DEV_ADMIN_PASSWORD=$password
ENV
  echo "Wrote .env (DEBUG on, random SECRET_KEY)."
fi

# 4. Compiled translations.
.venv/bin/python manage.py compilemessages -v0 --ignore=.venv
