#!/usr/bin/env bash
# Install everything the tests need, then run every test (browser tests included).
#   scripts/test.sh                 the whole suite, as CI runs it
#   scripts/test.sh -k landscape    extra arguments go to pytest
set -euo pipefail
cd "$(dirname "$0")/.."

python -m pip install --quiet -r requirements-test.txt

# Browser tests drive the system Chromium (never `playwright install`: it downloads a browser);
# the scale-out test puts nginx in front of two app processes.
if ! command -v chromium >/dev/null 2>&1 || ! { command -v nginx || test -x /usr/sbin/nginx; } >/dev/null 2>&1; then
    if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
        echo "==> installing Chromium (and CJK fonts, so Korean renders in screenshots) and nginx with apt-get"
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk nginx >/dev/null
    fi
fi
if command -v chromium >/dev/null 2>&1; then
    export DECAYVIZ_REQUIRE_BROWSER=1  # from here on a missing browser fails the run
else
    echo "!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!" >&2
    echo "!!! NO BROWSER: chromium is not installed and could not be (not root, or no" >&2
    echo "!!! apt-get). The browser tests will be SKIPPED; everything else runs." >&2
    echo "!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!" >&2
fi

echo "==> ruff"
python -m ruff check .
echo "==> pytest"
python -m pytest -q "$@"
