#!/usr/bin/env bash
# Cross-language proof: types generated from the committed schemas/ in
# TypeScript (json-schema-to-typescript, checked by tsc --strict) and in
# Python (pydantic v2 models from datamodel-code-generator) read the crate's
# real output. Installs its own tools into a temporary folder.
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
(cd "$root" && cargo build --quiet --release --example score)
"$root/target/release/examples/score" "$root/examples/data/team.jsonl" > "$work/report.json"
"$root/target/release/examples/score" --each "$root/examples/data/team.jsonl" > "$work/scorecards.jsonl"

echo "interop: TypeScript ($JSON2TS, $TYPESCRIPT)"
mkdir -p "$work/ts/types"
(
    cd "$work/ts"
    npm init -y >/dev/null 2>&1
    npm install --silent --no-audit --no-fund --loglevel=error "$JSON2TS" "$TYPESCRIPT" >/dev/null
    for schema in "$root"/schemas/*.schema.json; do
        name=$(basename "$schema" .schema.json)
        npx --no-install json2ts --input "$schema" --output "types/$name.ts" --additionalProperties false
    done
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
const gap: number | null = report.power.voice_gap;
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
)
echo "interop: tsc --strict compiled the generated types with the sample report, responses and scorecards"

echo "interop: Python ($DATAMODEL, $PYDANTIC)"
python3 -m venv "$work/venv"
"$work/venv/bin/pip" install --quiet --disable-pip-version-check "$DATAMODEL" "$PYDANTIC"
mkdir -p "$work/py/models"
touch "$work/py/models/__init__.py"
for schema in "$root"/schemas/*.schema.json; do
    name=$(basename "$schema" .schema.json | tr '.-' '__')
    "$work/venv/bin/datamodel-codegen" --input "$schema" --input-file-type jsonschema \
        --output-model-type pydantic_v2.BaseModel --output "$work/py/models/$name.py"
done
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
bad = json.loads(lines[0])
bad["answers"]["shared-learning.1"] = 6
for model in (Specific,):
    try:
        model.model_validate(bad)
    except pydantic.ValidationError:
        pass
    else:
        raise SystemExit("the instrument-specific model accepted an answer of 6")
bad = json.loads(lines[0])
bad["comment"] = "typo"
try:
    Response.model_validate(bad)
except pydantic.ValidationError:
    pass
else:
    raise SystemExit("the Response model accepted an unknown field")
print(f"interop: pydantic loaded {len(responses)} responses, {len(cards)} scorecards and the group report "
      f"(divided: {', '.join(str(getattr(d, 'value', d)) for d in divided)})")
PY
)
echo "interop: passed"
