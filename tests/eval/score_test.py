#!/usr/bin/env python3
"""Tests of tests/eval/run's scoring: pairing and counting on a small hand-made report.

    python3 tests/eval/score_test.py
"""
import importlib.machinery
import importlib.util
import os
import sys
import unittest

sys.dont_write_bytecode = True  # no __pycache__ in the source tree

HERE = os.path.dirname(os.path.abspath(__file__))
_loader = importlib.machinery.SourceFileLoader('eval_run', os.path.join(HERE, 'run'))
_spec = importlib.util.spec_from_loader('eval_run', _loader)
run = importlib.util.module_from_spec(_spec)
_loader.exec_module(run)


def lab(id_, footnote, url, verdict='ok', start_ms=None, date=None, mismatch=False, **kw):
    d = {'id': id_, 'footnote': footnote, 'url': url, 'start_ms': start_ms, 'date': date,
         'speaker': 'DEU' if mismatch else None, 'speaker_mismatch': mismatch,
         'verdict': verdict, 'traps': [], 'defects': []}
    d.update(kw)
    return d


def cit(footnote, url, verdict='ok', start_ms=None, date=None, rules=()):
    c = {'footnote': footnote, 'url': url, 'verdict': verdict,
         'findings': [{'rule': r, 'severity': 'error', 'message': 'm'} for r in rules]}
    if start_ms is not None:
        c['timecode'] = {'start_ms': start_ms}
    if date is not None:
        c['date'] = date
    return c


class ScoreTest(unittest.TestCase):
    def score(self, labels, citations):
        report = {'documents': [{'path': '/tmp/x/en.md', 'citations': citations}]}
        return run.score(report, {'documents': [{'name': 'en.md', 'format': 'md', 'lang': 'en',
                                                 'citations': labels}]})

    def test_everything_right(self):
        r = self.score([lab('a', 1, 'https://a.un.org/1', 'broken', 5000, '2021-03-08', True)],
                       [cit(1, 'https://a.un.org/1', 'broken', 5000, '2021-03-08',
                            ['speaker-mismatch'])])
        for f in run.FIGURES:
            self.assertEqual(r['figures'][f]['fn'], 0, f)
            self.assertEqual(r['figures'][f]['fp'], 0, f)
        self.assertEqual(r['figures']['url']['tp'], 1)
        self.assertEqual(r['figures']['speaker']['tp'], 1)
        self.assertEqual(r['false_broken'], 0)
        self.assertEqual(r['verdict_agreement'], 1.0)

    def test_url_ended_wrong_is_paired_and_false_broken_named(self):
        # The label's URL is https://b.un.org/x!; timecite cut the '!' and the cut one is 404.
        r = self.score([lab('b', 2, 'https://b.un.org/x!', date='2022-01-10')],
                       [cit(2, 'https://b.un.org/x', 'broken', date='2022-01-10',
                            rules=['link-broken'])])
        self.assertEqual(r['figures']['url'], {'precision': 0.0, 'recall': 0.0, 'f1': 0.0,
                                               'tp': 0, 'fp': 1, 'fn': 1})
        self.assertEqual(r['figures']['date']['tp'], 1)  # the citation was found: its date counts
        self.assertEqual(r['false_broken'], 1)
        self.assertEqual(r['false_broken_list'][0]['citation'], 'b')
        self.assertEqual(r['false_broken_list'][0]['why'], 'link-broken: m')

    def test_no_scheme_matches_as_written_and_missed_values_count(self):
        r = self.score([lab('c', 3, 'https://undocs.org/A/75/816', written='undocs.org/A/75/816'),
                        lab('d', 4, 'https://w.un.org/t', start_ms=3723000),
                        lab('e', 5, 'https://w.un.org/gone', 'broken')],
                       [cit(3, 'undocs.org/A/75/816'),
                        cit(4, 'https://w.un.org/t', start_ms=60000),
                        cit(9, 'https://extra.un.org/', 'broken')])
        self.assertEqual(r['figures']['url']['tp'], 2)
        self.assertEqual(r['figures']['url']['fp'], 1)   # extra.un.org
        self.assertEqual(r['figures']['url']['fn'], 1)   # gone
        # a wrong start is both a false and a missed value
        self.assertEqual(r['figures']['timecode'], {'precision': 0.0, 'recall': 0.0, 'f1': 0.0,
                                                    'tp': 0, 'fp': 1, 'fn': 1})
        self.assertEqual(r['figures']['broken']['fn'], 1)
        self.assertEqual(r['false_broken'], 1)
        self.assertIn('unlabelled', r['false_broken_list'][0]['citation'])

    def test_compare_names_each_drop(self):
        r = self.score([lab('a', 1, 'https://a.un.org/1')], [cit(1, 'https://a.un.org/1', 'broken')])
        base = {'figures': {f: {'precision': 1.0, 'recall': 1.0, 'f1': 1.0} for f in run.FIGURES},
                'false_broken': 0, 'false_broken_citations': []}
        drops = run.compare(r, base)
        self.assertIn('false broken: 1, must be 0', drops)
        self.assertIn('broken verdicts precision: 0.0 %, baseline 100.0 %', drops)
        self.assertIn('false broken: a https://a.un.org/1 ()', drops)
        # A baseline that lists the false broken does not excuse it: the count must be 0.
        base['false_broken'] = 1
        base['false_broken_citations'] = ['a']
        base['figures']['broken'] = {'precision': 0.0, 'recall': 1.0, 'f1': 0.0}
        self.assertEqual(run.compare(r, base), ['false broken: 1, must be 0',
                                                'false broken: a https://a.un.org/1 ()'])
        # Right verdicts, figures at the baseline: nothing dropped.
        ok = self.score([lab('a', 1, 'https://a.un.org/1')], [cit(1, 'https://a.un.org/1', 'ok')])
        base['figures']['broken'] = {'precision': 1.0, 'recall': 1.0, 'f1': 1.0}
        self.assertEqual(run.compare(ok, base), [])


class SetTest(unittest.TestCase):
    def test_every_label_is_in_its_source_and_every_footnote_labelled(self):
        import html
        import json
        import re
        with open(os.path.join(HERE, 'labels.json'), encoding='utf-8') as f:
            labels = json.load(f)
        self.assertEqual(len(labels['documents']), 30)
        self.assertEqual({(d['lang'], d['format']) for d in labels['documents']},
                         {(l, f) for l in ('en', 'fr', 'es', 'ru', 'ar', 'zh')
                          for f in ('txt', 'md', 'html', 'docx', 'pdf')})
        total = 0
        for doc in labels['documents']:
            with open(os.path.join(HERE, doc['source']), encoding='utf-8') as f:
                text = html.unescape(f.read())
            joined = text.replace('\n', '')  # a wrapped URL, joined
            for lab in doc['citations']:
                total += 1
                self.assertTrue(lab.get('written', lab['url']) in joined,
                                '%s: %s is not in %s' % (lab['id'], lab['url'], doc['source']))
                self.assertIn(lab['verdict'], ('ok', 'warning', 'broken', 'unverified'))
            notes = {int(n) for n in re.findall(r'(?m)^(?:\[\^|<li id="fn)?(\d+)(?:\]:|\. |">)',
                                                text)}
            self.assertEqual(notes, {lab['footnote'] for lab in doc['citations']}, doc['name'])
        self.assertGreaterEqual(total, 400)


if __name__ == '__main__':
    unittest.main()
