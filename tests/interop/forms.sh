#!/usr/bin/env bash
# The forms out, checked by the tools they are for, and read back:
# - SurveyJS: the form of the built-in instrument loads in survey-core
#   (Node), is answered with the sample team's responses, and the
#   `survey.data` it gives imports and scores to exactly the team's
#   scorecards (tests/interop/surveyjs).
# - FHIR R4: the Questionnaire and the team's QuestionnaireResponses parse
#   with fhir.resources' R4B models (Python), and the responses score to
#   exactly the team's report (tests/interop/fhir).
# Installs its own tools into a temporary folder.
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export npm_config_loglevel=error

collaboration=${COLLABORATION_BIN:-}
if [ -z "$collaboration" ]; then
    (cd "$root" && cargo build --quiet --release -p collaboration-cli)
    collaboration="$root/target/release/collaboration"
fi
team="$root/examples/data/team.jsonl"

echo "forms: SurveyJS in survey-core"
"$collaboration" export surveyjs -o "$work/form.json"
cp -r "$root/tests/interop/surveyjs" "$work/surveyjs"
(cd "$work/surveyjs" && npm ci --no-audit --no-fund > /dev/null)
node "$work/surveyjs/check.mjs" "$work/form.json" "$team" > "$work/data.jsonl"
"$collaboration" import --input-format surveyjs "$work/data.jsonl" -o "$work/from-surveyjs.jsonl"
"$collaboration" each "$work/from-surveyjs.jsonl" > "$work/surveyjs-cards.jsonl"
"$collaboration" each "$team" > "$work/team-cards.jsonl"
cmp "$work/surveyjs-cards.jsonl" "$work/team-cards.jsonl"
echo "forms: survey.data of 15 completed surveys scores to the team's 15 scorecards, byte for byte"

echo "forms: FHIR R4 in fhir.resources (R4B models)"
"$collaboration" export fhir -o "$work/questionnaire.json"
"$collaboration" export fhir-responses "$team" -o "$work/responses.ndjson"
python3 -m venv "$work/venv"
"$work/venv/bin/pip" install --quiet -r "$root/tests/interop/fhir/requirements.txt"
"$work/venv/bin/python" "$root/tests/interop/fhir/validate.py" "$work/questionnaire.json" "$work/responses.ndjson"
"$collaboration" score "$work/responses.ndjson" > "$work/fhir-report.json"
# A QuestionnaireResponse carries the answers and the respondent, not the
# partner ratings (docs/forms.md): the team's report without them.
python3 -c 'import json, sys
for line in open(sys.argv[1]):
    if line.strip():
        r = json.loads(line); r.pop("partners", None); print(json.dumps(r))' "$team" > "$work/team-answers.jsonl"
"$collaboration" score "$work/team-answers.jsonl" > "$work/team-report.json"
cmp "$work/fhir-report.json" "$work/team-report.json"
echo "forms: the QuestionnaireResponses score to the team's report (without its partner ratings), byte for byte"
