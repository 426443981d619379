#!/usr/bin/env bash
# Builds the npm package into crates/collaboration-wasm/pkg (git-ignored):
#
#   1. cargo: the crate for wasm32-unknown-unknown, profile wasm-release
#      (the root Cargo.toml: release, optimised for size, with LTO);
#   2. wasm-bindgen (--target web): the module's JavaScript glue and .d.ts;
#   3. wasm-opt -Oz --converge (Debian's binaryen): the module, smaller;
#   4. json-schema-to-typescript: the wire types, from the committed
#      schemas/, so the .d.ts names the crate's own shapes;
#   5. the entry points (index.js for browsers and bundlers, node.js for
#      Node), package.json and the README.
#
# Needs: rustup's wasm32-unknown-unknown target, wasm-bindgen-cli of the
# version pinned in Cargo.toml, wasm-opt, node and npm (.ci/wasm.sh installs
# them all). Run from anywhere: bash crates/collaboration-wasm/build.sh
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
pkg="$here/pkg"
JSON2TS=json-schema-to-typescript@16.0.0

# The wasm-bindgen CLI must be the version the crate is built with.
pinned=$(sed -n 's/^wasm-bindgen = "=\(.*\)"$/\1/p' "$here/Cargo.toml")
found=$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)
if [ "$found" != "$pinned" ]; then
    echo "build.sh: wasm-bindgen $pinned is needed (found: ${found:-none}); cargo install wasm-bindgen-cli --version $pinned" >&2
    exit 1
fi

echo "build.sh: cargo build (wasm32-unknown-unknown, wasm-release)"
(cd "$root" && cargo build --quiet -p collaboration-wasm --target wasm32-unknown-unknown --profile wasm-release)
target_dir=$(cd "$root" && cargo metadata --format-version 1 --no-deps | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).target_directory))')
wasm="$target_dir/wasm32-unknown-unknown/wasm-release/collaboration_wasm.wasm"

tools=$(mktemp -d)
trap 'rm -rf "$tools"' EXIT
rm -rf "$pkg"
mkdir -p "$pkg/types"
echo "build.sh: wasm-opt -Oz --converge"
# Before wasm-bindgen, which then adds its externref table: Debian's
# binaryen (108) would spoil that table. The features are those rustc's wasm32 target enables by default.
# --converge: -Oz again until the module stops shrinking (about 1 KB gzipped).
wasm-opt -Oz --converge --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
    --enable-mutable-globals --enable-multivalue \
    --enable-reference-types "$wasm" -o "$tools/opt.wasm"

echo "build.sh: wasm-bindgen $pinned"
wasm-bindgen --target web --out-dir "$pkg" --out-name collaboration "$tools/opt.wasm"

# wasm-bindgen declares the module's raw exports (InitOutput) with `any`
# for the values that cross as externref; `unknown` is as true of them and
# keeps `any` out of every declaration the package exports.
sed -i -E 's/([(:,] *|=> *)any\b/\1unknown/g' "$pkg/collaboration.d.ts" "$pkg/collaboration_bg.wasm.d.ts"
# wasm-bindgen's InitInput means fetch's Response, which the wire type
# Response imported into the same file would otherwise stand for.
sed -i -E 's/^(export type InitInput = RequestInfo \| URL \| )Response \|/\1globalThis.Response |/' "$pkg/collaboration.d.ts"
grep -q '^export type InitInput = RequestInfo | URL | globalThis.Response |' "$pkg/collaboration.d.ts" || {
    echo "build.sh: wasm-bindgen's InitInput has changed shape; check its Response" >&2
    exit 1
}
if grep -nwE 'any' "$pkg/collaboration.d.ts" "$pkg/collaboration_bg.wasm.d.ts"; then
    echo "build.sh: wasm-bindgen's declarations still use any (above)" >&2
    exit 1
fi

echo "build.sh: TypeScript types from schemas/ ($JSON2TS)"
(
    cd "$tools"
    npm init -y >/dev/null 2>&1
    npm install --silent --no-audit --no-fund --loglevel=error "$JSON2TS" >/dev/null
    for schema in "$root"/schemas/*.schema.json; do
        name=$(basename "$schema" .schema.json)
        case "$name" in collaboration-health-check.response) continue ;; esac
        npx --no-install json-schema-to-typescript --input "$schema" --output "$pkg/types/$name.d.ts"
    done
)
cp "$here/js/types.d.ts" "$here/js/index.js" "$here/js/index.d.ts" "$here/js/node.js" "$here/js/node.d.ts" "$pkg/"
cp "$here/README.md" "$pkg/README.md"
cp "$root/LICENSE-MIT" "$root/LICENSE-APACHE" "$pkg/"
version=$(sed -n 's/^version = "\(.*\)"$/\1/p' "$here/Cargo.toml" | head -n 1)
sed "s/@VERSION@/$version/" "$here/js/package.json" > "$pkg/package.json"

raw=$(stat -c %s "$pkg/collaboration_bg.wasm")
gz=$(gzip -9 -c "$pkg/collaboration_bg.wasm" | wc -c)
echo "build.sh: pkg/collaboration_bg.wasm is $raw bytes, $gz gzipped (gzip -9)"
