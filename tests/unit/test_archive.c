/* Unit tests of the archive module: routing by visibility, moving, deleting,
 * and the public open that refuses internal databases and stub files. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "wa_archive.h"
#include "wa_record.h"
#include "wa_xapian.h"
#include "wa_xapian_admin.h"
#include "tmpdir.h"

struct fixture {
    char dir[64];
    char arch[128]; /* an archive directory below dir */
};

static int setup(void **state)
{
    struct fixture *f = calloc(1, sizeof *f);
    assert_non_null(f);
    assert_int_equal(tmpdir_make(f->dir, sizeof f->dir, "archive"), 0);
    snprintf(f->arch, sizeof f->arch, "%s/archiv", f->dir);
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

/* A small document whose data is its id. */
static wa_doc *make_doc(const char *id)
{
    wa_doc *doc = NULL;
    assert_int_equal(wa_doc_new(&doc, NULL), WA_OK);
    assert_int_equal(wa_doc_add_term(doc, "Xtest", 5, 1), WA_OK);
    assert_int_equal(wa_doc_set_data(doc, id, strlen(id)), WA_OK);
    return doc;
}

static void put(wa_archive *a, const char *idterm, enum wa_side side)
{
    wa_doc *doc = make_doc(idterm);
    assert_int_equal(wa_archive_put(a, idterm, side, doc), WA_OK);
    wa_doc_free(doc);
}

static wa_archive *open_writer(const char *dir)
{
    wa_archive *a = NULL;
    assert_int_equal(wa_archive_open_write(&a, dir), WA_OK);
    assert_non_null(wa_archive_wdb(a, WA_SIDE_PUBLIC));
    assert_non_null(wa_archive_wdb(a, WA_SIDE_INTERNAL));
    return a;
}

static void close_writer(wa_archive *a)
{
    assert_int_equal(wa_archive_close(a), WA_OK);
    wa_archive_destroy(a);
}

/* Number of documents who sees in the archive at path. */
static unsigned long count_for(const char *path, enum wa_audience who)
{
    const char *args[] = {path};
    wa_db *db = NULL;
    unsigned long n = 0;
    assert_int_equal(wa_archive_open_read(&db, args, 1, who, NULL), WA_OK);
    assert_int_equal(wa_db_doccount(db, &n), WA_OK);
    wa_db_destroy(db);
    return n;
}

/* 1 if who finds the document idterm in the archive at path. */
static int finds(const char *path, enum wa_audience who, const char *idterm)
{
    const char *args[] = {path};
    struct wa_buf b;
    wa_db *db = NULL;
    int r;
    assert_int_equal(wa_archive_open_read(&db, args, 1, who, NULL), WA_OK);
    wa_buf_init(&b, 0);
    r = wa_db_get_data(db, idterm, &b) == WA_OK;
    wa_buf_release(&b);
    wa_db_destroy(db);
    return r;
}

static int note_docid(const char *idterm, unsigned docid, void *ctx)
{
    unsigned *ids = ctx; /* [0]: of Qa, [1]: of Qb */
    if (strcmp(idterm, "Qa") == 0)
        ids[0] = docid;
    else if (strcmp(idterm, "Qb") == 0)
        ids[1] = docid;
    return 0;
}

/* put_at writes under the document number given (import keeps the exported
 * ones), refuses a number another document holds, and still routes by side. */
static void test_put_at_keeps_numbers(void **state)
{
    struct fixture *f = *state;
    wa_archive *a = open_writer(f->arch);
    wa_admin_reader *r = NULL;
    unsigned ids[2] = {0, 0};
    char path[256], err[256];
    wa_doc *doc = make_doc("Qa");

    assert_int_equal(wa_archive_put_at(a, "Qa", WA_SIDE_PUBLIC, doc, 7), WA_OK);
    wa_doc_free(doc);
    doc = make_doc("Qb");
    assert_int_equal(wa_archive_put_at(a, "Qb", WA_SIDE_PUBLIC, doc, 3), WA_OK);
    wa_doc_free(doc);
    /* number 7 is Qa's: not for another document, but Qa may be written again */
    doc = make_doc("Qc");
    assert_int_equal(wa_archive_put_at(a, "Qc", WA_SIDE_PUBLIC, doc, 7), WA_ERR_INVALID);
    assert_non_null(strstr(wa_archive_errmsg(a), "Qc"));
    wa_doc_free(doc);
    doc = make_doc("Qa");
    assert_int_equal(wa_archive_put_at(a, "Qa", WA_SIDE_PUBLIC, doc, 7), WA_OK);
    wa_doc_free(doc);
    assert_false(wa_archive_holds(a, WA_SIDE_PUBLIC, "Qc"));
    close_writer(a);

    snprintf(path, sizeof path, "%s/%s", f->arch, WA_ARCHIVE_PUBLIC);
    assert_int_equal(wa_admin_reader_open(&r, path, err, sizeof err), WA_OK);
    assert_int_equal(wa_admin_reader_each_id(r, note_docid, ids, err, sizeof err), WA_OK);
    wa_admin_reader_free(r);
    assert_int_equal(ids[0], 7);
    assert_int_equal(ids[1], 3);
    assert_int_equal(count_for(f->arch, WA_AUDIENCE_MEMBERS), 2);

    /* to the other side: gone from the first */
    a = open_writer(f->arch);
    doc = make_doc("Qa");
    assert_int_equal(wa_archive_put_at(a, "Qa", WA_SIDE_INTERNAL, doc, 7), WA_OK);
    wa_doc_free(doc);
    assert_false(wa_archive_holds(a, WA_SIDE_PUBLIC, "Qa"));
    assert_true(wa_archive_holds(a, WA_SIDE_INTERNAL, "Qa"));
    close_writer(a);
}

/* Each document goes to the database its visibility names, and only there. */
static void test_put_routes_by_side(void **state)
{
    struct fixture *f = *state;
    wa_archive *a = open_writer(f->arch);

    put(a, "Qoffen.txt", WA_SIDE_PUBLIC);
    put(a, "Qgeheim.txt", WA_SIDE_INTERNAL);
    assert_true(wa_archive_holds(a, WA_SIDE_PUBLIC, "Qoffen.txt"));
    assert_false(wa_archive_holds(a, WA_SIDE_INTERNAL, "Qoffen.txt"));
    assert_true(wa_archive_holds(a, WA_SIDE_INTERNAL, "Qgeheim.txt"));
    assert_false(wa_archive_holds(a, WA_SIDE_PUBLIC, "Qgeheim.txt"));
    close_writer(a);

    assert_int_equal(count_for(f->arch, WA_AUDIENCE_PUBLIC), 1);
    assert_int_equal(count_for(f->arch, WA_AUDIENCE_MEMBERS), 2);
    assert_true(finds(f->arch, WA_AUDIENCE_PUBLIC, "Qoffen.txt"));
    assert_false(finds(f->arch, WA_AUDIENCE_PUBLIC, "Qgeheim.txt"));
    assert_true(finds(f->arch, WA_AUDIENCE_MEMBERS, "Qgeheim.txt"));
}

/* A change of visibility moves the document: it is never in both databases. */
static void test_put_moves_on_visibility_change(void **state)
{
    struct fixture *f = *state;
    wa_archive *a = open_writer(f->arch);

    put(a, "Qbericht.txt", WA_SIDE_PUBLIC);
    close_writer(a);
    assert_true(finds(f->arch, WA_AUDIENCE_PUBLIC, "Qbericht.txt"));

    a = open_writer(f->arch); /* a later run finds it internal now */
    put(a, "Qbericht.txt", WA_SIDE_INTERNAL);
    assert_false(wa_archive_holds(a, WA_SIDE_PUBLIC, "Qbericht.txt"));
    assert_true(wa_archive_holds(a, WA_SIDE_INTERNAL, "Qbericht.txt"));
    close_writer(a);
    assert_int_equal(count_for(f->arch, WA_AUDIENCE_PUBLIC), 0);
    assert_false(finds(f->arch, WA_AUDIENCE_PUBLIC, "Qbericht.txt"));
    assert_int_equal(count_for(f->arch, WA_AUDIENCE_MEMBERS), 1);

    a = open_writer(f->arch); /* and back */
    put(a, "Qbericht.txt", WA_SIDE_PUBLIC);
    close_writer(a);
    assert_int_equal(count_for(f->arch, WA_AUDIENCE_PUBLIC), 1);
    assert_int_equal(count_for(f->arch, WA_AUDIENCE_MEMBERS), 1);
}

/* Deleting removes a document from both databases and counts where it was. */
static void test_delete_from_both(void **state)
{
    struct fixture *f = *state;
    wa_archive *a = open_writer(f->arch);
    wa_doc *doc = make_doc("Qdoppelt.txt");
    unsigned n = 99;

    put(a, "Qdoppelt.txt", WA_SIDE_PUBLIC);
    /* a stale copy in the other database, as an interrupted move could leave */
    assert_int_equal(wa_wdb_replace(wa_archive_wdb(a, WA_SIDE_INTERNAL), "Qdoppelt.txt", doc),
                     WA_OK);
    wa_doc_free(doc);
    put(a, "Qbleibt.txt", WA_SIDE_INTERNAL);
    assert_int_equal(wa_archive_delete(a, "Qdoppelt.txt", &n), WA_OK);
    assert_int_equal(n, 2);
    assert_false(wa_archive_holds(a, WA_SIDE_PUBLIC, "Qdoppelt.txt"));
    assert_false(wa_archive_holds(a, WA_SIDE_INTERNAL, "Qdoppelt.txt"));
    /* absent is not an error */
    assert_int_equal(wa_archive_delete(a, "Qdoppelt.txt", &n), WA_OK);
    assert_int_equal(n, 0);
    assert_int_equal(wa_archive_delete(a, "Qgabesnie.txt", NULL), WA_OK);
    close_writer(a);
    assert_int_equal(count_for(f->arch, WA_AUDIENCE_MEMBERS), 1);
    assert_true(finds(f->arch, WA_AUDIENCE_MEMBERS, "Qbleibt.txt"));
}

static void write_file(const char *path, const char *text)
{
    FILE *fp = fopen(path, "w");
    assert_non_null(fp);
    fputs(text, fp);
    fclose(fp);
}

/* The public open takes archive directories only: a stub file or a database
 * directory may name internal databases (or remote ones) and is refused. */
/* A withdrawn document is kept in withdrawn/, which no reader opens; it
 * comes back by moving, and deleting removes it from there too. */
static void test_withdrawn_side(void **state)
{
    struct fixture *f = *state;
    wa_archive *a = open_writer(f->arch);
    wa_doc *doc;
    unsigned n = 0;

    assert_string_equal(wa_archive_side_dir(WA_SIDE_WITHDRAWN), "withdrawn");
    put(a, "Qzurueck.txt", WA_SIDE_PUBLIC);
    put(a, "Qbleibt.txt", WA_SIDE_INTERNAL);
    close_writer(a);

    a = open_writer(f->arch);
    doc = make_doc("Qzurueck.txt");
    assert_int_equal(wa_archive_move(a, "Qzurueck.txt", WA_SIDE_WITHDRAWN, doc), WA_OK);
    wa_doc_free(doc);
    assert_int_equal(wa_archive_where(a, "Qzurueck.txt"), 1u << WA_SIDE_WITHDRAWN);
    close_writer(a);
    assert_int_equal(count_for(f->arch, WA_AUDIENCE_PUBLIC), 0);
    assert_int_equal(count_for(f->arch, WA_AUDIENCE_MEMBERS), 1);
    assert_false(finds(f->arch, WA_AUDIENCE_MEMBERS, "Qzurueck.txt"));

    a = open_writer(f->arch); /* restored: public again */
    doc = make_doc("Qzurueck.txt");
    assert_int_equal(wa_archive_move(a, "Qzurueck.txt", WA_SIDE_PUBLIC, doc), WA_OK);
    wa_doc_free(doc);
    assert_int_equal(wa_archive_where(a, "Qzurueck.txt"), 1u << WA_SIDE_PUBLIC);
    put(a, "Qzurueck.txt", WA_SIDE_WITHDRAWN); /* put moves too */
    assert_int_equal(wa_archive_where(a, "Qzurueck.txt"), 1u << WA_SIDE_WITHDRAWN);
    assert_int_equal(wa_archive_delete(a, "Qzurueck.txt", &n), WA_OK);
    assert_int_equal(n, 1);
    assert_int_equal(wa_archive_where(a, "Qzurueck.txt"), 0);
    close_writer(a);
    assert_int_equal(count_for(f->arch, WA_AUDIENCE_MEMBERS), 1);
}

static void test_public_refuses_stub_and_bare_databases(void **state)
{
    struct fixture *f = *state;
    char stub[256], pubdb[256], indb[256], text[300];
    const char *args[1], *culprit = NULL;
    wa_archive *a = open_writer(f->arch);
    wa_db *db = NULL;

    put(a, "Qoffen.txt", WA_SIDE_PUBLIC);
    put(a, "Qgeheim.txt", WA_SIDE_INTERNAL);
    close_writer(a);
    snprintf(indb, sizeof indb, "%s/%s", f->arch, WA_ARCHIVE_INTERNAL);
    snprintf(pubdb, sizeof pubdb, "%s/%s", f->arch, WA_ARCHIVE_PUBLIC);
    snprintf(stub, sizeof stub, "%s/stub", f->dir);
    snprintf(text, sizeof text, "auto %s\n", indb);
    write_file(stub, text);

    args[0] = stub;
    assert_int_equal(wa_archive_open_read(&db, args, 1, WA_AUDIENCE_PUBLIC, &culprit),
                     WA_ERR_INVALID);
    assert_null(db);
    assert_string_equal(culprit, stub);
    args[0] = indb;
    culprit = NULL;
    assert_int_equal(wa_archive_open_read(&db, args, 1, WA_AUDIENCE_PUBLIC, &culprit),
                     WA_ERR_INVALID);
    assert_null(db);
    assert_string_equal(culprit, indb);
    /* even the public database given directly: it cannot be told apart */
    args[0] = pubdb;
    assert_int_equal(wa_archive_open_read(&db, args, 1, WA_AUDIENCE_PUBLIC, NULL), WA_ERR_INVALID);
    assert_null(db);

    /* members may open a stub file (remote shards) and databases as they are */
    assert_int_equal(count_for(stub, WA_AUDIENCE_MEMBERS), 1);
    assert_true(finds(stub, WA_AUDIENCE_MEMBERS, "Qgeheim.txt"));
    assert_int_equal(count_for(indb, WA_AUDIENCE_MEMBERS), 1);
}

/* The public open never opens internal/: a damaged internal database stops
 * members, not the public; a public/ that links to internal/ is refused. */
static void test_public_never_touches_internal(void **state)
{
    struct fixture *f = *state;
    char indb[256], junk[300], other[256], link[300];
    const char *args[1];
    wa_archive *a = open_writer(f->arch);
    wa_db *db = NULL;

    put(a, "Qoffen.txt", WA_SIDE_PUBLIC);
    close_writer(a);
    snprintf(indb, sizeof indb, "%s/%s", f->arch, WA_ARCHIVE_INTERNAL);
    assert_int_equal(tmpdir_remove(indb), 0);
    assert_int_equal(mkdir(indb, 0755), 0);
    snprintf(junk, sizeof junk, "%s/iamglass", indb);
    write_file(junk, "kaputt");

    assert_int_equal(count_for(f->arch, WA_AUDIENCE_PUBLIC), 1);
    args[0] = f->arch;
    assert_int_not_equal(wa_archive_open_read(&db, args, 1, WA_AUDIENCE_MEMBERS, NULL), WA_OK);
    assert_non_null(db); /* it says why */
    assert_true(strlen(wa_db_errmsg(db)) > 0);
    wa_db_destroy(db);
    db = NULL;

    /* another archive whose public/ is a symbolic link to its internal/ */
    snprintf(other, sizeof other, "%s/verbogen", f->dir);
    a = open_writer(other);
    put(a, "Qgeheim.txt", WA_SIDE_INTERNAL);
    close_writer(a);
    snprintf(link, sizeof link, "%s/%s", other, WA_ARCHIVE_PUBLIC);
    assert_int_equal(tmpdir_remove(link), 0);
    assert_int_equal(symlink(WA_ARCHIVE_INTERNAL, link), 0);
    args[0] = other;
    assert_int_equal(wa_archive_open_read(&db, args, 1, WA_AUDIENCE_PUBLIC, NULL), WA_ERR_INVALID);
    assert_null(db);
}

/* Missing archives and archives without a database for the audience. */
static void test_open_read_not_found(void **state)
{
    struct fixture *f = *state;
    char gone[256], indb[300];
    const char *args[2], *culprit = NULL;
    wa_archive *a = open_writer(f->arch);
    wa_db *db = NULL;

    put(a, "Qoffen.txt", WA_SIDE_PUBLIC);
    close_writer(a);
    snprintf(gone, sizeof gone, "%s/fehlt", f->dir);
    args[0] = f->arch;
    args[1] = gone;
    assert_int_equal(wa_archive_open_read(&db, args, 2, WA_AUDIENCE_MEMBERS, &culprit),
                     WA_ERR_NOT_FOUND);
    assert_null(db);
    assert_string_equal(culprit, gone);

    /* only internal/ exists: nothing for the public, and it says so */
    a = open_writer(gone);
    close_writer(a);
    snprintf(indb, sizeof indb, "%s/%s", gone, WA_ARCHIVE_PUBLIC);
    assert_int_equal(tmpdir_remove(indb), 0);
    args[0] = gone;
    culprit = "x";
    assert_int_equal(wa_archive_open_read(&db, args, 1, WA_AUDIENCE_PUBLIC, &culprit),
                     WA_ERR_NOT_FOUND);
    assert_null(db);
    assert_null(culprit);
    assert_int_equal(count_for(gone, WA_AUDIENCE_MEMBERS), 0);
}

/* Several archives open as one, each contributing what the audience may see. */
/* Write a stub file of lines into the archive's side. */
static void write_stub(const struct fixture *f, const char *side, const char *lines)
{
    char path[256];
    FILE *fp;

    assert_int_equal(mkdir(f->arch, 0755), 0);
    snprintf(path, sizeof path, "%s/%s", f->arch, side);
    fp = fopen(path, "w");
    assert_non_null(fp);
    fputs(lines, fp);
    assert_int_equal(fclose(fp), 0);
}

/* In how many of the shards s0..s(n-1) of the archive idterm is; *where the last one. */
static int copies(const struct fixture *f, size_t n, const char *idterm, size_t *where)
{
    int found = 0;
    size_t k;

    for (k = 0; k < n; k++) {
        char path[256];
        const char *p = path;
        wa_db *db = NULL;
        struct wa_buf b;
        snprintf(path, sizeof path, "%s/s%zu", f->arch, k);
        assert_int_equal(wa_db_open(&db, &p, 1), WA_OK);
        wa_buf_init(&b, 0);
        if (wa_db_get_data(db, idterm, &b) == WA_OK) {
            found++;
            *where = k;
        }
        wa_buf_release(&b);
        wa_db_destroy(db);
    }
    return found;
}

/* A side that is a stub file of shards: each document goes to the shard of
 * its id's hash; after a shard is added, a rewritten document moves there
 * and leaves no copy behind. */
static void test_put_routes_to_shards(void **state)
{
    struct fixture *f = *state;
    char idterm[32], stub[256];
    size_t where = 0, used[3] = {0, 0, 0};
    wa_archive *a;
    int i;

    write_stub(f, "public", "# three local shards\nauto s0\nauto s1\nauto s2\n");
    a = open_writer(f->arch);
    assert_int_equal(wa_wdb_shards(wa_archive_wdb(a, WA_SIDE_PUBLIC)), 3);
    assert_int_equal(wa_wdb_shards(wa_archive_wdb(a, WA_SIDE_INTERNAL)), 1);
    for (i = 0; i < 30; i++) {
        snprintf(idterm, sizeof idterm, "Qdok%d.txt", i);
        put(a, idterm, WA_SIDE_PUBLIC);
    }
    /* the archive reads across its shards */
    assert_true(wa_archive_holds(a, WA_SIDE_PUBLIC, "Qdok7.txt"));
    close_writer(a);
    for (i = 0; i < 30; i++) {
        snprintf(idterm, sizeof idterm, "Qdok%d.txt", i);
        assert_int_equal(copies(f, 3, idterm, &where), 1);
        assert_int_equal(where, wa_archive_shard(idterm, 3));
        used[where]++;
    }
    assert_true(used[0] && used[1] && used[2]); /* spread over all three */

    /* a fourth shard: a document written again goes where the rule now says */
    snprintf(stub, sizeof stub, "%s/public", f->arch);
    {
        FILE *fp = fopen(stub, "a");
        assert_non_null(fp);
        fputs("auto s3\n", fp);
        assert_int_equal(fclose(fp), 0);
    }
    a = open_writer(f->arch);
    for (i = 0; i < 30; i++) {
        snprintf(idterm, sizeof idterm, "Qdok%d.txt", i);
        put(a, idterm, WA_SIDE_PUBLIC);
    }
    close_writer(a);
    for (i = 0; i < 30; i++) {
        snprintf(idterm, sizeof idterm, "Qdok%d.txt", i);
        assert_int_equal(copies(f, 4, idterm, &where), 1);
        assert_int_equal(where, wa_archive_shard(idterm, 4));
    }
    assert_int_equal(wa_archive_shard("Qdok1.txt", 1), 0);
}

/* A stub line the writer cannot open is an error, not skipped. */
static void test_shards_bad_stub_line(void **state)
{
    struct fixture *f = *state;
    wa_archive *a = NULL;

    write_stub(f, "public", "auto s0\ninmemory\n");
    assert_int_not_equal(wa_archive_open_write(&a, f->arch), WA_OK);
    assert_non_null(strstr(wa_archive_errmsg(a), "cannot write to 'inmemory'"));
    wa_archive_destroy(a);
}

static void test_open_read_several(void **state)
{
    struct fixture *f = *state;
    char second[256];
    const char *args[2];
    wa_archive *a = open_writer(f->arch);
    wa_db *db = NULL;
    unsigned long n = 0;

    put(a, "Qa.txt", WA_SIDE_PUBLIC);
    put(a, "Qb.txt", WA_SIDE_INTERNAL);
    close_writer(a);
    snprintf(second, sizeof second, "%s/zweites", f->dir);
    a = open_writer(second);
    put(a, "Qc.txt", WA_SIDE_PUBLIC);
    put(a, "Qd.txt", WA_SIDE_INTERNAL);
    close_writer(a);
    args[0] = f->arch;
    args[1] = second;
    assert_int_equal(wa_archive_open_read(&db, args, 2, WA_AUDIENCE_PUBLIC, NULL), WA_OK);
    assert_int_equal(wa_db_doccount(db, &n), WA_OK);
    assert_int_equal(n, 2);
    wa_db_destroy(db);
    assert_int_equal(wa_archive_open_read(&db, args, 2, WA_AUDIENCE_MEMBERS, NULL), WA_OK);
    assert_int_equal(wa_db_doccount(db, &n), WA_OK);
    assert_int_equal(n, 4);
    wa_db_destroy(db);
}

/* One writer at a time, with a message that says so. */
static void test_second_writer_is_locked_out(void **state)
{
    struct fixture *f = *state;
    wa_archive *a = open_writer(f->arch), *b = NULL;

    assert_int_equal(wa_archive_open_write(&b, f->arch), WA_ERR_LOCKED);
    assert_non_null(b);
    assert_non_null(strstr(wa_archive_errmsg(b), "another process"));
    wa_archive_destroy(b);
    close_writer(a);
    assert_int_equal(wa_archive_open_write(&b, f->arch), WA_OK);
    close_writer(b);
    assert_non_null(wa_archive_errmsg(NULL));
    wa_archive_destroy(NULL);
    assert_int_equal(wa_archive_close(NULL), WA_OK);
}

/* A path that cannot become an archive directory fails with a message. */
static void test_open_write_cannot_create(void **state)
{
    struct fixture *f = *state;
    char file[256], below[300];
    wa_archive *a = NULL;

    snprintf(file, sizeof file, "%s/datei", f->dir);
    write_file(file, "x");
    snprintf(below, sizeof below, "%s/archiv", file);
    assert_int_not_equal(wa_archive_open_write(&a, below), WA_OK);
    assert_non_null(a);
    assert_non_null(strstr(wa_archive_errmsg(a), "cannot create archive"));
    wa_archive_destroy(a);
}

/* The safe default: a record without visibility is public, and says so. */
static void test_default_visibility(void **state)
{
    struct wa_record r;
    (void)state;

    wa_record_init(&r);
    assert_int_equal(wa_archive_side(&r), WA_SIDE_PUBLIC);
    assert_int_equal(wa_archive_default_visibility(&r), WA_OK);
    assert_string_equal(r.visibility, WA_VISIBILITY_DEFAULT);
    assert_int_equal(wa_archive_side(&r), WA_SIDE_PUBLIC);
    /* a stated visibility is kept, and routes */
    assert_int_equal(wa_record_set(&r, "sichtbarkeit", "vertraulich", 11), WA_OK);
    assert_int_equal(wa_archive_default_visibility(&r), WA_OK);
    assert_string_equal(r.visibility, WA_VISIBILITY_INTERNAL);
    assert_int_equal(wa_archive_side(&r), WA_SIDE_INTERNAL);
    assert_int_equal(wa_record_set(&r, "visibility", "public", 6), WA_OK);
    assert_int_equal(wa_archive_side(&r), WA_SIDE_PUBLIC);
    wa_record_release(&r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_put_routes_by_side, setup, teardown),
        cmocka_unit_test_setup_teardown(test_put_at_keeps_numbers, setup, teardown),
        cmocka_unit_test_setup_teardown(test_put_moves_on_visibility_change, setup, teardown),
        cmocka_unit_test_setup_teardown(test_delete_from_both, setup, teardown),
        cmocka_unit_test_setup_teardown(test_withdrawn_side, setup, teardown),
        cmocka_unit_test_setup_teardown(test_public_refuses_stub_and_bare_databases, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_public_never_touches_internal, setup, teardown),
        cmocka_unit_test_setup_teardown(test_open_read_not_found, setup, teardown),
        cmocka_unit_test_setup_teardown(test_open_read_several, setup, teardown),
        cmocka_unit_test_setup_teardown(test_put_routes_to_shards, setup, teardown),
        cmocka_unit_test_setup_teardown(test_shards_bad_stub_line, setup, teardown),
        cmocka_unit_test_setup_teardown(test_second_writer_is_locked_out, setup, teardown),
        cmocka_unit_test_setup_teardown(test_open_write_cannot_create, setup, teardown),
        cmocka_unit_test(test_default_visibility),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
