#!/usr/bin/env python3
"""Stance evaluation of the built-in classifier (src/core/stance.c).

    python3 eval/stance_eval.py [--verbose] [--seed-dir ../shared/seed]

The last section runs the whole engine (bin/stance-cli, built with
`make cli`) over each seed article and scores the statements it finds: the
gold statement's target and stance against those of the found statement
whose content overlaps it most (targets compared without case and without a
leading "the").

Builds tools/stance-classify (in a temporary directory, with the lexicon
tables generated there by tools/genlex.sh) and scores it on
test/stance/cases.tsv (development), test/stance/heldout.tsv (held out) and
the seed gold statements (statement = mention + cue + content, with the gold
target).  Prints accuracy, macro-F1, per-label P/R/F1, the confusion matrix
and the accuracy of predictions with confidence > 0.8 and <= 0.8.
"""
import argparse
import glob
import json
import os
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
LABELS = ["against", "neutral", "favor"]


def build(tmp):
    gen = os.path.join(tmp, "lexicon_gen.c")
    with open(gen, "w") as f:
        subprocess.run(["sh", "tools/genlex.sh", "lexicon"], cwd=ROOT, stdout=f, check=True)
    exe = os.path.join(tmp, "stance-classify")
    cmd = ["cc", "-std=c99", "-O2", "-Wall", "-Wextra", "-Isrc/core", "-o", exe,
           "tools/stance-classify/main.c", "src/core/stance.c", "src/core/lexicon.c", gen, "-lm"]
    print("# build: " + " ".join(cmd))
    subprocess.run(cmd, cwd=ROOT, check=True)
    return exe


def classify(exe, pairs):
    inp = "".join(s.replace("\t", " ").replace("\n", " ") + "\t" + t.replace("\t", " ") + "\n"
                  for s, t in pairs)
    out = subprocess.run([exe], input=inp.encode("utf-8"), stdout=subprocess.PIPE, check=True)
    rows = []
    for line in out.stdout.decode("utf-8").splitlines():
        f = line.split("\t")
        rows.append({"label": f[0], "confidence": float(f[1]), "act": f[2], "slot": f[3],
                     "negated": f[4], "act_score": f[5], "content_score": f[6]})
    return rows


def read_tsv(path):
    cases = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line or line.startswith("#"):
                continue
            s, t, g = line.split("\t")
            cases.append((s, t, g.strip()))
    return cases


def read_seed(seed_dir):
    cases = []
    for path in sorted(glob.glob(os.path.join(seed_dir, "*.gold.json"))):
        d = json.load(open(path, encoding="utf-8"))
        for st in d["statements"]:
            text = " ".join(x for x in (st.get("mention"), st.get("cue"), st.get("content")) if x)
            cases.append((text, st["target"], st["stance"]))
    return cases


def norm_target(t):
    t = (t or "").strip().lower()
    return t[4:] if t.startswith("the ") else t


def seed_end_to_end(seed_dir, verbose, title="seed"):
    cli = os.path.join(ROOT, "bin", "stance-cli")
    if not os.path.exists(cli):
        subprocess.run(["make", "-s", "cli"], cwd=ROOT, check=True)
    print("\n== %s statements(): target and stance found by the engine ==" % title)
    tot = found = tgt_ok = both_ok = 0
    for path in sorted(glob.glob(os.path.join(seed_dir, "*.gold.json"))):
        gold = json.load(open(path, encoding="utf-8"))
        txt = os.path.join(seed_dir, gold["document"])
        out = subprocess.run([cli, txt], stdout=subprocess.PIPE, check=True)
        pred = json.loads(out.stdout.decode("utf-8"))["statements"]
        for g in gold["statements"]:
            tot += 1
            best, ov = None, 0
            for p in pred:
                o = min(g["end"], p["content_end"]) - max(g["start"], p["content_start"])
                if o > ov:
                    best, ov = p, o
            if best is None:
                if verbose:
                    print("  NOT FOUND | %s | %s" % (g["speaker"], g["content"]))
                continue
            found += 1
            label = (best.get("stance") or "").split(":")[0]
            t_ok = norm_target(best.get("target")) == norm_target(g["target"])
            tgt_ok += t_ok
            both_ok += t_ok and label == g["stance"]
            if verbose and not (t_ok and label == g["stance"]):
                print("  MISS gold=%s/%s pred=%s/%s act=%s | %s %s %s" % (
                    g["target"], g["stance"], best.get("target"), best.get("stance"),
                    best.get("act"), best.get("mention"), best.get("cue"), best.get("content")))
    print("statements found        %d/%d" % (found, tot))
    print("right target            %d/%d" % (tgt_ok, tot))
    print("right target and stance %d/%d" % (both_ok, tot))


def report(name, cases, preds, verbose):
    n = len(cases)
    print("\n== %s: %d cases ==" % (name, n))
    if n == 0:
        return
    gold = [c[2] for c in cases]
    pred = [p["label"] for p in preds]
    correct = sum(g == p for g, p in zip(gold, pred))
    print("accuracy  %.3f  (%d/%d)" % (correct / n, correct, n))
    f1s = []
    print("%-8s %6s %6s %6s %5s" % ("label", "P", "R", "F1", "n"))
    for lab in LABELS:
        tp = sum(g == lab and p == lab for g, p in zip(gold, pred))
        np_ = sum(p == lab for p in pred)
        ng = sum(g == lab for g in gold)
        prec = tp / np_ if np_ else 0.0
        rec = tp / ng if ng else 0.0
        f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        f1s.append(f1)
        print("%-8s %6.3f %6.3f %6.3f %5d" % (lab, prec, rec, f1, ng))
    print("macro-F1  %.3f" % (sum(f1s) / len(f1s)))
    print("confusion (rows gold, columns predicted): " + " ".join("%8s" % l for l in LABELS))
    for lab in LABELS:
        print("%41s  " % lab + " ".join("%8d" % sum(g == lab and p == l for g, p in zip(gold, pred))
                                        for l in LABELS))
    for title, sel in (("confidence > 0.8", lambda c: c > 0.8), ("confidence <= 0.8", lambda c: c <= 0.8)):
        idx = [i for i, p in enumerate(preds) if sel(p["confidence"])]
        k = sum(gold[i] == pred[i] for i in idx)
        print("%-18s accuracy %s (%d/%d)" % (title, "%.3f" % (k / len(idx)) if idx else "  -  ", k, len(idx)))
    if verbose:
        for c, p in zip(cases, preds):
            if c[2] != p["label"]:
                print("  MISS gold=%s pred=%s:%.2f act=%s slot=%s neg=%s a=%s c=%s | %s | %s" % (
                    c[2], p["label"], p["confidence"], p["act"], p["slot"], p["negated"],
                    p["act_score"], p["content_score"], c[1], c[0]))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--verbose", "-v", action="store_true", help="list the misses")
    ap.add_argument("--seed-dir", default=os.path.join(ROOT, "..", "shared", "seed"))
    ap.add_argument("--dev-articles", default=os.path.join(ROOT, "test", "stance", "dev-articles"),
                    help="articles with gold targets the target finder was tuned on")
    ap.add_argument("--articles", default=os.path.join(ROOT, "test", "stance", "articles"),
                    help="held-out articles with gold targets (*.gold.json)")
    args = ap.parse_args()
    print("# command: python3 eval/stance_eval.py" + (" --verbose" if args.verbose else "") +
          " --seed-dir " + args.seed_dir)
    with tempfile.TemporaryDirectory() as tmp:
        exe = build(tmp)
        sets = [("cases.tsv (development)", read_tsv(os.path.join(ROOT, "test/stance/cases.tsv")))]
        held = os.path.join(ROOT, "test/stance/heldout.tsv")
        if os.path.exists(held):
            sets.append(("heldout.tsv (held out)", read_tsv(held)))
        if os.path.isdir(args.seed_dir):
            sets.append(("seed gold (gold target; statement = mention cue content)",
                         read_seed(args.seed_dir)))
        for name, cases in sets:
            preds = classify(exe, [(c[0], c[1]) for c in cases])
            report(name, cases, preds, args.verbose)
    if os.path.isdir(args.seed_dir):
        seed_end_to_end(args.seed_dir, args.verbose)
    if os.path.isdir(args.dev_articles):
        seed_end_to_end(args.dev_articles, args.verbose, "dev articles (test/stance/dev-articles)")
    if os.path.isdir(args.articles):
        seed_end_to_end(args.articles, args.verbose, "held-out articles (test/stance/articles)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
