#!/usr/bin/env bash
# The npm package (crates/collaboration-wasm), from nothing: installs what it
# needs (the wasm32 target, the pinned wasm-bindgen-cli, binaryen, chromium,
# TypeScript), builds pkg/ once with build.sh, and runs the Node test, the
# tsc --strict check of a consumer and the headless Chromium test.
# COLLABORATION_BIN: the `collaboration` CLI, whose JSON the tests compare
# with (built here when not given).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
crate="$root/crates/collaboration-wasm"
TYPESCRIPT=typescript@5.9.3
export npm_config_loglevel=error

pinned=$(sed -n 's/^wasm-bindgen = "=\(.*\)"$/\1/p' "$crate/Cargo.toml")
echo "wasm: installing the tools (wasm32 target, wasm-bindgen-cli $pinned, binaryen, chromium)"
rustup target add wasm32-unknown-unknown >/dev/null
if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$pinned" ]; then
    # Not --locked: its lock file names a yanked webpki-roots.
    nice -n 19 cargo install --quiet wasm-bindgen-cli --version "$pinned"
fi
missing=()
command -v wasm-opt >/dev/null || missing+=(binaryen)
command -v chromium >/dev/null || missing+=(chromium)
command -v node >/dev/null || missing+=(nodejs npm)
if [ ${#missing[@]} -gt 0 ]; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

collaboration=${COLLABORATION_BIN:-}
if [ -z "$collaboration" ]; then
    (cd "$root" && nice -n 19 cargo build --quiet --release -p collaboration-cli)
    collaboration="$root/target/release/collaboration"
fi
export COLLABORATION_BIN="$collaboration"

nice -n 19 bash "$crate/build.sh"

echo "wasm: node --test"
node --test "$crate/tests/"

echo "wasm: tsc --strict on a consumer ($TYPESCRIPT)"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp "$crate/types-check/consumer.ts" "$crate/types-check/tsconfig.json" "$crate/types-check/package.json" "$work/"
(
    cd "$work"
    npm install --silent --no-audit --no-fund "$TYPESCRIPT" >/dev/null
    mkdir -p node_modules
    ln -s "$crate/pkg" node_modules/collaboration
    # No `any` in what the package declares.
    if grep -nE '(:|<|\||=>) *any\b' "$crate"/pkg/*.d.ts; then
        echo "wasm: the package's declarations use any (above)" >&2
        exit 1
    fi
    npx --no-install tsc -p tsconfig.json
)
echo "wasm: tsc --strict passed"

echo "wasm: headless Chromium"
SCREENSHOT="$work/browser.png" bash "$crate/web/browser-test.sh"
