#!/usr/bin/env bash
# Cross-language proof: types generated from the committed schemas/ in
# TypeScript (json-schema-to-typescript, checked by tsc --strict) and in
# Python (pydantic v2 models from datamodel-code-generator) read the crate's
# real output, and refuse what the crate refuses: a misspelt field, an
# answer of "4", an invisible respondent id. The generator commands are the
# README's ("JSON Schemas and other languages"), flag for flag: keep the two
# in step. Installs its own tools into a temporary folder.
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

export npm_config_loglevel=error PYTHONWARNINGS=ignore::FutureWarning

JSON2TS=json-schema-to-typescript@16.0.0
TYPESCRIPT=typescript@5.9.3
DATAMODEL=datamodel-code-generator==0.89.0
PYDANTIC=pydantic==2.14.3

echo "interop: scoring the sample team"
# The `collaboration` command: the one CI installed, or built here.
collaboration=${COLLABORATION_BIN:-}
if [ -z "$collaboration" ]; then
    (cd "$root" && cargo build --quiet --release -p collaboration-cli)
    collaboration="$root/target/release/collaboration"
fi
"$collaboration" score "$root/examples/data/team.jsonl" > "$work/report.json"
"$collaboration" each "$root/examples/data/team.jsonl" > "$work/scorecards.jsonl"

# Fails with a message when a generated type is named with a number: the
# schema has two things a generator could not tell apart (a `$ref` with a
# description beside it, or two types with one name).
no_numbered_names() {
    local kind=$1
    shift
    if grep -nE "$kind [A-Za-z_]*[0-9]+\b" "$@"; then
        echo "interop: generated type names end in a number (above)" >&2
        exit 1
    fi
}

echo "interop: TypeScript ($JSON2TS, $TYPESCRIPT)"
mkdir -p "$work/ts/types"
(
    cd "$work/ts"
    npm init -y >/dev/null 2>&1
    npm install --silent --no-audit --no-fund --loglevel=error "$JSON2TS" "$TYPESCRIPT" >/dev/null
    for schema in "$root"/schemas/*.schema.json; do
        name=$(basename "$schema" .schema.json)
        # The README's command, with no flags: the schemas themselves are
        # closed (`additionalProperties: false` on every object).
        npx --no-install json-schema-to-typescript --input "$schema" --output "types/$name.ts"
    done
    no_numbered_names '^export (interface|type|enum|const enum)' types/*.ts
    if grep -n '\[k: string\]: unknown' types/*.ts; then
        echo "interop: a generated type has an open index signature (above): some object schema is not closed" >&2
        exit 1
    fi
    # Every pattern in the schemas is an ECMA-262 regex (with and without
    # the u flag), and the respondent id's says what response::rules says.
    node - "$root/schemas" <<'JS'
const fs = require("fs");
const dir = process.argv[2];
const read = (file) => JSON.parse(fs.readFileSync(`${dir}/${file}`, "utf8"));
const patterns = new Set();
const walk = (v) => {
  if (Array.isArray(v)) v.forEach(walk);
  else if (v && typeof v === "object")
    for (const [k, x] of Object.entries(v)) typeof x === "string" && k === "pattern" ? patterns.add(x) : walk(x);
};
fs.readdirSync(dir).filter((file) => file.endsWith(".json")).forEach((file) => walk(read(file)));
for (const p of patterns) { new RegExp(p, "u"); new RegExp(p); }
const id = new RegExp(read("response.schema.json").$defs.RespondentId.pattern, "u");
const cases = [["r-07", true], ["  a  ", true], ["José", true], ["🙂", true], ["", false], ["   ", false],
  ["\u200b", false], ["\ufeff", false], ["\u00a0\u3000", false], ["a\u0007", false], ["a\u0085", false], ["a\nb", false]];
for (const [text, valid] of cases)
  if (id.test(text) !== valid) throw new Error(`respondent id ${JSON.stringify(text)}: expected ${valid}`);
console.log(`interop: ${patterns.size} schema patterns compile as JavaScript regular expressions`);
JS
    python3 - "$work" "$root/examples/data/team.jsonl" "$root/schemas/catalogue.json" > check.ts <<'PY'
import json, sys
work, team = sys.argv[1], sys.argv[2]
report = open(f"{work}/report.json").read()
cards = [line for line in open(f"{work}/scorecards.jsonl") if line.strip()]
responses = [line for line in open(team) if line.strip()]
print('import type { GroupReport } from "./types/group-report";')
print('import type { Response } from "./types/response";')
print('import type { Scorecard } from "./types/scorecard";')
print('import type { Catalogue } from "./types/catalogue";')
print(f"const report: GroupReport = {report};")
print(f"const responses: Response[] = [{','.join(responses)}];")
print(f"const cards: Scorecard[] = [{','.join(cards)}];")
print(f"const catalogue: Catalogue = {open(sys.argv[3]).read()};")
print('''
function weakest(r: GroupReport): string {
  const first = r.priorities[0];
  return first === undefined ? "none" : `${first.foundation} (${first.mean.toFixed(1)}, ${first.band})`;
}
const divided: string[] = report.foundations.filter((f) => f.divided).map((f) => f.foundation);
const means: number[] = report.foundations.map((f) => f.mean ?? 0);
const gap: number | null = report.power?.voice_gap ?? null;
const held = report.misconceptions.filter((m) => (m.share ?? 0) > 0.5).map((m) => m.misconception);
const answered: number = responses.reduce((n, r) => n + Object.keys(r.answers).length, 0);
const overall: (number | null)[] = cards.map((c) => c.overall.score);
const questions: number = catalogue.foundations.reduce((n, f) => n + f.questions.length, 0);
// The generated types reject what the crate rejects.
// @ts-expect-error: an unknown field
const typo: Response = { instrument: "collaboration-health-check", respondent: { id: "r" }, answers: {}, comment: 1 };
// @ts-expect-error: a band that does not exist
const band: GroupReport["overall"]["band"] = "excellent";
export const summary = { weakest: weakest(report), divided, means, gap, held, answered, overall, questions, typo, band };
''')
PY
    npx --no-install tsc --strict --noEmit --target es2020 --module commonjs check.ts
    # A misspelt field must not compile: each line below is one error.
    cat > typo.ts <<'TS'
import type { GroupReport } from "./types/group-report";
import type { Scorecard } from "./types/scorecard";
declare const report: GroupReport;
declare const card: Scorecard;
export const typos = [report.foundatoins, report.power?.holders.meen, card.overal];
TS
    if npx --no-install tsc --strict --noEmit --target es2020 --module commonjs typo.ts > typo.out 2>&1; then
        echo "interop: tsc --strict compiled report.foundatoins" >&2
        exit 1
    fi
    for field in foundatoins meen overal; do
        grep -q "Property '$field' does not exist" typo.out || {
            cat typo.out >&2
            echo "interop: tsc did not refuse the misspelt field $field" >&2
            exit 1
        }
    done
)
echo "interop: tsc --strict compiled the generated types with the sample report, responses and scorecards, and refused misspelt fields"

echo "interop: Python ($DATAMODEL, $PYDANTIC)"
python3 -m venv "$work/venv"
"$work/venv/bin/pip" install --quiet --disable-pip-version-check "$DATAMODEL" "$PYDANTIC"
mkdir -p "$work/py/models"
touch "$work/py/models/__init__.py"
for schema in "$root"/schemas/*.schema.json; do
    name=$(basename "$schema" .schema.json | tr '.-' '__')
    # The README's command: --strict-types makes the models strict, as the
    # crate is (no "4" for 4, no true for 1).
    "$work/venv/bin/datamodel-codegen" --input "$schema" --input-file-type jsonschema \
        --output-model-type pydantic_v2.BaseModel --strict-types str int float bool \
        --output "$work/py/models/$name.py"
done
no_numbered_names '^class' "$work"/py/models/*.py
(
    cd "$work/py"
    "$work/venv/bin/python" - "$work" "$root/examples/data/team.jsonl" <<'PY'
import json, sys
import pydantic
from models.response import Response
from models.collaboration_health_check_response import ResponseToCollaborationHealthCheck as Specific
from models.group_report import GroupReport
from models.scorecard import Scorecard

work, team = sys.argv[1], sys.argv[2]
lines = [l for l in open(team) if l.strip()]
responses = [Response.model_validate_json(l) for l in lines]
for l in lines:
    Specific.model_validate_json(l)
report = GroupReport.model_validate_json(open(f"{work}/report.json").read())
cards = [Scorecard.model_validate_json(l) for l in open(f"{work}/scorecards.jsonl") if l.strip()]
assert report.respondents == len(responses) == len(cards) == 15, report.respondents
divided = [f.foundation for f in report.foundations if f.divided]
assert divided, "the sample has a divided foundation"

# The models reject what the crate rejects.
def refused(model, doc, what):
    for validate in (lambda: model.model_validate(doc), lambda: model.model_validate_json(json.dumps(doc))):
        try:
            validate()
        except pydantic.ValidationError:
            pass
        else:
            raise SystemExit(f"{model.__name__} accepted {what}")

def changed(path, value):
    doc = json.loads(lines[0])
    *parents, last = path
    target = doc
    for key in parents:
        target = target[key]
    target[last] = value
    return doc

refused(Specific, changed(["answers", "shared-learning.1"], 6), "an answer of 6")
for model in (Response, Specific):
    refused(model, changed(["answers", "shared-learning.1"], "4"), 'the answer "4"')
    refused(model, changed(["answers", "shared-learning.1"], True), "the answer true")
    refused(model, changed(["comment"], "typo"), "an unknown field")
    refused(model, changed(["respondent", "id"], "\u200b"), "an invisible respondent id")
    refused(model, changed(["respondent", "organisation"], " "), "a blank organisation")
    refused(model, changed(["respondent", "id"], "r\u0007"), "a control character in an id")
print(f"interop: pydantic loaded {len(responses)} responses, {len(cards)} scorecards and the group report "
      f"(divided: {', '.join(str(getattr(d, 'value', d)) for d in divided)})")
PY
)
echo "interop: passed"
