#!/usr/bin/env python3
"""Exact oracle for the breakout assignment: solves an instance in the exchange format
(docs: ../shared/assignment-format.md, mirrored in README) as a mixed-integer program
with HiGHS, and prints the proven optimum or the best bound it reached.

Dev only, never used by the app or its tests:

    pip install highspy==1.15.1
    python3 scripts/assign_oracle.py INSTANCE.json [--time-limit S] [--solution OUT.json]

Model: x[p,g] = 1 when participant p sits in group g.
- each participant in exactly one group of every round they attend (fixed ones fixed);
- capacity per group; at most one group per insight per participant (no-repeat);
- the pair cost n(n-1)/2 of a group and a discipline (or organisation) is convex in n, so
  it equals max_k (k*n - k(k+1)/2) over k = 0..n-1: one variable z >= each of those
  lines, which the minimisation pushes down onto the curve.

Prints one JSON line: {"status", "optimum" (cost of the best placement found), "bound",
"gap_percent", "seconds"}.
"""

import argparse
import json
import sys
import time

import highspy


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("instance")
    ap.add_argument("--time-limit", type=float, default=600.0)
    ap.add_argument("--solution", help="write the best placement in the output format")
    args = ap.parse_args()
    inst = json.load(open(args.instance))

    w = {"rank": [0, 2, 5], "unranked": 12, "same_discipline_pair": 1, "same_organisation_pair": 3}
    w.update(inst.get("weights") or {})
    insight_of = {}
    round_of = {}
    groups = []
    for rnd in inst["rounds"]:
        for g in rnd["groups"]:
            insight_of[g["id"]] = g["insight"]
            round_of[g["id"]] = rnd["id"]
            groups.append(g)
    all_rounds = [r["id"] for r in inst["rounds"]]

    def pref_cost(part, insight):
        prefs = part.get("preferences") or []
        if insight in prefs:
            k = prefs.index(insight)
            return w["rank"][k] if k < len(w["rank"]) else w["unranked"]
        return w["unranked"]

    h = highspy.Highs()
    h.setOptionValue("output_flag", False)
    h.setOptionValue("time_limit", args.time_limit)
    h.setOptionValue("mip_rel_gap", 0.0)
    h.setOptionValue("threads", 1)

    x = {}
    members = {}  # group id -> list of participant indexes that may sit there
    objective = []
    for p, part in enumerate(inst["participants"]):
        attends = part.get("rounds") or all_rounds
        if "rounds" in part and part["rounds"] == []:
            attends = []
        fixed = part.get("fixed") or {}
        for rnd in inst["rounds"]:
            if rnd["id"] not in attends:
                continue
            row = []
            for g in rnd["groups"]:
                if rnd["id"] in fixed and fixed[rnd["id"]] != g["id"]:
                    continue
                v = h.addBinary(obj=pref_cost(part, g["insight"]))
                x[p, g["id"]] = v
                members.setdefault(g["id"], []).append(p)
                row.append(v)
            h.addConstr(sum(row) == 1)
        by_insight = {}
        for (q, gid), v in x.items():
            if q == p:
                by_insight.setdefault(insight_of[gid], []).append(v)
        for vs in by_insight.values():
            if len(vs) > 1:
                h.addConstr(sum(vs) <= 1)

    for g in groups:
        ps = members.get(g["id"], [])
        if not ps:
            continue
        h.addConstr(sum(x[p, g["id"]] for p in ps) <= g["capacity"])
        for field, weight in (("discipline", w["same_discipline_pair"]), ("organisation", w["same_organisation_pair"])):
            if weight == 0:
                continue
            classes = {}
            for p in ps:
                key = inst["participants"][p].get(field) or ""
                if key:
                    classes.setdefault(key, []).append(p)
            for cls in classes.values():
                top = min(len(cls), g["capacity"])
                if top < 2:
                    continue
                z = h.addVariable(lb=0, obj=weight)
                n = sum(x[p, g["id"]] for p in cls)
                for k in range(1, top):
                    h.addConstr(z - k * n >= -(k * (k + 1) // 2))

    start = time.time()
    h.run()
    seconds = time.time() - start
    status = h.getModelStatus()
    info = h.getInfo()
    has_solution = info.primal_solution_status == 2
    optimum = round(info.objective_function_value) if has_solution else None
    bound = info.mip_dual_bound
    out = {
        "status": h.modelStatusToString(status),
        "optimum": optimum,
        "bound": bound,
        "gap_percent": (100.0 * (optimum - bound) / bound) if has_solution and bound > 0 else None,
        "seconds": round(seconds, 2),
    }
    if has_solution:
        values = h.getSolution().col_value
        placed = [(p, gid) for (p, gid), v in x.items() if values[v.index] > 0.5]
        pref = sum(pref_cost(inst["participants"][p], insight_of[gid]) for p, gid in placed)
        parts = {"preference": pref}
        for field, weight in (("discipline", w["same_discipline_pair"]), ("organisation", w["same_organisation_pair"])):
            count = {}
            for p, gid in placed:
                key = inst["participants"][p].get(field) or ""
                if key:
                    count[gid, key] = count.get((gid, key), 0) + 1
            parts[field] = weight * sum(n * (n - 1) // 2 for n in count.values())
        out["parts"] = parts
    print(json.dumps(out))
    if args.solution and has_solution:
        assignments = [
            {"participant": inst["participants"][p]["id"], "round": round_of[gid], "group": gid} for p, gid in placed
        ]
        json.dump({"assignments": assignments}, open(args.solution, "w"))
    return 0 if status == highspy.HighsModelStatus.kOptimal else 1


if __name__ == "__main__":
    sys.exit(main())
