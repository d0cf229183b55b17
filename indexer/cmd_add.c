/* werkarchiv-index add / sync: index files incrementally into the archive. */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "extract.h"
#include "indexer.h"
#include "walk.h"
#include "wa_record.h"
#include "wa_schema.h"

static void walk_warn(void *ctx, const char *path, const char *reason)
{
    indexer_fail(ctx, path, reason);
}

/* mtime that also covers the sidecar, so editing NAME.meta re-indexes NAME */
static long long effective_mtime(const char *path, const struct stat *sb)
{
    struct stat ms;
    char meta[PATH_MAX];
    long long t = (long long)sb->st_mtime;

    if ((size_t)snprintf(meta, sizeof meta, "%s.meta", path) < sizeof meta &&
        stat(meta, &ms) == 0 && (long long)ms.st_mtime > t)
        t = (long long)ms.st_mtime;
    return t;
}

/* 1 if the database holds idterm with this size and mtime. */
static int unchanged_in(wa_wdb *w, const char *idterm, long long size, long long mtime)
{
    struct wa_buf v;
    char num[32];
    int same = 0;

    wa_buf_init(&v, 64);
    if (wa_wdb_get_value(w, idterm, WA_SLOT_MTIME, &v) == WA_OK) {
        snprintf(num, sizeof num, "%lld", mtime);
        if (strcmp(v.p, num) == 0) {
            wa_buf_reset(&v);
            snprintf(num, sizeof num, "%lld", size);
            same = wa_wdb_get_value(w, idterm, WA_SLOT_SIZE, &v) == WA_OK && !strcmp(v.p, num);
        }
    }
    wa_buf_release(&v);
    return same;
}

static void progress(struct indexer *ix, size_t done, size_t total, time_t start)
{
    double el = difftime(time(NULL), start);
    double rate = el > 0 ? (double)done / el : 0;
    long eta = rate > 0 ? (long)((double)(total - done) / rate) : 0;

    if (!ix->progress)
        return;
    fprintf(stderr, "\r%s: %zu/%zu Dateien (%3d%%) %6.1f/s  noch %ld:%02ld   ", PROG, done, total,
            total ? (int)(done * 100 / total) : 100, rate, eta / 60, eta % 60);
    if (done == total)
        fputc('\n', stderr);
}

/* Delete idterm from a database; counts as removed if it was there. */
static int remove_from(struct indexer *ix, wa_wdb *w, const char *idterm, int *was_there)
{
    struct wa_buf v;
    wa_buf_init(&v, 64);
    *was_there = wa_wdb_get_value(w, idterm, WA_SLOT_MTIME, &v) == WA_OK;
    wa_buf_release(&v);
    if (!*was_there)
        return 0;
    if (wa_wdb_delete(w, idterm) != WA_OK) {
        fprintf(stderr, "%s: cannot delete '%s': %s\n", PROG, idterm + 1, wa_wdb_errmsg(w));
        return -1;
    }
    return indexer_changed(ix);
}

static int index_one(struct indexer *ix, const struct wa_file *f)
{
    char idterm[256];
    struct stat sb;
    struct wa_record rec;
    struct wa_buf reason;
    wa_wdb *target, *other;
    wa_doc *doc = NULL;
    long long mtime;
    int rc = 0, there;
    wa_status st;

    wa_schema_idterm(f->id, idterm, sizeof idterm);
    if (lstat(f->path, &sb) != 0) {
        indexer_fail(ix, f->path, strerror(errno));
        return 0;
    }
    mtime = effective_mtime(f->path, &sb);
    if (!wa_extractor_for(f->path)) {
        ix->skipped++;
        return 0;
    }
    if (unchanged_in(ix->pub, idterm, (long long)sb.st_size, mtime) ||
        unchanged_in(ix->internal, idterm, (long long)sb.st_size, mtime)) {
        ix->unchanged++;
        return 0;
    }

    wa_record_init(&rec);
    wa_buf_init(&reason, 4096);
    st = wa_extract_file(f->path, f->id, &rec, &reason);
    if (st == WA_ERR_UNSUPPORTED && strcmp(reason.p, "noindex") == 0) {
        /* the document asks not to be indexed: make sure it is not */
        ix->skipped++;
        if (remove_from(ix, ix->pub, idterm, &there) ||
            remove_from(ix, ix->internal, idterm, &there))
            rc = -1;
        goto cleanup;
    }
    if (st != WA_OK) {
        indexer_fail(ix, f->path, reason.len ? reason.p : wa_strerror(st));
        goto cleanup;
    }
    rec.mtime = mtime;
    target = wa_record_is_internal(&rec) ? ix->internal : ix->pub;
    other = target == ix->pub ? ix->internal : ix->pub;
    st = wa_doc_new(&doc, target == ix->pub ? ix->pub : ix->internal);
    if (st == WA_OK)
        st = wa_record_to_doc(&rec, doc);
    if (st != WA_OK) {
        indexer_fail(ix, f->path, doc ? wa_doc_errmsg(doc) : wa_strerror(st));
        goto cleanup;
    }
    if (wa_wdb_replace(target, idterm, doc) != WA_OK) {
        /* a document the index refuses is a per-file failure, not a fatal one */
        indexer_fail(ix, f->path, wa_wdb_errmsg(target));
        goto cleanup;
    }
    ix->indexed++;
    /* a change of visibility moves the document */
    if (remove_from(ix, other, idterm, &there) == 0)
        rc = indexer_changed(ix);
    else
        rc = -1;
cleanup:
    wa_doc_free(doc);
    wa_record_release(&rec);
    wa_buf_release(&reason);
    return rc;
}

static int add_paths(struct indexer *ix, int argc, char **argv, struct wa_filelist *files)
{
    int i, rc = 0;
    size_t k;
    time_t start = time(NULL);

    for (i = 1; i < argc; i++) {
        wa_status st = wa_walk(argv[i], files, walk_warn, ix);
        if (st == WA_ERR_NOT_FOUND) {
            fprintf(stderr, "%s: '%s' does not exist\n", PROG, argv[i]);
            return 2;
        }
        if (st != WA_OK) {
            fprintf(stderr, "%s: cannot read '%s': %s\n", PROG, argv[i], wa_strerror(st));
            return 2;
        }
    }
    for (k = 0; k < files->n; k++) {
        if (index_one(ix, &files->v[k]) != 0) {
            rc = 2;
            break;
        }
        if (k % 16 == 15 || k + 1 == files->n)
            progress(ix, k + 1, files->n, start);
    }
    return rc;
}

int indexer_add_paths(struct indexer *ix, int argc, char **argv)
{
    struct wa_filelist files = {0};
    int rc;

    if (indexer_open(ix))
        return 2;
    rc = add_paths(ix, argc, argv, &files);
    wa_filelist_release(&files);
    if (indexer_close(ix))
        return 2;
    return rc;
}

int cmd_add(struct indexer *ix, int argc, char **argv)
{
    int rc;

    if (argc < 2) {
        fprintf(stderr, "%s: add needs at least one file or folder\ntry '%s --help'\n", PROG, PROG);
        return 2;
    }
    rc = indexer_add_paths(ix, argc, argv);
    return rc ? rc : indexer_summary(ix);
}
