/* Unit tests of the search policy (lib/wa_search_policy.c): no index needed. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "wa_search_policy.h"

#define W(kind, s)                                                                                 \
    {                                                                                              \
        kind, s, sizeof s - 1                                                                      \
    }

static void test_defaults(void **state)
{
    struct wa_search_policy p;
    struct wa_search_opts o;

    (void)state;
    wa_search_policy_init(&p);
    assert_memory_equal(&p, wa_search_policy_default(), sizeof p);
    wa_search_opts_init(&o);
    /* no policy in the options: the defaults */
    assert_ptr_equal(wa_search_policy_of(&o), wa_search_policy_default());
    assert_ptr_equal(wa_search_policy_of(NULL), wa_search_policy_default());
    o.policy = &p;
    assert_ptr_equal(wa_search_policy_of(&o), &p);
    /* the numbers the search was measured with */
    assert_true(p.umlaut_weight == 0.5);
    assert_int_equal(p.few_hits, 3);
    assert_int_equal(p.snippet_window, 1280);
    assert_int_equal(p.snippet_before, 320);
}

static void test_relax(void **state)
{
    const struct wa_search_policy *p = wa_search_policy_default();
    struct wa_search_opts o;

    (void)state;
    wa_search_opts_init(&o);
    o.query = "Sitzung Werkstatt Protokoll";
    /* only a search that matched nothing at all is relaxed */
    assert_true(wa_search_policy_relax(p, &o, 1));
    assert_false(wa_search_policy_relax(p, &o, 0));
    /* not when the caller asked for all words */
    o.relax = 0;
    assert_false(wa_search_policy_relax(p, &o, 1));
    o.relax = 1;
    /* "more like this" has nothing to relax */
    o.similar = "Qa.txt";
    assert_false(wa_search_policy_relax(p, &o, 1));
    o.similar = NULL;
    /* nor has a search without a query */
    o.query = NULL;
    assert_false(wa_search_policy_relax(p, &o, 1));
}

/* Up to three content words all are required; beyond that most of them. */
static void test_required_words(void **state)
{
    const struct wa_search_policy *p = wa_search_policy_default();
    (void)state;
    assert_int_equal(wa_search_policy_required_words(p, 1), 1);
    assert_int_equal(wa_search_policy_required_words(p, 3), 3);
    assert_int_equal(wa_search_policy_required_words(p, 4), 3);
    assert_int_equal(wa_search_policy_required_words(p, 5), 4);
    assert_int_equal(wa_search_policy_required_words(p, 6), 5);
    assert_int_equal(wa_search_policy_required_words(p, 8), 6);
}

/* Boosts break ties: far below a whole-word BM25 weight, never above it. */
static void test_boosts_are_tie_breakers(void **state)
{
    const struct wa_search_policy *p = wa_search_policy_default();
    (void)state;
    assert_true(p->exact_weight > 0 && p->exact_weight < 0.5);
    assert_true(p->title_weight > 0 && p->title_weight < 0.5);
    assert_true(p->compound_weight > 0 && p->compound_weight < 1);
}

static void test_correction_threshold(void **state)
{
    struct wa_search_policy p;
    struct wa_search_opts o;

    (void)state;
    wa_search_policy_init(&p);
    wa_search_opts_init(&o);
    o.query = "Protokol";
    /* not asked for: never computed */
    assert_false(wa_search_policy_wants_correction(&p, &o, 0));
    o.spelling = 1;
    assert_true(wa_search_policy_wants_correction(&p, &o, 0));
    assert_true(wa_search_policy_wants_correction(&p, &o, 2));
    assert_false(wa_search_policy_wants_correction(&p, &o, 3));
    o.similar = "Qa.txt";
    assert_false(wa_search_policy_wants_correction(&p, &o, 0));
    /* offered only when it finds more than the query did */
    assert_true(wa_search_policy_offers_correction(&p, 0, 1));
    assert_true(wa_search_policy_offers_correction(&p, 2, 3));
    assert_false(wa_search_policy_offers_correction(&p, 2, 2));
    assert_false(wa_search_policy_offers_correction(&p, 1, 0));
    assert_false(wa_search_policy_offers_correction(&p, 3, 10));
    /* tunable */
    p.few_hits = 10;
    o.similar = NULL;
    assert_true(wa_search_policy_wants_correction(&p, &o, 9));
    assert_true(wa_search_policy_offers_correction(&p, 9, 10));
}

static void test_word_filters(void **state)
{
    const struct wa_search_policy *p = wa_search_policy_default();
    char longw[80];

    (void)state;
    memset(longw, 'a', sizeof longw);
    /* spelling data: words, not numbers, not overlong */
    assert_true(wa_search_policy_spelling_word(p, "sitzung", 7));
    assert_true(wa_search_policy_spelling_word(p, "ab", 2));
    assert_false(wa_search_policy_spelling_word(p, "2021", 4));
    assert_false(wa_search_policy_spelling_word(p, "", 0));
    assert_true(wa_search_policy_spelling_word(p, longw, 64));
    assert_false(wa_search_policy_spelling_word(p, longw, 65));
    /* "more like this": at least three bytes, no numbers */
    assert_true(wa_search_policy_similar_word(p, "amt", 3));
    assert_false(wa_search_policy_similar_word(p, "ab", 2));
    assert_false(wa_search_policy_similar_word(p, "12345", 5));
}

static void test_snippet_window(void **state)
{
    const struct wa_search_policy *p = wa_search_policy_default();
    static char text[4000];
    const struct wa_qword words[] = {W(WA_QWORD_OTHER, "xy"), W(WA_QWORD_STEM, "sitzung")};
    size_t off, n, i;

    (void)state;
    /* a short text goes whole */
    wa_search_policy_snippet_window(p, "kurz", 4, words, 2, &off, &n);
    assert_int_equal(off, 0);
    assert_int_equal(n, 4);
    for (i = 0; i + 1 < sizeof text; i++)
        text[i] = (char)('a' + i % 5);
    text[sizeof text - 1] = '\0';
    /* the word first occurs at 2000, in capitals: the window starts 320 before */
    memcpy(text + 3000, "sitzung", 7);
    memcpy(text + 2000, "SITZUNG", 7);
    wa_search_policy_snippet_window(p, text, strlen(text), words, 2, &off, &n);
    assert_int_equal(off, 2000 - 320);
    assert_int_equal(n, 1280);
    /* near the start the window starts at 0 */
    memcpy(text + 100, "Sitzung", 7);
    wa_search_policy_snippet_window(p, text, strlen(text), words, 2, &off, &n);
    assert_int_equal(off, 0);
    assert_int_equal(n, 1280);
    /* no query word in the text (words under three bytes do not count): from the start */
    wa_search_policy_snippet_window(p, text, strlen(text), words, 1, &off, &n);
    assert_int_equal(off, 0);
    /* the window ends at the end of the text */
    memcpy(text + 3900, "SITZUNG", 7);
    memcpy(text + 100, "xxxxxxx", 7);
    memcpy(text + 2000, "xxxxxxx", 7);
    memcpy(text + 3000, "xxxxxxx", 7);
    wa_search_policy_snippet_window(p, text, strlen(text), words, 2, &off, &n);
    assert_int_equal(off, 3900 - 320);
    assert_int_equal(off + n, strlen(text));
}

static void test_snippet_window_utf8(void **state)
{
    const struct wa_search_policy *p = wa_search_policy_default();
    static char text[3001];
    const struct wa_qword words[] = {W(WA_QWORD_WORD, "sitzung")};
    size_t off, n, i;

    (void)state;
    /* "ä" is two bytes: the window's edges never cut one in half */
    for (i = 0; i + 1 < sizeof text; i += 2)
        memcpy(text + i, "\xc3\xa4", 2);
    text[sizeof text - 1] = '\0';
    memcpy(text + 1501, "sitzung", 7); /* an odd offset: 1181 is inside an "ä" */
    wa_search_policy_snippet_window(p, text, strlen(text), words, 1, &off, &n);
    assert_int_equal(off, 1180);
    assert_true(((unsigned char)text[off] & 0xC0) != 0x80);
    assert_true(off + n == strlen(text) || ((unsigned char)text[off + n] & 0xC0) != 0x80);
}

static void test_unescape_html(void **state)
{
    static const char *const cases[][2] = {
        {"a &amp; b", "a & b"},
        {"&lt;b&gt; &quot;x&quot; &#39;y&#39;", "<b> \"x\" 'y'"},
        /* one escape at a time: &amp;lt; is the text "&lt;" */
        {"&amp;lt;", "&lt;"},
        /* anything else stays as it is */
        {"&nbsp; & &am", "&nbsp; & &am"},
        {"", ""},
        {"\001Sitzung\002 &amp;", "\001Sitzung\002 &"},
    };
    size_t i;

    (void)state;
    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct wa_buf out;
        wa_buf_init(&out, 0);
        assert_int_equal(wa_search_policy_unescape_html(cases[i][0], strlen(cases[i][0]), &out),
                         WA_OK);
        assert_string_equal(out.p, cases[i][1]);
        wa_buf_release(&out);
    }
}

static void test_mark_compounds(void **state)
{
    static const struct wa_qword digit[] = {W(WA_QWORD_STEM, "digitalisier"),
                                            W(WA_QWORD_WORD, "digitalisierung")};
    static const struct wa_qword gemeind[] = {W(WA_QWORD_STEM, "gemeind"),
                                              W(WA_QWORD_WORD, "gemeinden")};
    static const struct wa_qword buro[] = {W(WA_QWORD_STEM, "buro"), W(WA_QWORD_WORD, "buro")};
    static const struct wa_qword kommun[] = {W(WA_QWORD_STEM, "kommun"),
                                             W(WA_QWORD_WORD, "kommunen")};
    static const struct wa_qword amt[] = {W(WA_QWORD_STEM, "amt"), W(WA_QWORD_WORD, "amt")};
    static const struct wa_qword other[] = {W(WA_QWORD_OTHER, "cloud")};
    static const struct wa_qword cloud[] = {W(WA_QWORD_STEM, "cloud")};
    static const struct wa_qword part[] = {W(WA_QWORD_PART, "digitalisier")};
    static const struct wa_qword stem[] = {W(WA_QWORD_STEM, "digitalisier")};
    static const struct wa_qword word[] = {W(WA_QWORD_WORD, "digitalisierung")};
    static const struct {
        const char *in;
        const struct wa_qword *w;
        size_t n;
        const char *want;
    } cases[] = {
        /* the head of a compound matched by a query word */
        {"\001Digitalisierung\002 und Verwaltungsdigitalisierung.", digit, 2,
         "\001Digitalisierung\002 und \001Verwaltungsdigitalisierung\002."},
        {"mit Nachbargemeinden,", gemeind, 2, "mit \001Nachbargemeinden\002,"},
        /* umlauts: the stems have none */
        {"im Bürgerbüro", buro, 2, "im \001Bürgerbüro\002"},
        /* a word that merely begins like the term is no compound */
        {"Kommunikation der Kommunen", kommun, 2, "Kommunikation der Kommunen"},
        /* short terms would match too much */
        {"im Hauptamt", amt, 2, "im Hauptamt"},
        /* field terms are ignored, marked text is left as it is */
        {"Verwaltungscloud \001Cloud\002", other, 1, "Verwaltungscloud \001Cloud\002"},
        {"…Verwaltungscloud –", cloud, 1, "…\001Verwaltungscloud\002 –"},
        {"", cloud, 1, ""},
        /* a matched compound part may also stand first in a word */
        {"Digitalisierungsstrategie", part, 1, "\001Digitalisierungsstrategie\002"},
        {"Digitalisierungsstrategie", stem, 1, "Digitalisierungsstrategie"},
        /* unstemmed words are stemmed first */
        {"die Verwaltungsdigitalisierungen", word, 1, "die \001Verwaltungsdigitalisierungen\002"},
        /* no query words: nothing to mark */
        {"Verwaltungsdigitalisierung", NULL, 0, "Verwaltungsdigitalisierung"},
    };
    const struct wa_search_policy *p = wa_search_policy_default();
    size_t i;

    (void)state;
    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct wa_buf out;
        wa_buf_init(&out, 0);
        assert_int_equal(wa_search_policy_mark_compounds(p, cases[i].in, cases[i].w, cases[i].n,
                                                         "\001", "\002", &out),
                         WA_OK);
        if (strcmp(out.p, cases[i].want) != 0)
            fail_msg("case %zu: '%s', want '%s'", i, out.p, cases[i].want);
        wa_buf_release(&out);
    }
}

static void test_mark_compounds_tunable(void **state)
{
    static const struct wa_qword amt[] = {W(WA_QWORD_STEM, "amt")};
    struct wa_search_policy p;
    struct wa_buf out;

    (void)state;
    /* with a lower minimum, "amt" marks "Hauptamt" */
    wa_search_policy_init(&p);
    p.compound_min_stem = 3;
    wa_buf_init(&out, 0);
    assert_int_equal(
        wa_search_policy_mark_compounds(&p, "im Hauptamt", amt, 1, "\001", "\002", &out), WA_OK);
    assert_string_equal(out.p, "im \001Hauptamt\002");
    wa_buf_release(&out);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_defaults),
        cmocka_unit_test(test_relax),
        cmocka_unit_test(test_required_words),
        cmocka_unit_test(test_boosts_are_tie_breakers),
        cmocka_unit_test(test_correction_threshold),
        cmocka_unit_test(test_word_filters),
        cmocka_unit_test(test_snippet_window),
        cmocka_unit_test(test_snippet_window_utf8),
        cmocka_unit_test(test_unescape_html),
        cmocka_unit_test(test_mark_compounds),
        cmocka_unit_test(test_mark_compounds_tunable),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
