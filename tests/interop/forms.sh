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
"$collaboration" score "$team" > "$work/team-report.json"
cmp "$work/fhir-report.json" "$work/team-report.json"
echo "forms: the QuestionnaireResponses score to the team's report, byte for byte"
