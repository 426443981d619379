# The JSON Lines of gen-batch as a form tool writes them: a CSV with a
# header of respondent fields and prompts, and the scale labels in the cells.
# Used by .ci/run to check that a 200 000-row export scores in bounded
# memory to the very report of its JSON Lines.
import csv, json, sys
inst = json.load(open("schemas/collaboration-health-check.instrument.json"))
items = inst["items"]; scales = {s["id"]: s for s in inst["scales"]}
w = csv.writer(sys.stdout)
w.writerow(["Respondent", "Organisation", "Roles", "Power sources"] + [i["prompt"] for i in items])
for line in open(sys.argv[1]):
    r = json.loads(line); who = r["respondent"]; a = r["answers"]
    row = [who["id"], who.get("organisation", ""), ";".join(who.get("roles", [])), ";".join(who.get("power_sources", []))]
    for i in items:
        v = a.get(i["id"])
        row.append("" if v is None else "n/a" if v == "n/a" else scales[i["scale"]]["labels"][v - 1])
    w.writerow(row)
