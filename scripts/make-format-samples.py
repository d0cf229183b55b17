#!/usr/bin/env python3
"""Generate the binary and non-UTF-8 sample documents of the archive.

Writes corpus/formate/ (German sample documents in DOCX, ODT, PDF,
Windows-1252 and UTF-16 text), tests/fixtures/formats/ (small documents for
the extractor unit tests) and tests/fixtures/edge/ (broken files the
indexer must report and skip). Only Python's standard library is used:
zipfile for DOCX/ODT and a small hand-written PDF writer. The output is
deterministic (fixed timestamps), so re-running it changes nothing.

Usage: scripts/make-format-samples.py [SOURCE_DIR]
"""
import os
import sys
import zipfile
from xml.sax.saxutils import escape

ROOT = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else
                       os.path.join(os.path.dirname(__file__), ".."))
ZIP_TIME = (2021, 1, 1, 0, 0, 0)


def write(path, data):
    path = os.path.join(ROOT, path)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(data if isinstance(data, bytes) else data.encode("utf-8"))


def zip_bytes(entries):
    """entries: list of (name, bytes, stored?) in order."""
    import io
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for name, data, stored in entries:
            info = zipfile.ZipInfo(name, ZIP_TIME)
            info.compress_type = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            z.writestr(info, data)
    return buf.getvalue()


# ---- DOCX -------------------------------------------------------------------

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def docx_par(text, style=None):
    ppr = f'<w:pPr><w:pStyle w:val="{style}"/></w:pPr>' if style else ""
    return f'<w:p>{ppr}<w:r><w:t xml:space="preserve">{escape(text)}</w:t></w:r></w:p>'


def make_docx(title, creator, created, keywords, paragraphs, header=None, description=""):
    """paragraphs: list of str, or (style, str)."""
    body = []
    for p in paragraphs:
        if isinstance(p, tuple):
            body.append(docx_par(p[1], p[0]))
        else:
            body.append(docx_par(p))
    document = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                f'<w:document {W}><w:body>{"".join(body)}'
                '<w:sectPr><w:headerReference w:type="default" r:id="rId2" '
                'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"/>'
                '</w:sectPr></w:body></w:document>')
    core = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<cp:coreProperties '
            'xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/" '
            'xmlns:dcterms="http://purl.org/dc/terms/" '
            'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
            f'<dc:title>{escape(title)}</dc:title><dc:creator>{escape(creator)}</dc:creator>'
            f'<cp:keywords>{escape(keywords)}</cp:keywords>'
            f'<dc:description>{escape(description)}</dc:description>'
            '<dc:language>de-DE</dc:language>'
            f'<dcterms:created xsi:type="dcterms:W3CDTF">{created}T09:00:00Z</dcterms:created>'
            '</cp:coreProperties>')
    ctypes = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
              '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
              '<Default Extension="rels" '
              'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
              '<Default Extension="xml" ContentType="application/xml"/>'
              '<Override PartName="/word/document.xml" ContentType="application/'
              'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
              '<Override PartName="/word/header1.xml" ContentType="application/'
              'vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/>'
              '<Override PartName="/docProps/core.xml" '
              'ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
              '</Types>')
    rels = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
            'relationships/officeDocument" Target="word/document.xml"/>'
            '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/'
            'relationships/metadata/core-properties" Target="docProps/core.xml"/>'
            '</Relationships>')
    doc_rels = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                '<Relationships '
                'xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/'
                'officeDocument/2006/relationships/header" Target="header1.xml"/>'
                '</Relationships>')
    entries = [("[Content_Types].xml", ctypes, False), ("_rels/.rels", rels, False),
               ("word/document.xml", document, False),
               ("word/_rels/document.xml.rels", doc_rels, False),
               ("docProps/core.xml", core, False)]
    if header:
        entries.append(("word/header1.xml",
                        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                        f'<w:hdr {W}>{docx_par(header)}</w:hdr>', False))
    return zip_bytes(entries)


# ---- ODT --------------------------------------------------------------------

ODT_NS = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
          'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
          'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" '
          'xmlns:dc="http://purl.org/dc/elements/1.1/"')


def make_odt(title, creator, created, keywords, paragraphs):
    """paragraphs: list of str, or ("h", str) for a heading."""
    body = []
    for p in paragraphs:
        if isinstance(p, tuple):
            body.append('<text:h text:outline-level="1">%s</text:h>' % escape(p[1]))
        else:
            # a span inside a word must not split it; <text:s/> is a space
            body.append("<text:p>%s</text:p>" % escape(p).replace("  ", "<text:s/>"))
    content = ('<?xml version="1.0" encoding="UTF-8"?>\n'
               f'<office:document-content {ODT_NS} office:version="1.2">'
               f'<office:body><office:text>{"".join(body)}</office:text></office:body>'
               '</office:document-content>')
    kw = "".join(f"<meta:keyword>{escape(k)}</meta:keyword>" for k in keywords)
    meta = ('<?xml version="1.0" encoding="UTF-8"?>\n'
            f'<office:document-meta {ODT_NS} office:version="1.2"><office:meta>'
            f'<dc:title>{escape(title)}</dc:title>'
            f'<meta:initial-creator>{escape(creator)}</meta:initial-creator>'
            f'<meta:creation-date>{created}T10:00:00</meta:creation-date>{kw}'
            '<dc:language>de-DE</dc:language>'
            '</office:meta></office:document-meta>')
    manifest = ('<?xml version="1.0" encoding="UTF-8"?>\n'
                '<manifest:manifest '
                'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" '
                'manifest:version="1.2">'
                '<manifest:file-entry manifest:full-path="/" '
                'manifest:media-type="application/vnd.oasis.opendocument.text"/>'
                '<manifest:file-entry manifest:full-path="content.xml" '
                'manifest:media-type="text/xml"/>'
                '<manifest:file-entry manifest:full-path="meta.xml" '
                'manifest:media-type="text/xml"/>'
                '</manifest:manifest>')
    return zip_bytes([("mimetype", "application/vnd.oasis.opendocument.text", True),
                      ("META-INF/manifest.xml", manifest, False),
                      ("content.xml", content, False), ("meta.xml", meta, False)])


# ---- PDF --------------------------------------------------------------------

# Windows-1252 code → Unicode for 0x80..0x9F (the rest is Latin-1)
CP1252_HIGH = {c: bytes([c]).decode("cp1252", errors="replace") for c in range(0x80, 0xA0)}
DECOMPOSED = {"ä": "a\u0308", "ö": "o\u0308", "ü": "u\u0308",
              "Ä": "A\u0308", "Ö": "O\u0308", "Ü": "U\u0308"}


def pdf_text_string(s):
    """A PDF text string (Info dictionary): UTF-16BE with BOM, as hex."""
    return "<FEFF" + s.encode("utf-16-be").hex().upper() + ">"


def to_unicode_cmap(decomposed):
    """ToUnicode CMap for codes 0x20..0xFF in Windows-1252; with decomposed
    set, the umlaut codes map to base letter + U+0308 (as some PDF producers
    write them)."""
    lines = []
    for code in range(0x20, 0x100):
        ch = bytes([code]).decode("cp1252", errors="replace")
        if ch == "\ufffd":
            continue
        if decomposed and ch in DECOMPOSED:
            ch = DECOMPOSED[ch]
        lines.append("<%02X> <%s>" % (code, ch.encode("utf-16-be").hex().upper()))
    body = []
    for i in range(0, len(lines), 100):
        chunk = lines[i:i + 100]
        body.append("%d beginbfchar\n%s\nendbfchar" % (len(chunk), "\n".join(chunk)))
    return ("/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
            "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
            "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
            "1 begincodespacerange\n<00> <FF>\nendcodespacerange\n"
            + "\n".join(body) + "\nendcmap\nCMapName currentdict /CMap defineresource pop\n"
            "end\nend\n").encode("ascii")


def make_pdf(lines, info=None, decomposed=False):
    """A minimal PDF 1.4 with Helvetica (WinAnsiEncoding); lines of text,
    46 lines per page; info: dict of Info dictionary entries."""
    objs = []  # bytes of object i+1

    def add(data):
        objs.append(data if isinstance(data, bytes) else data.encode("latin-1"))
        return len(objs)

    font_extra = ""
    if decomposed:
        cmap = to_unicode_cmap(True)
        cmap_id = add(b"<< /Length %d >>\nstream\n" % len(cmap) + cmap + b"\nendstream")
        font_extra = " /ToUnicode %d 0 R" % cmap_id
    font = add("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica "
               "/Encoding /WinAnsiEncoding%s >>" % font_extra)
    pages_id = len(objs) + 1
    add("")  # placeholder for the page tree
    kids = []
    pages = [lines[i:i + 46] for i in range(0, len(lines), 46)] or [[]]
    for page_lines in pages:
        ops = [b"BT /F1 11 Tf 14 TL 56 790 Td"]
        for ln in page_lines:
            enc = ln.encode("cp1252")
            enc = enc.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")
            ops.append(b"(" + enc + b") Tj T*")
        ops.append(b"ET")
        stream = b"\n".join(ops) if page_lines else b""
        content = add(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
        kids.append(add("<< /Type /Page /Parent %d 0 R /MediaBox [0 0 595 842] "
                        "/Resources << /Font << /F1 %d 0 R >> >> /Contents %d 0 R >>"
                        % (pages_id, font, content)))
    objs[pages_id - 1] = ("<< /Type /Pages /Kids [%s] /Count %d >>"
                          % (" ".join("%d 0 R" % k for k in kids), len(kids))).encode()
    catalog = add("<< /Type /Catalog /Pages %d 0 R >>" % pages_id)
    info_id = None
    if info:
        entries = []
        for k, v in info.items():
            if k.endswith("Date"):
                entries.append("/%s (%s)" % (k, v))
            else:
                entries.append("/%s %s" % (k, pdf_text_string(v)))
        info_id = add("<< %s >>" % " ".join(entries))
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, data in enumerate(objs):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % (i + 1) + data + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    trailer = "<< /Size %d /Root %d 0 R" % (len(objs) + 1, catalog)
    if info_id:
        trailer += " /Info %d 0 R" % info_id
    out += ("trailer\n%s >>\nstartxref\n%d\n%%%%EOF\n" % (trailer, xref)).encode()
    return bytes(out)


def wrap(text, width=88):
    """Break paragraphs (separated by blank lines) into PDF lines."""
    out = []
    for para in text.strip().split("\n\n"):
        line = ""
        for word in para.split():
            if line and len(line) + 1 + len(word) > width:
                out.append(line)
                line = word
            else:
                line = (line + " " + word) if line else word
        out.append(line)
        out.append("")
    return out


def werkarchiv_xml(attrs, fields, authors, tags, body):
    a = " ".join('%s="%s"' % (k, escape(v)) for k, v in attrs.items())
    f = "".join("  <%s>%s</%s>\n" % (k, escape(v), k) for k, v in fields)
    au = "".join("    <autor>%s</autor>\n" % escape(x) for x in authors)
    tg = "".join("    <schlagwort>%s</schlagwort>\n" % escape(x) for x in tags)
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            f'<dokument xmlns="urn:werkarchiv:dokument:1" {a}>\n{f}'
            f'  <autoren>\n{au}  </autoren>\n  <schlagworte>\n{tg}  </schlagworte>\n'
            f'{body}</dokument>\n')


# ---- corpus/formate/ ----------------------------------------------------------

KI_PROTOKOLL = [
    ("Title", "Protokoll der Werkstatt KI in der Verwaltung"),
    "Protokoll der Sitzung vom 12. März 2021, Videokonferenz, 14:00 bis 16:30 Uhr",
    "Teilnehmende: Dr. Miriam Albers (Moderation), Jonas Petersen, Aylin Demir, "
    "Frank Ostermann, Sabine Wolters",
    ("Heading1", "TOP 1: Stand des Pilotprojekts Posteingangsklassifikation"),
    "Frau Demir berichtet aus dem Landratsamt: Die Posteingangsklassifikation ordnet seit "
    "Januar rund 70 Prozent der eingehenden Schreiben automatisch dem zuständigen Sachgebiet "
    "zu. Fehlzuordnungen werden von der Poststelle korrigiert und als Trainingsdaten "
    "zurückgespielt.",
    ("Heading1", "TOP 2: Transparenzregister für Algorithmen"),
    "Die Werkstatt diskutiert, ob eingesetzte Verfahren in einem öffentlichen "
    "Transparenzregister beschrieben werden sollen. Herr Ostermann gibt zu bedenken, dass "
    "Beschreibungen für Bürgerinnen und Bürger verständlich sein müssen.",
    ("Heading1", "Beschlüsse"),
    "1. Die Werkstatt erarbeitet bis Juni eine Vorlage für Registereinträge.",
    "2. Frau Wolters stellt den Kontakt zur Datenschutzbeauftragten her.",
    "Nächste Sitzung: 23. April 2021",
]

ODT_ERGEBNIS = [
    ("h", "Barrierefreie Formulare: Ergebnisse der Werkstatt"),
    "Die Werkstatt Barrierefreiheit hat im Herbst 2022 zwölf Online-Formulare von Kommunen "
    "mit Screenreadern, Tastaturbedienung und Vergrößerungssoftware geprüft.",
    "Wichtigste Erkenntnis: Fehlermeldungen werden oft nur farblich markiert und von "
    "Hilfstechnologien nicht vorgelesen. Pflichtfelder sind selten programmatisch "
    "ausgezeichnet.",
    "Empfehlungen:  Beschriftungen fest mit Eingabefeldern verknüpfen, Fehlermeldungen als "
    "Text ausgeben, Zeitbegrenzungen abschaltbar machen und die Formularstrecke mit "
    "Menschen mit Behinderungen testen.",
    "Als Prüfgrundlage diente die BITV 2.0 mit dem Prüfschritt Formularvalidierung.",
]

PDF_ARTIKEL = """
Offene Daten in kleinen Kommunen: Erfahrungen aus drei Landkreisen

Viele Gemeinden veröffentlichen inzwischen Haushaltsdaten, Ratsbeschlüsse und
Verkehrszählungen als offene Daten. Für kleine Kommunen ist der Aufwand jedoch groß:
Es fehlen Personal, Schnittstellen und ein gemeinsames Datenportal.

In der Community Open Data haben drei Landkreise ihre Erfahrungen verglichen. Am besten
funktionierte ein gemeinsamer Datenkatalog, den der Kreis für alle kreisangehörigen
Gemeinden betreibt. Die Gemeinden liefern ihre Tabellen, der Kreis übernimmt Prüfung,
Metadaten und Veröffentlichung.

Wichtig ist die Lizenzfrage: Alle Beteiligten nutzen die Datenlizenz Deutschland Namensnennung
2.0, damit Unternehmen und Zivilgesellschaft die Daten ohne Rückfrage weiterverwenden dürfen.

Ein Beispiel ist der Haltestellenkataster, der nun landkreisweit als CSV-Datei vorliegt.
"""

PDF_DECOMPOSED = """
Protokoll der Sitzung vom 4. Mai 2022 – Werkstatt Datenschutz

Thema: Übergangsfristen bei der Löschung von Bewerbungsunterlagen.

Die Mitglieder berichten über ihre Prüfverfahren. In mehreren Behörden werden
Bewerbungsunterlagen länger aufbewahrt als nötig, weil die Zuständigkeit für die Löschung
unklar ist. Die Werkstatt empfiehlt ein Löschkonzept mit festen Fristen: sechs Monate nach
Abschluss des Verfahrens, sofern keine Einwilligung zur längeren Speicherung vorliegt.

Außerdem wurde über Müllereimer-Schredder für Papierakten und über
Auftragsverarbeitungsverträge mit Dienstleistern gesprochen.
"""

CP1252_TEXT = """Haushaltsnotiz der Werkstatt Digitale Kommune – Stand: 15. November 2020

Für das Förderprogramm „Smarte Dörfer“ stehen im kommenden Jahr 250.000 € bereit.
Davon entfallen 40.000 € auf Beratung und 12.500 € auf Schulungen – der Rest auf
Pilotprojekte wie die Dorfladen-App und den digitalen Bürgerkoffer.

Hinweis: Anträge sind bis 31. Januar 2021 über das Förderportal einzureichen.
Ansprechpartnerin ist Frau Gürsoy im Referat Ländliche Räume – bitte „Dorfladen“ im Betreff.
"""

UTF16_TEXT = """Einladung zum Austauschtreffen der Community Social Media

Liebe Kolleginnen und Kollegen,

wir laden Sie herzlich zum Austauschtreffen am 8. September 2022 ein. Schwerpunkt ist der
Umgang mit Hasskommentaren auf behördlichen Kanälen und die Frage, wann eine
Kommentarmoderation rechtlich geboten ist.

Bitte bringen Sie Beispiele aus Ihrer Netiquette mit.
Viele Grüße aus dem Redaktionsbüro
"""

UTF16BE_TEXT = """Kurznotiz: Telefonkette für den Serverraum

Bei Ausfall der Klimaanlage im Serverraum gilt die Telefonkette: zuerst Rechenzentrum,
dann Hausmeisterei, danach die IT-Leitung. Der Notfallordner liegt im Flur neben dem
Feuerlöscher.
"""

MARKDOWN_NOTE = """---
titel: Notizen zur Cloud-Migration der Fachverfahren
datum: 2023-02-09
typ: Artikel
werkstatt: Neue Technologien und Cloud
autoren: [Lena Hoffmann, Tobias Krüger]
schlagworte:
  - Cloud
  - Migration
  - Souveränität
---

# Cloud-Migration: was wir gelernt haben

Die **Werkstatt Neue Technologien** hat drei Fachverfahren in eine souveräne Cloud
verschoben. Dabei zeigte sich, dass die *Mandantentrennung* früh geklärt werden muss.

## Stolpersteine

- Lizenzmodelle der Fachverfahrenshersteller sind oft noch an Server gebunden.
- Die Netzanbindung der Außenstellen braucht Bandbreite.
- Ohne [Exit-Strategie](https://example.org/exit) entsteht neue Abhängigkeit.

```
Migrationsreihenfolge: Testsystem -> Schulung -> Produktion
```

Fazit: Die Sondierungsphase lohnt sich.
"""

MARKDOWN_PLAIN = """# Checkliste Barrierefreie PDF-Dokumente

1. Dokumenttitel in den Eigenschaften setzen
2. Überschriften als Tags auszeichnen
3. Alternativtexte für Abbildungen ergänzen
4. Lesereihenfolge mit dem Prüfwerkzeug kontrollieren

Stand: 3. Juli 2023. Die Checkliste ergänzt das Ergebnispapier zu barrierefreien Formularen.
"""

XML_ERGEBNIS_BODY = """  <zusammenfassung>Retrospektiven helfen Verwaltungsteams, Arbeitsweisen in kurzen Schleifen zu verbessern.</zusammenfassung>
  <inhalt>
    <abschnitt>
      <ueberschrift>Ausgangslage</ueberschrift>
      <absatz>Mehrere Teams aus Bürgerämtern erproben Kanban-Tafeln und regelmäßige Retrospektiven.</absatz>
      <absatz>Ein Stolperstein ist die Hierarchie: Mitarbeitende trauen sich nicht, Probleme offen anzusprechen.</absatz>
    </abschnitt>
    <abschnitt>
      <ueberschrift>Empfehlungen</ueberschrift>
      <absatz>Die Werkstatt empfiehlt eine neutrale Moderation und das Sprintziel als gemeinsamen Fixpunkt. Bewährt hat sich der Wertstromabgleich vor jeder Einführung.</absatz>
    </abschnitt>
  </inhalt>
"""

XML_PROTOKOLL_BODY = """  <teilnehmende>
    <person>Carla Neumann</person>
    <person>Ben Yıldız</person>
    <person>Henrike Sommer</person>
  </teilnehmende>
  <tagesordnung>
    <punkt nr="1">
      <titel>Redaktionsplan für das erste Quartal</titel>
      <text>Die Redaktion stellt den Themenplan vor. Schwerpunkt ist die Nachwuchsgewinnung.</text>
    </punkt>
    <punkt nr="2">
      <titel>Krisenkommunikation</titel>
      <text>Bei Shitstorms soll künftig eine Eskalationsmatrix greifen, die Zuständigkeiten und Reaktionszeiten festlegt.</text>
    </punkt>
  </tagesordnung>
  <beschluesse>
    <beschluss>Die Eskalationsmatrix wird bis Ende Februar mit dem Pressereferat abgestimmt.</beschluss>
  </beschluesse>
"""

DOCX_ERGEBNIS = [
    ("Title", "Ergebnispapier: Open-Source-Strategie für Kommunen"),
    "Die Werkstatt Open Source hat in vier Sitzungen Kriterien für den Einsatz freier "
    "Software in Kommunalverwaltungen erarbeitet.",
    ("Heading1", "Empfehlungen"),
    "Erstens sollen Ausschreibungen offene Standards verlangen. Zweitens sollen Kommunen "
    "gemeinsam Wartungsverträge abschließen, etwa über eine Einkaufsgemeinschaft. Drittens "
    "braucht jede Verwaltung eine Ansprechperson für Quelloffenheit.",
    "Als Beispiel dient der Kreis Wiesengrund, der sein Ratsinformationssystem mit drei "
    "Nachbarkreisen als Gemeinschaftsprojekt betreibt.",
]

ODT_PROTOKOLL = [
    ("h", "Protokoll der Sitzung vom 21. Juni 2023"),
    "Werkstatt Chatbot Community, Ort: Bürgerhaus Tannreuth.",
    "TOP 1: Auswertung der Testphase. Der Sprachassistent beantwortete 1.840 Fragen zum "
    "Sperrmüll, davon 87 Prozent ohne Rückfrage. Häufigster Fehler war die Verwechslung von "
    "Sperrmülltermin und Wertstoffhof.",
    "TOP 2: Barrierearme Sprache. Die Antworten werden künftig in Leichter Sprache angeboten.",
    "Beschluss: Die Testphase wird um drei Monate verlängert.",
]

CP1252_RUNDBRIEF = """Rundbrief der Community Social Media – Ausgabe 3/2021

Liebe Mitglieder,

unser „Redaktionsfrühstück“ am 4. Oktober kostet 8,50 € pro Person – Kaffee inklusive.
Themen: Bildrechte bei Veranstaltungsfotos, Barrierefreiheit von Videos (Untertitel!)
und die neue Leitlinie „Sprache in sozialen Netzwerken“.

Anmeldung formlos per E-Mail. Wer einen Bildrechtefall mitbringen möchte, schickt ihn vorab.
"""

INTERN_TXT = """Vermerk Personalplanung Chatbot-Community

Die Betreuung des Chatbots im Bürgerservice wird ab April von zwei Kolleginnen im Tandem
übernommen. Die Stellenanteile werden aus dem Projektbudget Dialogassistent finanziert.
Dieser Vermerk ist nur für die Mitglieder der Community bestimmt.
"""


def corpus_documents():
    d = "corpus/formate/"
    yield d + "protokoll-ki-werkstatt-2021-03.docx", make_docx(
        "Protokoll der Werkstatt KI in der Verwaltung", "Miriam Albers", "2021-03-15",
        "KI, Posteingang, Transparenzregister", KI_PROTOKOLL,
        header="Werkstatt KI in der Verwaltung – Protokoll")
    yield d + "protokoll-ki-werkstatt-2021-03.docx.meta", (
        "# Ergänzt die Angaben des Dokuments\n"
        "Typ: Protokoll\n"
        "Werkstatt: Künstliche Intelligenz\n"
        "Autoren: Miriam Albers; Jonas Petersen\n")
    yield d + "ergebnis-barrierefreie-formulare.odt", make_odt(
        "Barrierefreie Formulare", "Katrin Vogel", "2022-11-30",
        ["Barrierefreiheit", "Formulare", "BITV"], ODT_ERGEBNIS)
    yield d + "ergebnis-barrierefreie-formulare.odt.meta", (
        "type: Ergebnis\ncommunity: Barrierefreiheit\n")
    yield d + "artikel-offene-daten-kommunen.pdf", make_pdf(
        wrap(PDF_ARTIKEL),
        {"Title": "Offene Daten in kleinen Kommunen", "Author": "Peter Lindqvist",
         "Keywords": "Open Data, Kommunen", "CreationDate": "D:20220614120000+02'00'"})
    yield d + "artikel-offene-daten-kommunen.pdf.meta", (
        "Typ: Artikel\nWerkstatt: Open Source und Open Data\n")
    yield d + "protokoll-datenschutz-loeschfristen.pdf", make_pdf(
        wrap(PDF_DECOMPOSED), None, decomposed=True)
    yield d + "protokoll-datenschutz-loeschfristen.pdf.meta", (
        "Typ: Protokoll\nWerkstatt: Datenschutz\nSchlagworte: Löschkonzept, Bewerbung\n")
    yield d + "haushaltsnotiz-smarte-doerfer.txt", CP1252_TEXT.replace(
        "\n", "\r\n").encode("cp1252")
    yield d + "einladung-social-media-utf16.txt", b"\xff\xfe" + UTF16_TEXT.encode("utf-16-le")
    yield d + "telefonkette-serverraum-utf16be.txt", (
        b"\xfe\xff" + UTF16BE_TEXT.encode("utf-16-be"))
    yield d + "cloud-migration-notizen.md", MARKDOWN_NOTE
    yield d + "checkliste-barrierefreie-pdf.md", MARKDOWN_PLAIN
    yield d + "ergebnis-retrospektiven.xml", werkarchiv_xml(
        {"typ": "Ergebnis", "sichtbarkeit": "öffentlich"},
        [("titel", "Retrospektiven in der Verwaltung"), ("datum", "2022-10-05"),
         ("werkstatt", "Agiles Projektmanagement")],
        ["Sven Brandt", "Ülkü Aydın"], ["Agilität", "Retrospektive", "Kanban"],
        XML_ERGEBNIS_BODY)
    yield d + "protokoll-redaktionsrunde-intern.xml", werkarchiv_xml(
        {"typ": "Protokoll", "sichtbarkeit": "intern"},
        [("titel", "Redaktionsrunde Social Media, Januar 2023"), ("datum", "2023-01-17"),
         ("werkstatt", "Social Media")],
        ["Carla Neumann"], ["Redaktionsplan", "Krisenkommunikation"], XML_PROTOKOLL_BODY)
    yield d + "ergebnis-open-source-strategie.docx", make_docx(
        "Open-Source-Strategie für Kommunen", "Hannes Richter", "2020-09-24",
        "Open Source; Vergabe; Standards", DOCX_ERGEBNIS,
        description="Kriterien für freie Software in Kommunalverwaltungen")
    yield d + "ergebnis-open-source-strategie.docx.meta", (
        "Typ: Ergebnis\nWerkstatt: Open Source und Open Data\nSichtbarkeit: intern\n")
    yield d + "protokoll-chatbot-testphase.odt", make_odt(
        "", "Jana Kowalski", "2023-06-22", ["Chatbot", "Sperrmüll"], ODT_PROTOKOLL)
    yield d + "rundbrief-social-media-2021.txt", CP1252_RUNDBRIEF.encode("cp1252")
    yield d + "rundbrief-social-media-2021.txt.meta", (
        "typ: Artikel\nwerkstatt: Social Media\ndatum: 2021-09-15\n")
    yield d + "vermerk-chatbot-personal.txt", INTERN_TXT
    yield d + "vermerk-chatbot-personal.txt.meta", (
        "Titel: Vermerk Personalplanung Chatbot\n"
        "Datum: 2023-03-01\n"
        "Typ: Vermerk\n"
        "Community: Chatbot\n"
        "Sichtbarkeit: intern\n")


# ---- tests/fixtures ---------------------------------------------------------

def fixture_documents():
    f = "tests/fixtures/formats/"
    docx = make_docx("Testtitel Wortdatei", "Erika Mustermann", "2020-05-04",
                     "Prüfung; Fixture",
                     [("Title", "Überschrift der Wortdatei"),
                      "Erster Absatz mit Eichhörnchen.", "Zweiter Absatz über Zugvögel."],
                     header="Kopfzeilenvermerk")
    yield f + "sample.docx", docx
    yield f + "sample.odt", make_odt("Testtitel Textdatei", "Max Mustermann", "2019-08-07",
                                     ["Fixture", "ODT"],
                                     [("h", "Überschrift der Textdatei"),
                                      "Absatz mit Sumpfdotterblume  und Wiesel."])
    yield f + "sample.pdf", make_pdf(
        ["Seite mit Blindschleiche und Größenangabe.", "", "Zweite Zeile: Kraniche."],
        {"Title": "Testtitel PDF", "Author": "Petra Probe",
         "CreationDate": "D:20180102030405Z"})
    yield f + "decomposed.pdf", make_pdf(["Die Bürgermeisterin prüft Änderungen."], None,
                                         decomposed=True)
    yield f + "scanned.pdf", make_pdf([], {"Title": "Nur ein Bild"})

    e = "tests/fixtures/edge/"
    yield e + "abgeschnitten.docx", docx[:len(docx) * 6 // 10]
    yield e + "leer.pdf", b""
    yield e + "scan-ohne-text.pdf", make_pdf([], {"Title": "Eingescannter Brief"})
    yield e + "kein-pdf.pdf", b"<html><body>Das ist eine Webseite</body></html>\n"
    # 48 MiB of one letter inflate from about 50 KiB: the entry cap must stop it
    yield e + "zipbombe.docx", zip_bytes([
        ("[Content_Types].xml", "<Types/>", False),
        ("word/document.xml", b'<w:document ' + W.encode() + b'><w:body><w:p><w:r><w:t>'
         + b"A" * (48 << 20) + b"</w:t></w:r></w:p></w:body></w:document>", False)])
    yield e + "xxe.xml", ('<?xml version="1.0"?>\n'
                          '<!DOCTYPE notiz [\n'
                          '  <!ENTITY geheim SYSTEM "file:///etc/passwd">\n'
                          '  <!ENTITY fern SYSTEM "http://127.0.0.1:9/x">\n'
                          ']>\n'
                          '<notiz><text>Harmloser Abwehrtext &geheim; &fern;</text></notiz>\n')
    yield e + "lachsalven.xml", ('<?xml version="1.0"?>\n<!DOCTYPE l [\n'
                                 '<!ENTITY a "hahahahahahahahahaha">\n'
                                 + "".join('<!ENTITY %s "%s">\n' % (chr(98 + i), ("&%s;" % chr(97 + i)) * 10)
                                           for i in range(8))
                                 + ']>\n<l>Lachsalvenprobe &i;</l>\n')
    yield e + "tief-verschachtelt.xml", ('<?xml version="1.0"?>\n' + "<e>" * 20000
                                         + "Tiefseetext" + "</e>" * 20000 + "\n")
    # declares UTF-8, but is Windows-1252: must still read as "Größe"
    yield e + "falsches-charset.html", (
        '<html><head><meta charset="utf-8"><title>Falsch deklariert</title></head>'
        "<body><p>Die Größe der Maßnahme beträgt 5 € – „geschätzt“.</p></body></html>\n"
    ).encode("cp1252")
    yield e + "binaer.txt", bytes((i * 37 + 11) % 256 for i in range(4096))
    yield e + "ok-neben-kaputten.txt", "Wohlbehaltenes Nachbardokument zwischen kaputten Dateien.\n"


def main():
    for path, data in corpus_documents():
        write(path, data)
    for path, data in fixture_documents():
        write(path, data)


if __name__ == "__main__":
    main()
