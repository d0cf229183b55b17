/* Unit tests of the C API over Xapian: success and error paths. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "wa_record.h"
#include "wa_schema.h"
#include "wa_xapian.h"
#include "tmpdir.h"

struct fixture {
    char dir[64];
    char db[128];
};

static int setup(void **state)
{
    struct fixture *f = calloc(1, sizeof *f);
    assert_int_equal(tmpdir_make(f->dir, sizeof f->dir, "unit"), 0);
    snprintf(f->db, sizeof f->db, "%s/db", f->dir);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    struct fixture *f = *state;
    assert_int_equal(tmpdir_remove(f->dir), 0);
    free(f);
    return 0;
}

/* Put one document with the given id, title and text. */
static void put(wa_wdb *w, const char *id, const char *title, const char *text, const char *date)
{
    struct wa_record r;
    wa_doc *doc;
    char idterm[256];

    wa_record_init(&r);
    assert_int_equal(wa_record_set_str(&r.id, id, strlen(id)), WA_OK);
    assert_int_equal(wa_record_set_str(&r.title, title, strlen(title)), WA_OK);
    assert_int_equal(wa_record_set_str(&r.text, text, strlen(text)), WA_OK);
    r.text_len = strlen(text);
    if (date)
        assert_int_equal(wa_record_set(&r, "datum", date, strlen(date)), WA_OK);
    assert_int_equal(wa_doc_new(&doc, w), WA_OK);
    assert_int_equal(wa_record_to_doc(&r, doc), WA_OK);
    assert_int_equal(wa_wdb_replace(w, wa_schema_idterm(id, idterm, sizeof idterm), doc), WA_OK);
    wa_doc_free(doc);
    wa_record_release(&r);
}

static wa_mset *search(wa_db *db, const char *q)
{
    struct wa_search_opts o;
    wa_mset *m = NULL;
    wa_search_opts_init(&o);
    o.query = q;
    assert_int_equal(wa_db_search(db, &o, &m), WA_OK);
    return m;
}

static wa_db *open_reader(const char *path)
{
    wa_db *db = NULL;
    const char *paths[] = {path};
    assert_int_equal(wa_db_open(&db, paths, 1), WA_OK);
    return db;
}

static void test_index_and_search(void **state)
{
    struct fixture *f = *state;
    wa_wdb *w;
    wa_db *db;
    wa_mset *m;
    unsigned long n;
    size_t len;
    const char *data;
    struct wa_buf snip;

    assert_int_equal(wa_wdb_open(&w, f->db, 1), WA_OK);
    put(w, "a.txt", "Protokoll", "Die Sitzung der Werkstatt begann pünktlich.", "2021-03-12");
    put(w, "b.txt", "Artikel", "Cloud-Strategie der Verwaltung.", "2020-01-01");
    assert_int_equal(wa_wdb_commit(w), WA_OK);
    assert_int_equal(wa_wdb_doccount(w, &n), WA_OK);
    assert_int_equal(n, 2);
    assert_int_equal(wa_wdb_close(w), WA_OK);
    wa_wdb_destroy(w);

    db = open_reader(f->db);
    /* a capitalised plural finds the singular: German stemming of nouns */
    m = search(db, "Sitzungen");
    assert_int_equal(wa_mset_size(m), 1);
    data = wa_mset_data(m, 0, &len);
    assert_non_null(strstr(data, "\"a.txt\""));
    wa_buf_init(&snip, 0);
    assert_int_equal(wa_mset_snippet(m, "Die Sitzung der Werkstatt", 25, 100, "[", "]", &snip),
                     WA_OK);
    assert_non_null(strstr(snip.p, "[Sitzung]"));
    /* empty highlight markers are refused (they disable HTML escaping in Xapian) */
    assert_int_equal(wa_mset_snippet(m, "x", 1, 100, "", "", &snip), WA_ERR_INVALID);
    wa_buf_release(&snip);
    wa_mset_free(m);

    m = search(db, "nichtvorhanden");
    assert_int_equal(wa_mset_size(m), 0);
    assert_int_equal(wa_mset_total(m), 0);
    wa_mset_free(m);
    wa_db_destroy(db);
}

static void test_replace_keeps_one(void **state)
{
    struct fixture *f = *state;
    wa_wdb *w;
    wa_db *db;
    wa_mset *m;
    unsigned long n;

    assert_int_equal(wa_wdb_open(&w, f->db, 1), WA_OK);
    put(w, "a.txt", "Erste Fassung", "Haushaltsplan alt", NULL);
    put(w, "a.txt", "Zweite Fassung", "Haushaltsplan neu", NULL);
    assert_int_equal(wa_wdb_commit(w), WA_OK);
    assert_int_equal(wa_wdb_doccount(w, &n), WA_OK);
    assert_int_equal(n, 1);
    assert_int_equal(wa_wdb_close(w), WA_OK);
    wa_wdb_destroy(w);

    db = open_reader(f->db);
    m = search(db, "alt");
    assert_int_equal(wa_mset_size(m), 0);
    wa_mset_free(m);
    m = search(db, "neu");
    assert_int_equal(wa_mset_size(m), 1);
    wa_mset_free(m);
    wa_db_destroy(db);
}

static void test_delete(void **state)
{
    struct fixture *f = *state;
    wa_wdb *w;
    unsigned long n;
    char idterm[256];

    assert_int_equal(wa_wdb_open(&w, f->db, 1), WA_OK);
    put(w, "a.txt", "T", "Text", NULL);
    assert_int_equal(wa_wdb_delete(w, wa_schema_idterm("a.txt", idterm, sizeof idterm)), WA_OK);
    /* deleting an absent document is not an error */
    assert_int_equal(wa_wdb_delete(w, wa_schema_idterm("zz.txt", idterm, sizeof idterm)), WA_OK);
    assert_int_equal(wa_wdb_doccount(w, &n), WA_OK);
    assert_int_equal(n, 0);
    assert_int_equal(wa_wdb_close(w), WA_OK);
    wa_wdb_destroy(w);
}

static void test_missing_database(void **state)
{
    struct fixture *f = *state;
    wa_db *db = NULL;
    char path[256];
    const char *paths[] = {path};

    snprintf(path, sizeof path, "%s/does-not-exist", f->dir);
    assert_int_not_equal(wa_db_open(&db, paths, 1), WA_OK);
    assert_non_null(db);
    assert_true(strlen(wa_db_errmsg(db)) > 0);
    wa_db_destroy(db);
    /* opening no database at all is an invalid argument */
    assert_int_equal(wa_db_open(&db, paths, 0), WA_ERR_INVALID);
    wa_db_destroy(db);
}

static void test_second_writer_locked(void **state)
{
    struct fixture *f = *state;
    wa_wdb *w1, *w2 = NULL;

    assert_int_equal(wa_wdb_open(&w1, f->db, 1), WA_OK);
    assert_int_equal(wa_wdb_open(&w2, f->db, 1), WA_ERR_LOCKED);
    assert_non_null(strstr(wa_wdb_errmsg(w2), "lock"));
    wa_wdb_destroy(w2);
    assert_int_equal(wa_wdb_close(w1), WA_OK);
    wa_wdb_destroy(w1);
    /* after the first writer is gone, the lock is free again */
    assert_int_equal(wa_wdb_open(&w2, f->db, 1), WA_OK);
    assert_int_equal(wa_wdb_close(w2), WA_OK);
    wa_wdb_destroy(w2);
}

static void test_malformed_query(void **state)
{
    struct fixture *f = *state;
    wa_wdb *w;
    wa_db *db;
    wa_mset *m = NULL;
    struct wa_search_opts o;

    assert_int_equal(wa_wdb_open(&w, f->db, 1), WA_OK);
    put(w, "a.txt", "T", "Text", NULL);
    assert_int_equal(wa_wdb_close(w), WA_OK);
    wa_wdb_destroy(w);
    db = open_reader(f->db);
    wa_search_opts_init(&o);
    o.query = "Text AND OR Text";
    assert_int_equal(wa_db_search(db, &o, &m), WA_ERR_QUERY);
    assert_null(m);
    assert_true(strlen(wa_db_errmsg(db)) > 0);
    o.query = "datum:31.02.2021";
    assert_int_equal(wa_db_search(db, &o, &m), WA_ERR_QUERY);
    assert_non_null(strstr(wa_db_errmsg(db), "31.02.2021"));
    wa_db_destroy(db);
}

static void test_truncated_database(void **state)
{
    struct fixture *f = *state;
    wa_wdb *w;
    wa_db *db = NULL;
    wa_mset *m = NULL;
    struct wa_search_opts o;
    char path[256];
    int fd, i;
    wa_status st;
    const char *paths[] = {f->db};

    assert_int_equal(wa_wdb_open(&w, f->db, 1), WA_OK);
    for (i = 0; i < 50; i++) {
        char id[32];
        snprintf(id, sizeof id, "d%d.txt", i);
        put(w, id, "Titel", "Ein Text über Verwaltung und Sitzungen", NULL);
    }
    assert_int_equal(wa_wdb_close(w), WA_OK);
    wa_wdb_destroy(w);
    snprintf(path, sizeof path, "%s/postlist.glass", f->db);
    fd = open(path, O_WRONLY | O_TRUNC);
    assert_true(fd >= 0);
    close(fd);
    /* either open or search fails with a message; nothing crashes */
    st = wa_db_open(&db, paths, 1);
    if (st == WA_OK) {
        wa_search_opts_init(&o);
        o.query = "Verwaltung";
        st = wa_db_search(db, &o, &m);
        assert_null(m);
    }
    assert_int_not_equal(st, WA_OK);
    assert_true(strlen(wa_db_errmsg(db)) > 0);
    wa_db_destroy(db);
}

static void test_date_filter_and_sort(void **state)
{
    struct fixture *f = *state;
    wa_wdb *w;
    wa_db *db;
    wa_mset *m = NULL;
    struct wa_search_opts o;
    size_t len;

    assert_int_equal(wa_wdb_open(&w, f->db, 1), WA_OK);
    put(w, "alt.txt", "Cloud", "Cloud Strategie", "2018-05-01");
    put(w, "neu.txt", "Cloud", "Cloud Strategie", "2023-05-01");
    assert_int_equal(wa_wdb_close(w), WA_OK);
    wa_wdb_destroy(w);
    db = open_reader(f->db);
    wa_search_opts_init(&o);
    o.query = "Cloud";
    o.sort = WA_SORT_NEWEST;
    assert_int_equal(wa_db_search(db, &o, &m), WA_OK);
    assert_int_equal(wa_mset_size(m), 2);
    assert_non_null(strstr(wa_mset_data(m, 0, &len), "neu.txt"));
    wa_mset_free(m);
    o.sort = WA_SORT_OLDEST;
    assert_int_equal(wa_db_search(db, &o, &m), WA_OK);
    assert_non_null(strstr(wa_mset_data(m, 0, &len), "alt.txt"));
    wa_mset_free(m);
    /* German date range in the query syntax */
    o.query = "Cloud datum:1.1.2020..31.12.2024";
    assert_int_equal(wa_db_search(db, &o, &m), WA_OK);
    assert_int_equal(wa_mset_size(m), 1);
    assert_non_null(strstr(wa_mset_data(m, 0, &len), "neu.txt"));
    wa_mset_free(m);
    /* range given as options */
    o.query = "Cloud";
    o.date_to = "20191231";
    assert_int_equal(wa_db_search(db, &o, &m), WA_OK);
    assert_int_equal(wa_mset_size(m), 1);
    assert_non_null(strstr(wa_mset_data(m, 0, &len), "alt.txt"));
    wa_mset_free(m);
    wa_db_destroy(db);
}

static void test_relax_to_any_word(void **state)
{
    struct fixture *f = *state;
    wa_wdb *w;
    wa_db *db;
    wa_mset *m;

    assert_int_equal(wa_wdb_open(&w, f->db, 1), WA_OK);
    put(w, "a.txt", "Cloud", "Cloud Strategie", NULL);
    assert_int_equal(wa_wdb_close(w), WA_OK);
    wa_wdb_destroy(w);
    db = open_reader(f->db);
    m = search(db, "Cloud Zebrastreifen");
    assert_int_equal(wa_mset_size(m), 1);
    assert_int_equal(wa_mset_relaxed(m), 1);
    wa_mset_free(m);
    m = search(db, "Cloud Strategie");
    assert_int_equal(wa_mset_relaxed(m), 0);
    wa_mset_free(m);
    wa_db_destroy(db);
}

static void test_long_id_is_hashed(void **state)
{
    char id[400], term[256], term2[256];
    (void)state;
    memset(id, 'x', sizeof id - 1);
    id[sizeof id - 1] = '\0';
    wa_schema_idterm(id, term, sizeof term);
    assert_true(strlen(term) < 245);
    assert_int_equal(term[0], 'Q');
    id[0] = 'y';
    wa_schema_idterm(id, term2, sizeof term2);
    assert_string_not_equal(term, term2);
    wa_schema_idterm("kurz.txt", term, sizeof term);
    assert_string_equal(term, "Qkurz.txt");
    /* the id comes back out of a term, but not out of a hashed one */
    assert_string_equal(wa_idterm_id(term), "kurz.txt");
    assert_null(wa_idterm_id(term2));
}

/* Errors are never lost: close keeps the handle and its message until destroy. */
static void test_close_keeps_message(void **state)
{
    struct fixture *f = *state;
    wa_wdb *w = NULL;
    wa_db *db;
    wa_mset *m;
    struct wa_buf b;

    assert_int_equal(wa_wdb_open(&w, f->db, 1), WA_OK);
    put(w, "a.txt", "Protokoll", "Die Sitzung der Werkstatt.", NULL);
    wa_buf_init(&b, 0);
    /* a failing lookup says what it looked for */
    assert_int_equal(wa_wdb_find_idterm(w, "Pnirgends", &b), WA_ERR_NOT_FOUND);
    assert_non_null(strstr(wa_wdb_errmsg(w), "Pnirgends"));
    /* close commits: the document is there for a reader */
    assert_int_equal(wa_wdb_close(w), WA_OK);
    assert_int_equal(wa_wdb_close(w), WA_OK); /* closing twice is harmless */
    /* a call after close fails, and its message is on the handle */
    assert_int_not_equal(wa_wdb_get_data(w, "Qa.txt", &b), WA_OK);
    assert_true(wa_wdb_errmsg(w)[0] != '\0');
    wa_wdb_destroy(w);
    wa_wdb_destroy(NULL);
    /* the lock went with close */
    assert_int_equal(wa_wdb_open(&w, f->db, 0), WA_OK);
    wa_wdb_destroy(w);

    db = open_reader(f->db);
    m = search(db, "Sitzung");
    assert_int_equal(wa_mset_size(m), 1);
    /* a result page keeps the message of its own failures */
    assert_int_equal(wa_mset_snippet(m, "x", 1, 100, "", "", &b), WA_ERR_INVALID);
    assert_non_null(strstr(wa_mset_errmsg(m), "marker"));
    assert_int_equal(wa_mset_duplicates(m, 5, NULL, NULL), WA_ERR_INVALID);
    assert_true(wa_mset_errmsg(m)[0] != '\0');
    wa_mset_free(m);
    assert_int_equal(wa_db_close(db), WA_OK);
    assert_int_not_equal(wa_db_get_data(db, "Qa.txt", &b), WA_OK);
    assert_true(wa_db_errmsg(db)[0] != '\0');
    wa_db_destroy(db);
    assert_int_equal(wa_db_close(NULL), WA_OK);
    wa_db_destroy(NULL);
    wa_buf_release(&b);
}

/* The query's terms come out decoded into words, stems and compound parts. */
static void test_query_words(void **state)
{
    struct fixture *f = *state;
    wa_wdb *w = NULL;
    wa_db *db;
    wa_mset *m;
    const struct wa_qword *qw;
    size_t n, i;
    int stem = 0, word = 0, other = 0;

    assert_int_equal(wa_wdb_open(&w, f->db, 1), WA_OK);
    put(w, "a.txt", "Protokoll", "Die Sitzungen der Werkstatt.", NULL);
    assert_int_equal(wa_wdb_close(w), WA_OK);
    wa_wdb_destroy(w);
    db = open_reader(f->db);
    m = search(db, "Sitzungen titel:Protokoll");
    assert_int_equal(wa_mset_query_words(m, &qw, &n), WA_OK);
    for (i = 0; i < n; i++) {
        /* no term prefix reaches the caller */
        assert_true(qw[i].len > 0);
        assert_false(qw[i].p[0] >= 'A' && qw[i].p[0] <= 'Z');
        stem += qw[i].kind == WA_QWORD_STEM && qw[i].len == 7 && !memcmp(qw[i].p, "sitzung", 7);
        word += qw[i].kind == WA_QWORD_WORD && qw[i].len == 9 && !memcmp(qw[i].p, "sitzungen", 9);
        other += qw[i].kind == WA_QWORD_OTHER;
    }
    assert_int_equal(stem, 1);
    assert_int_equal(word, 1);
    assert_true(other > 0); /* the title term */
    wa_mset_free(m);
    wa_db_destroy(db);
}

static void test_metadata_and_terms(void **state)
{
    struct fixture *f = *state;
    wa_wdb *w;
    struct wa_buf b;

    assert_int_equal(wa_wdb_open(&w, f->db, 1), WA_OK);
    assert_int_equal(wa_wdb_set_metadata(w, "failed:x", "reason", 6), WA_OK);
    wa_buf_init(&b, 0);
    assert_int_equal(wa_wdb_get_metadata(w, "failed:x", &b), WA_OK);
    assert_string_equal(b.p, "reason");
    wa_buf_reset(&b);
    assert_int_equal(wa_wdb_get_value(w, "Qnone", 1, &b), WA_ERR_NOT_FOUND);
    wa_buf_release(&b);
    assert_int_equal(wa_wdb_close(w), WA_OK);
    wa_wdb_destroy(w);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_index_and_search, setup, teardown),
        cmocka_unit_test_setup_teardown(test_replace_keeps_one, setup, teardown),
        cmocka_unit_test_setup_teardown(test_delete, setup, teardown),
        cmocka_unit_test_setup_teardown(test_missing_database, setup, teardown),
        cmocka_unit_test_setup_teardown(test_second_writer_locked, setup, teardown),
        cmocka_unit_test_setup_teardown(test_malformed_query, setup, teardown),
        cmocka_unit_test_setup_teardown(test_truncated_database, setup, teardown),
        cmocka_unit_test_setup_teardown(test_date_filter_and_sort, setup, teardown),
        cmocka_unit_test_setup_teardown(test_relax_to_any_word, setup, teardown),
        cmocka_unit_test(test_long_id_is_hashed),
        cmocka_unit_test_setup_teardown(test_metadata_and_terms, setup, teardown),
        cmocka_unit_test_setup_teardown(test_close_keeps_message, setup, teardown),
        cmocka_unit_test_setup_teardown(test_query_words, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
