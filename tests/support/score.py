# Vendored unchanged from ../shared/tools/score.py (the project's agreed scorer), so tests run without shared/.
"""Score an importer's JSON (actionplan schema v1) against a gold JSON.

usage: score.py PRED.json GOLD.json [--min F1] [--quiet]
       score.py --dir PRED_DIR GOLD_DIR [--min F1]   (pairs files by stem)

Field-level precision/recall/F1. Recommendations pair by number (then text),
actions inside a paired recommendation pair by text similarity in order.
A gold field that is set counts once toward recall; a predicted field that is
set where gold is empty counts once against precision.
"""
import json
import re
import sys
from difflib import SequenceMatcher
from pathlib import Path

TEXT_FIELDS_STRICT = 0.90
TEXT_FIELDS_LOOSE = 0.85


def norm(s):
    if s is None:
        return ""
    s = re.sub(r"<[^>]+>", " ", str(s))
    s = s.lower().replace("&", " and ")
    s = re.sub(r"[^a-z0-9£%]+", " ", s)
    return " ".join(s.split())


def sim(a, b):
    a, b = norm(a), norm(b)
    if not a and not b:
        return 1.0
    if not a or not b:
        return 0.0
    return SequenceMatcher(None, a, b, autojunk=False).ratio()


def num_key(n):
    n = norm(n)
    n = re.sub(r"^(recommendation|rec|r)\s*", "", n)
    return n.replace(" ", ".")


def empty(v):
    return v is None or v == "" or v == [] or v == {}


class Tally:
    def __init__(self):
        self.f = {}

    def add(self, field, tp=0, fn=0, fp=0):
        t = self.f.setdefault(field, [0, 0, 0])
        t[0] += tp
        t[1] += fn
        t[2] += fp

    def merge(self, other):
        for k, (a, b, c) in other.f.items():
            self.add(k, a, b, c)

    def totals(self):
        tp = sum(v[0] for v in self.f.values())
        fn = sum(v[1] for v in self.f.values())
        fp = sum(v[2] for v in self.f.values())
        p = tp / (tp + fp) if tp + fp else 1.0
        r = tp / (tp + fn) if tp + fn else 1.0
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        return tp, fn, fp, p, r, f1


def owners_set(v):
    return {norm(x) for x in (v or []) if norm(x)}


def score_value(t, field, gold, pred, kind):
    g_empty, p_empty = empty(gold), empty(pred)
    if kind == "bool":  # None and False read alike: 'not stated complete'
        g_empty, p_empty = not gold, not pred
    if g_empty and p_empty:
        return
    if g_empty:
        t.add(field, fp=1)
        return
    if p_empty:
        t.add(field, fn=1)
        return
    if kind == "exact":
        ok = norm(gold) == norm(pred)
    elif kind == "bool":
        ok = True
    elif kind == "strict":
        ok = sim(gold, pred) >= TEXT_FIELDS_STRICT
    elif kind == "loose":
        ok = sim(gold, pred) >= TEXT_FIELDS_LOOSE
    elif kind == "set":
        gs, ps = owners_set(gold), owners_set(pred)
        # each gold owner is a unit; fuzzy-match names
        matched = 0
        pool = list(ps)
        for g in gs:
            best = max(pool, key=lambda p: sim(g, p), default=None)
            if best is not None and sim(g, best) >= TEXT_FIELDS_STRICT:
                matched += 1
                pool.remove(best)
        t.add(field, tp=matched, fn=len(gs) - matched, fp=len(pool))
        return
    else:
        raise ValueError(kind)
    if ok:
        t.add(field, tp=1)
    else:
        t.add(field, fn=1, fp=1)


def due_parts(d):
    if not d:
        return None, None, False
    return d.get("date"), d.get("text"), bool(d.get("ongoing"))


ACTION_FIELDS = [
    ("action.owners", "owners", "set"),
    ("action.status", "status", "exact"),
    ("action.completed", "completed", "bool"),
    ("action.priority", "priority", "exact"),
    ("action.timescale", "timescale", "exact"),
    ("action.anticipated_completion", "anticipated_completion", "loose"),
    ("action.commentary", "commentary", "loose"),
    ("action.measure", "measure", "loose"),
]


def score_action(t, g, p):
    if p is None:
        p = {}
    if g is None:
        # a spurious action: every field it sets is a false positive
        t.add("action.text", fp=1)
        for field, key, _ in ACTION_FIELDS:
            if key == "owners":
                t.add(field, fp=len(owners_set(p.get(key))))
            elif key == "completed":
                if p.get(key):
                    t.add(field, fp=1)
            elif not empty(p.get(key)):
                t.add(field, fp=1)
        gd, pd = None, due_parts(p.get("due"))
        if pd[0]:
            t.add("action.due.date", fp=1)
        if pd[2]:
            t.add("action.due.ongoing", fp=1)
        return
    score_value(t, "action.text", g.get("text"), p.get("text"), "strict")
    for field, key, kind in ACTION_FIELDS:
        score_value(t, field, g.get(key), p.get(key), kind)
    gd, pd = due_parts(g.get("due")), due_parts(p.get("due"))
    score_value(t, "action.due.date", gd[0], pd[0], "exact")
    score_value(t, "action.due.ongoing", gd[2], pd[2], "bool")


def align(golds, preds, key):
    """Order-preserving alignment maximising total similarity (pairs under 0.5 are not paired)."""
    n, m = len(golds), len(preds)
    S = [[sim(key(golds[i]), key(preds[j])) for j in range(m)] for i in range(n)]
    best = [[0.0] * (m + 1) for _ in range(n + 1)]
    for i in range(n - 1, -1, -1):
        for j in range(m - 1, -1, -1):
            take = best[i + 1][j + 1] + S[i][j] if S[i][j] >= 0.5 else -1
            best[i][j] = max(take, best[i + 1][j], best[i][j + 1])
    pairs, i, j = [], 0, 0
    while i < n and j < m:
        if S[i][j] >= 0.5 and best[i][j] == best[i + 1][j + 1] + S[i][j]:
            pairs.append((i, j))
            i += 1
            j += 1
        elif best[i][j] == best[i + 1][j]:
            i += 1
        else:
            j += 1
    return pairs


def score_plan(gold, pred):
    t = Tally()
    grecs, precs = gold.get("recommendations", []), pred.get("recommendations", [])
    used, pairs = set(), []
    for gi, g in enumerate(grecs):
        for pj, p in enumerate(precs):
            if pj not in used and num_key(g["number"]) == num_key(p.get("number")) and num_key(g["number"]):
                pairs.append((gi, pj))
                used.add(pj)
                break
    paired_g = {a for a, _ in pairs}
    for gi, g in enumerate(grecs):  # fall back to text for unnumbered or renumbered ones
        if gi in paired_g:
            continue
        cands = [(sim(g["text"], p.get("text")), pj) for pj, p in enumerate(precs) if pj not in used]
        if cands:
            s, pj = max(cands)
            if s >= 0.6:
                pairs.append((gi, pj))
                used.add(pj)
                paired_g.add(gi)
    gmap = dict(pairs)
    stats = {"recs_gold": len(grecs), "recs_pred": len(precs), "recs_paired": len(pairs),
             "actions_gold": sum(len(g.get("actions", [])) for g in grecs),
             "actions_pred": sum(len(p.get("actions", [])) for p in precs), "actions_paired": 0}
    for gi, g in enumerate(grecs):
        pj = gmap.get(gi)
        p = precs[pj] if pj is not None else {}
        if pj is None:
            t.add("rec.number", fn=1)
        else:
            t.add("rec.number", tp=1)
        score_value(t, "rec.text", g.get("text"), p.get("text"), "strict")
        score_value(t, "rec.theme", g.get("theme"), p.get("theme"), "strict")
        score_value(t, "rec.response", g.get("response"), p.get("response"), "loose")
        score_value(t, "rec.owners", g.get("owners"), p.get("owners"), "set")
        gacts, pacts = g.get("actions", []), p.get("actions", [])
        apairs = align(gacts, pacts, lambda a: a.get("text"))
        stats["actions_paired"] += len(apairs)
        am = dict(apairs)
        for ai, ga in enumerate(gacts):
            score_action(t, ga, pacts[am[ai]] if ai in am else None)
        paired_p = {b for _, b in apairs}
        for bj, pa in enumerate(pacts):
            if bj not in paired_p:
                score_action(t, None, pa)
    for pj, p in enumerate(precs):
        if pj not in used:
            t.add("rec.number", fp=1)
            for pa in p.get("actions", []):
                score_action(t, None, pa)
    return t, stats


def report(name, t, stats, quiet=False):
    tp, fn, fp, p, r, f1 = t.totals()
    line = (f"{name}: F1 {f1:.3f} (P {p:.3f} R {r:.3f}) recs {stats['recs_paired']}/{stats['recs_gold']}"
            f" (pred {stats['recs_pred']}) actions {stats['actions_paired']}/{stats['actions_gold']}"
            f" (pred {stats['actions_pred']})")
    if not quiet:
        for k in sorted(t.f):
            a, b, c = t.f[k]
            if b or c:
                print(f"    {k:32s} tp {a:4d} fn {b:4d} fp {c:4d}")
    print(line)
    return f1


def main(argv):
    minf = None
    quiet = "--quiet" in argv
    argv = [a for a in argv if a != "--quiet"]
    if "--min" in argv:
        i = argv.index("--min")
        minf = float(argv[i + 1])
        del argv[i:i + 2]
    total, allstats = Tally(), {}
    if argv and argv[0] == "--dir":
        pdir, gdir = Path(argv[1]), Path(argv[2])
        for gp in sorted(gdir.glob("*.json")):
            pp = pdir / gp.name
            pred = json.loads(pp.read_text()) if pp.exists() else {"recommendations": []}
            t, s = score_plan(json.loads(gp.read_text()), pred)
            report(gp.stem, t, s, quiet)
            total.merge(t)
            for k, v in s.items():
                allstats[k] = allstats.get(k, 0) + v
        f1 = report("ALL", total, allstats, True)
    else:
        pred, gold = (json.loads(Path(x).read_text()) for x in argv[:2])
        t, s = score_plan(gold, pred)
        f1 = report(Path(argv[1]).stem, t, s, quiet)
    if minf is not None and f1 < minf:
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
