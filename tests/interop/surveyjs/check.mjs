// Checks the crate's SurveyJS form with SurveyJS itself (survey-core):
//
//   node check.mjs FORM.json RESPONSES.jsonl > DATA.jsonl
//
// It loads FORM.json (what `collaboration::forms::surveyjs::form` writes)
// into `new Model(json)` and fails if a page, a question or a choice of the
// JSON is missing from the model SurveyJS built, or is of another type. Then,
// for each response of RESPONSES.jsonl (the crate's wire format, e.g.
// examples/data/team.jsonl), it answers a fresh survey with
// `survey.setValue` (each answer, `respondent_id`, the about-you questions),
// checks that each value is one of its question's choices and that
// `survey.validate()` finds nothing wrong, completes the survey and prints
// `survey.data` as one JSON line: what a web page would send to the crate's
// `forms::surveyjs::response`.
//
// Exits 1 with a message on stderr at the first failure.

import { readFileSync } from "node:fs";
import { Model } from "survey-core";

const [formPath, responsesPath] = process.argv.slice(2);
if (!formPath || !responsesPath) {
  console.error("usage: node check.mjs FORM.json RESPONSES.jsonl > DATA.jsonl");
  process.exit(2);
}

function fail(message) {
  console.error(`surveyjs check: ${message}`);
  process.exit(1);
}

const json = JSON.parse(readFileSync(formPath, "utf8"));
const BUILTIN = "collaboration-health-check";
const BUILTIN_ITEMS = 31;
const ABOUT_YOU = {
  respondent_organisation: "text",
  respondent_roles: "checkbox",
  respondent_power_sources: "checkbox",
};

// The model SurveyJS builds must have every page, question and choice of
// the JSON, as written.
function checkModel(survey) {
  if (survey.jsonErrors && survey.jsonErrors.length > 0) {
    fail(`SurveyJS reported errors in the form JSON: ${survey.jsonErrors.map((e) => e.message).join("; ")}`);
  }
  if (survey.pages.length !== json.pages.length) {
    fail(`the form has ${json.pages.length} pages, the model ${survey.pages.length}`);
  }
  let radiogroups = 0;
  for (const page of json.pages) {
    const built = survey.getPageByName(page.name);
    if (!built) fail(`page ${page.name} is missing from the model`);
    if (built.title !== page.title) fail(`page ${page.name}: title ${built.title}, not ${page.title}`);
    if (built.questions.length !== page.elements.length) {
      fail(`page ${page.name}: ${built.questions.length} questions, not ${page.elements.length}`);
    }
    for (const element of page.elements) {
      const q = survey.getQuestionByName(element.name);
      if (!q) fail(`question ${element.name} is missing from the model`);
      if (q.page !== built) fail(`question ${element.name} is not on page ${page.name}`);
      if (q.getType() !== element.type) fail(`question ${element.name} is a ${q.getType()}, not a ${element.type}`);
      if (q.title !== element.title) fail(`question ${element.name}: title ${q.title}, not ${element.title}`);
      if (q.isRequired) fail(`question ${element.name} is required`);
      if (element.type === "radiogroup") radiogroups += 1;
      const want = (element.choices || []).map((c) => JSON.stringify([c.value, c.text]));
      const have = (q.choices || []).map((c) => JSON.stringify([c.value, c.text]));
      if (JSON.stringify(want) !== JSON.stringify(have)) {
        fail(`question ${element.name}: choices ${have.join(" ")}, not ${want.join(" ")}`);
      }
    }
  }
  for (const [name, type] of Object.entries(ABOUT_YOU)) {
    const q = survey.getQuestionByName(name);
    if (!q || q.getType() !== type) fail(`the about-you question ${name} (${type}) is missing`);
  }
  return radiogroups;
}

function choose(survey, name, value) {
  const q = survey.getQuestionByName(name);
  if (!q) fail(`no question ${name} for the answer ${JSON.stringify(value)}`);
  const values = Array.isArray(value) ? value : [value];
  for (const v of values) {
    if (!q.choices.some((c) => c.value === v)) fail(`${name}: ${JSON.stringify(v)} is not one of its choices`);
  }
  survey.setValue(name, value);
  if (JSON.stringify(q.value) !== JSON.stringify(value)) {
    fail(`${name}: set ${JSON.stringify(value)}, the question holds ${JSON.stringify(q.value)}`);
  }
}

const radiogroups = checkModel(new Model(json));
let count = 0;
const lines = readFileSync(responsesPath, "utf8").split("\n");
for (const [index, line] of lines.entries()) {
  if (line.trim() === "") continue;
  const response = JSON.parse(line);
  const where = `${responsesPath} line ${index + 1}`;
  if (response.instrument === BUILTIN && radiogroups !== BUILTIN_ITEMS) {
    fail(`the form of ${BUILTIN} has ${radiogroups} radiogroup questions, not ${BUILTIN_ITEMS}`);
  }
  const survey = new Model(json);
  for (const [item, value] of Object.entries(response.answers)) choose(survey, item, value);
  const who = response.respondent;
  survey.setValue("respondent_id", who.id);
  if (who.organisation !== undefined) {
    survey.setValue("respondent_organisation", who.organisation);
    if (survey.getQuestionByName("respondent_organisation").value !== who.organisation) {
      fail(`${where}: the organisation did not reach its question`);
    }
  }
  if (who.roles && who.roles.length > 0) choose(survey, "respondent_roles", who.roles);
  if (who.power_sources && who.power_sources.length > 0) choose(survey, "respondent_power_sources", who.power_sources);
  if (!survey.validate(false, false)) fail(`${where}: SurveyJS finds errors in the answers`);
  survey.doComplete();
  if (survey.state !== "completed") fail(`${where}: the survey is ${survey.state}, not completed`);
  process.stdout.write(`${JSON.stringify(survey.data)}\n`);
  count += 1;
}
console.error(`surveyjs check: ${survey_summary(radiogroups, count)}`);

function survey_summary(questions, responses) {
  return `the form loads with ${json.pages.length} pages and ${questions} radiogroup questions; ${responses} responses answered, validated and completed`;
}
