#!/usr/bin/env python3
"""Writes timecite's labelled evaluation set: tests/eval/set/*, labels.json, world.json.

The set was written for the evaluation (docs/accuracy.md): 30 reports, one per UN language
(en fr es ru ar zh) and format (text, Markdown, HTML, DOCX, PDF), each footnote citing UN Web
TV recordings, UN documents or UN pages, with the traps of issue 20 and real defects. Every
citation gets its label (expected URL, start in ms, date, named country, whether that country
is the wrong speaker, and the verdict a careful checker gives); world.json is what the replica
(tools/replica, docs/world-format.md) serves for the sites they cite.

The outputs are committed; this script is how they were made. Edit it and run it again
(from the repository root: python3 tests/eval/author.py) rather than editing its outputs by
hand, so that labels, reports and world stay in step. It is deterministic (a fixed seed).
DOCX and PDF reports are kept as their sources (set/LANG.docx.md, set/LANG.pdf.md, the
Markdown footnote convention) and built by tests/eval/make_binaries.py when the set runs.
"""
import html
import json
import os
import random

HERE = os.path.dirname(os.path.abspath(__file__))
LANGS = ['en', 'fr', 'es', 'ru', 'ar', 'zh']
FORMATS = ['txt', 'md', 'html', 'docx', 'pdf']
rng = random.Random(20261207)

# ---------------------------------------------------------------- language resources

MONTHS = {
    'en': ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August',
           'September', 'October', 'November', 'December'],
    'fr': ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août',
           'septembre', 'octobre', 'novembre', 'décembre'],
    'es': ['enero', 'febrero', 'marzo', 'abril', 'mayo', 'junio', 'julio', 'agosto',
           'septiembre', 'octubre', 'noviembre', 'diciembre'],
    'ru': ['января', 'февраля', 'марта', 'апреля', 'мая', 'июня', 'июля', 'августа',
           'сентября', 'октября', 'ноября', 'декабря'],
    'ar': ['يناير', 'فبراير', 'مارس', 'أبريل', 'مايو', 'يونيو', 'يوليو', 'أغسطس',
           'سبتمبر', 'أكتوبر', 'نوفمبر', 'ديسمبر'],
}


def date_text(lang, iso):
    y, m, d = (int(x) for x in iso.split('-'))
    if lang == 'zh':
        return '%d年%d月%d日' % (y, m, d)
    month = MONTHS[lang][m - 1]
    if lang == 'en':
        return '%d %s %d' % (d, month, y)
    if lang == 'fr':
        return '%s %s %d' % ('1er' if d == 1 else str(d), month, y)
    if lang == 'es':
        return '%d de %s de %d' % (d, month, y)
    if lang == 'ru':
        return '%d %s %d г.' % (d, month, y)
    return '%d %s %d' % (d, month, y)  # ar


def start_text(lang, tc):
    return {'en': '(starting at %s)', 'fr': '(à partir de %s)',
            'es': '(a partir del minuto %s)', 'ru': '(начиная с %s)',
            'ar': '(ابتداء من الدقيقة %s)', 'zh': '（%s开始）'}[lang] % tc


def range_text(lang, a, b):
    return {'en': 'from %s to %s', 'fr': 'de %s à %s', 'es': 'del %s al %s',
            'ru': 'с %s до %s', 'ar': 'من %s إلى %s', 'zh': '从%s到%s'}[lang] % (a, b)


def length_text(lang, tc):
    return {'en': 'duration %s', 'fr': 'durée %s', 'es': 'duración: %s',
            'ru': 'продолжительность %s', 'ar': 'مدة %s', 'zh': '时长 %s'}[lang] % tc


def time_of_day_text(lang):
    return {'en': 'opened at 10:00 am', 'fr': 'ouverte à 15:00 heures', 'es': 'abierta a las 15:00 UTC',
            'ru': 'открыто в 10:00 по нью-йоркскому времени', 'ar': 'افتتحت الساعة 10:00 بتوقيت نيويورك',
            'zh': '纽约时间10:00开幕'}[lang]


SEP = {'en': ', ', 'fr': ', ', 'es': ', ', 'ru': ', ', 'ar': '، ', 'zh': '，'}
WEBTV = {'en': 'UN Web TV', 'fr': 'UN Web TV', 'es': 'UN Web TV', 'ru': 'UN Web TV',
         'ar': 'تلفزيون الأمم المتحدة على الإنترنت', 'zh': '联合国网络电视'}
NEWS = {'en': 'UN News', 'fr': 'ONU Info', 'es': 'Noticias ONU', 'ru': 'Новости ООН',
        'ar': 'أخبار الأمم المتحدة', 'zh': '联合国新闻'}
REPORT = {'en': 'Report of the Secretary-General', 'fr': 'Rapport du Secrétaire général',
          'es': 'Informe del Secretario General', 'ru': 'Доклад Генерального секретаря',
          'ar': 'تقرير الأمين العام', 'zh': '秘书长的报告'}
PAGE = {'en': 'United Nations', 'fr': 'Nations Unies', 'es': 'Naciones Unidas',
        'ru': 'Организация Объединенных Наций', 'ar': 'الأمم المتحدة', 'zh': '联合国'}
BODY = {
    'en': 'The Working Group continued its consideration of the item and heard statements by delegations.',
    'fr': 'Le Groupe de travail a poursuivi l\'examen de la question et entendu les déclarations des délégations.',
    'es': 'El Grupo de Trabajo continuó el examen del tema y escuchó las declaraciones de las delegaciones.',
    'ru': 'Рабочая группа продолжила рассмотрение этого пункта и заслушала выступления делегаций.',
    'ar': 'وواصل الفريق العامل نظره في البند واستمع إلى بيانات الوفود.',
    'zh': '工作组继续审议该项目，并听取了各代表团的发言。',
}
NOTES = {'en': 'Notes', 'fr': 'Notes', 'es': 'Notas', 'ru': 'Примечания', 'ar': 'الحواشي',
         'zh': '注释'}

# Countries that speak in every recording, one statement each, in this order.
COUNTRIES = [
    ('DEU', 'Germany', {'en': 'Germany', 'fr': 'Allemagne', 'es': 'Alemania', 'ru': 'Германия',
                        'ar': 'ألمانيا', 'zh': '德国'}),
    ('FRA', 'France', {'en': 'France', 'fr': 'France', 'es': 'Francia', 'ru': 'Франция',
                       'ar': 'فرنسا', 'zh': '法国'}),
    ('BRA', 'Brazil', {'en': 'Brazil', 'fr': 'Brésil', 'es': 'Brasil', 'ru': 'Бразилия',
                       'ar': 'البرازيل', 'zh': '巴西'}),
    ('JPN', 'Japan', {'en': 'Japan', 'fr': 'Japon', 'es': 'Japón', 'ru': 'Япония',
                      'ar': 'اليابان', 'zh': '日本'}),
    ('KEN', 'Kenya', {'en': 'Kenya', 'fr': 'Kenya', 'es': 'Kenia', 'ru': 'Кения',
                      'ar': 'كينيا', 'zh': '肯尼亚'}),
    ('MEX', 'Mexico', {'en': 'Mexico', 'fr': 'Mexique', 'es': 'México', 'ru': 'Мексика',
                       'ar': 'المكسيك', 'zh': '墨西哥'}),
]
STATEMENT_S = 600  # country k speaks from (k + 1) * 600 s for 5 minutes


def statement_by(lang, name):
    return {'en': 'statement by %s', 'fr': 'déclaration : %s', 'es': 'intervención de %s',
            'ru': 'выступление: %s', 'ar': 'كلمة %s', 'zh': '%s代表的发言'}[lang] % name


# Punctuation that ends a sentence or clause right after a URL (not part of it).
TRAILING = {
    'en': ['.', ',', ';', ':', '!', '?', ')', '”', '’'],
    'fr': ['.', ';', '»', ',', ':', '!'],
    'es': ['.', ',', '»', ';', '?'],
    'ru': ['.', ',', '»', ';', ':'],
    'ar': ['،', '؛', '؟', '.', '»'],
    'zh': ['。', '，', '、', '；', '）', '」', '：', '！', '？'],
}
GLUED_WORD = {'en': 'Statement', 'fr': 'Déclaration', 'es': 'Intervención', 'ru': 'Выступление',
              'ar': 'كلمة', 'zh': '发言'}

SOFT404_TITLES = {
    'en': ['Security Council resolution 404 (1977) on Benin', 'Not found, not forgotten: the search for missing persons'],
    'fr': ['Résolution 404 (1977) du Conseil de sécurité', 'Disparus : une page non trouvée de l\'histoire'],
    'es': ['Resolución 404 (1977) del Consejo de Seguridad', 'No se encontró acuerdo sobre el texto final'],
    'ru': ['Резолюция 404 (1977) Совета Безопасности', 'Формула мира не найдена'],
    'ar': ['قرار مجلس الأمن 404 (1977)', 'الحلول السهلة غير موجودة'],
    'zh': ['安全理事会第404(1977)号决议', '难民：找不到回家的路'],
}

# ---------------------------------------------------------------- the world

ALNUM = '0123456789abcdefghijklmnopqrstuvwxyz'
LOOKALIKE = {'0': 'o', 'o': '0', '1': 'l', 'l': '1', '5': 's', 's': '5', '2': 'z', 'z': '2',
             '8': 'b', 'b': '8'}
used_ids = set()


def new_id():
    while True:
        tail = ''.join(rng.choice(ALNUM) for _ in range(8))
        if not any(c in LOOKALIKE for c in tail[1:]):
            continue
        i = 'k1' + tail
        if i not in used_ids:
            used_ids.add(i)
            return i


def fold(asset_id):
    table = {'o': '0', 'l': '1', 'i': '1', 's': '5', 'z': '2', 'b': '8'}
    return ''.join(table.get(c, c) for c in asset_id)


world = {'recordings': [], 'documents': [], 'pages': [], 'faults': [], 'snapshots': [],
         'not_found': []}


def add_not_found(rule):
    """What a site answers for any page it does not have under rule['prefix'] (the
    replica's not_found[]): the answer timecite's host probe meets."""
    if rule not in world['not_found']:
        world['not_found'].append(rule)


def page_html(title, text='', lang='en'):
    return ('<!DOCTYPE html><html lang="%s"><head><meta charset="utf-8"><title>%s</title></head>'
            '<body><h1>%s</h1><p>%s</p></body></html>\n'
            % (lang, html.escape(title), html.escape(title), html.escape(text or title)))


def add_page(url, title, lang='en', status=200, headers=None, body=None):
    p = {'url': url, 'status': status,
         'body': body if body is not None else page_html(title, lang=lang)}
    if headers:
        p['headers'] = headers
    world['pages'].append(p)


def add_recording(lang, n, status='ready', duration_s=7200, date=None):
    asset_id = new_id()
    year = 2021 + n % 4
    month = 1 + (n * 5 + LANGS.index(lang)) % 12
    day = 3 + (n * 7) % 24
    date = date or '%04d-%02d-%02d' % (year, month, day)
    statements = [{'start': 10.0, 'speaker': {'name': 'The Chair', 'affiliation': '',
                                               'affiliation_full': '', 'function': 'Chair'},
                   'sentences': [{'text': 'The meeting is called to order.', 'start': 10.0,
                                  'end': 14.0}]}]
    for k, (iso3, full, _) in enumerate(COUNTRIES):
        s = float((k + 1) * STATEMENT_S)
        statements.append({'start': s, 'speaker': {'name': 'Representative of ' + full,
                                                   'affiliation': iso3, 'affiliation_full': full,
                                                   'function': 'Representative'},
                           'sentences': [{'text': '%s thanks the Chair and supports the draft.'
                                          % full, 'start': s + 5, 'end': s + 12}]})
    rec = {'asset_id': asset_id, 'title': '%s meeting %d, Working Group on eval (%s)' % (
        lang.upper(), n + 1, date), 'body': 'General Assembly', 'date': date,
           'start_time': date + 'T10:00:00-04:00', 'duration_ms': duration_s * 1000,
           'languages': ['English', 'Original'],
           'categories': ['Meetings & Events', 'General Assembly'],
           'summary': 'Evaluation recording.', 'description': 'Evaluation recording.',
           'transcript': {'language': 'en', 'statements': statements}}
    if status != 'ready':
        rec['status'] = status
    world['recordings'].append(rec)
    return rec


def hms(s):
    h, rem = divmod(s, 3600)
    m, sec = divmod(rem, 60)
    return '%d:%02d:%02d' % (h, m, sec) if h else '%d:%02d' % (m, sec)


def asset_url(host, lang, asset_id):
    return 'https://%s/%s/asset/%s/%s' % (host, lang, asset_id[:3], asset_id)


symbol_n = [800]


def new_symbol(lang):
    symbol_n[0] += 1
    sym = 'A/%d/%d' % (75 + symbol_n[0] % 4, symbol_n[0])
    world['documents'].append({'symbol': sym, 'title': 'Evaluation document %s' % sym})
    return sym


page_n = [1087000]


def new_news(lang, title=None):
    page_n[0] += 7
    url = 'https://news.un.org/%s/story/%d/%02d/%d' % (lang, 2021 + page_n[0] % 3,
                                                    1 + page_n[0] % 12, page_n[0])
    add_page(url, (title or ('%s %d' % (NEWS[lang], page_n[0]))) + ' | ' + NEWS[lang], lang)
    return url


def shift_date(iso, days):
    import datetime
    d = datetime.date.fromisoformat(iso) + datetime.timedelta(days=days)
    return d.isoformat()


# ---------------------------------------------------------------- citations

class Doc:
    def __init__(self, lang, fmt):
        self.lang, self.fmt = lang, fmt
        self.name = '%s.%s' % (lang, fmt)
        self.footnotes = []   # (text lines, [labels])
        self.recs = [add_recording(lang, i + 10 * FORMATS.index(fmt)) for i in range(6)]
        self.rec_i = 0

    def rec(self):
        r = self.recs[self.rec_i % len(self.recs)]
        self.rec_i += 1
        return r

    def add(self, text, labels):
        if isinstance(text, str):
            text = [text]
        n = len(self.footnotes) + 1
        for i, lab in enumerate(labels):
            lab['id'] = '%s#%d%s' % (self.name, n, '' if len(labels) == 1 else 'abc'[i])
            lab['footnote'] = n
        self.footnotes.append((text, labels))


def label(url, verdict, start_ms=None, date=None, speaker=None, speaker_mismatch=False,
          traps=(), defects=(), written=None, note=''):
    lab = {'url': url, 'start_ms': start_ms, 'date': date, 'speaker': speaker,
           'speaker_mismatch': speaker_mismatch, 'verdict': verdict, 'traps': list(traps),
           'defects': list(defects)}
    if written and written != url:
        lab['written'] = written
    if note:
        lab['note'] = note
    return lab


def rec_footnote(d, url_text, date_iso=None, start=None, speaker=None, tail=''):
    L = d.lang
    parts = [WEBTV[L]]
    if speaker:
        parts.append(statement_by(L, speaker))
    if date_iso:
        parts.append(date_text(L, date_iso) + ((' ' if L != 'zh' else '') + start if start else ''))
    elif start:
        parts.append(start)
    return SEP[L].join(parts) + SEP[L] + url_text + tail


def build_doc(lang, fmt, di):
    d = Doc(lang, fmt)
    L = d.lang
    host = 'media.un.org' if di % 2 else 'webtv.un.org'

    # 1. A recording, its date and a start inside it.
    r = d.rec()
    s = 1800 + 37 * di
    u = asset_url(host, L, r['asset_id'])
    d.add(rec_footnote(d, u, r['date'], start_text(L, hms(s))),
          [label(u, 'ok', s * 1000, r['date'])])

    # 2. A range.
    r = d.rec()
    a, b = 3720 + di, 3930 + di
    u = asset_url(host, L, r['asset_id'])
    d.add(rec_footnote(d, u, r['date'], range_text(L, hms(a), hms(b))),
          [label(u, 'ok', a * 1000, r['date'])])

    # 3. The right speaker, named in the footnote.
    r = d.rec()
    k = di % 6
    s = (k + 1) * STATEMENT_S + 40
    iso3, _, names = COUNTRIES[k]
    u = asset_url(host, L, r['asset_id'])
    d.add(rec_footnote(d, u, r['date'], start_text(L, hms(s)), speaker=names[L]),
          [label(u, 'ok', s * 1000, r['date'], iso3)])

    # 4. The wrong speaker: the country named speaks three statements later.
    r = d.rec()
    k = (di + 1) % 3
    s = (k + 1) * STATEMENT_S + 60
    iso3, _, names = COUNTRIES[k + 3]
    u = asset_url(host, L, r['asset_id'])
    d.add(rec_footnote(d, u, r['date'], start_text(L, hms(s)), speaker=names[L]),
          [label(u, 'warning', s * 1000, r['date'], iso3, True, defects=['speaker-mismatch'])])

    # 5. A start past the end of the recording (2:00:00 long).
    r = d.rec()
    s = 7200 + 600 + 61 * di
    u = asset_url(host, L, r['asset_id'])
    d.add(rec_footnote(d, u, r['date'], start_text(L, hms(s))),
          [label(u, 'broken', s * 1000, r['date'], defects=['timecode-beyond-end'])])

    # 6. The wrong date (five days off).
    r = d.rec()
    wrong = shift_date(r['date'], 5 + di % 3)
    s = 900 + di
    u = asset_url(host, L, r['asset_id'])
    d.add(rec_footnote(d, u, wrong, start_text(L, hms(s))),
          [label(u, 'warning', s * 1000, wrong, defects=['date-mismatch'])])

    # 7. A UN document, by symbol.
    sym = new_symbol(L)
    u = ('https://docs.un.org/%s' % sym) if di % 2 else ('https://undocs.org/%s/%s' % (L, sym))
    d.add(REPORT[L] + ' (%s)' % sym + SEP[L] + u, [label(u, 'ok')])

    # 8. A dead link (404, or 410 every third report).
    date = '2019-%02d-%02d' % (1 + di % 12, 1 + di % 27)
    u = 'https://www.un.org/%s/press/2019/sc%d.doc.htm' % (L, 13800 + di)
    status = 410 if di % 3 == 0 else 404
    add_page(u, 'Not Found', L, status=status)
    d.add(NEWS[L] + SEP[L] + date_text(L, date) + SEP[L] + u,
          [label(u, 'broken', date=date, defects=['link-broken'])])

    # 9, 10. URLs followed by the language's punctuation.
    for j in range(2):
        p = TRAILING[L][(2 * di + j) % len(TRAILING[L])]
        date = '2022-%02d-%02d' % (1 + (di + j) % 12, 10 + j)
        u = new_news(L)
        opener = {'»': '«', '”': '“', '’': '‘', ')': '(', '）': '（', '」': '「'}.get(p)
        if opener:
            text = NEWS[L] + SEP[L] + date_text(L, date) + SEP[L] + opener + u + p
        else:
            text = NEWS[L] + SEP[L] + date_text(L, date) + SEP[L] + u + p
        d.add(text, [label(u, 'ok', date=date, traps=['trailing-punctuation'],
                           note='followed by %r' % p)])

    # 11. A link written without a scheme.
    v = di % 4
    if v == 0:
        sym = new_symbol(L)
        w = 'undocs.org/%s' % sym
        d.add(REPORT[L] + ' (%s)' % sym + SEP[L] + w,
              [label('https://' + w, 'ok', traps=['no-scheme'], written=w)])
    elif v == 1:
        slug = 'ict-security-%s-%d' % (L, di)
        w = 'www.un.org/disarmament/%s/' % slug
        add_page('https://' + w, 'Developments in the field of ICTs', L)
        d.add(PAGE[L] + SEP[L] + w, [label('https://' + w, 'ok', traps=['no-scheme'], written=w)])
    elif v == 2:
        r = d.rec()
        s = 1500 + di
        w = 'media.un.org/%s/asset/%s/%s' % (L, r['asset_id'][:3], r['asset_id'])
        d.add(rec_footnote(d, w, r['date'], start_text(L, hms(s))),
              [label('https://' + w, 'ok', s * 1000, r['date'], traps=['no-scheme'], written=w)])
    else:
        sym = new_symbol(L)
        w = 'docs.un.org/%s' % sym
        d.add(REPORT[L] + ' (%s)' % sym + SEP[L] + w,
              [label('https://' + w, 'ok', traps=['no-scheme'], written=w)])

    # 12. A start written in the URL only.
    r = d.rec()
    s = 3723 + 11 * di
    v = di % 5
    a = r['asset_id']
    if v == 0:
        u = asset_url(host, L, a) + '?t=%dh%dm%ds' % (s // 3600, s % 3600 // 60, s % 60)
    elif v == 1:
        u = asset_url(host, L, a) + '#t=%s' % hms(s)
    elif v == 2:
        u = 'https://transcripts.un.org/%s/asset/%s/%s?t=%s' % (L, a[:3], a, hms(s))
    elif v == 3:
        u = ('https://cdnapisec.kaltura.com/p/2503451/embedPlaykitJs/uiconf_id/50320602'
             '?iframeembed=true&entry_id=1_%s&kalturaSeekFrom=%d' % (a[2:], s))
        add_page(u, r['title'] + ' | Kaltura player', L)
    else:
        u = asset_url(host, L, a) + '?start=%d' % s
    d.add(rec_footnote(d, u, r['date']),
          [label(u, 'ok', s * 1000, r['date'], traps=['timecode-in-url'])])

    # 13. A valid page whose title reads like a not-found page.
    title = SOFT404_TITLES[L][di % 2]
    date = '2023-%02d-%02d' % (1 + di % 12, 4)
    u = new_news(L, title)
    d.add(NEWS[L] + SEP[L] + date_text(L, date) + SEP[L] + u,
          [label(u, 'ok', date=date, traps=['not-found-title'], note='title: ' + title)])

    # 14. Two URLs glued by a comma, or a URL glued to the next CSV field.
    if di % 2 == 0:
        s1, s2 = new_symbol(L), new_symbol(L)
        u1, u2 = 'https://docs.un.org/%s' % s1, 'https://docs.un.org/%s' % s2
        d.add(REPORT[L] + ' (%s, %s)' % (s1, s2) + SEP[L] + u1 + ',' + u2,
              [label(u1, 'ok', traps=['glued-comma']), label(u2, 'ok', traps=['glued-comma'])])
    else:
        u1 = 'https://www.un.org/%s/ga/77/resolutions-%d.shtml' % (L, di)
        add_page(u1, 'Resolutions of the 77th session', L)
        u2 = new_news(L)
        d.add(PAGE[L] + SEP[L] + u1 + ',plenary,' + u2,
              [label(u1, 'ok', traps=['glued-comma']), label(u2, 'ok', traps=['glued-comma'])])

    # Rotating kinds: three or four per report.
    kinds = ['removed', 'lookalike', 'unpublished', 'redirect301', 'botwall', 'tracking',
             'home302', 'watch301', 'belongs', 'length', 'timeofday', 'glued-id',
             'url-past-end', 'wrapped']
    chosen = [kinds[(di * 3 + j) % len(kinds)] for j in range(4)]
    if fmt in ('txt', 'md') and 'wrapped' not in chosen:
        chosen.append('wrapped')
    if fmt not in ('txt', 'md') and 'wrapped' in chosen:
        chosen[chosen.index('wrapped')] = next(k for k in kinds if k not in chosen)
    for kind in chosen:
        add_rotating(d, kind, di, host)
    return d


def add_rotating(d, kind, di, host):
    L = d.lang
    if kind == 'removed':
        r = add_recording(L, 40 + di, status='deleted')
        s = 1200
        u = asset_url(host, L, r['asset_id'])
        world['snapshots'].append({'url': u, 'timestamp': '20230101120000'})
        d.add(rec_footnote(d, u, r['date'], start_text(L, hms(s))),
              [label(u, 'broken', s * 1000, r['date'], defects=['asset-removed'])])
    elif kind == 'lookalike':
        # An id one look-alike character away from a recording that exists but is cited
        # nowhere in the set.
        other = add_recording(L, 80 + di)
        good = other['asset_id']
        for i in range(2, 10):
            if good[i] in LOOKALIKE:
                bad = good[:i] + LOOKALIKE[good[i]] + good[i + 1:]
                if bad not in used_ids:
                    break
        used_ids.add(bad)
        u = asset_url(host, L, bad)
        s = 700
        d.add(rec_footnote(d, u, other['date'], start_text(L, hms(s))),
              [label(u, 'broken', s * 1000, other['date'], defects=['asset-not-found'],
                     note='look-alike of ' + good)])
    elif kind == 'unpublished':
        r = add_recording(L, 60 + di, status='unpublished')
        u = asset_url(host, L, r['asset_id'])
        d.add(rec_footnote(d, u, r['date']),
              [label(u, 'broken', None, r['date'], defects=['soft-404'],
                     note='UN Web TV answers its not-found page with 200')])
    elif kind == 'redirect301':
        u = new_news(L)
        target = new_news(L)
        world['pages'] = [p for p in world['pages'] if p['url'] != u]
        add_page(u, 'Moved', L, status=301, headers={'Location': target})
        d.add(NEWS[L] + SEP[L] + u, [label(u, 'warning', defects=['link-redirected'])])
    elif kind == 'botwall':
        u = 'https://digitallibrary.un.org/record/%d' % (3924000 + di)
        add_page(u, '', L, status=202, headers={'x-amzn-waf-action': 'challenge'}, body='')
        d.add(PAGE[L] + SEP[L] + u, [label(u, 'unverified')])
    elif kind == 'tracking':
        base = new_news(L)
        u = base + '?utm_source=newsletter&utm_medium=email'
        add_page(u, NEWS[L], L)
        d.add(NEWS[L] + SEP[L] + u, [label(u, 'warning', defects=['tracking-parameter'])])
    elif kind == 'home302':
        u = 'https://www.un.org/%s/sections/issues-depth/topic-%d/' % (L, di)
        home = 'https://www.un.org/%s/' % L
        if not any(p['url'] == home for p in world['pages']):
            add_page(home, 'Welcome to the United Nations', L)
        # The section was retired: every page under it, even one that never existed,
        # is sent home (the host probe meets the same answer).
        add_not_found({'prefix': 'https://www.un.org/%s/sections/issues-depth/' % L,
                       'redirect': home, 'status': 302})
        d.add(PAGE[L] + SEP[L] + u,
              [label(u, 'broken', defects=['soft-404'],
                     note='deep link sent to the home page by a 302')])
    elif kind == 'watch301':
        u = 'https://webtv.un.org/watch/general-assembly-%d-plenary-meeting/62437%05d' % (di, di)
        if not any(p['url'] == 'https://webtv.un.org/' for p in world['pages']):
            add_page('https://webtv.un.org/', 'UN Web TV', L)
        # Every pre-2021 /watch/ link, whatever it names, is sent home.
        add_not_found({'prefix': 'https://webtv.un.org/watch/',
                       'redirect': 'https://webtv.un.org/', 'status': 301})
        d.add(WEBTV[L] + SEP[L] + u,
              [label(u, 'broken', defects=['soft-404', 'legacy-url'],
                     note='pre-2021 link sent permanently to the home page')])
    elif kind == 'belongs':
        p = '!' if di % 2 else '.'
        u = 'https://www.un.org/%s/academic-impact/act-now-%d%s' % (L, di, p)
        add_page(u, 'Act now', L)
        d.add(PAGE[L] + SEP[L] + u,
              [label(u, 'ok', traps=['punctuation-belongs'],
                     note='the final %r is part of the URL: the page exists only with it' % p)])
    elif kind == 'length':
        r = d.rec()
        u = asset_url(host, L, r['asset_id'])
        d.add(rec_footnote(d, u, r['date'], length_text(L, '2:00:00')),
              [label(u, 'ok', None, r['date'], traps=['length-not-start'])])
    elif kind == 'timeofday':
        r = d.rec()
        u = asset_url(host, L, r['asset_id'])
        d.add(rec_footnote(d, u, r['date'], time_of_day_text(L)),
              [label(u, 'ok', None, r['date'], traps=['time-of-day'])])
    elif kind == 'glued-id':
        r = d.rec()
        s = 2000 + di
        u = asset_url(host, L, r['asset_id'])
        d.add(rec_footnote(d, u, r['date'], start_text(L, hms(s)), tail=GLUED_WORD[L]),
              [label(u, 'ok', s * 1000, r['date'], traps=['text-glued-after-id'],
                     note='followed by %r without a space' % GLUED_WORD[L])])
    elif kind == 'url-past-end':
        r = d.rec()
        s = 7200 + 1800 + di
        u = asset_url(host, L, r['asset_id']) + '?t=%d' % s
        d.add(rec_footnote(d, u, r['date']),
              [label(u, 'broken', s * 1000, r['date'], traps=['timecode-in-url'],
                     defects=['timecode-beyond-end'])])
    elif kind == 'wrapped':
        date = '2024-%02d-%02d' % (1 + di % 12, 15)
        u = new_news(L)
        cut = u.rindex('/') + 1
        first, second = u[:cut], u[cut:]
        if d.fmt == 'md' and di % 2 == 0:
            lines = [NEWS[L] + SEP[L] + date_text(L, date) + SEP[L] + '<' + first, second + '>']
        else:
            lines = [NEWS[L] + SEP[L] + date_text(L, date) + SEP[L] + first, second]
        d.add(lines, [label(u, 'ok', date=date, traps=['wrapped-url'])])


# ---------------------------------------------------------------- writers

SUPERSCRIPT = str.maketrans('0123456789', '⁰¹²³⁴⁵⁶⁷⁸⁹')


def body_paragraphs(d, reference):
    """One body sentence per footnote, carrying its reference: reference(n) as written."""
    return [BODY[d.lang].rstrip('.。') + reference(i + 1) + ('。' if d.lang == 'zh' else '.')
            for i in range(len(d.footnotes))]


def write_lines(path, lines):
    with open(path, 'w', encoding='utf-8') as f:
        f.write('\n'.join(lines))


def write_md(d, path):
    out = ['# Report (%s)' % d.lang, '']
    for p in body_paragraphs(d, lambda n: '[^%d]' % n):
        out += [p, '']
    for i, (lines, _) in enumerate(d.footnotes):
        out += ['[^%d]: %s' % (i + 1, lines[0])] + lines[1:] + ['']
    write_lines(path, out)


def write_txt(d, path):
    out = ['Report (%s)' % d.lang, '']
    for p in body_paragraphs(d, lambda n: str(n).translate(SUPERSCRIPT)):
        out += [p, '']
    out += [NOTES[d.lang], '']
    for i, (lines, _) in enumerate(d.footnotes):
        out += ['%d. %s' % (i + 1, lines[0])] + lines[1:]
    write_lines(path, out + [''])


def write_html(d, path):
    dir_attr = ' dir="rtl"' if d.lang == 'ar' else ''
    out = ['<!DOCTYPE html>', '<html lang="%s"%s>' % (d.lang, dir_attr),
           '<head><meta charset="utf-8"><title>Report (%s)</title></head>' % d.lang, '<body>']
    for p in body_paragraphs(d, lambda n: '\0%d\0' % n):
        text, n, end = p.split('\0')
        out.append('<p>%s<sup><a href="#fn%s" role="doc-noteref">%s</a></sup>%s</p>' % (
            html.escape(text), n, n, end))
    out.append('<section role="doc-endnotes"><ol>')
    for i, (lines, _) in enumerate(d.footnotes):
        out.append('<li id="fn%d"><p>%s</p></li>' % (i + 1, html.escape(' '.join(lines))))
    out.append('</ol></section>')
    out.append('</body></html>')
    write_lines(path, out + [''])


def main():
    set_dir = os.path.join(HERE, 'set')
    os.makedirs(set_dir, exist_ok=True)
    labels = {'version': 1,
              'about': 'Labels of the evaluation set (docs/accuracy.md). One entry per citation: '
                       'url (what a careful reader extracts; a link written without a scheme '
                       'with https:// added, "written" then gives it as written), start_ms (the '
                       'cited start in ms, null when none is cited), date (ISO, of the '
                       'footnote), speaker (ISO 3166-1 alpha-3 of the country the footnote '
                       'names as speaking, null when none), speaker_mismatch (that country does '
                       'not speak at the start), verdict (ok|warning|broken|unverified, as a '
                       'careful checker decides online against tests/eval/world.json), traps and '
                       'defects (what the citation tests).',
              'documents': []}
    di = 0
    for fmt in FORMATS:
        for lang in LANGS:
            d = build_doc(lang, fmt, di)
            di += 1
            if fmt in ('docx', 'pdf'):
                src = '%s.%s.md' % (lang, fmt)
                write_md(d, os.path.join(set_dir, src))
            else:
                src = d.name
                {'txt': write_txt, 'md': write_md, 'html': write_html}[fmt](
                    d, os.path.join(set_dir, src))
            labels['documents'].append({
                'name': d.name, 'source': 'set/' + src, 'lang': lang, 'format': fmt,
                'citations': [lab for _, labs in d.footnotes for lab in labs]})
    with open(os.path.join(HERE, 'labels.json'), 'w', encoding='utf-8') as f:
        json.dump(labels, f, ensure_ascii=False, indent=1)
        f.write('\n')
    with open(os.path.join(HERE, 'world.json'), 'w', encoding='utf-8') as f:
        json.dump(world, f, ensure_ascii=False, indent=1)
        f.write('\n')
    n = sum(len(doc['citations']) for doc in labels['documents'])
    print('%d reports, %d citations, %d recordings' % (len(labels['documents']), n,
                                                      len(world['recordings'])))


if __name__ == '__main__':
    main()
