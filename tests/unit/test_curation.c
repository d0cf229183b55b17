/* The curation file: parsing hostile text, atomic saving, editing rules, applying to records. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "tmpdir.h"
#include "wa_curation.h"

#define H WA_CURATION_HEADER "\n"

static void t_parse_and_serialise(void **state)
{
    wa_curation *c = wa_curation_new(), *d = wa_curation_new();
    struct wa_buf a, b;
    const char *when, *reason;
    const char *text = H "# comment\n\n"
                         "meta\tx/a.txt\ttitel\tNeuer Titel\n"
                         "meta\tx/a.txt\tdate\t12.03.2021\n"
                         "alias\twerkstatt\tOpen Source\tOpen Source und Open Data\n"
                         "withdrawn\tx/b.txt\t2026-01-02T03:04:05Z\tveraltet\\nund falsch\n"
                         "meta\tmit\\ttab.txt\tsichtbarkeit\tinternal\r\n";
    (void)state;
    assert_int_equal(wa_curation_parse(c, text, strlen(text)), WA_OK);
    assert_int_equal(wa_curation_count(c), 5);
    assert_string_equal(wa_curation_meta(c, "x/a.txt", "title"), "Neuer Titel");
    /* values are normalised as an index run reads them */
    assert_string_equal(wa_curation_meta(c, "x/a.txt", "datum"), "2021-03-12");
    assert_string_equal(wa_curation_meta(c, "mit\ttab.txt", "visibility"), "intern");
    assert_string_equal(wa_curation_alias(c, "werkstatt", "Open Source"),
                        "Open Source und Open Data");
    assert_true(wa_curation_withdrawn(c, "x/b.txt", &when, &reason));
    assert_string_equal(reason, "veraltet\nund falsch");
    assert_string_equal(when, "2026-01-02T03:04:05Z");
    /* serialising and parsing again gives the same text (sorted, escaped) */
    wa_buf_init(&a, 0);
    wa_buf_init(&b, 0);
    assert_int_equal(wa_curation_serialise(c, &a), WA_OK);
    assert_int_equal(wa_curation_parse(d, a.p, a.len), WA_OK);
    assert_int_equal(wa_curation_serialise(d, &b), WA_OK);
    assert_string_equal(a.p, b.p);
    assert_non_null(strstr(a.p, "alias\twerkstatt\tOpen Source\t"));
    assert_true(strstr(a.p, "alias\t") < strstr(a.p, "meta\t"));
    assert_true(strstr(a.p, "meta\t") < strstr(a.p, "withdrawn\t"));
    wa_buf_release(&a);
    wa_buf_release(&b);
    wa_curation_free(c);
    wa_curation_free(d);
}

/* Each bad file is refused as a whole, naming the line. */
static const struct bad_case {
    const char *text;
    const char *msg; /* part of the message */
} bad_cases[] = {
    {"meta\ta\ttitel\tx\n", "erste Zeile"},
    {"werkarchiv-curation 2\n", "erste Zeile"},
    {H "meta\ta\tfarbe\trot\n", "erlaubt: titel, datum"},
    {H "meta\ta\tdatum\tirgendwann\n", "ungültiges Datum"},
    {H "meta\ta\tsichtbarkeit\tgeheim\n", "erlaubt: öffentlich, intern"},
    {H "meta\ta\ttitel\n", "3 Felder"},
    {H "meta\ta\ttitel\tx\ty\n", "Zeile 2"},
    {H "meta\ta\ttitel\tx\\q\n", "Maskierung"},
    {H "meta\ta\ttitel\tx\\\n", "Maskierung"},
    {H "meta\ta\ttitel\t\xff\xfe\n", "UTF-8"},
    {H "meta\ta\ttitel\tx\nmeta\ta\ttitle\ty\n", "Zeile 3: doppelte"},
    {H "alias\tautor\ta\tb\n", "nur für werkstatt und typ"},
    {H "alias\ttyp\ta\ta\n", "sich selbst"},
    {H "alias\ttyp\ta\tb\nalias\ttyp\tb\tc\n", "gemeinsame Wert"},
    {H "alias\ttyp\ta\tb\nalias\ttyp\tc\ta\n", "selbst ein Alias"},
    {H "withdrawn\ta\tgestern\tweg\n", "ungültige Zeit"},
    {H "withdrawn\ta\t2026-01-02T03:04:05Z\t\n", "leer"},
    {H "withdrawn\ta\t2026-01-02T03:04:05Z\tx\nwithdrawn\ta\t2026-01-03T03:04:05Z\ty\n", "zweimal"},
    {H "<<<<<<< HEAD\n", "unbekannte Art"},
    {H "meta\t\ttitel\tx\n", "Dokument-ID ist leer"},
};

static void t_parse_bad(void **state)
{
    wa_curation *c = wa_curation_new();
    size_t i;
    (void)state;
    for (i = 0; i < sizeof bad_cases / sizeof bad_cases[0]; i++) {
        const char *t = bad_cases[i].text;
        wa_status st = wa_curation_parse(c, t, strlen(t));
        if (st == WA_OK || !strstr(wa_curation_errmsg(c), bad_cases[i].msg))
            fail_msg("case %zu: status %d, message '%s'", i, st, wa_curation_errmsg(c));
        assert_int_equal(wa_curation_count(c), 0);
    }
    /* NUL bytes inside a line */
    assert_int_not_equal(wa_curation_parse(c, H "meta\ta\ttitel\tx\0y\n", sizeof H + 16), WA_OK);
    wa_curation_free(c);
}

static void t_edit(void **state)
{
    wa_curation *c = wa_curation_new();
    (void)state;
    assert_int_equal(wa_curation_set_meta(c, "a", "farbe", "rot"), WA_ERR_NOT_FOUND);
    assert_non_null(strstr(wa_curation_errmsg(c), "sichtbarkeit"));
    assert_int_equal(wa_curation_set_meta(c, "a", "autoren", "Eva Roth;  Jan Wolf ; "), WA_OK);
    assert_string_equal(wa_curation_meta(c, "a", "authors"), "Eva Roth; Jan Wolf");
    assert_int_equal(wa_curation_set_meta(c, "a", "titel", "Eins"), WA_OK);
    assert_int_equal(wa_curation_set_meta(c, "a", "titel", "Zwei"), WA_OK);
    assert_string_equal(wa_curation_meta(c, "a", "titel"), "Zwei");
    assert_int_equal(wa_curation_count(c), 2);
    assert_int_equal(wa_curation_unset_meta(c, "a", "titel"), WA_OK);
    assert_int_equal(wa_curation_unset_meta(c, "a", "titel"), WA_ERR_NOT_FOUND);
    assert_null(wa_curation_meta(c, "a", "titel"));
    assert_int_equal(wa_curation_withdraw(c, "a", "2026-01-02T03:04:05Z", "doppelt"), WA_OK);
    assert_int_equal(wa_curation_withdraw(c, "a", "2026-02-02T03:04:05Z", "falsch"), WA_OK);
    assert_int_equal(wa_curation_count(c), 2);
    assert_int_equal(wa_curation_restore(c, "a"), WA_OK);
    assert_false(wa_curation_withdrawn(c, "a", NULL, NULL));
    assert_int_equal(wa_curation_restore(c, "a"), WA_ERR_NOT_FOUND);
    assert_int_equal(wa_curation_alias_add(c, "type", "Protokol", "Protokoll"), WA_OK);
    assert_int_equal(wa_curation_alias_remove(c, "typ", "Protokol"), WA_OK);
    assert_int_equal(wa_curation_alias_remove(c, "typ", "Protokol"), WA_ERR_NOT_FOUND);
    wa_curation_free(c);
}

static void t_save_load(void **state)
{
    char dir[64], path[128];
    wa_curation *c = wa_curation_new(), *d = wa_curation_new();
    struct stat sb;
    FILE *f;
    (void)state;
    assert_int_equal(tmpdir_make(dir, sizeof dir, "curation"), 0);
    /* no file: empty */
    assert_int_equal(wa_curation_load(d, dir), WA_OK);
    assert_int_equal(wa_curation_count(d), 0);
    assert_int_equal(wa_curation_set_meta(c, "a/b.txt", "titel", "T"), WA_OK);
    assert_int_equal(wa_curation_save(c, dir), WA_OK);
    assert_int_equal(wa_curation_load(d, dir), WA_OK);
    assert_string_equal(wa_curation_meta(d, "a/b.txt", "titel"), "T");
    /* nothing but the file is left behind */
    snprintf(path, sizeof path, "%s/%s.tmp.%ld", dir, WA_CURATION_FILE, (long)getpid());
    assert_int_not_equal(stat(path, &sb), 0);
    /* a broken file is an error naming the file, not an empty curation */
    snprintf(path, sizeof path, "%s/%s", dir, WA_CURATION_FILE);
    f = fopen(path, "w");
    assert_non_null(f);
    fputs("kaputt\n", f);
    fclose(f);
    assert_int_equal(wa_curation_load(d, dir), WA_ERR_FORMAT);
    assert_non_null(strstr(wa_curation_errmsg(d), WA_CURATION_FILE));
    assert_int_equal(wa_curation_count(d), 0);
    /* saving into a missing folder fails cleanly */
    assert_int_equal(wa_curation_save(c, "/nonexistent/folder"), WA_ERR_IO);
    wa_curation_free(c);
    wa_curation_free(d);
    tmpdir_remove(dir);
}

static void t_apply(void **state)
{
    wa_curation *c = wa_curation_new();
    struct wa_record r;
    struct wa_buf orig;
    int changed;
    (void)state;
    wa_record_init(&r);
    wa_buf_init(&orig, 0);
    r.id = strdup("x/a.txt");
    r.title = strdup("Alt");
    r.werkstatt = strdup("Open Source");
    r.type = strdup("Protokol");
    wa_strlist_add(&r.authors, "Eva", 3);

    /* nothing to apply: nothing changes */
    assert_int_equal(wa_curation_apply(c, &r, &orig, &changed), WA_OK);
    assert_false(changed);
    assert_int_equal(orig.len, 0);

    assert_int_equal(wa_curation_set_meta(c, "x/a.txt", "titel", "Neu"), WA_OK);
    assert_int_equal(wa_curation_set_meta(c, "x/a.txt", "autoren", "Jan; Ida"), WA_OK);
    assert_int_equal(wa_curation_set_meta(c, "x/a.txt", "sichtbarkeit", "intern"), WA_OK);
    assert_int_equal(wa_curation_set_meta(c, "other", "titel", "Nein"), WA_OK);
    assert_int_equal(wa_curation_alias_add(c, "werkstatt", "Open Source", "OSOD"), WA_OK);
    assert_int_equal(wa_curation_alias_add(c, "typ", "Protokol", "Protokoll"), WA_OK);
    assert_int_equal(wa_curation_apply(c, &r, &orig, &changed), WA_OK);
    assert_true(changed);
    assert_string_equal(r.title, "Neu");
    assert_int_equal(r.authors.n, 2);
    assert_string_equal(r.authors.v[1], "Ida");
    assert_string_equal(r.visibility, "intern");
    assert_string_equal(r.werkstatt, "OSOD");
    assert_string_equal(r.type, "Protokoll");
    assert_string_equal(orig.p, "{\"autoren\":[\"Eva\"],\"sichtbarkeit\":null,\"titel\":\"Alt\","
                                "\"typ\":\"Protokol\",\"werkstatt\":\"Open Source\"}");

    /* applying the same curation to the curated record changes nothing */
    assert_int_equal(wa_curation_apply(c, &r, &orig, &changed), WA_OK);
    assert_false(changed);
    assert_string_equal(r.title, "Neu");

    /* unsetting goes back to the document's own values */
    assert_int_equal(wa_curation_unset_meta(c, "x/a.txt", "titel"), WA_OK);
    assert_int_equal(wa_curation_unset_meta(c, "x/a.txt", "sichtbarkeit"), WA_OK);
    assert_int_equal(wa_curation_alias_remove(c, "typ", "Protokol"), WA_OK);
    assert_int_equal(wa_curation_apply(c, &r, &orig, &changed), WA_OK);
    assert_true(changed);
    assert_string_equal(r.title, "Alt");
    assert_null(r.visibility);
    assert_string_equal(r.type, "Protokol");
    assert_string_equal(r.authors.v[0], "Jan");

    /* a broken memory of the original values is an error, not a guess */
    wa_buf_reset(&orig);
    wa_buf_adds(&orig, "[1,2");
    assert_int_equal(wa_curation_apply(c, &r, &orig, NULL), WA_ERR_FORMAT);
    wa_buf_release(&orig);
    wa_record_release(&r);
    wa_curation_free(c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(t_parse_and_serialise),
        cmocka_unit_test(t_parse_bad),
        cmocka_unit_test(t_edit),
        cmocka_unit_test(t_save_load),
        cmocka_unit_test(t_apply),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
