/* Unit tests of date sorting, collapsing and exact counts in wa_db_search,
 * on a small database built here (with an undated document, which the
 * indexer never produces because it falls back to the file's date). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "results.h"
#include "wa_record.h"
#include "wa_schema.h"
#include "wa_xapian.h"
#include "tmpdir.h"

struct doc {
    const char *id;
    const char *date; /* NULL: undated */
    const char *text;
};

static const struct doc docs[] = {
    {"b.txt", "2021-03-12", "Das Protokoll der Sitzung zur Cloud."},
    {"undated.txt", NULL, "Ein Vermerk ohne Datum zur Cloud."},
    {"a.txt", "2019", "Ein Artikel über die Cloud in Kommunen."},
    {"c.txt", "2023-01-17", "Eine Zwischenbilanz zur Cloud."},
    {"c-copy.html", "2023-01-17", "Eine Zwischenbilanz  zur CLOUD!"}, /* same letters as c.txt */
};
#define NDOCS (sizeof docs / sizeof docs[0])

static char dir[512];

static int setup(void **state)
{
    (void)state;
    wa_wdb *w = NULL;
    wa_status st;
    size_t i;

    if (tmpdir_make(dir, sizeof dir, "sort") != 0)
        return -1;
    if (wa_wdb_open(&w, dir, 1) != WA_OK) {
        wa_wdb_destroy(w);
        return -1;
    }
    for (i = 0; i < NDOCS; i++) {
        struct wa_record r;
        wa_doc *d = NULL;
        char idterm[256];
        wa_record_init(&r);
        assert_int_equal(wa_record_set_str(&r.id, docs[i].id, strlen(docs[i].id)), WA_OK);
        if (docs[i].date)
            assert_int_equal(wa_record_set_str(&r.date, docs[i].date, strlen(docs[i].date)), WA_OK);
        assert_int_equal(wa_record_set_str(&r.text, docs[i].text, strlen(docs[i].text)), WA_OK);
        r.text_len = strlen(docs[i].text);
        assert_int_equal(wa_doc_new(&d, NULL), WA_OK);
        assert_int_equal(wa_record_to_doc(&r, d), WA_OK);
        assert_int_equal(wa_wdb_replace(w, wa_schema_idterm(docs[i].id, idterm, sizeof idterm), d),
                         WA_OK);
        wa_doc_free(d);
        wa_record_release(&r);
    }
    st = wa_wdb_close(w);
    wa_wdb_destroy(w);
    return st == WA_OK ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    return tmpdir_remove(dir);
}

/* Ids of all hits of a search for "Cloud", in order, joined by spaces. */
static void search_ids(enum wa_sort sort, int collapse, unsigned limit, char *out, size_t len,
                       unsigned long *total)
{
    const char *paths[] = {dir};
    struct wa_search_opts o;
    struct wa_results res;
    wa_db *db = NULL;
    wa_mset *m = NULL;
    size_t i, used = 0;

    assert_int_equal(wa_db_open(&db, paths, 1), WA_OK);
    wa_search_opts_init(&o);
    o.query = "Cloud";
    o.sort = sort;
    o.collapse = collapse;
    o.facets = 1;
    o.limit = limit;
    assert_int_equal(wa_db_search(db, &o, &m), WA_OK);
    assert_int_equal(wa_results_build(m, &o, NULL, &res), WA_OK);
    out[0] = '\0';
    for (i = 0; i < res.n; i++)
        used += (size_t)snprintf(out + used, len - used, "%s%s", i ? " " : "", res.hits[i].rec.id);
    *total = res.total;
    wa_results_release(&res);
    wa_mset_free(m);
    wa_db_destroy(db);
}

static void test_newest_oldest_undated_last(void **state)
{
    char ids[256];
    unsigned long total;

    (void)state;
    search_ids(WA_SORT_NEWEST, 0, 10, ids, sizeof ids, &total);
    assert_string_equal(ids, "c.txt c-copy.html b.txt a.txt undated.txt");
    search_ids(WA_SORT_OLDEST, 0, 10, ids, sizeof ids, &total);
    assert_string_equal(ids, "a.txt b.txt c.txt c-copy.html undated.txt");
    assert_int_equal(total, 5);
}

static void test_collapse_lists_copy(void **state)
{
    char ids[256];
    unsigned long total;
    const char *paths[] = {dir};
    struct wa_search_opts o;
    struct wa_results res;
    wa_db *db = NULL;
    wa_mset *m = NULL;
    size_t i;
    int found = 0;

    (void)state;
    search_ids(WA_SORT_NEWEST, 1, 10, ids, sizeof ids, &total);
    assert_string_equal(ids, "c.txt b.txt a.txt undated.txt");
    assert_int_equal(total, 4);
    /* the total stays exact when the page is smaller than the result list */
    search_ids(WA_SORT_NEWEST, 1, 1, ids, sizeof ids, &total);
    assert_int_equal(total, 4);
    search_ids(WA_SORT_NEWEST, 1, 0, ids, sizeof ids, &total);
    assert_string_equal(ids, "");
    assert_int_equal(total, 4);

    assert_int_equal(wa_db_open(&db, paths, 1), WA_OK);
    wa_search_opts_init(&o);
    o.query = "Zwischenbilanz";
    o.collapse = 1;
    assert_int_equal(wa_db_search(db, &o, &m), WA_OK);
    assert_int_equal(wa_results_build(m, &o, NULL, &res), WA_OK);
    assert_int_equal(res.n, 1);
    for (i = 0; i < res.hits[0].dup_ids.n; i++)
        found += strcmp(res.hits[0].dup_ids.v[i], "c-copy.html") == 0 ||
                 strcmp(res.hits[0].dup_ids.v[i], "c.txt") == 0;
    assert_int_equal(res.hits[0].dup_ids.n, 1);
    assert_int_equal(found, 1);
    assert_int_equal(res.hits[0].collapsed, 1);
    wa_results_release(&res);
    wa_mset_free(m);
    wa_db_destroy(db);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_newest_oldest_undated_last),
        cmocka_unit_test(test_collapse_lists_copy),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
