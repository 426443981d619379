#!/usr/bin/env bash
# The Python package, crates/collaboration-py, as a user installs it: a fresh
# virtual environment, `pip install ./crates/collaboration-py` (maturin from
# PyPI builds the extension, once, in release mode), then pytest (with the
# Dask run on a LocalCluster of worker processes) and mypy --strict on a
# consumer of the stub.
#
# COLLABORATION_BIN: the built `collaboration` command (.ci/run installs it),
# the Rust side of the cross-checks; without it the tests build it with cargo.
# COLLABORATION_README: the README whose "## Python" section the tests run
# (the repository's README.md by default).
#
# Spark is not run here: pyspark and a JDK from apt would add a few hundred
# megabytes and minutes to CI; its recipe is documented in docs/python.md.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n== %s\n' "$*"; }

venv=target/ci-python
step "a fresh virtual environment in $venv"
rm -rf "$venv"
if ! python3 -m venv "$venv" 2>/dev/null; then
    # Debian keeps venv (ensurepip) in its own package.
    apt-get update -qq && apt-get install -y -qq python3-venv >/dev/null
    rm -rf "$venv"
    python3 -m venv "$venv"
fi
python=$PWD/$venv/bin/python
"$python" -m pip install --quiet --upgrade pip

step "pip install ./crates/collaboration-py"
"$python" -m pip install --quiet ./crates/collaboration-py
"$python" -c 'import collaboration; print("collaboration", collaboration.builtin_instrument())'

step "test tools"
# Pinned: the versions the tests were written and measured with.
"$python" -m pip install --quiet \
    pytest==9.2.0 mypy==2.4.1 pandas==3.1.1 pandas-stubs==3.1.0.261029 \
    "dask[distributed]==2026.8.0" polars==2.1.0

step "pytest crates/collaboration-py/tests"
# From the tests' directory, so that `collaboration` is the installed
# package, not the source tree.
(cd crates/collaboration-py/tests && "$python" -m pytest -q -p no:cacheprovider .)

step "mypy --strict on a consumer of every function"
(cd crates/collaboration-py/tests && "$python" -m mypy --strict --no-incremental consumer.py)

echo
echo "python.sh passed"
