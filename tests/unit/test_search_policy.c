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
    assert_int_equal(p.snippet_scan, 1024 * 1024);
    assert_int_equal(p.snippet_fragments, 3);
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

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_defaults),
        cmocka_unit_test(test_relax),
        cmocka_unit_test(test_required_words),
        cmocka_unit_test(test_boosts_are_tie_breakers),
        cmocka_unit_test(test_correction_threshold),
        cmocka_unit_test(test_word_filters),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
