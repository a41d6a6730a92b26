#!/usr/bin/env bash
# Installs everything closingdocs needs into ./.venv from the project's own files.
# Python packages come from PyPI, each at the version constraints.txt pins (make constraints
# regenerates it); the one system library pip cannot provide
# (HarfBuzz's font subsetter, which makes PDF output fast) comes from Debian.
set -euo pipefail
cd "$(dirname "$0")/.."
VENV=${VENV:-.venv}
PYTHON=${PYTHON:-python3}

say() { printf 'setup: %s\n' "$*" >&2; }

if ! "$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
    say "closingdocs needs Python 3.11 or newer; '$PYTHON' is $("$PYTHON" --version 2>&1 || echo missing)."
    exit 1
fi

# The shared libraries the system has, read in full before searching (under pipefail, `ldconfig -p | grep -q`
# fails whenever grep stops reading before ldconfig has written everything: a library present is then "missing").
has_library() { grep -q "$1" <<<"$(ldconfig -p 2>/dev/null || true)"; }

# HarfBuzz subsetter: WeasyPrint uses it when present, otherwise the much slower fontTools.
if ! has_library 'libharfbuzz-subset\.so\.0'; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
        say "installing Debian package libharfbuzz-subset0 (fast PDF font subsetting)"
        if ! DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends libharfbuzz-subset0 >/dev/null 2>&1; then
            apt-get update -qq >/dev/null 2>&1 || true
            DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends libharfbuzz-subset0 >/dev/null 2>&1 \
                || say "WARNING: could not install libharfbuzz-subset0; PDFs will still be correct but slower to write. Install it with: apt-get install libharfbuzz-subset0"
        fi
    else
        say "WARNING: libharfbuzz-subset0 is not installed and this user cannot install it; PDFs will still be correct but slower to write. Ask an administrator to run: apt-get install libharfbuzz-subset0"
    fi
fi

if ! has_library 'libpango-1\.0\.so\.0'; then
    say "ERROR: Pango is not installed; WeasyPrint cannot write PDFs without it. Install the Debian package libpango-1.0-0 (and libpangoft2-1.0-0)."
    exit 1
fi

if [ ! -x "$VENV/bin/python" ]; then
    say "creating virtual environment $VENV"
    "$PYTHON" -m venv "$VENV"
fi
say "installing closingdocs and its test tools into $VENV"
"$VENV/bin/python" -m pip install --quiet --disable-pip-version-check -e '.[test]' -c constraints.txt
# Byte-compile the package: with PYTHONDONTWRITEBYTECODE set, every run would compile it again.
"$VENV/bin/python" -m compileall -q generator
touch "$VENV/.installed"
