#!/usr/bin/env python3
"""Train the learned cue filter (src/core/cuemodel_gen.c) from PolNeAR train.

The engine's rules leave some cue words unused; for each such word
attrib.c (fallback_statements) computes hashed context features and asks
the model whether it is a cue.  This script builds a dump build of the CLI
(-DST_CUE_DUMP: the features of every candidate go to stderr), runs it over
the training articles, labels each candidate by whether it lies inside a
gold cue span, fits an L2-regularised logistic regression by SGD (fixed
seed, fixed order: the output is reproducible) and writes the weights as
a C table of (feature hash, weight): no article text goes into it.

    python3 tools/train_cue.py [--train ../shared/data/polnear/train.jsonl]

Only the training split is read.  The decision threshold (--threshold, a
probability) was chosen on dev.
"""
import argparse
import json
import math
import os
import random
import subprocess
import sys

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def dump_features(cli, texts):
    records = []
    for t in texts:
        b = t.encode('utf-8', errors='replace')
        records.append(b'%d\n' % len(b))
        records.append(b)
    proc = subprocess.run([cli, '--batch'], input=b''.join(records),
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    docs = []
    for line in proc.stderr.decode('utf-8', 'replace').splitlines():
        if line == 'DOC':
            docs.append([])
        elif line.startswith('C '):
            # C start end bound-key (subject feature pairs) | features
            head, feats = line.split(' |')
            f = head.split()
            docs[-1].append((int(f[1]), int(f[2]), [int(v) for v in feats.split()],
                             int(f[3]), [int(v) for v in f[4:]]))
    if len(docs) != len(texts):
        sys.exit('train_cue.py: %d feature blocks for %d articles' % (len(docs), len(texts)))
    return docs


def byte_offsets(text):
    """byte offset of each code point offset (and of the end)"""
    out, b = [], 0
    for ch in text:
        out.append(b)
        b += len(ch.encode('utf-8', errors='replace'))
    out.append(b)
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--train', default=os.path.join(REPO, '..', 'shared', 'data', 'polnear', 'train.jsonl'))
    ap.add_argument('--out', default=os.path.join(REPO, 'src', 'core', 'cuemodel_gen.c'))
    ap.add_argument('--threshold', type=float, default=0.5)
    ap.add_argument('--epochs', type=int, default=5)
    ap.add_argument('--l2', type=float, default=1e-4)
    ap.add_argument('--prune', type=float, default=0.1)
    ap.add_argument('--rate', type=float, default=0.1)
    args = ap.parse_args()

    cli = os.path.join(REPO, 'bin', 'stance-cue-dump')
    # the dump build with an empty model: the features do not depend on it
    with open(args.out, 'w') as f:
        f.write('/* placeholder: run tools/train_cue.py */\n#include "internal.h"\n\n'
                'const int32_t st_cue_mask = 0;\nconst float st_cue_subj_max = 0;\n'
                'const StCueWeight st_cue_weights[] = {{0, 0}};\n')
    subprocess.run(['make', '-s', 'bin/stance-cue-dump'], cwd=REPO, check=True)
    arts = [json.loads(l) for l in open(args.train, encoding='utf-8') if l.strip()]
    docs = dump_features(cli, [a['text'] for a in arts])

    data = []
    bounds = {}
    for a, cands in zip(arts, docs):
        off = byte_offsets(a['text'])
        cues = [(off[q['cue_start']], off[q['cue_end']]) for q in a['quotes']
                if q.get('cue') is not None and q.get('cue_start') is not None]
        for s, e, feats, bkey, pairs in cands:
            y = any(cs <= s and e <= ce for cs, ce in cues)
            data.append((feats, 1.0 if y else 0.0))
            bounds[bkey] = pairs
    npos = sum(1 for _, y in data if y)
    sys.stderr.write('train_cue.py: %d candidates, %d inside a gold cue\n' % (len(data), npos))

    w = {}
    rnd = random.Random(12345)
    order = list(range(len(data)))
    step = 0
    for ep in range(args.epochs):
        rnd.shuffle(order)
        rate = args.rate / (1 + ep)
        for i in order:
            feats, y = data[i]
            z = sum(w.get(f, 0.0) for f in feats)
            p = 1 / (1 + math.exp(-max(-30, min(30, z))))
            g = y - p
            for f in feats:
                wf = w.get(f, 0.0)
                w[f] = wf + rate * (g - args.l2 * wf)
            step += 1
    # fold the threshold into the bias (the first feature of every
    # candidate): score > 0 iff p > threshold
    bias = data[0][0][0]
    w[bias] = w.get(bias, 0.0) - math.log(args.threshold / (1 - args.threshold))
    w = {h: v for h, v in w.items() if abs(v) >= args.prune or h == bias}
    # the most the subject features can add, per lemma and form (the
    # FB_BOUND entries), and over all: attrib.c skips the search for a
    # subject where even these cannot lift the score above zero
    def best(pairs):
        return max(w.get(pairs[i], 0.0) + w.get(pairs[i + 1], 0.0)
                   for i in range(0, len(pairs), 2))
    subj_max = max(best(p) for p in bounds.values())
    for key, pairs in bounds.items():
        # never exactly 0: 0 means "not in the table"
        w[key] = best(pairs) + 1e-3 if abs(best(pairs) + 1e-3) >= 1e-4 else 2e-3
    size = 1
    while size < 1.6 * len(w):
        size *= 2
    table = [None] * size
    for h in sorted(w):
        i = h & (size - 1)
        while table[i] is not None:
            i = (i + 1) & (size - 1)
        table[i] = (h, w[h])
    with open(args.out, 'w') as f:
        f.write('/*\n * cuemodel_gen.c\n *\t  Generated by tools/train_cue.py from PolNeAR train '
                '(%d candidates, %d cues; threshold %.2f).\n *\t  Feature hashes and weights '
                'only.  Do not edit.\n */\n' % (len(data), npos, args.threshold))
        f.write('#include "internal.h"\n\n')
        f.write('const int32_t st_cue_mask = %d;\n' % (size - 1))
        f.write('const float st_cue_subj_max = %.4ff;\n\n' % (subj_max + 1e-3))
        f.write('const StCueWeight st_cue_weights[] = {\n')
        for e in table:
            if e is None:
                f.write('\t{0, 0},\n')
            else:
                f.write('\t{%uu, %.4ff},\n' % e)
        f.write('};\n')
    sys.stderr.write('train_cue.py: %d weights written to %s\n' % (len(w), args.out))


if __name__ == '__main__':
    main()
