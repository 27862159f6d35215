#!/usr/bin/env python3
"""Writes the seed inputs of fuzz_docx and fuzz_pdf (fuzz/corpus/<target>/).

The seeds are small documents built here from literal parts, so that the
fuzzers start from valid archives and PDFs: a DOCX with a footnote, an endnote,
a relationship hyperlink and a HYPERLINK field; a one-page PDF with body text,
a footnote and a link annotation. Run from the repository root:
    python3 fuzz/make_reader_seeds.py
"""
import os
import zipfile

W = ('xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
     'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"')


def run(text):
    return '<w:r><w:t xml:space="preserve">%s</w:t></w:r>' % text


def rels(links):
    out = ('<?xml version="1.0" encoding="UTF-8"?><Relationships '
           'xmlns="http://schemas.openxmlformats.org/package/2006/relationships">')
    for rid, target in links:
        out += ('<Relationship Id="%s" Type="http://schemas.openxmlformats.org/officeDocument/'
                '2006/relationships/hyperlink" Target="%s" TargetMode="External"/>' % (rid, target))
    return out + '</Relationships>'


def docx(path):
    document = ('<w:document %s><w:body><w:p>%s<w:r><w:footnoteReference w:id="1"/></w:r>'
                '<w:r><w:endnoteReference w:id="1"/></w:r></w:p><w:p><w:hyperlink r:id="rId1">%s'
                '</w:hyperlink></w:p></w:body></w:document>'
                % (W, run('The Council met on 8 March 2021.'), run('resolution')))
    footnotes = ('<w:footnotes %s><w:footnote w:type="separator" w:id="-1"><w:p/></w:footnote>'
                 '<w:footnote w:id="1"><w:p><w:r><w:footnoteRef/></w:r>%s</w:p></w:footnote>'
                 '</w:footnotes>'
                 % (W, run(' UN Web TV (starting at 1:29:40) '
                           'https://media.un.org/en/asset/k1o/k1obxycc3u')))
    endnotes = ('<w:endnotes %s><w:endnote w:id="1"><w:p><w:r><w:fldChar w:fldCharType="begin"/>'
                '</w:r><w:r><w:instrText> HYPERLINK "https://undocs.org/S/PV.9748" </w:instrText>'
                '</w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>%s<w:r>'
                '<w:fldChar w:fldCharType="end"/></w:r></w:p></w:endnote></w:endnotes>'
                % (W, run('S/PV.9748')))
    with zipfile.ZipFile(path, 'w', zipfile.ZIP_DEFLATED) as z:
        z.writestr('[Content_Types].xml', '<Types/>')
        z.writestr('word/document.xml', document)
        z.writestr('word/_rels/document.xml.rels',
                   rels([('rId1', 'https://undocs.org/A/RES/75/282')]))
        z.writestr('word/footnotes.xml', footnotes)
        z.writestr('word/endnotes.xml', endnotes)


def pdf_file(objects):
    """A PDF 1.4 file of `objects` (bytes, numbered from 1; 1 is the catalog), with its
    cross-reference table and trailer. Also used by tests/eval/make_binaries.py."""
    out = b'%PDF-1.4\n'
    offsets = []
    for i, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b'%d 0 obj\n' % i + body + b'\nendobj\n'
    xref = len(out)
    out += b'xref\n0 %d\n0000000000 65535 f \n' % (len(objects) + 1)
    for off in offsets:
        out += b'%010d 00000 n \n' % off
    out += b'trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n' % (
        len(objects) + 1, xref)
    return out


def pdf(path):
    content = (b'BT /F1 11 Tf 72 700 Td (The Council met on 8 March 2021.) Tj ET\n'
               b'BT /F1 6 Tf 250 704 Td (1) Tj ET\n'
               b'BT /F1 6 Tf 72 104 Td (1) Tj ET\n'
               b'BT /F1 8 Tf 76 100 Td (UN Web TV \\(starting at 1:29:40\\), '
               b'https://media.un.org/en/asset/k1o/) Tj ET\n'
               b'BT /F1 8 Tf 76 90 Td (k1obxycc3u) Tj ET\n')
    objects = [
        b'<< /Type /Catalog /Pages 2 0 R >>',
        b'<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
        b'<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R '
        b'/Resources << /Font << /F1 5 0 R >> >> /Annots [6 0 R] >>',
        b'<< /Length %d >>\nstream\n' % len(content) + content + b'endstream',
        b'<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
        b'<< /Type /Annot /Subtype /Link /Rect [76 88 200 108] /Border [0 0 0] '
        b'/A << /S /URI /URI (https://media.un.org/en/asset/k1o/k1obxycc3u) >> >>',
    ]
    out = pdf_file(objects)
    with open(path, 'wb') as f:
        f.write(out)


if __name__ == '__main__':
    for d in ('fuzz/corpus/fuzz_docx', 'fuzz/corpus/fuzz_pdf'):
        os.makedirs(d, exist_ok=True)
    docx('fuzz/corpus/fuzz_docx/report.docx')
    pdf('fuzz/corpus/fuzz_pdf/report.pdf')
