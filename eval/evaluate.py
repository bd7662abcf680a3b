#!/usr/bin/env python3
"""Evaluation of stance's statement extraction and attribution.

    python3 eval/evaluate.py [--polnear ../shared/data/polnear/dev.jsonl]
                             [--seed-dir ../shared/seed] [--cli bin/stance-cli]
                             [--errors FILE] [--kinds direct mixed ...]

Runs the command-line tool once in --batch mode over every article (PolNeAR
articles, then the seed articles) and prints:

* PolNeAR: precision, recall and F1 of the content, source (gold speaker span
  vs predicted mention span) and cue spans, exact and overlap match, for the
  kinds direct, mixed, quoted (direct and mixed together), quoted~ (the same,
  not counting as false positives the quotations PolNeAR labels indirect),
  indirect and all;
  and the kind-agnostic recall of quoted gold content.
* Seed: statement by statement, whether it was found and whether its speaker
  is right; the false positives; predicted vs gold speakers.

Spans are compared after trimming white space and outer punctuation (quote
marks, commas, periods, colons, semicolons, dashes) at both ends (a span of
punctuation only, such as a colon cue, is trimmed of white space only).  Matching is
one-to-one per article and per field, greedy, largest overlap first.

The data is read at run time and never copied into the repository; the
--errors report quotes article text, so write it outside the repository or
under the git-ignored results/.  Python standard library only.
"""

import argparse
import glob
import json
import os
import shlex
import subprocess
import sys
import time

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

# Characters trimmed from both ends of a span before comparing.
TRIM_CHARS = frozenset(
    '"\'\u201c\u201d\u2018\u2019\u00ab\u00bb\u201e\u201a\u2039\u203a'  # quote marks
    '\u201f\u201b\u2032\u2033\u300c\u300d'
    ',.:;'                                          # , . : ;
    '-\u2010\u2011\u2012\u2013\u2014\u2015\u2212'  # hyphen, dashes, minus
)

KINDS = ('direct', 'mixed', 'quoted', 'quoted~', 'indirect', 'all')
FIELDS = ('content', 'source', 'cue')
QUOTED = frozenset(('direct', 'mixed'))


# ---------------------------------------------------------------- scoring core

def trim(text, start, end):
    """(start, end) of text[start:end] without white space and outer
    punctuation at either end.  A span that is nothing but punctuation (a
    colon as the cue of "PENCE: ...") keeps its punctuation, trimmed of white
    space only.  None when nothing is left, or the span is absent or
    invalid."""
    if start is None or end is None or start < 0 or end > len(text) or start >= end:
        return None
    s, e = start, end
    while s < e and (text[s].isspace() or text[s] in TRIM_CHARS):
        s += 1
    while e > s and (text[e - 1].isspace() or text[e - 1] in TRIM_CHARS):
        e -= 1
    if s < e:
        return (s, e)
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if start < end else None


def overlap(a, b):
    """Number of characters two (start, end) spans share."""
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def match(gold, pred, exact):
    """One-to-one greedy matching of two lists of spans (None entries never
    match).  Candidate pairs are equal spans (exact) or spans sharing at least
    one character (overlap); they are taken largest overlap first, ties by
    gold then prediction order.  Returns a list of (gold index, pred index)."""
    pairs = []
    for gi, g in enumerate(gold):
        if g is None:
            continue
        for pi, p in enumerate(pred):
            if p is None:
                continue
            if exact:
                if g == p:
                    pairs.append((-(g[1] - g[0]), gi, pi))
            else:
                o = overlap(g, p)
                if o > 0:
                    pairs.append((-o, gi, pi))
    pairs.sort()
    used_g, used_p, out = set(), set(), []
    for _, gi, pi in pairs:
        if gi in used_g or pi in used_p:
            continue
        used_g.add(gi)
        used_p.add(pi)
        out.append((gi, pi))
    return out


def gold_spans(text, quote, field):
    """The trimmed gold span of a PolNeAR attribution for a field."""
    if field == 'content':
        return trim(text, quote.get('start'), quote.get('end'))
    if field == 'source':
        if quote.get('speaker') is None:
            return None
        return trim(text, quote.get('speaker_start'), quote.get('speaker_end'))
    if field == 'cue':
        if quote.get('cue') is None:
            return None
        return trim(text, quote.get('cue_start'), quote.get('cue_end'))
    raise ValueError(field)


def pred_spans(text, stmt, field):
    """The trimmed predicted span of a stance-cli statement for a field."""
    key = {'content': 'content', 'source': 'mention', 'cue': 'cue'}[field]
    return trim(text, stmt.get(key + '_start'), stmt.get(key + '_end'))


def labelled_indirect(text, gold_quotes, stmt):
    """True when a predicted statement's content overlaps a gold attribution
    of kind indirect and no gold direct or mixed one: PolNeAR labels some
    quotations indirect (the articles that quote with doubled apostrophes
    '' ... ''), so such a prediction is a kind disagreement, not a spurious
    statement.  The quoted~ row leaves these out of its precision."""
    p = pred_spans(text, stmt, 'content')
    if p is None:
        return False
    hit_ind = hit_q = False
    for q in gold_quotes:
        g = gold_spans(text, q, 'content')
        if g is not None and overlap(g, p) > 0:
            if q.get('type') in QUOTED:
                hit_q = True
            else:
                hit_ind = True
    return hit_ind and not hit_q


def kind_filter(kind):
    """Predicate on a kind name for a report row."""
    if kind == 'all':
        return lambda k: True
    if kind in ('quoted', 'quoted~'):
        return lambda k: k in QUOTED
    return lambda k: k == kind


class Counts:
    """Counts for one (kind, field) row."""

    __slots__ = ('gold', 'pred', 'exact', 'overlap')

    def __init__(self):
        self.gold = self.pred = self.exact = self.overlap = 0

    @staticmethod
    def prf(m, npred, ngold):
        p = m / npred if npred else 0.0
        r = m / ngold if ngold else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return p, r, f


def score_article(text, gold_quotes, preds, counts, kinds=KINDS):
    """Add one article to counts[(kind, field)].  gold_quotes: PolNeAR
    attributions (with "type"); preds: stance-cli statements (with "kind")."""
    for kind in kinds:
        keep = kind_filter(kind)
        g_sel = [q for q in gold_quotes if keep(q.get('type'))]
        p_sel = [s for s in preds if keep(s.get('kind'))]
        if kind == 'quoted~':
            p_sel = [s for s in p_sel if not labelled_indirect(text, gold_quotes, s)]
        for field in FIELDS:
            g = [gold_spans(text, q, field) for q in g_sel]
            p = [pred_spans(text, s, field) for s in p_sel]
            c = counts.setdefault((kind, field), Counts())
            c.gold += sum(1 for x in g if x is not None)
            c.pred += sum(1 for x in p if x is not None)
            c.exact += len(match(g, p, exact=True))
            c.overlap += len(match(g, p, exact=False))


def quoted_recall_any_kind(text, gold_quotes, preds):
    """(matched, total): gold direct+mixed content matched (overlap, one to
    one) by a prediction of any kind."""
    g = [gold_spans(text, q, 'content') for q in gold_quotes
         if q.get('type') in QUOTED]
    p = [pred_spans(text, s, 'content') for s in preds]
    return len(match(g, p, exact=False)), sum(1 for x in g if x is not None)


def source_given_content(text, gold_quotes, preds):
    """Attribution accuracy on found quotations: of gold direct+mixed
    attributions with a speaker whose content is matched (overlap, one to
    one) by a direct or mixed prediction, how many have the predicted mention
    overlapping / equal to the gold speaker span.  Returns (overlap, exact,
    total)."""
    gq = [q for q in gold_quotes if q.get('type') in QUOTED]
    pq = [s for s in preds if s.get('kind') in QUOTED]
    g = [gold_spans(text, q, 'content') for q in gq]
    p = [pred_spans(text, s, 'content') for s in pq]
    ov = ex = n = 0
    for gi, pi in match(g, p, exact=False):
        gs = gold_spans(text, gq[gi], 'source')
        if gs is None:
            continue
        ps = pred_spans(text, pq[pi], 'source')
        n += 1
        ov += ps is not None and overlap(gs, ps) > 0
        ex += ps == gs
    return ov, ex, n


def canonical(name):
    """Speaker name for comparison: case-insensitive, white space collapsed,
    a leading "the " ignored."""
    if name is None:
        return None
    n = ' '.join(name.split()).lower()
    if n.startswith('the '):
        n = n[4:]
    return n


def same_speaker(gold, pred):
    return gold is not None and pred is not None and canonical(gold) == canonical(pred)


# ------------------------------------------------------------------ running

def run_cli(cli, texts):
    """Run `cli --batch` once over texts; returns a list of result dicts."""
    records = []
    for t in texts:
        b = t.encode('utf-8', errors='replace')
        records.append(b'%d\n' % len(b))
        records.append(b)
    proc = subprocess.run([cli, '--batch'], input=b''.join(records),
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    lines = proc.stdout.decode('utf-8').splitlines()
    if proc.returncode not in (0, 1) or len(lines) != len(texts):
        sys.stderr.write(proc.stderr.decode('utf-8', 'replace'))
        sys.exit('evaluate.py: %s --batch failed (exit %d, %d of %d results)'
                 % (cli, proc.returncode, len(lines), len(texts)))
    results = [json.loads(line) for line in lines]
    for i, r in enumerate(results):
        if 'error' in r:
            sys.stderr.write('evaluate.py: record %d: %s\n' % (i + 1, r['error']))
            r.setdefault('statements', [])
            r.setdefault('speakers', [])
    return results


def check_offsets(text, result):
    """Number of predicted spans whose text differs from text[start:end]."""
    bad = 0
    for s in result['statements']:
        for key in ('content', 'mention', 'cue'):
            a, b = s.get(key + '_start'), s.get(key + '_end')
            if a is not None and s.get(key) is not None and text[a:b] != s[key]:
                bad += 1
    return bad


def cli_version(cli):
    try:
        out = subprocess.run([cli, '--version'], stdout=subprocess.PIPE,
                             stderr=subprocess.DEVNULL).stdout
        return out.decode('utf-8', 'replace').strip()
    except OSError:
        return '?'


def load_jsonl(path):
    with open(path, encoding='utf-8') as f:
        return [json.loads(line) for line in f if line.strip()]


def load_seed(seed_dir):
    """[(name, text, gold dict)] for every *.gold.json in seed_dir."""
    out = []
    for gpath in sorted(glob.glob(os.path.join(seed_dir, '*.gold.json'))):
        with open(gpath, encoding='utf-8') as f:
            gold = json.load(f)
        doc = gold.get('document') or os.path.basename(gpath)[:-len('.gold.json')] + '.txt'
        tpath = os.path.join(os.path.dirname(gpath), doc)
        with open(tpath, encoding='utf-8', newline='') as f:
            text = f.read()
        out.append((os.path.basename(tpath), text, gold))
    return out


# ------------------------------------------------------------------ reports

def one_line(v):
    """A table cell: white space runs (newlines too) as one space."""
    return ' '.join(str(v).split()) if v is not None else '-'


def fmt_table(rows, header, right=()):
    rows = [[one_line(v) for v in r] for r in rows]
    widths = [max(len(str(r[i])) for r in [header] + rows) for i in range(len(header))]
    lines = []
    for r in [header] + rows:
        cells = []
        for i, v in enumerate(r):
            v = str(v)
            cells.append(v.rjust(widths[i]) if i in right else v.ljust(widths[i]))
        lines.append('  '.join(cells).rstrip())
    return lines


def report_polnear(path, articles, results, kinds, out):
    counts = {}
    any_m = any_n = sg_ov = sg_ex = sg_n = 0
    for art, res in zip(articles, results):
        score_article(art['text'], art['quotes'], res['statements'], counts, kinds)
        m, n = quoted_recall_any_kind(art['text'], art['quotes'], res['statements'])
        any_m += m
        any_n += n
        ov, ex, n = source_given_content(art['text'], art['quotes'], res['statements'])
        sg_ov += ov
        sg_ex += ex
        sg_n += n
    ngold = sum(len(a['quotes']) for a in articles)
    npred = sum(len(r['statements']) for r in results)
    out.append('PolNeAR: %s (%d articles, %d gold attributions, %d predicted statements)'
               % (os.path.relpath(path), len(articles), ngold, npred))
    out.append('')
    rows = []
    for kind in kinds:
        for field in FIELDS:
            c = counts[(kind, field)]
            ep, er, ef = Counts.prf(c.exact, c.pred, c.gold)
            op, orr, of = Counts.prf(c.overlap, c.pred, c.gold)
            rows.append([kind, field, c.gold, c.pred,
                         c.exact, '%.3f' % ep, '%.3f' % er, '%.3f' % ef,
                         c.overlap, '%.3f' % op, '%.3f' % orr, '%.3f' % of])
    header = ['kind', 'field', 'gold', 'pred',
              'exact', 'P', 'R', 'F1', 'overlap', 'P', 'R', 'F1']
    lines = fmt_table(rows, header, right=set(range(2, 12)))
    # a rule under the header and between kinds
    width = max(len(line) for line in lines)
    out.append(lines[0])
    out.append('-' * width)
    for i, line in enumerate(lines[1:]):
        if i and i % len(FIELDS) == 0:
            out.append('')
        out.append(line)
    out.append('')
    out.append('(exact/overlap: matched pairs; gold: attributions with that span; '
               'pred: statements with that span)')
    out.append('quoted~: as quoted, but predictions whose content overlaps only gold '
               'attributions labelled indirect are left out of precision')
    out.append('kind-agnostic quoted recall (content, overlap): %d/%d = %.3f'
               % (any_m, any_n, any_m / any_n if any_n else 0.0))
    out.append('quoted source accuracy on found content (gold with a speaker): '
               'overlap %d/%d = %.3f, exact %d/%d = %.3f'
               % (sg_ov, sg_n, sg_ov / sg_n if sg_n else 0.0,
                  sg_ex, sg_n, sg_ex / sg_n if sg_n else 0.0))
    return counts


def snippet(text, span, width=100):
    """Offsets, then text around span with the span in [[ ]], on one line."""
    if span is None:
        return '-'
    a, b = span
    lo, hi = max(0, a - width), min(len(text), b + width)
    s = ('...' if lo > 0 else '') + text[lo:a] + '[[' + text[a:b] + ']]' + \
        text[b:hi] + ('...' if hi < len(text) else '')
    return '%d-%d %s' % (a, b, ' '.join(s.split()))


def span_str(text, span):
    if span is None:
        return '-'
    return '%d-%d %s' % (span[0], span[1], json.dumps(text[span[0]:span[1]], ensure_ascii=False))


def write_errors(path, articles, results):
    """Error analysis of the quoted (direct+mixed) rows."""
    lines = []
    tally = {'missed': 0, 'false positive': 0, 'content mismatch': 0,
             'source mismatch': 0, 'source missing': 0}
    for art, res in zip(articles, results):
        text = art['text']
        gq = [q for q in art['quotes'] if q.get('type') in QUOTED]
        pq = [s for s in res['statements'] if s.get('kind') in QUOTED]
        g = [gold_spans(text, q, 'content') for q in gq]
        p = [pred_spans(text, s, 'content') for s in pq]
        pairs = match(g, p, exact=False)
        mg = {gi for gi, _ in pairs}
        mp = {pi for _, pi in pairs}
        all_g = [(q, gold_spans(text, q, 'content')) for q in art['quotes']]
        all_p = [(s, pred_spans(text, s, 'content')) for s in res['statements']]
        entries = []

        def others(span, items, kindkey):
            hits = ['%s %s' % (x.get(kindkey), span_str(text, sp)[:40])
                    for x, sp in items if sp and span and overlap(sp, span) > 0]
            return '; '.join(hits) if hits else 'none'

        for gi, q in enumerate(gq):
            if gi in mg or g[gi] is None:
                continue
            entries.append((g[gi][0], [
                'MISSED gold %s' % q['type'],
                '  gold content: %s' % snippet(text, g[gi]),
                '  gold source:  %s   cue: %s' % (
                    span_str(text, gold_spans(text, q, 'source')),
                    span_str(text, gold_spans(text, q, 'cue'))),
                '  predictions of any kind overlapping: %s'
                % others(g[gi], all_p, 'kind')]))
            tally['missed'] += 1
        for pi, s in enumerate(pq):
            if pi in mp or p[pi] is None:
                continue
            entries.append((p[pi][0], [
                'FALSE POSITIVE predicted %s' % s['kind'],
                '  pred content: %s' % snippet(text, p[pi]),
                '  pred mention: %s   cue: %s   speaker: %s' % (
                    span_str(text, pred_spans(text, s, 'source')),
                    span_str(text, pred_spans(text, s, 'cue')),
                    json.dumps(s.get('speaker'), ensure_ascii=False)),
                '  gold of any kind overlapping: %s' % others(p[pi], all_g, 'type')]))
            tally['false positive'] += 1
        for gi, pi in pairs:
            q, s = gq[gi], pq[pi]
            gsrc, psrc = gold_spans(text, q, 'source'), pred_spans(text, s, 'source')
            problems = []
            if g[gi] != p[pi]:
                problems.append('content mismatch')
            if gsrc is not None and psrc is None:
                problems.append('source missing')
            elif gsrc is not None and gsrc != psrc:
                problems.append('source mismatch')
            if not problems:
                continue
            for pr in problems:
                tally[pr] += 1
            block = ['%s (gold %s, predicted %s)' % (', '.join(problems).upper(),
                                                     q['type'], s['kind'])]
            if 'content mismatch' in problems:
                block.append('  gold content: %s' % snippet(text, g[gi]))
                block.append('  pred content: %s' % snippet(text, p[pi]))
            else:
                block.append('  content: %s' % span_str(text, g[gi])[:120])
            if gsrc is not None and gsrc != psrc:
                block.append('  gold source:  %s' % snippet(text, gsrc))
                block.append('  pred mention: %s   (speaker %s)'
                             % (snippet(text, psrc),
                                json.dumps(s.get('speaker'), ensure_ascii=False)))
            entries.append((g[gi][0], block))
        if entries:
            lines.append('=' * 78)
            lines.append('article %s' % art.get('id'))
            for _, block in sorted(entries, key=lambda e: e[0]):
                lines.append('')
                lines.extend(block)
            lines.append('')
    head = ['Error analysis, quoted (direct+mixed) attributions, overlap matching',
            ', '.join('%s: %d' % kv for kv in tally.items()), '']
    d = os.path.dirname(os.path.abspath(path))
    os.makedirs(d, exist_ok=True)
    with open(path, 'w', encoding='utf-8') as f:
        f.write('\n'.join(head + lines) + '\n')
    return tally


def report_seed(seed, results, out):
    for (name, text, gold), res in zip(seed, results):
        stmts = gold.get('statements', [])
        preds = res['statements']
        g = [trim(text, s.get('start'), s.get('end')) for s in stmts]
        p = [pred_spans(text, s, 'content') for s in preds]
        pairs = dict(match(g, p, exact=False))
        matched_p = set(pairs.values())
        out.append('Seed: %s (%d gold statements, %d predicted)'
                   % (name, len(stmts), len(preds)))
        out.append('')
        rows = []
        tot = {'quoted': [0, 0, 0], 'all': [0, 0, 0]}
        for gi, s in enumerate(stmts):
            pi = pairs.get(gi)
            ps = preds[pi] if pi is not None else None
            found = ps is not None
            right = found and same_speaker(s.get('speaker'), ps.get('speaker'))
            note = ''
            if not found:
                hits = [str(preds[j]['n']) for j, sp in enumerate(p)
                        if sp and g[gi] and overlap(sp, g[gi]) > 0]
                note = ('overlaps #%s, matched elsewhere' % ','.join(hits)) if hits else ''
            for key in ('all', 'quoted') if s.get('kind') in QUOTED else ('all',):
                tot[key][0] += 1
                tot[key][1] += found
                tot[key][2] += right
            content = ' '.join(s.get('content', '').split())
            if len(content) > 50:
                content = content[:47] + '...'
            rows.append([gi + 1, s.get('kind'), s.get('cue'), s.get('speaker'),
                         ('yes #%d %s' % (ps['n'], ps['kind'])) if found else 'NO',
                         (ps.get('speaker') or '-') if found else '-',
                         'yes' if right else 'NO',
                         content + ('  [%s]' % note if note else '')])
        out.extend(fmt_table(rows, ['#', 'kind', 'cue', 'gold speaker', 'found',
                                    'predicted speaker', 'right', 'content'],
                             right={0}))
        out.append('')
        for key, label in (('quoted', 'direct+mixed'), ('all', 'all')):
            n, f, r = tot[key]
            out.append('%-13s found %d/%d, speaker right %d/%d' % (label + ':', f, n, r, n))
        out.append('')
        fps = [(j, s) for j, s in enumerate(preds) if j not in matched_p]
        out.append('false positives (predictions matching no gold statement): %d' % len(fps))
        for j, s in fps:
            out.append('  #%d %s, speaker %s, cue %s: %s' % (
                s['n'], s['kind'], one_line(s.get('speaker')), json.dumps(s.get('cue'), ensure_ascii=False),
                json.dumps(' '.join((s.get('content') or '').split()), ensure_ascii=False)))
        out.append('')
        gold_names = [sp.get('name') for sp in gold.get('speakers', [])]
        pred_names = [sp.get('name') for sp in res.get('speakers', [])]
        gset = {canonical(n) for n in gold_names}
        pset = {canonical(n) for n in pred_names}
        out.append('gold speakers:      %s' % '; '.join(
            '%s%s' % (one_line(n), '' if canonical(n) in pset else ' (missing)')
            for n in gold_names))
        out.append('predicted speakers: %s' % '; '.join(
            '%s%s' % (one_line(n), '' if canonical(n) in gset else ' (not in gold)')
            for n in pred_names))
        out.append('')


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    ap.add_argument('--polnear', default=os.path.join(REPO, '..', 'shared', 'data',
                                                      'polnear', 'dev.jsonl'),
                    help='PolNeAR JSONL file (default ../shared/data/polnear/dev.jsonl); '
                    '"" to skip')
    ap.add_argument('--seed-dir', default=os.path.join(REPO, '..', 'shared', 'seed'),
                    help='directory of *.gold.json with their .txt (default ../shared/seed); '
                    '"" to skip')
    ap.add_argument('--cli', default=os.path.join(REPO, 'bin', 'stance-cli'),
                    help='the stance-cli binary (default bin/stance-cli)')
    ap.add_argument('--errors', metavar='FILE',
                    help='write an error analysis of the quoted rows to FILE '
                    '(outside the repository or under results/)')
    ap.add_argument('--kinds', nargs='+', choices=KINDS, default=list(KINDS),
                    help='report rows (default: all of %s)' % ' '.join(KINDS))
    args = ap.parse_args(argv)

    if not os.access(args.cli, os.X_OK):
        sys.exit('evaluate.py: %s not found or not executable (run make cli)' % args.cli)
    articles = load_jsonl(args.polnear) if args.polnear else []
    seed = load_seed(args.seed_dir) if args.seed_dir else []

    t0 = time.time()
    results = run_cli(args.cli, [a['text'] for a in articles] + [s[1] for s in seed])
    elapsed = time.time() - t0
    p_res, s_res = results[:len(articles)], results[len(articles):]

    out = ['command: ' + ' '.join(shlex.quote(a) for a in
                                  ['python3'] + sys.argv),
           'cli:     %s (%s), %d articles in %.2f s' % (args.cli, cli_version(args.cli),
                                                        len(results), elapsed)]
    texts = [a['text'] for a in articles] + [s[1] for s in seed]
    bad = sum(check_offsets(t, r) for t, r in zip(texts, results))
    if bad:
        out.append('WARNING: %d predicted spans whose text differs from their offsets' % bad)
    out.append('')
    if articles:
        report_polnear(args.polnear, articles, p_res, args.kinds, out)
        out.append('')
    if seed:
        report_seed(seed, s_res, out)
    if args.errors and articles:
        tally = write_errors(args.errors, articles, p_res)
        out.append('error analysis written to %s (%s)' % (
            args.errors, ', '.join('%s %d' % kv for kv in tally.items())))
    print('\n'.join(out).rstrip('\n'))


if __name__ == '__main__':
    main()
