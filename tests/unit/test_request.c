/* Unit tests of the request model (search/request.c): limits, messages, hints. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "request.h"
#include "wa_limits.h"

static void test_query_limits(void **state)
{
    struct wa_request r;
    char err[512], q[4096];
    size_t i;

    (void)state;
    wa_request_init(&r, 1);
    /* just under the byte limit is fine, one byte more is not */
    memset(q, 'a', sizeof q);
    assert_int_equal(wa_request_set_query(&r, q, WA_MAX_QUERY_BYTES, err, sizeof err), 0);
    assert_int_equal(wa_request_set_query(&r, q, WA_MAX_QUERY_BYTES + 1, err, sizeof err), -1);
    /* the message quotes only the first WA_ERR_QUOTE_CHARS characters */
    assert_non_null(strstr(err, "zu lang"));
    assert_null(strstr(err, "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")); /* 41 */
    assert_non_null(strstr(err, "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa…"));
    /* NUL and invalid UTF-8 */
    assert_int_equal(wa_request_set_query(&r, "a\0b", 3, err, sizeof err), -1);
    assert_int_equal(wa_request_set_query(&r, "\xff", 1, err, sizeof err), -1);
    assert_non_null(strstr(err, "UTF-8"));
    /* words: 32 pass, 33 fail */
    for (i = 0; i < WA_MAX_QUERY_TERMS; i++)
        memcpy(q + 5 * i, "wort ", 5);
    q[5 * i] = '\0';
    assert_int_equal(wa_request_set_query(&r, q, strlen(q), err, sizeof err), 0);
    assert_int_equal(wa_request_finish(&r, err, sizeof err), 0);
    memcpy(q + 5 * i, "zuviel", 7);
    assert_int_equal(wa_request_set_query(&r, q, strlen(q), err, sizeof err), 0);
    assert_int_equal(wa_request_finish(&r, err, sizeof err), -1);
    assert_non_null(strstr(err, "zu viele Wörter (33, höchstens 32)"));
    /* NEAR width */
    assert_int_equal(wa_request_set_query(&r, "a NEAR/50 b", 11, err, sizeof err), 0);
    assert_int_equal(wa_request_finish(&r, err, sizeof err), 0);
    assert_int_equal(wa_request_set_query(&r, "a NAHE/51 b", 11, err, sizeof err), 0);
    assert_int_equal(wa_request_finish(&r, err, sizeof err), -1);
    assert_non_null(strstr(err, "NAHE/51 ist zu weit"));
    wa_request_release(&r);
}

static void test_web_limits(void **state)
{
    struct wa_request r;
    char err[512];

    (void)state;
    wa_request_init(&r, 1);
    assert_int_equal(wa_request_set_limit(&r, "100", err, sizeof err), 0);
    assert_int_equal(wa_request_set_limit(&r, "101", err, sizeof err), -1);
    assert_string_equal(err, "anzahl will eine Zahl von 0 bis 100, nicht '101'");
    assert_int_equal(wa_request_set_page(&r, "2000", err, sizeof err), -1);
    assert_int_equal(wa_request_set_page(&r, "200", err, sizeof err), 0);
    assert_int_equal(wa_request_finish(&r, err, sizeof err), -1); /* offset 1990 > 1000 */
    assert_non_null(strstr(err, "seite 200 ist zu weit"));
    wa_request_release(&r);
    /* the web names appear in the messages */
    wa_request_init(&r, 1);
    assert_int_equal(wa_request_set_date(&r, 0, "2022", err, sizeof err), 0);
    assert_int_equal(wa_request_set_date(&r, 1, "2021", err, sizeof err), 0);
    assert_int_equal(wa_request_finish(&r, err, sizeof err), -1);
    assert_string_equal(err, "von 01.01.2022 liegt nach bis 31.12.2021");
    assert_int_equal(wa_request_add_filter(&r, "farbe=rot", err, sizeof err), -1);
    assert_non_null(strstr(err, "unbekanntes Filterfeld 'farbe'"));
    wa_request_release(&r);
}

static void test_ids(void **state)
{
    struct wa_request r;
    char err[256];

    (void)state;
    wa_request_init(&r, 1);
    assert_int_equal(wa_request_set_id(&r, 0, "", 0, err, sizeof err), -1);
    assert_int_equal(wa_request_set_id(&r, 0, "a\nb", 3, err, sizeof err), -1);
    assert_int_equal(wa_request_set_id(&r, 0, "\xc3", 1, err, sizeof err), -1);
    assert_int_equal(r.kind, WA_REQUEST_SEARCH);
    assert_int_equal(wa_request_set_id(&r, 0, "a/b c.txt", 9, err, sizeof err), 0);
    assert_int_equal(r.kind, WA_REQUEST_SHOW);
    assert_string_equal(r.show, "a/b c.txt");
    wa_request_release(&r);
}

static void test_quote(void **state)
{
    char out[160];

    (void)state;
    assert_string_equal(wa_request_quote("kurz", 4, out, sizeof out), "kurz");
    assert_string_equal(wa_request_quote("a\nb", 3, out, sizeof out), "a?b");
    assert_string_equal(wa_request_quote("\xff", 1, out, sizeof out), "…");
    /* characters, not bytes: 41 umlauts become 40 and the ellipsis */
    assert_string_equal(
        wa_request_quote("ääääääääääääääääääääääääääääääääääääääääö", 82, out, sizeof out),
        "ääääääääääääääääääääääääääääääääääääääää…");
}

static void test_hints(void **state)
{
    struct wa_request r;
    struct wa_results res;
    char err[256];

    (void)state;
    wa_request_init(&r, 0);
    memset(&res, 0, sizeof res);
    assert_int_equal(wa_request_set_query(&r, "Quaxel", 6, err, sizeof err), 0);
    wa_request_hints(&r, &res);
    assert_int_equal(res.hints, WA_HINT_OTHER_WORDS);
    res.total = 5; /* hits, but not on this page */
    wa_request_hints(&r, &res);
    assert_int_equal(res.hints, WA_HINT_PAST_END);
    res.total = 0;
    assert_int_equal(wa_request_add_filter(&r, "typ=Gedicht", err, sizeof err), 0);
    assert_int_equal(wa_request_set_date(&r, 1, "1900", err, sizeof err), 0);
    wa_request_hints(&r, &res);
    assert_int_equal(res.hints, WA_HINT_NO_FILTERS | WA_HINT_WIDER_DATES);
    res.n = 1; /* a page with hits has no hints */
    wa_request_hints(&r, &res);
    assert_int_equal(res.hints, 0);
    wa_request_release(&r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_query_limits), cmocka_unit_test(test_web_limits),
        cmocka_unit_test(test_ids),          cmocka_unit_test(test_quote),
        cmocka_unit_test(test_hints),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
