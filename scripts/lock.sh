#!/usr/bin/env bash
# Re-pin requirements/*.txt from pyproject.toml ranges in throw-away venvs.
set -euo pipefail
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
python3 -m venv "$tmp/base" && "$tmp/base/bin/pip" install -q -U pip
"$tmp/base/bin/pip" install -q ".[postgres,redis]"
{ echo "# Pinned runtime dependencies. Regenerate: scripts/lock.sh"; "$tmp/base/bin/pip" freeze --exclude wspolnie; } > requirements/base.txt
"$tmp/base/bin/pip" install -q ".[postgres,redis,test]"
{ echo "# Pinned test dependencies. Regenerate: scripts/lock.sh"; echo "-r base.txt";
  "$tmp/base/bin/pip" freeze --exclude wspolnie | grep -vxFf <(grep -v '^#' requirements/base.txt); } > requirements/test.txt
rm -rf "$tmp"
