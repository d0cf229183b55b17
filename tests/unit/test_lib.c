/* Unit tests of the small lib/ modules: buffer, UTF-8, dates, schema, records. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "wa_buf.h"
#include "wa_date.h"
#include "wa_record.h"
#include "wa_schema.h"
#include "wa_utf8.h"

static void test_buf_cap(void **state)
{
    struct wa_buf b;
    char *s;
    size_t len;
    (void)state;
    wa_buf_init(&b, 8);
    assert_string_equal(b.p, "");
    assert_int_equal(wa_buf_adds(&b, "abcd"), WA_OK);
    assert_int_equal(wa_buf_addf(&b, "%d", 1234), WA_OK);
    assert_string_equal(b.p, "abcd1234");
    /* over the cap: refused, buffer unchanged */
    assert_int_equal(wa_buf_addch(&b, 'x'), WA_ERR_TOOBIG);
    assert_string_equal(b.p, "abcd1234");
    wa_buf_truncate(&b, 2);
    assert_string_equal(b.p, "ab");
    s = wa_buf_detach(&b, &len);
    assert_string_equal(s, "ab");
    assert_int_equal(len, 2);
    assert_string_equal(b.p, "");
    free(s);
    wa_buf_release(&b);
    wa_buf_release(NULL);
}

static void test_utf8_valid(void **state)
{
    static const struct {
        const char *s;
        size_t len;
        int valid;
    } cases[] = {
        {"Straße", 7, 1},
        {"a\xC3\x28", 3, 0},            /* bad continuation */
        {"\xC0\xAF", 2, 0},             /* overlong */
        {"\xED\xA0\x80", 3, 0},         /* surrogate */
        {"ende \xC3", 6, 0},            /* truncated */
        {"\xF0\x9F\x98\x80", 4, 1},     /* emoji */
        {"\xF8\x88\x80\x80\x80", 5, 0}, /* 5-byte form */
    };
    size_t i;
    (void)state;
    for (i = 0; i < sizeof cases / sizeof cases[0]; i++)
        assert_int_equal(wa_utf8_valid(cases[i].s, cases[i].len), cases[i].valid);
}

static void test_utf8_sanitize_nfc_fold(void **state)
{
    struct wa_buf b;
    size_t bad = 0;
    (void)state;
    wa_buf_init(&b, 0);
    /* invalid byte → U+FFFD, NUL → space */
    assert_int_equal(wa_utf8_sanitize("a\xFF"
                                      "b\0c",
                                      5, &b, &bad),
                     WA_OK);
    assert_string_equal(b.p, "a\xEF\xBF\xBD"
                             "b c");
    assert_int_equal(bad, 1);
    wa_buf_reset(&b);
    /* decomposed u + combining diaeresis becomes ü */
    assert_int_equal(wa_utf8_normalize("Mu\xCC\x88nchen", 9, &b), WA_OK);
    assert_string_equal(b.p, "München");
    wa_buf_reset(&b);
    assert_int_equal(wa_utf8_fold("Straße in MÜNCHEN", strlen("Straße in MÜNCHEN"), &b), WA_OK);
    assert_string_equal(b.p, "strasse in munchen");
    /* transliterations fold like umlauts, as german2 reads them; appended after
     * what out holds */
    wa_buf_reset(&b);
    assert_int_equal(wa_buf_adds(&b, "ae:"), WA_OK);
    assert_int_equal(wa_utf8_fold("Kuenstliche Qualitaet, Oel", 26, &b), WA_OK);
    assert_string_equal(b.p, "ae:kunstliche qualitat, ol");
    /* not "ue" after q or a vowel */
    wa_buf_reset(&b);
    assert_int_equal(wa_utf8_fold("Quelle Steuer Bauer neue", 24, &b), WA_OK);
    assert_string_equal(b.p, "quelle steuer bauer neue");
    wa_buf_release(&b);
}

static void test_date_parse(void **state)
{
    static const struct {
        const char *in;
        const char *iso; /* NULL: must be rejected */
    } cases[] = {
        {"2021", "2021"},
        {"2021-03", "2021-03"},
        {"2021-03-12", "2021-03-12"},
        {"2021-03-12T10:00:00Z", "2021-03-12"},
        {"12.03.2021", "2021-03-12"},
        {"1.3.2020", "2020-03-01"},
        {"12.3.21", "2021-03-12"},
        {"3.2021", "2021-03"},
        {"03/2021", "2021-03"},
        {"12. März 2021", "2021-03-12"},
        {"März 2021", "2021-03"},
        {"12 March 2021", "2021-03-12"},
        {" 2020 ", "2020"},
        {"31.02.2021", NULL},
        {"2021-13-01", NULL},
        {"morgen", NULL},
        {"", NULL},
        {"12.03.2021 und mehr", NULL},
    };
    size_t i;
    (void)state;
    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct wa_date d;
        char iso[11];
        int r = wa_date_parse(cases[i].in, strlen(cases[i].in), &d);
        if (!cases[i].iso) {
            assert_int_equal(r, -1);
            continue;
        }
        assert_int_equal(r, 0);
        wa_date_iso(&d, iso);
        assert_string_equal(iso, cases[i].iso);
    }
}

static void test_date_bounds_and_text(void **state)
{
    struct wa_date d;
    char b[9];
    const char *text = "Protokoll der Sitzung vom 12. März 2021\nTeilnehmende: ...";
    (void)state;
    assert_int_equal(wa_date_parse("2020-02", 7, &d), 0);
    wa_date_bound(&d, 0, b);
    assert_string_equal(b, "20200201");
    wa_date_bound(&d, 1, b);
    assert_string_equal(b, "20200229"); /* leap year */
    assert_int_equal(wa_date_parse("2021", 4, &d), 0);
    wa_date_bound(&d, 1, b);
    assert_string_equal(b, "20211231");
    assert_int_equal(wa_date_find_in_text(text, strlen(text), &d), 0);
    assert_int_equal(d.year, 2021);
    assert_int_equal(d.month, 3);
    assert_int_equal(d.day, 12);
    /* a bare number or a date without a cue is not a document date */
    assert_int_equal(wa_date_find_in_text("Wir haben 2021 viel erreicht", 28, &d), -1);
}

static void test_schema_names(void **state)
{
    const struct wa_field *f;
    (void)state;
    f = wa_schema_field("titel", 5);
    assert_non_null(f);
    assert_string_equal(f->key, "title");
    assert_ptr_equal(wa_schema_field("TITLE", 5), f);
    assert_string_equal(wa_schema_field("autor", 5)->key, "authors");
    assert_string_equal(wa_schema_field("DC.date", 7)->key, "date");
    assert_string_equal(wa_schema_field("schlagworte", 11)->key, "tags");
    assert_null(wa_schema_field("farbe", 5));
}

static void test_record_set_and_json(void **state)
{
    struct wa_record r, back;
    struct wa_buf j;
    (void)state;
    wa_record_init(&r);
    assert_int_equal(wa_record_set(&r, "Titel", " Ergebnispapier  ", 17), WA_OK);
    assert_string_equal(r.title, "Ergebnispapier");
    assert_int_equal(wa_record_set(&r, "autoren", "Anna Berg; Jonas Kern", 21), WA_OK);
    assert_int_equal(r.authors.n, 2);
    assert_string_equal(r.authors.v[1], "Jonas Kern");
    assert_int_equal(wa_record_set(&r, "schlagworte", "Cloud, KI; Cloud", 16), WA_OK);
    assert_int_equal(r.tags.n, 2); /* duplicates dropped */
    assert_int_equal(wa_record_set(&r, "datum", "12.03.2021", 10), WA_OK);
    assert_string_equal(r.date, "2021-03-12");
    assert_int_equal(wa_record_set(&r, "datum", "irgendwann", 10), WA_ERR_FORMAT);
    assert_string_equal(r.date, "2021-03-12");
    assert_int_equal(wa_record_set(&r, "sichtbarkeit", "INTERN", 6), WA_OK);
    assert_true(wa_record_is_internal(&r));
    assert_int_equal(wa_record_set(&r, "sichtbarkeit", "geheim", 6), WA_ERR_FORMAT);
    assert_int_equal(wa_record_set(&r, "farbe", "blau", 4), WA_ERR_NOT_FOUND);
    assert_int_equal(wa_record_set_str(&r.text, "Text \"mit\" Zeichen", 18), WA_OK);
    r.text_len = 18;
    r.mtime = 1600000000;

    wa_buf_init(&j, 0);
    assert_int_equal(wa_record_to_json(&r, &j), WA_OK);
    wa_record_init(&back);
    assert_int_equal(wa_record_from_json(&back, j.p, j.len), WA_OK);
    assert_string_equal(back.title, r.title);
    assert_string_equal(back.date, r.date);
    assert_string_equal(back.text, r.text);
    assert_int_equal(back.authors.n, 2);
    assert_int_equal(back.mtime, 1600000000);
    assert_int_equal(wa_record_from_json(&back, "[1,2]", 5), WA_ERR_FORMAT);
    wa_record_release(&back);
    wa_record_release(&r);
    wa_buf_release(&j);
}

static void test_text_hash_ignores_layout(void **state)
{
    char a[17], b[17], c[17];
    (void)state;
    wa_text_hash("Die Sitzung\n  begann.", 21, a);
    wa_text_hash("die sitzung begann", 18, b);
    wa_text_hash("die sitzung endete", 18, c);
    assert_string_equal(a, b);
    assert_string_not_equal(a, c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_buf_cap),
        cmocka_unit_test(test_utf8_valid),
        cmocka_unit_test(test_utf8_sanitize_nfc_fold),
        cmocka_unit_test(test_date_parse),
        cmocka_unit_test(test_date_bounds_and_text),
        cmocka_unit_test(test_schema_names),
        cmocka_unit_test(test_record_set_and_json),
        cmocka_unit_test(test_text_hash_ignores_layout),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
