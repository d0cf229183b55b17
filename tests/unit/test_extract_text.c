/* Plain text extraction: BOMs, UTF-8, charset detection, repair and NFC. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "extract.h"

struct text_case {
    const char *desc;
    const char *in;
    size_t len; /* 0: strlen(in) */
    const char *declared;
    const char *want; /* substring of the decoded UTF-8 */
    const char *not_want;
};

#define B(s) s, sizeof(s) - 1

static const struct text_case cases[] = {
    {"plain UTF-8 passes through",
     B("Gr\xC3\xB6\xC3\x9F"
       "e und Ma\xC3\x9F"),
     NULL, "Größe und Maß", NULL},
    {"UTF-8 BOM is dropped",
     B("\xEF\xBB\xBF"
       "Anf\xC3\xA4nger"),
     NULL, "Anfänger", "\xEF\xBB\xBF"},
    {"UTF-16LE with BOM",
     B("\xFF\xFE"
       "B\0\xFC\0r\0o\0"),
     NULL, "Büro", NULL},
    {"UTF-16BE with BOM",
     B("\xFE\xFF"
       "\0B\0\xFC\0r\0o"),
     NULL, "Büro", NULL},
    {"UTF-16LE without BOM is recognised by its NUL bytes",
     B("S\0t\0r\0a\0\xDF\0"
       "e\0 \0u\0n\0d\0 \0P\0l\0a\0t\0z\0"),
     NULL, "Straße und Platz", NULL},
    /* the euro sign, German quotes and the en dash exist only in Windows-1252 */
    {"Windows-1252 with euro, quotes and dash",
     B("Kosten: 250 \x80 \x96 \x84geplant\x93 f\xFCr M\xFCnchen und K\xF6ln"), NULL,
     "Kosten: 250 € – „geplant“ für München und Köln", NULL},
    {"Latin-1 umlauts read as Windows-1252",
     B("Die Gro\xDF"
       "st\xE4"
       "dte \xC4rzte \xD6"
       "ffnungszeiten \xDC"
       "bersicht"),
     NULL, "Die Großstädte Ärzte Öffnungszeiten Übersicht", NULL},
    {"declared ISO-8859-15 maps 0xA4 to the euro sign",
     B("Preis 5 \xA4 f\xFCr \xBD"
       "berall"),
     "ISO-8859-15", "Preis 5 € für œberall", NULL},
    {"declared ISO-8859-1 is read as Windows-1252", B("Summe 3 \x80"), "iso-8859-1", "Summe 3 €",
     NULL},
    {"bytes undefined in Windows-1252 become U+FFFD",
     B("a\x81"
       "b \xE4"),
     NULL,
     "a\xEF\xBF\xBD"
     "b ä",
     NULL},
    {"truncated UTF-16LE ends with U+FFFD",
     B("\xFF\xFE"
       "O\0k\0!"),
     NULL, "Ok\xEF\xBF\xBD", NULL},
    {"decomposed umlauts are composed (NFC)", B("Bu\xCC\x88ro und Mu\xCC\x88ller"), NULL,
     "Büro und Müller", "u\xCC\x88"},
    {"NUL inside UTF-8 becomes a space", B("eins\0zwei"), NULL, "eins zwei", NULL},
};

static void test_decode_table(void **state)
{
    size_t i;
    (void)state;
    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct wa_buf out;
        wa_buf_init(&out, 0);
        assert_int_equal(wa_decode_text(cases[i].in, cases[i].len, cases[i].declared, &out), WA_OK);
        if (!strstr(out.p, cases[i].want))
            fail_msg("%s: got '%s', want '%s'", cases[i].desc, out.p, cases[i].want);
        if (cases[i].not_want && strstr(out.p, cases[i].not_want))
            fail_msg("%s: '%s' must not contain '%s'", cases[i].desc, out.p, cases[i].not_want);
        wa_buf_release(&out);
    }
}

struct charset_case {
    const char *desc;
    const char *in;
    size_t len;
    const char *want;
};

static const struct charset_case charsets[] = {
    {"ASCII is valid UTF-8", B("Hallo Welt"), "UTF-8"},
    {"UTF-8 BOM", B("\xEF\xBB\xBFx"), "UTF-8"},
    {"UTF-16LE BOM", B("\xFF\xFEx\0"), "UTF-16LE"},
    {"UTF-16BE BOM", B("\xFE\xFF\0x"), "UTF-16BE"},
    {"German Windows-1252 prose",
     B("Die Sitzung \x84"
       "Digitale Verwaltung\x93 beginnt um 10 Uhr. F\xFCr die "
       "Teilnahme werden 20 \x80 erhoben \x96 Ermäßigungen gibt es nicht."),
     "WINDOWS-1252"},
};

static void test_charset_table(void **state)
{
    size_t i;
    char buf[64];
    (void)state;
    for (i = 0; i < sizeof charsets / sizeof charsets[0]; i++) {
        const char *got = wa_text_charset(charsets[i].in, charsets[i].len, buf, sizeof buf);
        if (strcmp(got, charsets[i].want) != 0)
            fail_msg("%s: got %s, want %s", charsets[i].desc, got, charsets[i].want);
    }
}

struct file_case {
    const char *desc;
    const char *in;
    size_t len;
    wa_status want_st;
    const char *want; /* text substring or reason substring */
};

static const struct file_case files[] = {
    {"text file is extracted", B("Protokoll\nInhalt der Sitzung"), WA_OK, "Inhalt der Sitzung"},
    {"binary with NUL bytes is refused",
     B("\x7f"
       "ELF\x02\x01\x01\0\0\0\0\0\0\0\0\0\x03\0>\0"),
     WA_ERR_FORMAT, "binary"},
    {"control characters everywhere are refused",
     B("\x01\x02\x03\x04\x05\x06\x07\x08\x0e\x0f\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19"),
     WA_ERR_FORMAT, "binary"},
    {"UTF-16 is not mistaken for binary",
     B("\xFF\xFE"
       "T\0e\0x\0t\0"),
     WA_OK, "Text"},
};

static void test_extractor_table(void **state)
{
    size_t i;
    (void)state;
    for (i = 0; i < sizeof files / sizeof files[0]; i++) {
        struct wa_record rec;
        struct wa_buf reason;
        wa_status st;
        wa_record_init(&rec);
        wa_buf_init(&reason, 0);
        st = wa_extractor_text.extract("x.txt", files[i].in, files[i].len, &rec, &reason);
        if (st != files[i].want_st)
            fail_msg("%s: status %d, want %d (%s)", files[i].desc, st, files[i].want_st, reason.p);
        if (!strstr(st == WA_OK ? rec.text : reason.p, files[i].want))
            fail_msg("%s: '%s' lacks '%s'", files[i].desc, st == WA_OK ? rec.text : reason.p,
                     files[i].want);
        wa_record_release(&rec);
        wa_buf_release(&reason);
    }
}

static void test_extractor_registry(void **state)
{
    (void)state;
    assert_ptr_equal(wa_extractor_for("/a/b/Notiz.TXT"), &wa_extractor_text);
    assert_ptr_equal(wa_extractor_for("a.md"), &wa_extractor_markdown);
    assert_ptr_equal(wa_extractor_for("a.xml"), &wa_extractor_xml);
    assert_ptr_equal(wa_extractor_for("a.odt"), &wa_extractor_odt);
    assert_ptr_equal(wa_extractor_for("a.docx"), &wa_extractor_docx);
    assert_ptr_equal(wa_extractor_for("a.pdf"), &wa_extractor_pdf);
    assert_ptr_equal(wa_extractor_for("a.htm"), &wa_extractor_html);
    assert_null(wa_extractor_for("bild.png"));
    assert_null(wa_extractor_for("ohne-endung"));
    assert_null(wa_extractor_for("dir.pdf/datei"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_decode_table),
        cmocka_unit_test(test_charset_table),
        cmocka_unit_test(test_extractor_table),
        cmocka_unit_test(test_extractor_registry),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
