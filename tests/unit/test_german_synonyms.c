/* Unit tests for the synonym table: parsing, errors, and concepts found in text. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "wa_german.h"

static char path[64];

/* Write text to a new temporary file named in path. */
static void write_table(const char *text)
{
    int fd;
    FILE *f;

    snprintf(path, sizeof path, "/tmp/wa-synonyms-XXXXXX");
    fd = mkstemp(path);
    assert_true(fd >= 0);
    f = fdopen(fd, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

static const char *concepts(const struct wa_synonyms *s, const char *text)
{
    static char out[256];
    struct wa_buf b;

    wa_buf_init(&b, 0);
    assert_int_equal(wa_german_concepts(s, text, strlen(text), &b), WA_OK);
    snprintf(out, sizeof out, "%s", b.p);
    wa_buf_release(&b);
    return out;
}

static void test_concepts_in_text(void **state)
{
    struct wa_synonyms *s = NULL;
    long bad = -1;

    (void)state;
    write_table("# comment\n"
                "\n"
                "ki = KI; künstliche Intelligenz\n"
                "ozg = OZG; Onlinezugangsgesetz\n"
                "eakte = E-Akte; eAkte; elektronische Akte\n"
                "itplr = IT-PLR; IT-Planungsrat\n");
    assert_int_equal(wa_synonyms_load(&s, path, &bad), WA_OK);
    remove(path);
    /* multi-word variants, with German endings on every word */
    assert_string_equal(concepts(s, "Der Einsatz künstlicher Intelligenz"), "ki");
    assert_string_equal(concepts(s, "Beim Onlinezugangsgesetzes Umsetzung"), "ozg");
    /* an abbreviation in capitals only matches capitals */
    assert_string_equal(concepts(s, "Die KI sortiert"), "ki");
    assert_string_equal(concepts(s, "die ki-gestützte Suche"), "");
    /* e-words and hyphenated names */
    assert_string_equal(concepts(s, "Die E-Akte kommt"), "eakte");
    assert_string_equal(concepts(s, "die eAkte"), "eakte");
    assert_string_equal(concepts(s, "der elektronischen Akte"), "eakte");
    assert_string_equal(concepts(s, "Der IT-Planungsrat und das OZG"), "ozg itplr");
    /* words must match whole: "Kiel" is not KI, "Akte" alone is not the E-Akte */
    assert_string_equal(concepts(s, "Kiel Akte Intelligenz"), "");
    wa_synonyms_free(s);
}

static void test_format_errors(void **state)
{
    struct wa_synonyms *s = NULL;
    long bad = 0;

    (void)state;
    write_table("ki = KI\nno equals sign here\n");
    assert_int_equal(wa_synonyms_load(&s, path, &bad), WA_ERR_FORMAT);
    assert_int_equal(bad, 2);
    assert_null(s);
    remove(path);
    write_table("Bad Id = KI\n");
    assert_int_equal(wa_synonyms_load(&s, path, &bad), WA_ERR_FORMAT);
    assert_int_equal(bad, 1);
    remove(path);
    assert_int_equal(wa_synonyms_load(&s, "/nonexistent/synonyms.txt", &bad), WA_ERR_NOT_FOUND);
    wa_synonyms_free(NULL);
}

static void test_shipped_table_loads(void **state)
{
    char p[4096];
    struct wa_synonyms *s = NULL;
    long bad = 0;

    (void)state;
    snprintf(p, sizeof p, "%s/data/synonyms.txt", WA_SOURCE_DIR);
    assert_int_equal(wa_synonyms_load(&s, p, &bad), WA_OK);
    assert_string_equal(concepts(s, "Die DS-GVO gilt"), "dsgvo");
    assert_string_equal(concepts(s, "Open-Source-Software im Amt"), "oss");
    wa_synonyms_free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_concepts_in_text),
        cmocka_unit_test(test_format_errors),
        cmocka_unit_test(test_shipped_table_loads),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
