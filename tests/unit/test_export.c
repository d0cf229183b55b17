/* The export format: each line type written, read back and written again byte for byte. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "wa_export.h"

/* The synonym list line carries the file text as it is, newlines and all. */
static void t_synonyms(void **state)
{
    wa_curation *c = wa_curation_new();
    struct wa_export_doc d;
    struct wa_buf a;
    enum wa_export_line kind;
    unsigned long count = 0;
    char err[256];
    const char list[] = "# Liste\nki = KI; künstliche Intelligenz\n";
    (void)state;
    wa_export_doc_init(&d);
    wa_buf_init(&a, 0);
    assert_int_equal(wa_export_synonyms(&a, list, strlen(list)), WA_OK);
    assert_string_equal(a.p, "{\"text\":\"# Liste\\nki = KI; künstliche Intelligenz\\n\","
                             "\"type\":\"synonyms\"}\n");
    assert_int_equal(wa_export_read(a.p, a.len - 1, c, &d, &kind, &count, err, sizeof err), WA_OK);
    assert_int_equal(kind, WA_EXPORT_SYNONYMS);
    assert_string_equal(d.synonyms.p, list);
    /* not UTF-8: refused on writing */
    assert_int_equal(wa_export_synonyms(&a, "\xff", 1), WA_ERR_FORMAT);
    /* a line without text is refused on reading */
    assert_int_equal(
        wa_export_read("{\"type\":\"synonyms\"}", 20, c, &d, &kind, &count, err, sizeof err),
        WA_ERR_FORMAT);
    wa_export_doc_release(&d);
    wa_buf_release(&a);
    wa_curation_free(c);
}

static void t_roundtrip(void **state)
{
    wa_curation *c = wa_curation_new(), *back = wa_curation_new();
    struct wa_record r;
    struct wa_export_doc d;
    struct wa_buf a, b;
    enum wa_export_line kind;
    unsigned long count = 0;
    char err[256];
    const char *p, *nl;
    (void)state;
    wa_record_init(&r);
    wa_export_doc_init(&d);
    wa_buf_init(&a, 0);
    wa_buf_init(&b, 0);
    r.id = strdup("werkstatt/a.txt");
    r.path = strdup("/ablage/werkstatt/a.txt");
    r.title = strdup("Neuer Titel");
    r.werkstatt = strdup("OSOD");
    r.format = strdup("txt");
    r.visibility = strdup("intern");
    wa_strlist_add(&r.authors, "Eva Roth", 8);
    wa_strlist_add(&r.tags, "KI", 2);
    r.text = strdup("Text mit \"Anführungszeichen\"\nund Zeilen");
    r.text_len = strlen(r.text);
    r.size = 42;
    r.mtime = 1600000000;
    assert_int_equal(wa_curation_set_meta(c, r.id, "titel", "Neuer Titel"), WA_OK);
    assert_int_equal(wa_curation_withdraw(c, r.id, "2026-01-02T03:04:05Z", "doppelt"), WA_OK);
    assert_int_equal(wa_curation_alias_add(c, "werkstatt", "Open Source", "OSOD"), WA_OK);

    assert_int_equal(wa_export_header(&a), WA_OK);
    assert_int_equal(wa_export_alias(&a, "werkstatt", "Open Source", "OSOD"), WA_OK);
    assert_int_equal(wa_export_document(&a, &r, "{\"titel\":\"Alt\",\"werkstatt\":\"Open Source\"}",
                                        "0123456789abcdef:1600000001", "withdrawn", 7, c),
                     WA_OK);
    assert_int_equal(wa_export_end(&a, 1), WA_OK);
    assert_non_null(strstr(a.p, "\"overrides\":{\"titel\":\"Neuer Titel\"}"));
    assert_non_null(strstr(a.p, "\"visibility\":\"intern\""));
    assert_non_null(strstr(a.p, "\"docid\":7,"));

    /* read every line back and write it again */
    for (p = a.p; (nl = strchr(p, '\n')); p = nl + 1) {
        err[0] = '\0';
        if (wa_export_read(p, (size_t)(nl - p), back, &d, &kind, &count, err, sizeof err) != WA_OK)
            fail_msg("line '%.*s': %s", (int)(nl - p), p, err);
        if (kind == WA_EXPORT_HEADER)
            assert_int_equal(wa_export_header(&b), WA_OK);
        else if (kind == WA_EXPORT_ALIAS)
            assert_int_equal(wa_export_alias(&b, "werkstatt", "Open Source",
                                             wa_curation_alias(back, "werkstatt", "Open Source")),
                             WA_OK);
        else if (kind == WA_EXPORT_DOCUMENT)
            assert_int_equal(wa_export_document(&b, &d.rec, d.original.p, d.source_hash.p,
                                                d.database, d.docid, back),
                             WA_OK);
        else if (kind == WA_EXPORT_END)
            assert_int_equal(wa_export_end(&b, count), WA_OK);
    }
    assert_string_equal(a.p, b.p);
    assert_int_equal(count, 1);
    assert_string_equal(d.rec.text, r.text);
    assert_string_equal(d.database, "withdrawn");
    assert_int_equal(d.docid, 7);
    assert_true(wa_curation_withdrawn(back, r.id, NULL, NULL));
    wa_export_doc_release(&d);
    wa_record_release(&r);
    wa_buf_release(&a);
    wa_buf_release(&b);
    wa_curation_free(c);
    wa_curation_free(back);
}

static const struct bad {
    const char *line;
    const char *msg;
} bad[] = {
    {"{\"type\":\"header\",\"format\":\"werkarchiv-export\",\"version\":2}", "Exportversion 2"},
    {"{\"type\":\"header\",\"format\":\"etwas\",\"version\":1}", "kein Werkarchiv-Export"},
    {"[1,2]", "kein JSON-Objekt"},
    {"{\"type\":\"document\",\"id\":\"a\"}", "ohne id, metadata"},
    {"{\"type\":\"document\",\"id\":\"a\",\"metadata\":{\"title\":5},\"source\":{},\"text\":\"\"}",
     "falschen Typ"},
    {"{\"type\":\"document\",\"id\":\"a\",\"metadata\":{},\"source\":{},\"text\":\"\","
     "\"overrides\":{\"farbe\":\"rot\"}}",
     "erlaubt: titel"},
    {"{\"type\":\"override\",\"id\":\"a\",\"key\":\"datum\",\"value\":\"nie\"}",
     "ungültiges Datum"},
    {"{\"type\":\"end\"}", "Anzahl"},
    {"{\"type\":\"document\",\"id\":\"a\",\"metadata\":{},\"source\":{},\"text\":\"\","
     "\"database\":\"anderswo\"}",
     "database ist nicht public"},
    {"{\"type\":\"document\",\"id\":\"a\",\"metadata\":{},\"source\":{},\"text\":\"\","
     "\"database\":\"public\",\"docid\":0}",
     "docid ist keine Zahl"},
    {"{\"type\":\"sonstwas\"}", "unbekannte Zeilenart"},
    {"{\"type\":\"alias\",\"field\":\"x\",\"type\":\"alias\"}", "kein JSON-Objekt"},
};

static void t_bad_lines(void **state)
{
    wa_curation *c = wa_curation_new();
    struct wa_export_doc d;
    enum wa_export_line kind;
    unsigned long count;
    char err[256];
    size_t i;
    (void)state;
    wa_export_doc_init(&d);
    for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        err[0] = '\0';
        if (wa_export_read(bad[i].line, strlen(bad[i].line), c, &d, &kind, &count, err,
                           sizeof err) == WA_OK ||
            !strstr(err, bad[i].msg))
            fail_msg("case %zu: '%s'", i, err);
    }
    wa_export_doc_release(&d);
    wa_curation_free(c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(t_roundtrip),
        cmocka_unit_test(t_synonyms),
        cmocka_unit_test(t_bad_lines),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
