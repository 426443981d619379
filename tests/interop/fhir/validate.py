#!/usr/bin/env python3
"""Checks the crate's FHIR output with an independent FHIR library.

    python validate.py QUESTIONNAIRE.json RESPONSES.ndjson [--instrument INSTRUMENT.json]

QUESTIONNAIRE.json is what `collaboration::forms::fhir::questionnaire`
writes, RESPONSES.ndjson one `QuestionnaireResponse` a line (as
`forms::fhir::questionnaire_response` writes them). Each is parsed with the
pydantic models of fhir.resources (its R4B package, which refuse unknown
fields and wrong types); then a few fields are checked against the
instrument definition (by default the built-in one,
schemas/collaboration-health-check.instrument.json): the questions' linkIds
are the item ids, each once, each point's option carries the itemWeight
extension with its value, n/a options carry none, and every answer is one of
its question's options. Prints counts, and exits 1 on any failure.
"""

import argparse
import json
import sys
from pathlib import Path

from fhir.resources.R4B.questionnaire import Questionnaire
from fhir.resources.R4B.questionnaireresponse import QuestionnaireResponse

ITEM_WEIGHT = "http://hl7.org/fhir/StructureDefinition/itemWeight"
ROOT = Path(__file__).resolve().parents[3]
BUILTIN = ROOT / "schemas" / "collaboration-health-check.instrument.json"

failures = []


def fail(message):
    failures.append(message)


def walk(items):
    """Every item, groups first, depth first."""
    for item in items or []:
        yield item
        yield from walk(item.item)
        for answer in getattr(item, "answer", None) or []:
            yield from walk(answer.item)


def weight(coding):
    weights = [e.valueDecimal for e in coding.extension or [] if e.url == ITEM_WEIGHT]
    return weights


def check_questionnaire(q, instrument):
    if q.status != "active":
        fail(f"questionnaire: status {q.status!r}, not 'active'")
    if q.url != f"urn:collaboration:instrument:{instrument['id']}":
        fail(f"questionnaire: url {q.url!r}")
    if q.version != instrument["version"]:
        fail(f"questionnaire: version {q.version!r}, not {instrument['version']!r}")
    scales = {s["id"]: s for s in instrument["scales"]}
    items = {i["id"]: i for i in instrument["items"]}
    groups = [i for i in q.item or []]
    if any(g.type != "group" or not g.linkId.startswith("group:") for g in groups):
        fail("questionnaire: a top-level item is not a group:… group")
    questions = [i for i in walk(q.item) if i.type != "group" and not i.linkId.startswith("respondent:")]
    link_ids = [i.linkId for i in questions]
    if sorted(link_ids) != sorted(items) or len(set(link_ids)) != len(link_ids):
        fail(f"questionnaire: the linkIds are not the item ids, each once: {link_ids}")
    elif link_ids != [i["id"] for i in instrument["items"]]:
        print("fhir check: note: the questions are grouped in another order than the instrument's items")
    options = {}
    for question in questions:
        item = items.get(question.linkId)
        if item is None:
            continue
        scale = scales[item["scale"]]
        system = f"urn:collaboration:scale:{instrument['id']}:{scale['id']}"
        if question.type != "choice":
            fail(f"{question.linkId}: type {question.type!r}, not 'choice'")
        if question.text != item["prompt"]:
            fail(f"{question.linkId}: text is not the prompt")
        codings = [o.valueCoding for o in question.answerOption or []]
        want = [str(p) for p in range(1, scale["points"] + 1)] + (["n/a"] if scale.get("not_applicable") else [])
        if [c.code for c in codings] != want:
            fail(f"{question.linkId}: codes {[c.code for c in codings]}, not {want}")
        for coding in codings:
            if coding.system != system:
                fail(f"{question.linkId}: system {coding.system!r}, not {system!r}")
            if coding.code == "n/a":
                if weight(coding):
                    fail(f"{question.linkId}: the n/a option has a weight")
                if coding.display != "Not applicable":
                    fail(f"{question.linkId}: the n/a option's display is {coding.display!r}")
                continue
            point = int(coding.code)
            if weight(coding) != [point]:
                fail(f"{question.linkId}, code {coding.code}: itemWeight {weight(coding)}, not [{point}]")
            if coding.display != scale["labels"][point - 1]:
                fail(f"{question.linkId}, code {coding.code}: display {coding.display!r}")
        options[question.linkId] = {c.code: c for c in codings}
    about = [i.linkId for i in walk(q.item) if i.linkId.startswith("respondent:")]
    if about != ["respondent:organisation", "respondent:roles", "respondent:power-sources"]:
        fail(f"questionnaire: the respondent items are {about}")
    return groups, questions, options


def check_response(where, qr, instrument, options):
    canonical = f"urn:collaboration:instrument:{instrument['id']}|{instrument['version']}"
    if qr.questionnaire != canonical:
        fail(f"{where}: questionnaire {qr.questionnaire!r}, not {canonical!r}")
    if qr.status != "completed":
        fail(f"{where}: status {qr.status!r}")
    if qr.identifier is None or qr.identifier.system != "urn:collaboration:respondent" or not qr.identifier.value:
        fail(f"{where}: no respondent identifier")
    answers = 0
    for item in walk(qr.item):
        if item.linkId.startswith("group:") or item.linkId.startswith("respondent:"):
            continue
        allowed = options.get(item.linkId)
        if allowed is None:
            fail(f"{where}: linkId {item.linkId!r} is no item of the instrument")
            continue
        if len(item.answer or []) != 1:
            fail(f"{where}, {item.linkId}: {len(item.answer or [])} answers")
            continue
        coding = item.answer[0].valueCoding
        option = allowed.get(coding.code) if coding else None
        if option is None:
            fail(f"{where}, {item.linkId}: the answer is none of the options")
            continue
        if (coding.system, coding.display, weight(coding)) != (option.system, option.display, weight(option)):
            fail(f"{where}, {item.linkId}: the answer differs from its option {coding.code}")
        answers += 1
    return answers


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("questionnaire")
    parser.add_argument("responses")
    parser.add_argument("--instrument", default=str(BUILTIN))
    args = parser.parse_args()
    instrument = json.loads(Path(args.instrument).read_text(encoding="utf-8"))
    try:
        q = Questionnaire.model_validate_json(Path(args.questionnaire).read_text(encoding="utf-8"))
    except Exception as err:  # pydantic's ValidationError, or bad JSON
        print(f"fhir check: the Questionnaire does not parse as FHIR: {err}", file=sys.stderr)
        return 1
    groups, questions, options = check_questionnaire(q, instrument)
    responses = answers = 0
    lines = Path(args.responses).read_text(encoding="utf-8").splitlines()
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        where = f"{args.responses} line {number}"
        try:
            qr = QuestionnaireResponse.model_validate_json(line)
        except Exception as err:
            fail(f"{where}: does not parse as a FHIR QuestionnaireResponse: {err}")
            continue
        responses += 1
        answers += check_response(where, qr, instrument, options)
    for message in failures:
        print(f"fhir check: {message}", file=sys.stderr)
    options_count = sum(len(o) for o in options.values())
    print(
        f"fhir check: Questionnaire {q.url}|{q.version}: {len(groups)} groups, {len(questions)} questions, "
        f"{options_count} answer options; {responses} QuestionnaireResponses, {answers} answers; "
        f"{len(failures)} failures"
    )
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
