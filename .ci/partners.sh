#!/usr/bin/env bash
# The partner map's exports read by a real GraphML reader: networkx's
# read_graphml reads the sample team's GraphML, and every node and edge, with
# its attributes and their types, must be the JSON map's (`collaboration
# partners`, an independent path: serde_json, not the GraphML writer). The
# SVG must parse as XML with one tie element per tie, and the CSV as CSV
# with one row per tie. Installs networkx into a temporary venv.
#
# Usage: COLLABORATION_BIN=target/release/collaboration bash .ci/partners.sh
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

NETWORKX=networkx==3.6.1

collaboration=${COLLABORATION_BIN:-}
if [ -z "$collaboration" ]; then
    (cd "$root" && cargo build --quiet --release -p collaboration-cli)
    collaboration="$root/target/release/collaboration"
fi

echo "partners: the sample team's map, network, GraphML and CSV"
"$collaboration" partners "$root/examples/data/team.jsonl" \
    --svg "$work/partners.svg" --graphml "$work/partners.graphml" --csv "$work/ties.csv" \
    > "$work/partners.json"

echo "partners: reading the GraphML with $NETWORKX"
python3 -m venv "$work/venv"
"$work/venv/bin/pip" install --quiet --disable-pip-version-check "$NETWORKX"

"$work/venv/bin/python" - "$work" <<'PY'
import csv
import json
import sys
import xml.etree.ElementTree as ET

import networkx as nx

work = sys.argv[1]
with open(f"{work}/partners.json") as f:
    partners = json.load(f)

graph = nx.read_graphml(f"{work}/partners.graphml")
assert isinstance(graph, nx.DiGraph), type(graph)
assert graph.is_directed()

# The sample team: four organisations (README), and as many edges as the
# map has ties.
organisations = partners["organisations"]
ties = partners["ties"]
assert graph.number_of_nodes() == 4, graph.number_of_nodes()
assert len(organisations) == 4
assert graph.number_of_edges() == len(ties), (graph.number_of_edges(), len(ties))

assert graph.graph["min_partner_raters"] == partners["min_partner_raters"]
assert graph.graph["suppressed_ties"] == partners["suppressed_ties"]

# Nodes are n1, n2, … with the organisation's name as their label.
name_of = {node: data["label"] for node, data in graph.nodes(data=True)}
assert sorted(name_of.values()) == sorted(o["name"] for o in organisations)
by_name = {name: node for node, name in name_of.items()}
for organisation in organisations:
    data = graph.nodes[by_name[organisation["name"]]]
    for field in ("out_ties", "in_ties"):
        assert type(data[field]) is int and data[field] == organisation[field], (organisation["name"], field)
    for field in ("seen_as", "sees", "need_gap"):
        if organisation[field] is None:
            assert field not in data, (organisation["name"], field)
        else:
            assert type(data[field]) is float and data[field] == organisation[field], (organisation["name"], field)

pairs = {}
for pair in partners["pairs"]:
    pairs[(pair["first"], pair["second"])] = pair
    pairs[(pair["second"], pair["first"])] = pair

for tie in ties:
    source, target = by_name[tie["from"]], by_name[tie["to"]]
    assert graph.has_edge(source, target), (tie["from"], tie["to"])
    data = graph.edges[source, target]
    where = f'{tie["from"]} -> {tie["to"]}'
    for field in ("raters", "trust_raters", "value_raters"):
        assert type(data[field]) is int and data[field] == tie[field], (where, field, data[field])
    for field in ("current", "needed", "need_gap"):
        assert type(data[field]) is float, (where, field)
        # Bit for bit: the GraphML writes every double in full.
        assert data[field] == tie[field], (where, field, data[field], tie[field])
    for field in ("trust", "value"):
        if tie[field] is None:
            assert field not in data, (where, field)
        else:
            assert data[field] == tie[field], (where, field)
    assert data["weight"] == tie["current"], where
    pair = pairs[(tie["from"], tie["to"])]
    for field in ("mismatched", "over_collaborating"):
        assert type(data[field]) is bool and data[field] == pair[field], (where, field)

# The hand-worked pair of the sample: City Council and Community Voice see
# their tie 6.0 and 2.5 apart, so both edges are marked mismatched.
cc, cv = by_name["City Council"], by_name["Community Voice"]
assert graph.edges[cc, cv]["mismatched"] and graph.edges[cv, cc]["mismatched"]
assert graph.edges[cc, cv]["current"] == 6.0 and graph.edges[cv, cc]["current"] == 2.5

# The SVG parses, with one tie element per tie, carrying its figures.
svg = ET.parse(f"{work}/partners.svg").getroot()
ns = "{http://www.w3.org/2000/svg}"
drawn = [g for g in svg.iter(f"{ns}g") if "tie" in g.get("class", "").split()]
assert len(drawn) == len(ties), (len(drawn), len(ties))
for tie in ties:
    found = [g for g in drawn if g.get("data-from") == tie["from"] and g.get("data-to") == tie["to"]]
    assert len(found) == 1, tie
    assert float(found[0].get("data-current")) == tie["current"]
    assert float(found[0].get("data-needed")) == tie["needed"]

# The CSV: a header and a row per tie, in the map's order.
with open(f"{work}/ties.csv", newline="") as f:
    rows = list(csv.DictReader(f))
assert len(rows) == len(ties)
for row, tie in zip(rows, ties):
    assert (row["from"], row["to"]) == (tie["from"], tie["to"])
    assert int(row["raters"]) == tie["raters"]
    assert float(row["current"]) == tie["current"] and float(row["need_gap"]) == tie["need_gap"]

print(f"partners: networkx {nx.__version__} read {graph.number_of_nodes()} nodes and "
      f"{graph.number_of_edges()} edges, every attribute the map's")
PY
