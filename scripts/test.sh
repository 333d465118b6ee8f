#!/usr/bin/env bash
# Install everything the tests need, then run every test (browser tests included).
#   scripts/test.sh                 the whole suite, as CI runs it
#   scripts/test.sh -k landscape    extra arguments go to pytest
set -euo pipefail
cd "$(dirname "$0")/.."

# Which Python: an active virtual environment; else the system's python3, unless it refuses
# `pip install` (Debian's and Ubuntu's, PEP 668): then the project's own .venv, made if missing.
if [ -z "${VIRTUAL_ENV:-}" ]; then
    if python3 -c 'import sys, sysconfig, pathlib; sys.exit(not pathlib.Path(sysconfig.get_path("stdlib"), "EXTERNALLY-MANAGED").exists())'; then
        if [ ! -x .venv/bin/python ]; then
            if ! python3 -m venv .venv 2>/dev/null; then
                echo "==> installing python3-venv with apt-get"
                [ "$(id -u)" = "0" ] || { echo "python3 -m venv failed: run 'sudo apt-get install -y python3-venv'" >&2; exit 1; }
                apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-venv >/dev/null
                rm -rf .venv && python3 -m venv .venv
            fi
        fi
        export PATH="$PWD/.venv/bin:$PATH" VIRTUAL_ENV="$PWD/.venv"
    fi
fi
PYTHON="$(command -v python || command -v python3)"
python() { "$PYTHON" "$@"; }

python -m pip install --quiet -r requirements-test.txt

# Browser tests drive the system Chromium's headless shell (never `playwright install`: it
# downloads a browser; bench/page_load.py times the full browser); the scale-out test puts nginx
# in front of two app processes.
if ! command -v chromium-headless-shell >/dev/null 2>&1 || ! command -v chromium >/dev/null 2>&1 || ! { command -v nginx || test -x /usr/sbin/nginx; } >/dev/null 2>&1; then
    if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
        echo "==> installing Chromium (and CJK fonts, so Korean renders in screenshots) and nginx with apt-get"
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-headless-shell fonts-noto-cjk nginx >/dev/null
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

# The class store's tests run on SQLite and on a throwaway PostgreSQL cluster
# (tests/support/postgres.py: initdb + pg_ctl in a temporary folder; no server is left running).
pg_installed() { command -v pg_ctl >/dev/null 2>&1 || compgen -G "/usr/lib/postgresql/*/bin/pg_ctl" >/dev/null; }
if ! pg_installed && [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "==> installing PostgreSQL with apt-get"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
fi
if pg_installed; then
    export DECAYVIZ_REQUIRE_POSTGRES=1  # from here on a cluster that fails to start fails the run
else
    echo "!!! NO POSTGRESQL: not installed and could not be (not root, or no apt-get)." >&2
    echo "!!! The store tests run on SQLite only; their PostgreSQL half is SKIPPED." >&2
fi

# Python's default: compiled modules are kept (in __pycache__/, which git ignores). With
# PYTHONDONTWRITEBYTECODE set, each test worker compiled the app's and the tests' 26,000 lines
# again and rewrote every test module's asserts again (collecting took 8.9 s instead of 5.4 s).
unset PYTHONDONTWRITEBYTECODE

echo "==> ruff"
python -m ruff check .
python -m ruff format --check .
# The tests run side by side in DECAYVIZ_TEST_WORKERS processes (pytest-xdist; 3 by default: the
# browser tests spend much of their time waiting on a page, so one more process than two cores
# keeps both busy); each process starts its own app server and browser when its tests need them.
echo "==> pytest"
python -m pytest -q -n "${DECAYVIZ_TEST_WORKERS:-3}" --dist worksteal "$@"
