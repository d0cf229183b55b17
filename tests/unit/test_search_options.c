/* Unit tests of the werkarchiv-search command line (search/options.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "options.h"

#define ARGC(a) ((int)(sizeof(a) / sizeof((a)[0])))

/* The request setters behind the options, as the old single-value parsers. */
static int parse_date(const char *in, int end, char out[9])
{
    struct wa_request r;
    char err[256];
    int rc;

    wa_request_init(&r, 0);
    rc = wa_request_set_date(&r, end, in, err, sizeof err);
    memcpy(out, end ? r.date_to : r.date_from, 9);
    wa_request_release(&r);
    return rc;
}

static int parse_sort(const char *in, enum wa_sort *out)
{
    struct wa_request r;
    char err[256];
    int rc;

    wa_request_init(&r, 0);
    rc = wa_request_set_sort(&r, in, err, sizeof err);
    *out = r.sort;
    return rc;
}

/* min 0: a page size up to max; min 1: a page number up to max */
static int parse_uint(const char *in, unsigned min, unsigned max, unsigned *out)
{
    struct wa_request r;
    char err[256];
    int rc;

    wa_request_init(&r, 0);
    r.max_limit = r.max_page = max;
    rc = min ? wa_request_set_page(&r, in, err, sizeof err)
             : wa_request_set_limit(&r, in, err, sizeof err);
    if (rc == 0)
        *out = min ? r.page : r.limit;
    return rc;
}

static int parse_filter(const char *spec, struct wa_filter *f, char **copy, char *err,
                        size_t errlen)
{
    struct wa_request r;
    int rc;

    *copy = NULL;
    wa_request_init(&r, 0);
    rc = wa_request_add_filter(&r, spec, err, errlen);
    if (rc == 0) {
        *copy = strdup(r.filters[0].value);
        f->field = r.filters[0].field;
        f->value = *copy;
    }
    wa_request_release(&r);
    return rc;
}

/* Parse a NULL-free argv; returns wa_cli_parse's result, c and err filled. */
static int parse(struct wa_cli *c, int argc, const char *const *argv, char *err, size_t errlen)
{
    wa_cli_init(c);
    return wa_cli_parse(c, argc, (char **)argv, err, errlen);
}

static void test_dates(void **state)
{
    static const struct {
        const char *in;
        int end;
        const char *want; /* NULL: must be rejected */
    } cases[] = {
        {"2021", 0, "20210101"},
        {"2021", 1, "20211231"},
        {"2021-03", 1, "20210331"},
        {"2020-02", 1, "20200229"}, /* leap year */
        {"3.2021", 0, "20210301"},
        {"12.03.2021", 0, "20210312"},
        {"12.3.2021", 1, "20210312"},
        {"2021-03-12", 1, "20210312"},
        {"März 2021", 1, "20210331"},
        {"31.02.2021", 0, NULL}, /* no such day */
        {"2021-13", 0, NULL},
        {"gestern", 0, NULL},
        {"", 0, NULL},
    };
    size_t i;
    char out[9];

    (void)state;
    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        int rc = parse_date(cases[i].in, cases[i].end, out);
        if (cases[i].want) {
            assert_int_equal(rc, 0);
            assert_string_equal(out, cases[i].want);
        } else {
            assert_int_equal(rc, -1);
        }
    }
}

static void test_sort(void **state)
{
    static const struct {
        const char *in;
        int ok;
        enum wa_sort want;
    } cases[] = {
        {"relevance", 1, WA_SORT_RELEVANCE}, {"Relevanz", 1, WA_SORT_RELEVANCE},
        {"newest", 1, WA_SORT_NEWEST},       {"neueste", 1, WA_SORT_NEWEST},
        {"oldest", 1, WA_SORT_OLDEST},       {"älteste", 1, WA_SORT_OLDEST},
        {"aelteste", 1, WA_SORT_OLDEST},     {"random", 0, WA_SORT_RELEVANCE},
        {"", 0, WA_SORT_RELEVANCE},
    };
    size_t i;

    (void)state;
    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        enum wa_sort s = WA_SORT_RELEVANCE;
        assert_int_equal(parse_sort(cases[i].in, &s), cases[i].ok ? 0 : -1);
        if (cases[i].ok)
            assert_int_equal(s, cases[i].want);
    }
}

static void test_numbers(void **state)
{
    unsigned v = 99;

    (void)state;
    assert_int_equal(parse_uint("0", 0, 10, &v), 0);
    assert_int_equal(v, 0);
    assert_int_equal(parse_uint("10", 0, 10, &v), 0);
    assert_int_equal(v, 10);
    assert_int_equal(parse_uint("11", 0, 10, &v), -1);
    assert_int_equal(parse_uint("0", 1, 10, &v), -1);
    assert_int_equal(parse_uint("-1", 0, 10, &v), -1);
    assert_int_equal(parse_uint("+1", 0, 10, &v), -1);
    assert_int_equal(parse_uint(" 1", 0, 10, &v), -1);
    assert_int_equal(parse_uint("1x", 0, 10, &v), -1);
    assert_int_equal(parse_uint("", 0, 10, &v), -1);
    /* overflow of long must not wrap into range */
    assert_int_equal(parse_uint("99999999999999999999999", 0, 10, &v), -1);
}

static void test_filter(void **state)
{
    struct wa_filter f;
    char *copy = NULL;
    char err[256];

    (void)state;
    /* German and English names map to the schema key */
    assert_int_equal(parse_filter("typ=Protokoll", &f, &copy, err, sizeof err), 0);
    assert_string_equal(f.field, "type");
    assert_string_equal(f.value, "Protokoll");
    free(copy);
    assert_int_equal(parse_filter("community=Chatbot Community", &f, &copy, err, sizeof err), 0);
    assert_string_equal(f.field, "werkstatt");
    assert_string_equal(f.value, "Chatbot Community");
    free(copy);
    /* the value may contain '=' */
    assert_int_equal(parse_filter("schlagwort=a=b", &f, &copy, err, sizeof err), 0);
    assert_string_equal(f.field, "tags");
    assert_string_equal(f.value, "a=b");
    free(copy);
    /* unknown field: the message lists the valid ones */
    assert_int_equal(parse_filter("farbe=rot", &f, &copy, err, sizeof err), -1);
    assert_non_null(strstr(err, "unbekanntes Filterfeld 'farbe'"));
    assert_non_null(strstr(err, "werkstatt/community"));
    assert_non_null(strstr(err, "typ/type"));
    assert_null(copy);
    /* free-text-only fields have no exact values to filter on */
    assert_int_equal(parse_filter("titel=x", &f, &copy, err, sizeof err), -1);
    assert_non_null(strstr(err, "unbekanntes Filterfeld 'titel'"));
    /* the date is a range, not a filter */
    assert_int_equal(parse_filter("datum=2021", &f, &copy, err, sizeof err), -1);
    assert_non_null(strstr(err, "--from"));
    assert_int_equal(parse_filter("typ", &f, &copy, err, sizeof err), -1);
    assert_non_null(strstr(err, "FELD=WERT"));
    assert_int_equal(parse_filter("typ=", &f, &copy, err, sizeof err), -1);
    assert_non_null(strstr(err, "hat keinen Wert"));
    assert_int_equal(parse_filter("=x", &f, &copy, err, sizeof err), -1);
}

static void test_parse_search(void **state)
{
    const char *argv[] = {"werkarchiv-search",
                          "--db",
                          "a",
                          "-d",
                          "b",
                          "--filter",
                          "typ=Protokoll",
                          "-f",
                          "typ=Artikel",
                          "--from",
                          "2019",
                          "--to",
                          "3.2021",
                          "--sort",
                          "neueste",
                          "-n",
                          "5",
                          "--page",
                          "3",
                          "--facets",
                          "--json",
                          "--no-collapse",
                          "Chatbot",
                          "Landesportal"};
    struct wa_cli c;
    char err[256];

    (void)state;
    assert_int_equal(parse(&c, ARGC(argv), argv, err, sizeof err), 0);
    assert_int_equal(c.action, WA_ACTION_SEARCH);
    assert_int_equal(c.ndbs, 2);
    assert_string_equal(c.dbs[1], "b");
    assert_int_equal(c.req.nfilters, 2);
    assert_string_equal(c.req.filters[1].value, "Artikel");
    assert_string_equal(c.req.date_from, "20190101");
    assert_string_equal(c.req.date_to, "20210331");
    assert_int_equal(c.req.sort, WA_SORT_NEWEST);
    assert_int_equal(c.req.limit, 5);
    assert_int_equal(c.req.page, 3);
    assert_int_equal(c.req.offset, 10); /* (page - 1) * limit */
    assert_true(c.req.facets);
    assert_false(c.req.collapse);
    assert_int_equal(c.req.format, WA_FORMAT_JSON);
    assert_string_equal(c.req.query, "Chatbot Landesportal");
    wa_cli_release(&c);
}

static void test_parse_defaults_and_show(void **state)
{
    const char *a1[] = {"werkarchiv-search", "Chatbot"};
    const char *a2[] = {"werkarchiv-search", "show", "x/y.txt", "--json"};
    const char *a3[] = {"werkarchiv-search", "--show", "x/y.txt"};
    const char *a4[] = {"werkarchiv-search", "show"}; /* one word: a query */
    const char *a5[] = {"werkarchiv-search", "--filter", "typ=Protokoll"};
    struct wa_cli c;
    char err[256];

    (void)state;
    assert_int_equal(parse(&c, ARGC(a1), a1, err, sizeof err), 0);
    assert_int_equal(c.req.limit, 10);
    assert_int_equal(c.req.offset, 0);
    assert_int_equal(c.req.sort, WA_SORT_RELEVANCE);
    assert_true(c.req.collapse);
    assert_int_equal(c.req.format, WA_FORMAT_TEXT);
    assert_int_equal(c.color, WA_COLOR_AUTO);
    wa_cli_release(&c);

    assert_int_equal(parse(&c, ARGC(a2), a2, err, sizeof err), 0);
    assert_int_equal(c.action, WA_ACTION_SHOW);
    assert_string_equal(c.req.show, "x/y.txt");
    assert_int_equal(c.req.format, WA_FORMAT_JSON);
    assert_null(c.req.query);
    wa_cli_release(&c);

    assert_int_equal(parse(&c, ARGC(a3), a3, err, sizeof err), 0);
    assert_int_equal(c.action, WA_ACTION_SHOW);
    wa_cli_release(&c);

    assert_int_equal(parse(&c, ARGC(a4), a4, err, sizeof err), 0);
    assert_int_equal(c.action, WA_ACTION_SEARCH);
    assert_string_equal(c.req.query, "show");
    wa_cli_release(&c);

    /* filters alone list every matching document */
    assert_int_equal(parse(&c, ARGC(a5), a5, err, sizeof err), 0);
    assert_null(c.req.query);
    wa_cli_release(&c);
}

static void test_parse_errors(void **state)
{
    static const struct {
        const char *argv[6];
        const char *msg;
    } cases[] = {
        {{"s", "--bogus", "x"}, "unknown option '--bogus'"},
        {{"s", "-x", "x"}, "unknown option '-x'"},
        {{"s", "x", "--limit"}, "option '--limit' needs a value"},
        {{"s", "-n"}, "option '--limit' needs a value"},
        {{"s", "--page", "2", "--offset", "1", "x"}, "--page und --offset schließen sich aus"},
        {{"s", "--page", "0", "x"}, "--page will eine Zahl von 1 bis"},
        {{"s", "--from", "2022", "--to", "2021"}, "--from 01.01.2022 liegt nach --to 31.12.2021"},
        {{"s", "--to", "bald", "x"}, "--to: 'bald' ist kein Datum"},
        {{"s", "--format", "xml", "x"}, "--format wants text, json, csv or excel"},
        {{"s", "--color", "bunt", "x"}, "--color wants auto, always or never"},
        {{"s", "--sort", "x", "x"}, "--sort will relevanz, neueste oder älteste"},
        {{"s", "--show", "a", "b"}, "show takes one document id and no query"},
        {{"s", "--db", "a"}, "no query given"},
        {{"s", "--page", "100000", "-n", "10000", "x"}, "--page 100000 ist zu weit"},
    };
    size_t i;

    (void)state;
    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct wa_cli c;
        char err[256];
        int argc = 0;
        while (argc < 6 && cases[i].argv[argc])
            argc++;
        assert_int_equal(parse(&c, argc, cases[i].argv, err, sizeof err), -1);
        if (!strstr(err, cases[i].msg))
            fail_msg("case %zu: '%s' lacks '%s'", i, err, cases[i].msg);
        wa_cli_release(&c);
    }
}

static void test_utf8(void **state)
{
    const char *bad[] = {"s", "Chat\xff"
                              "bot"};
    const char *badf[] = {"s", "--filter", "typ=\xc3", "x"};
    const char *nfd[] = {"s", "--filter", "werkstatt=Ku\xcc\x88nstliche", "Gru\xcc\x88ndung\x01"};
    struct wa_cli c;
    char err[256];

    (void)state;
    assert_int_equal(parse(&c, 2, bad, err, sizeof err), -1);
    assert_non_null(strstr(err, "die Suchanfrage ist kein gültiger UTF-8-Text"));
    wa_cli_release(&c);
    assert_int_equal(parse(&c, 4, badf, err, sizeof err), -1);
    assert_non_null(strstr(err, "ein Wert von --filter ist kein gültiger UTF-8-Text"));
    wa_cli_release(&c);
    /* composed (NFC), control characters become spaces */
    assert_int_equal(parse(&c, 4, nfd, err, sizeof err), 0);
    assert_string_equal(c.req.query, "Gr\xc3\xbcndung ");
    assert_string_equal(c.req.filters[0].value, "K\xc3\xbcnstliche");
    wa_cli_release(&c);
}

static void test_help_version(void **state)
{
    const char *a1[] = {"s", "--help"};
    const char *a2[] = {"s", "-V"};
    struct wa_cli c;
    char err[64];

    (void)state;
    assert_int_equal(parse(&c, ARGC(a1), a1, err, sizeof err), 0);
    assert_int_equal(c.action, WA_ACTION_HELP);
    wa_cli_release(&c);
    assert_int_equal(parse(&c, ARGC(a2), a2, err, sizeof err), 0);
    assert_int_equal(c.action, WA_ACTION_VERSION);
    wa_cli_release(&c);
    wa_cli_release(NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_dates),        cmocka_unit_test(test_sort),
        cmocka_unit_test(test_numbers),      cmocka_unit_test(test_filter),
        cmocka_unit_test(test_parse_search), cmocka_unit_test(test_parse_defaults_and_show),
        cmocka_unit_test(test_parse_errors), cmocka_unit_test(test_utf8),
        cmocka_unit_test(test_help_version),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
