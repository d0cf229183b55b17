/* Robustness: the German query rewrite and indexing on pseudo-random hostile input. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "wa_german.h"
#include "wa_xapian.h"

/* Fragments that exercise every recogniser, mixed with raw bytes. */
static const char *const pieces[] = {"Bürger",   "*innen",     ":in",
                                     "_innen",   "/-innen",    "\xC2\xB7innen",
                                     "Innen",    "In",         "E-",
                                     "e-",       "Akte",       "§",
                                     "§§ ",      "34",         "12-",
                                     "345/",     "2021",       "\"",
                                     "UND",      "NAHE/",      "NEAR",
                                     " ",        "(",          ")",
                                     "*",        "-",          ":",
                                     "Muench",   "ae",         "ue",
                                     "IT-",      "PLR",        "Verwaltungsdigitalisierung",
                                     "ß",        "\xC3",       "\xFF",
                                     "\x80",     "1.200,",     "titel:",
                                     "exakt:",   "kennung:",   "Quelle",
                                     "Projekt-", "Management", "\t",
                                     "x"};

static uint32_t rnd(uint32_t *s)
{
    *s = *s * 1103515245u + 12345u;
    return *s >> 8;
}

static size_t make_input(uint32_t *seed, char *buf, size_t cap)
{
    size_t n = 0, k, parts = rnd(seed) % 24;

    for (k = 0; k < parts; k++) {
        const char *p = pieces[rnd(seed) % (sizeof pieces / sizeof pieces[0])];
        size_t l = strlen(p);
        if (n + l >= cap)
            break;
        memcpy(buf + n, p, l);
        n += l;
    }
    return n;
}

static void test_query_rewrite(void **state)
{
    uint32_t seed = 4711;
    char in[512];
    int round;

    (void)state;
    for (round = 0; round < 20000; round++) {
        struct wa_buf out;
        size_t n = make_input(&seed, in, sizeof in);
        wa_buf_init(&out, 0);
        assert_int_equal(wa_german_query(in, n, &out), WA_OK);
        /* the rewrite adds at most a bounded amount per input byte */
        assert_true(out.len <= 8 * n + 64);
        wa_buf_reset(&out);
        assert_int_equal(wa_german_umlaut_variant(in, n, &out), WA_OK);
        wa_buf_release(&out);
    }
}

static void test_index_text(void **state)
{
    uint32_t seed = 815;
    char in[512];
    int round;

    (void)state;
    for (round = 0; round < 3000; round++) {
        wa_doc *doc = NULL;
        size_t n = make_input(&seed, in, sizeof in);
        assert_int_equal(wa_doc_new(&doc, NULL), WA_OK);
        assert_int_equal(wa_german_index_text(doc, in, n, 1, ""), WA_OK);
        assert_int_equal(wa_german_index_text(doc, in, n, 1, "S"), WA_OK);
        wa_doc_free(doc);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_query_rewrite),
        cmocka_unit_test(test_index_text),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
