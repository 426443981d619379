#!/usr/bin/env bash
# The package in a real browser: Debian's headless Chromium opens web/index.html
# (served on the loopback address by python's http.server), which imports
# pkg/index.js as an ES module, scores the sample team's first response and
# draws the radar. The DOM is read back and checked against the Rust CLI's
# scorecard (`collaboration each`) of the same response; a screenshot is
# written to $SCREENSHOT (default: web/browser.png).
#   COLLABORATION_BIN=target/release/collaboration bash crates/collaboration-wasm/web/browser-test.sh
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
root=$(cd "$here/../.." && pwd)
bin=${COLLABORATION_BIN:-$root/target/release/collaboration}
shot=${SCREENSHOT:-$here/web/browser.png}
chromium=$(command -v chromium || command -v chromium-browser)
work=$(mktemp -d)
cleanup() { [ -n "${server:-}" ] && kill "$server" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT

cp "$root/examples/data/team.jsonl" "$here/web/team.jsonl"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
python3 -m http.server "$port" --bind 127.0.0.1 --directory "$here" >"$work/server.log" 2>&1 &
server=$!
for _ in $(seq 50); do python3 -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:$port/web/index.html')" 2>/dev/null && break; sleep 0.1; done
url="http://127.0.0.1:$port/web/index.html"
flags=(--headless --no-sandbox --disable-gpu --hide-scrollbars --virtual-time-budget=10000 --user-data-dir="$work/profile")
"$chromium" "${flags[@]}" --dump-dom "$url" >"$work/dom.html" 2>"$work/chromium.log"
"$chromium" "${flags[@]}" --window-size=900,1100 --screenshot="$shot" "$url" >/dev/null 2>>"$work/chromium.log"
head -n 1 "$root/examples/data/team.jsonl" | "$bin" each - >"$work/card.json"
python3 - "$work/dom.html" "$work/card.json" <<'PY'
import json, re, sys
dom = open(sys.argv[1]).read()
card = json.load(open(sys.argv[2]))
state = re.search(r'id="status" data-state="(\w+)"', dom)
assert state and state.group(1) == "done", "the page did not score: " + re.sub(r"\s+", " ", dom)[:600]
assert "<svg" in dom and "</svg>" in dom, "no radar in the page"
shown = dict(re.findall(r'data-foundation="([a-z-]+)" data-score="([^"]*)"', dom))
expected = {f["foundation"]: f["score"] for f in card["foundations"]}
assert len(shown) == len(expected) == 6, (shown, expected)
for name, score in expected.items():
    assert float(shown[name]) == score, (name, shown[name], score)
overall = re.search(r'id="overall" data-score="([^"]*)"', dom).group(1)
assert float(overall) == card["overall"]["score"], (overall, card["overall"])
print(f"browser: 6 foundation scores and overall {overall} match the Rust scorecard; the radar is drawn")
PY
echo "browser: screenshot $shot"
