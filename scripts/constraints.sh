#!/usr/bin/env bash
# Regenerates constraints.txt, the exact version of every package closingdocs and its test tools
# install (scripts/setup.sh installs with `-c constraints.txt`): closingdocs[test] goes into a fresh
# virtual environment, holding the current pins where they still fit pyproject.toml (a dependency
# added since is resolved to its newest allowed release), and `pip freeze --exclude-editable` of that
# environment is the new file.  UPGRADE=1 resolves everything afresh, to the newest releases
# pyproject.toml allows.  Run it as `make constraints` (or `make constraints UPGRADE=1`).
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3}

say() { printf 'constraints: %s\n' "$*" >&2; }

work=$(mktemp -d)
trap 'rm -rf "$work" constraints.txt.new' EXIT
say "creating a fresh virtual environment"
"$PYTHON" -m venv "$work/venv"
pip=("$work/venv/bin/python" -m pip --disable-pip-version-check)
if [ -n "${UPGRADE:-}" ]; then
    say "installing closingdocs[test] at the newest releases pyproject.toml allows"
    "${pip[@]}" install --quiet -e '.[test]'
elif ! "${pip[@]}" install --quiet -e '.[test]' -c constraints.txt; then
    say "ERROR: pyproject.toml's requirements no longer fit the pins in constraints.txt; resolve afresh with: make constraints UPGRADE=1"
    exit 1
fi
{
    cat <<'HEADER'
# Every package of the environment closingdocs is tested in, at the exact version tested:
# scripts/setup.sh (make setup / make test / make demo) installs closingdocs[test] with
# `-c constraints.txt`, so the same inputs give the same bytes (fontTools and pydyf write the PDFs,
# lxml the DOCX; a holidays release can move a deadline). tests/test_dependencies.py fails when the
# installed versions differ from these.
#
# Do not edit by hand. Regenerate with `make constraints` (scripts/constraints.sh): closingdocs[test]
# installed into a fresh virtual environment, holding these pins where they still fit pyproject.toml
# (a new dependency gets its newest allowed release), then `pip freeze --exclude-editable`.
# `make constraints UPGRADE=1` moves everything to the newest releases pyproject.toml allows.
HEADER
    echo "# Python $("$work/venv/bin/python" -c 'import sys; print("%d.%d" % sys.version_info[:2])')"
    "${pip[@]}" freeze --exclude-editable
} > constraints.txt.new
mv constraints.txt.new constraints.txt
say "wrote constraints.txt ($(grep -c '==' constraints.txt) packages); make setup installs them"
