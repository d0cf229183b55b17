/* Unit tests for the compound splitter over the dictionary built from Debian's word lists. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "wa_compound.h"
#include "wa_german.h"
#include "wa_utf8.h"

/* Split word (any case) and return the parts joined by '|', or "" if none. */
static const char *split(const char *word)
{
    static char out[256];
    struct wa_buf low;
    struct wa_part parts[WA_COMPOUND_MAXPARTS];
    wa_splitter *s = wa_german_splitter();
    size_t n, k, o = 0;

    assert_non_null(s);
    wa_buf_init(&low, 0);
    assert_int_equal(wa_utf8_lower(word, strlen(word), &low), WA_OK);
    n = wa_splitter_split(s, low.p, low.len, parts);
    out[0] = '\0';
    for (k = 0; k < n; k++)
        o += (size_t)snprintf(out + o, sizeof out - o, "%s%.*s", k ? "|" : "",
                              (int)parts[k].base_len, parts[k].base);
    wa_buf_release(&low);
    return out;
}

/* Table: input word, expected parts ("" = must not be split). */
static const char *const cases[][2] = {
    /* the examples */
    {"Verwaltungsdigitalisierung", "verwaltungs|digitalisierung"},
    {"Abwassergebühren", "abwasser|gebühren"},
    {"Projektmanagement", "projekt|management"},
    {"Projektmanagements", "projekt|managements"},
    {"Onlinezugangsgesetz", "online|zugangs|gesetz"},
    /* short whitelisted parts */
    {"Bürgeramt", "bürger|amt"},
    {"Arbeitsamt", "arbeits|amt"}, /* not arbeit|samt: "samt" is a banned head */
    {"Bauanträge", "bau|anträge"},
    /* linking elements and e-elision */
    {"Bundesverwaltung", "bundes|verwaltung"},
    {"Schulbuch", "schul|buch"},
    /* transliterated spellings split like the umlaut ones */
    {"Fussballplatz", "fussball|platz"},
    {"Strassenreinigungsgebuehren", "strassenreinigung|gebuehren"},
    /* words that must stay whole */
    {"Digitalisierung", ""},
    {"Zuständigkeit", ""},
    {"Verantwortung", ""},
    {"Wirtschaft", ""},   /* wirt|schaft: suffix-like head */
    {"Gesellschaft", ""}, /* gesell|schaft */
    {"Urinstinkt", ""},   /* urin|stinkt: head is not a noun */
    {"Einführung", ""},   /* not ein(e)|führung: elision needs a noun */
    {"Bürgerinnen", ""},  /* feminine form, not bürge|rinnen */
    {"Sitzungen", ""},
    {"Gebäude", ""},    /* too short */
    {"Aktionen", ""},   /* not akt|ionen: suffix-like head */
    {"Allerdings", ""}, /* sentence-initial adverb: a known non-noun */
    /* feminine forms of compounds keep their ending on the head */
    {"Sachbearbeiterinnen", "sach|bearbeiterinnen"},
    /* words longer than 64 bytes are split too */
    {"Rindfleischetikettierungsüberwachungsaufgabenübertragungsgesetz",
     "rindfleisch|etikettierung|überwachungsaufgaben|übertragungs|gesetz"},
};

static void test_table(void **state)
{
    size_t i;

    (void)state;
    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const char *got = split(cases[i][0]);
        if (strcmp(got, cases[i][1]) != 0)
            fail_msg("%s: got '%s', expected '%s'", cases[i][0], got, cases[i][1]);
    }
}

static void test_memo_matches_uncached(void **state)
{
    struct wa_part a[WA_COMPOUND_MAXPARTS], b[WA_COMPOUND_MAXPARTS];
    wa_splitter *s = wa_german_splitter();
    const char *w = "verwaltungsdigitalisierung";
    size_t n1, n2, n3, k;

    (void)state;
    n1 = wa_splitter_split(s, w, strlen(w), a);
    n2 = wa_splitter_split(s, w, strlen(w), a); /* served from the memo */
    n3 = wa_splitter_split_nocache(s, w, strlen(w), b);
    assert_int_equal(n1, 2);
    assert_int_equal(n2, n3);
    for (k = 0; k < n2; k++) {
        assert_int_equal(a[k].base_len, b[k].base_len);
        assert_memory_equal(a[k].base, b[k].base, a[k].base_len);
    }
}

static void test_lookup_flags(void **state)
{
    wa_splitter *s = wa_german_splitter();

    (void)state;
    assert_true(wa_splitter_words(s) > 300000);
    assert_true(wa_splitter_lookup(s, "verwaltung", 10) & WA_DICT_NOUN);
    assert_true(wa_splitter_lookup(s, "obwohl", 6) & WA_DICT_WORD);
    assert_false(wa_splitter_lookup(s, "obwohl", 6) & WA_DICT_NOUN);
    assert_int_equal(wa_splitter_lookup(s, "xqzvw", 5), 0);
    /* the Plan/plan caveat: hunspell's capitalised stems make it a noun */
    assert_true(wa_splitter_lookup(s, "plan", 4) & WA_DICT_NOUN);
}

static void test_open_errors(void **state)
{
    wa_splitter *s = NULL;
    char path[] = "/tmp/wa-dict-XXXXXX";
    FILE *f;
    int fd;

    (void)state;
    assert_int_equal(wa_splitter_open(&s, "/nonexistent/german.dict"), WA_ERR_NOT_FOUND);
    assert_null(s);
    fd = mkstemp(path);
    assert_true(fd >= 0);
    f = fdopen(fd, "w");
    fputs("WADICT1 but truncated", f);
    fclose(f);
    assert_int_equal(wa_splitter_open(&s, path), WA_ERR_FORMAT);
    assert_null(s);
    remove(path);
    wa_splitter_free(NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_table),
        cmocka_unit_test(test_memo_matches_uncached),
        cmocka_unit_test(test_lookup_flags),
        cmocka_unit_test(test_open_errors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
