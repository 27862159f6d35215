#!/usr/bin/env python3
"""Builds the DOCX and PDF reports of the evaluation set from their sources.

    make_binaries.py SET_DIR OUT_DIR

Each SET_DIR/LANG.docx.md and SET_DIR/LANG.pdf.md (Markdown footnote convention: body
paragraphs carrying [^N], then "[^N]: text" lines, a footnote going on over the lines that
follow it) becomes OUT_DIR/LANG.docx or OUT_DIR/LANG.pdf:

- DOCX (python3's zipfile, as fuzz/make_reader_seeds.py): body paragraphs with
  w:footnoteReference, the notes in word/footnotes.xml as Word writes them (separators, the
  note's own w:footnoteRef), URLs as plain text runs.
- PDF (written by hand, PDF 1.4): one page, body text in 11 pt and the notes at its foot in
  8 pt with their numbers as 6 pt superscripts, as Word exports them. The font is a Type0
  font with Identity-H encoding and a ToUnicode CMap (no glyphs embedded: the readers extract
  text through ToUnicode, and no font on the machine covers all six scripts). Words are
  placed one by one at widths of 0.6 em (1 em for CJK), so the layout does not depend on a
  font either.

Deterministic: the same sources give the same bytes (no dates, fixed ZIP times).
"""
import os
import re
import sys
import zipfile
from xml.sax.saxutils import escape

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..', 'fuzz'))
from make_reader_seeds import pdf_file  # noqa: E402  (one PDF file writer)

W_NS = ('xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"')


def parse_source(text):
    """(body paragraphs, {n: footnote text}) of a Markdown-footnote source."""
    body, notes = [], {}
    current = None
    for line in text.split('\n'):
        m = re.match(r'\[\^(\d+)\]: (.*)$', line)
        if m:
            current = int(m.group(1))
            notes[current] = [m.group(2)]
            continue
        if current is not None:
            if line.strip():
                notes[current].append(line)
            else:
                current = None
            continue
        if line.strip() and not line.startswith('#'):
            body.append(line)
    return body, {n: lines for n, lines in notes.items()}


def split_refs(paragraph):
    """[(text, footnote number or 0)] of a body paragraph."""
    out, pos = [], 0
    for m in re.finditer(r'\[\^(\d+)\]', paragraph):
        out.append((paragraph[pos:m.start()], int(m.group(1))))
        pos = m.end()
    out.append((paragraph[pos:], 0))
    return out


def run(text):
    return '<w:r><w:t xml:space="preserve">%s</w:t></w:r>' % escape(text)


def make_docx(body, notes, path):
    paras = []
    for p in body:
        xml = ''
        for text, n in split_refs(p):
            if text:
                xml += run(text)
            if n:
                xml += ('<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr>'
                        '<w:footnoteReference w:id="%d"/></w:r>' % n)
        paras.append('<w:p>%s</w:p>' % xml)
    document = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                '<w:document %s><w:body>%s</w:body></w:document>' % (W_NS, ''.join(paras)))
    fn = ['<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p>'
          '</w:footnote>',
          '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r>'
          '<w:continuationSeparator/></w:r></w:p></w:footnote>']
    for n in sorted(notes):
        fn.append('<w:footnote w:id="%d"><w:p><w:r><w:rPr><w:rStyle w:val="FootnoteReference"/>'
                  '</w:rPr><w:footnoteRef/></w:r>%s</w:p></w:footnote>'
                  % (n, run(' ' + ' '.join(notes[n]))))
    footnotes = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                 '<w:footnotes %s>%s</w:footnotes>' % (W_NS, ''.join(fn)))
    content_types = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
        'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
        'officedocument.wordprocessingml.document.main+xml"/>'
        '<Override PartName="/word/footnotes.xml" ContentType="application/vnd.openxmlformats-'
        'officedocument.wordprocessingml.footnotes+xml"/></Types>')
    root_rels = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                 '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
                 'relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
                 'officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
                 '</Relationships>')
    doc_rels = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
                'relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
                'officeDocument/2006/relationships/footnotes" Target="footnotes.xml"/>'
                '</Relationships>')
    with zipfile.ZipFile(path, 'w', zipfile.ZIP_DEFLATED) as z:
        for name, data in (('[Content_Types].xml', content_types), ('_rels/.rels', root_rels),
                           ('word/document.xml', document),
                           ('word/_rels/document.xml.rels', doc_rels),
                           ('word/footnotes.xml', footnotes)):
            info = zipfile.ZipInfo(name, date_time=(2026, 12, 7, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, data)


# ------------------------------------------------------------------------------ PDF

def is_wide(ch):
    o = ord(ch)
    return 0x2E80 <= o <= 0x9FFF or 0xF900 <= o <= 0xFAFF or 0xFF00 <= o <= 0xFFEF or \
        0x3000 <= o <= 0x303F


def width(ch):
    return 1000 if is_wide(ch) else 600


class Pdf:
    PAGE_W, PAGE_H = 1000, 1500
    LEFT = 50

    def __init__(self):
        self.page_h = self.PAGE_H
        self.cids = {}
        self.ops = []

    def cid(self, ch):
        if ch not in self.cids:
            self.cids[ch] = len(self.cids) + 1
        return self.cids[ch]

    def word(self, x, y, size, text):
        hexs = ''.join('%04X' % self.cid(c) for c in text)
        self.ops.append('BT /F1 %g Tf %.2f %.2f Td <%s> Tj ET' % (size, x, y, hexs))
        return x + sum(width(c) for c in text) * size / 1000.0

    def line(self, y, size, words, x=None):
        x = self.LEFT if x is None else x
        for i, (text, wsize, rise) in enumerate(words):
            if i and not text.startswith('\0'):
                x += 0.3 * size
            text = text.lstrip('\0')
            x = self.word(x, y + rise, wsize, text)
        return x

    def finish(self):
        content = '\n'.join(self.ops).encode('ascii')
        cmap_lines = ['/CIDInit /ProcSet findresource begin', '12 dict begin', 'begincmap',
                      '/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def',
                      '/CMapName /Eval-UCS def', '/CMapType 2 def',
                      '1 begincodespacerange <0000> <FFFF> endcodespacerange']
        items = sorted(self.cids.items(), key=lambda kv: kv[1])
        for i in range(0, len(items), 100):
            chunk = items[i:i + 100]
            cmap_lines.append('%d beginbfchar' % len(chunk))
            for ch, c in chunk:
                u = ch.encode('utf-16-be').hex().upper()
                cmap_lines.append('<%04X> <%s>' % (c, u))
            cmap_lines.append('endbfchar')
        cmap_lines += ['endcmap', 'CMapName currentdict /CMap defineresource pop', 'end', 'end']
        cmap = '\n'.join(cmap_lines).encode('ascii')
        widths = ' '.join('%d [%d]' % (c, width(ch)) for ch, c in items)
        objects = [
            b'<< /Type /Catalog /Pages 2 0 R >>',
            b'<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
            b'<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %d %d] /Contents 4 0 R '
            b'/Resources << /Font << /F1 5 0 R >> >> >>' % (self.PAGE_W, self.page_h),
            b'<< /Length %d >>\nstream\n' % len(content) + content + b'\nendstream',
            b'<< /Type /Font /Subtype /Type0 /BaseFont /EvalSans /Encoding /Identity-H '
            b'/DescendantFonts [6 0 R] /ToUnicode 8 0 R >>',
            b'<< /Type /Font /Subtype /CIDFontType2 /BaseFont /EvalSans /CIDSystemInfo '
            b'<< /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor 7 0 R '
            b'/DW 600 /W [' + widths.encode('ascii') + b'] /CIDToGIDMap /Identity >>',
            b'<< /Type /FontDescriptor /FontName /EvalSans /Flags 32 /FontBBox [0 -200 1000 900] '
            b'/ItalicAngle 0 /Ascent 900 /Descent -200 /CapHeight 700 /StemV 80 >>',
            b'<< /Length %d >>\nstream\n' % len(cmap) + cmap + b'\nendstream',
        ]
        return pdf_file(objects)


def wrap(words, size, max_w, first_extra=0.0):
    """Splits words into lines no wider than max_w points (a word is never cut)."""
    lines, cur, w = [], [], first_extra
    for word in words:
        ww = sum(width(c) for c in word) * size / 1000.0
        if cur and w + 0.3 * size + ww > max_w:
            lines.append(cur)
            cur, w = [], 0.0
        w += (0.3 * size if cur else 0) + ww
        cur.append(word)
    if cur:
        lines.append(cur)
    return lines


def make_pdf(body, notes, path):
    pdf = Pdf()
    max_w = Pdf.PAGE_W - 2 * Pdf.LEFT
    # The body size is the most common size by characters (docs/readers.md): the body gets
    # filler paragraphs (no references) until it holds twice the notes' characters.
    note_chars = sum(len(' '.join(v)) for v in notes.values())
    filler = re.sub(r'\[\^\d+\]', '', body[0])
    body = list(body)
    while sum(len(p) for p in body) < 2 * note_chars:
        body.append(filler)
    note_lines = []
    for n in sorted(notes):
        words = ' '.join(notes[n]).split(' ')
        for i, ln in enumerate(wrap(words, 8, max_w - 8)):
            note_lines.append((n if i == 0 else 0, ln))
    body_lines = []
    for p in body:
        pieces = []  # (word, size, rise)
        for text, n in split_refs(p):
            for i, word in enumerate(text.split(' ')):
                if word:
                    pieces.append((word, 11, 0))
            if n:
                # The reference glued to the word before it, raised.
                pieces.append(('\0' + str(n), 6, 4))
        # Wrap on the words (references stay with their word).
        lines, cur, w = [], [], 0.0
        for piece in pieces:
            ww = sum(width(c) for c in piece[0].lstrip('\0')) * piece[1] / 1000.0
            glued = piece[0].startswith('\0')
            if cur and not glued and w + 3.3 + ww > max_w:
                lines.append(cur)
                cur, w = [], 0.0
            w += (0 if glued or not cur else 3.3) + ww
            cur.append(piece)
        if cur:
            lines.append(cur)
        body_lines.append(lines)
    pdf.page_h = 60 + sum(14 * len(ls) + 8 for ls in body_lines) + 60 + 10 * len(note_lines) + 40
    y = pdf.page_h - 60
    for lines in body_lines:
        for ln in lines:
            pdf.line(y, 11, ln)
            y -= 14
        y -= 8
    # Notes at the foot of the page, under a gap.
    y = 40 + 10 * len(note_lines)
    for n, ln in note_lines:
        x = Pdf.LEFT
        if n:
            x = pdf.word(x, y + 3, 6, str(n)) + 1.5
        else:
            x += 8
        pdf.line(y, 8, [(w, 8, 0) for w in ln], x=x)
        y -= 10
    with open(path, 'wb') as f:
        f.write(pdf.finish())


def main():
    set_dir, out_dir = sys.argv[1], sys.argv[2]
    os.makedirs(out_dir, exist_ok=True)
    for name in sorted(os.listdir(set_dir)):
        m = re.match(r'(\w+)\.(docx|pdf)\.md$', name)
        if not m:
            continue
        with open(os.path.join(set_dir, name), encoding='utf-8') as f:
            body, notes = parse_source(f.read())
        out = os.path.join(out_dir, '%s.%s' % (m.group(1), m.group(2)))
        (make_docx if m.group(2) == 'docx' else make_pdf)(body, notes, out)


if __name__ == '__main__':
    main()
