#!/usr/bin/env python3
"""Writes the form-tool export fixtures of tests/test_import.rs from the
sample team (examples/data/team.jsonl), each laid out as its tool documents
its export:

- Google Forms (Responses > Download (.csv)): `Timestamp`, `Email Address`,
  one column per question titled as the question, a multiple-choice grid as
  one column per row titled `Grid title [Row]`, checkboxes joined by ", ",
  the choice's text in each cell.
- Microsoft Forms (Open in Excel, .xlsx): `Id`, `Start time`, `Completion
  time`, `Email` ("anonymous"), `Name`, then one column per question (a
  Likert question one column per statement), choices' text, several choices
  joined by ";" with a trailing ";".
- Qualtrics (Export data > CSV, numeric values): three header rows (the
  export tags, the question text with a matrix as `Question - Statement`,
  and `{"ImportId": ...}`), the recode values in the cells.
- SurveyMonkey (All responses data > CSV, expanded): two header rows, the
  question on the first (once, over its columns) and on the second the
  answer option or matrix row, or "Response" / "Open-Ended Response"; a
  multiple-answer question one column per option, holding the option's
  text when chosen.

Run it from the repository root: `python3 tests/data/import/make.py`
(`pip install openpyxl==3.1.5` for the workbook). The fixtures are
committed; the test reads them, not this script.
"""
import csv
import datetime
import json
import os

ROOT = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.abspath(os.path.join(ROOT, "..", "..", ".."))

team = [json.loads(l) for l in open(os.path.join(REPO, "examples/data/team.jsonl")) if l.strip()]
inst = json.load(open(os.path.join(REPO, "schemas/collaboration-health-check.instrument.json")))
scales = {s["id"]: s for s in inst["scales"]}
items = inst["items"]
ROLE = {"system-leader": "System leader", "system-activist": "System activist", "system-steward": "System steward"}
POWER = {"financial": "Financial", "knowledge": "Knowledge", "positional": "Positional", "networks": "Networks"}
GRID = {
    "collaborative-mindset": "Mindset",
    "healthy-trusting-relationships": "Trust",
    "shared-vision-and-purpose": "Vision",
    "collaborative-behaviours": "Behaviours",
    "shared-learning": "Learning",
    "collaborative-infrastructure": "Infrastructure",
}


def group(item):
    kind, value = next(iter(item["measures"].items()))
    if kind == "foundation":
        return GRID[value]
    return {"power": "Power", "misconception": "Beliefs", "spectrum": None}[kind]


def label(item, answer, na="Not applicable"):
    if answer is None:
        return ""
    if answer == "n/a":
        return na
    return scales[item["scale"]]["labels"][answer - 1]


def when(i):
    return datetime.datetime(2026, 3, 2, 9, 0, 0) + datetime.timedelta(minutes=37 * i)


def google():
    header = ["Timestamp", "Email Address", "Organisation", "Roles", "Power sources"]
    for item in items:
        g = group(item)
        header.append(item["prompt"] if g is None else f"{g} [{item['prompt']}]")
    rows = [header]
    for i, r in enumerate(team):
        who = r["respondent"]
        row = [
            when(i).strftime("%Y/%m/%d %I:%M:%S %p GMT"),
            f"{who['id']}@example.org",
            who.get("organisation", ""),
            ", ".join(ROLE[x] for x in who.get("roles", [])),
            ", ".join(POWER[x] for x in who.get("power_sources", [])),
        ]
        row += [label(item, r["answers"].get(item["id"])) for item in items]
        rows.append(row)
    with open(os.path.join(ROOT, "google-forms.csv"), "w", newline="") as f:
        csv.writer(f).writerows(rows)


def microsoft():
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "Sheet1"
    ws.append(["Id", "Start time", "Completion time", "Email", "Name", "Organisation", "Roles", "Power sources"]
              + [item["prompt"] for item in items])
    for i, r in enumerate(team):
        who = r["respondent"]
        multi = lambda names: "".join(n + ";" for n in names)
        ws.append([i + 1, when(i), when(i) + datetime.timedelta(minutes=9), "anonymous", None,
                   who.get("organisation"),
                   multi(ROLE[x] for x in who.get("roles", [])) or None,
                   multi(POWER[x] for x in who.get("power_sources", [])) or None]
                  + [label(item, r["answers"].get(item["id"]), "n/a") or None for item in items])
    wb.save(os.path.join(ROOT, "microsoft-forms.xlsx"))


def qualtrics():
    meta = ["StartDate", "EndDate", "Status", "IPAddress", "Progress", "Duration (in seconds)", "Finished",
            "RecordedDate", "ResponseId", "RecipientLastName", "RecipientFirstName", "RecipientEmail",
            "ExternalReference", "LocationLatitude", "LocationLongitude", "DistributionChannel", "UserLanguage"]
    words = ["Start Date", "End Date", "Response Type", "IP Address", "Progress", "Duration (in seconds)",
             "Finished", "Recorded Date", "Response ID", "Recipient Last Name", "Recipient First Name",
             "Recipient Email", "External Data Reference", "Location Latitude", "Location Longitude",
             "Distribution Channel", "User Language"]
    ids = ['{"ImportId":"startDate","timeZone":"Europe/London"}', '{"ImportId":"endDate","timeZone":"Europe/London"}',
           '{"ImportId":"status"}', '{"ImportId":"ipAddress"}', '{"ImportId":"progress"}', '{"ImportId":"duration"}',
           '{"ImportId":"finished"}', '{"ImportId":"recordedDate","timeZone":"Europe/London"}', '{"ImportId":"_recordId"}',
           '{"ImportId":"recipientLastName"}', '{"ImportId":"recipientFirstName"}', '{"ImportId":"recipientEmail"}',
           '{"ImportId":"externalDataReference"}', '{"ImportId":"locationLatitude"}', '{"ImportId":"locationLongitude"}',
           '{"ImportId":"distributionChannel"}', '{"ImportId":"userLanguage"}']
    tags, texts, imports = list(meta), list(words), list(ids)
    tags += ["Q1", "Q2", "Q3"]
    texts += ["Organisation", "Roles", "Power sources"]
    imports += ['{"ImportId":"QID1_TEXT"}', '{"ImportId":"QID2"}', '{"ImportId":"QID3"}']
    blocks = {}
    for item in items:
        g = group(item) or "Spectrum"
        q = blocks.setdefault(g, (len(blocks) + 4, []))
        q[1].append(item)
    for g, (number, members) in blocks.items():
        for k, item in enumerate(members, 1):
            tags.append(f"Q{number}_{k}")
            texts.append(f"{g} - {item['prompt']}")
            imports.append(f'{{"ImportId":"QID{number}_{k}"}}')
    rows = [tags, texts, imports]
    order = [item for _, (_, members) in blocks.items() for item in members]
    for i, r in enumerate(team):
        who = r["respondent"]
        start = when(i)
        row = [start.strftime("%Y-%m-%d %H:%M:%S"), (start + datetime.timedelta(minutes=9)).strftime("%Y-%m-%d %H:%M:%S"),
               "0", "192.0.2.%d" % (i + 10), "100", "540", "1", start.strftime("%Y-%m-%d %H:%M:%S"),
               "R_%015d" % (7340000 + i), "", "", "", "", "51.50", "-0.12", "anonymous", "EN-GB"]
        row += [who.get("organisation", ""),
                ",".join(ROLE[x] for x in who.get("roles", [])),
                ",".join(POWER[x] for x in who.get("power_sources", []))]
        for item in order:
            a = r["answers"].get(item["id"])
            # Recode values: the scale's points, and 6 for "Not applicable".
            row.append("" if a is None else "6" if a == "n/a" else str(a))
        rows.append(row)
    with open(os.path.join(ROOT, "qualtrics.csv"), "w", newline="") as f:
        csv.writer(f).writerows(rows)


def surveymonkey():
    first = ["Respondent ID", "Collector ID", "Start Date", "End Date", "IP Address", "Email Address", "First Name",
             "Last Name", "Custom Data 1", "Organisation"]
    second = ["", "", "", "", "", "", "", "", "", "Open-Ended Response"]
    first += ["Roles"] + [""] * (len(ROLE) - 1)
    second += list(ROLE.values())
    first += ["Power sources"] + [""] * (len(POWER) - 1)
    second += list(POWER.values())
    matrices = {}
    for item in items:
        g = group(item)
        if g is None:
            first.append(item["prompt"])
            second.append("Response")
        else:
            first.append(f"How far is this true of your partnership? ({g})" if g not in matrices else "")
            matrices[g] = True
            second.append(item["prompt"])
    rows = [first, second]
    for i, r in enumerate(team):
        who = r["respondent"]
        start = when(i)
        row = [str(118400000000 + 7 * i), "431700000", start.strftime("%m/%d/%Y %I:%M:%S %p"),
               (start + datetime.timedelta(minutes=9)).strftime("%m/%d/%Y %I:%M:%S %p"), "", "", "", "", "",
               who.get("organisation", "")]
        row += [ROLE[x] if x in who.get("roles", []) else "" for x in ROLE]
        row += [POWER[x] if x in who.get("power_sources", []) else "" for x in POWER]
        row += [label(item, r["answers"].get(item["id"]), "N/A") for item in items]
        rows.append(row)
    with open(os.path.join(ROOT, "surveymonkey.csv"), "w", newline="") as f:
        csv.writer(f).writerows(rows)


def unlabeled():
    """A workbook of one's own with a column of notes and no header for it
    (column C): it must be reported, not passed over."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["Respondent", "shared-learning.1"])
    ws.append(["a", 4, "called back on Tuesday"])
    ws.append(["b", 2])
    wb.save(os.path.join(ROOT, "no-header-column.xlsx"))


google()
qualtrics()
surveymonkey()
microsoft()
unlabeled()
