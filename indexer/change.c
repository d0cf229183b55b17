/* What a file needs before extraction: its id, the unchanged check, a refresh, remembered failures.
 */
#include "change.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "curate.h"
#include "extract.h"
#include "failed.h"
#include "indexer.h"
#include "known.h"
#include "walk.h"
#include "wa_document.h"
#include "wa_record.h"
#include "wa_schema.h"
#include "wa_utf8.h"

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

/*
 * 1 if the database holds idterm with this size and mtime, and the file
 * was not modified in the second it was indexed (then size and mtime cannot
 * tell a later edit in that same second: "racily clean", as git calls it,
 * and the content hash decides).
 */
static int unchanged_in(wa_wdb *w, const char *idterm, long long size, long long mtime)
{
    static const unsigned slots[] = {WA_SLOT_MTIME, WA_SLOT_SIZE, WA_SLOT_SOURCE_HASH};
    struct wa_buf v[3];
    struct wa_source_stamp stamp;
    int same = 0;
    size_t i;

    for (i = 0; i < 3; i++)
        wa_buf_init(&v[i], 64);
    if (wa_wdb_get_values(w, idterm, slots, 3, v) == WA_OK) {
        same = strtoll(v[0].p, NULL, 10) == mtime && v[0].len &&
               strtoll(v[1].p, NULL, 10) == size && v[1].len;
        /* indexed in the same second the file was written: it may have
         * changed since without a new mtime, so check its content */
        wa_document_stamp_parse(v[2].p, v[2].len, &stamp);
        if (same && stamp.indexed_at && mtime + 1 >= stamp.indexed_at)
            same = 0;
    }
    for (i = 0; i < 3; i++)
        wa_buf_release(&v[i]);
    return same;
}

/* The same check against the table read at the start of the run. */
static int known_unchanged(const struct wa_known *k, const char *idterm, long long size,
                           long long mtime)
{
    const struct wa_known_doc *d = wa_known_find(k, idterm);

    return d && d->mtime == mtime && d->size == size &&
           !(mtime + 1 >= d->indexed_at && d->indexed_at);
}

/*
 * Read what both databases hold in one pass when many files are checked: a
 * lookup per file costs a value-stream seek for each value. A few files in
 * a large archive are checked one by one instead.
 */
void indexer_load_known(struct indexer *ix, size_t nfiles)
{
    unsigned long a = 0, b = 0;

    unsigned long c = 0;

    if (wa_wdb_doccount(ix->pub, &a) != WA_OK || wa_wdb_doccount(ix->internal, &b) != WA_OK ||
        wa_wdb_doccount(ix->withdrawn, &c) != WA_OK)
        return;
    if (nfiles < 256 && nfiles * 8 < a + b + c)
        return;
    if (wa_known_load(&ix->known, ix->pub) != WA_OK ||
        wa_known_load(&ix->known, ix->internal) != WA_OK ||
        wa_known_load(&ix->known, ix->withdrawn) != WA_OK) {
        wa_known_release(&ix->known); /* fall back to lookups */
        return;
    }
    if (wa_known_sort(&ix->known) != WA_OK) {
        wa_known_release(&ix->known);
        return;
    }
    ix->known_loaded = 1;
}

/*
 * A file the archive already holds under another id (it was added through a
 * parent or a subfolder, which gives other relative paths) keeps that id, so
 * that adding or syncing any folder never makes a second copy of a file.
 */
void indexer_adopt_id(struct indexer *ix, struct wa_file *f)
{
    char pt[256], own[256];
    const char *found = NULL;
    struct wa_buf b;
    char *id;

    wa_buf_init(&b, 256);
    if (ix->known_loaded) {
        const struct wa_known_doc *d = wa_known_find_path(&ix->known, f->path);
        found = d ? d->idterm : NULL;
    } else {
        wa_schema_pathterm(f->path, pt, sizeof pt);
        if (wa_wdb_find_idterm(ix->pub, pt, &b) == WA_OK ||
            wa_wdb_find_idterm(ix->internal, pt, &b) == WA_OK ||
            wa_wdb_find_idterm(ix->withdrawn, pt, &b) == WA_OK)
            found = b.p;
    }
    wa_schema_idterm(f->id, own, sizeof own);
    /* a hashed id cannot be turned back into its id: keep ours */
    if (found && strcmp(found, own) != 0 && wa_idterm_id(found) &&
        (id = strdup(wa_idterm_id(found)))) {
        free(f->id);
        f->id = id;
    }
    wa_buf_release(&b);
}

/* Remember a failed file, so that it is not tried again until it changes. */
void indexer_remember_failure(struct indexer *ix, const char *idterm, const char *path,
                              const struct file_state *pf, const char *reason)
{
    struct wa_failed f;

    wa_failed_init(&f);
    f.size = pf->size;
    f.mtime = pf->mtime;
    if (wa_file_hash(path, f.hash) != WA_OK)
        memset(f.hash, '0', 16);
    wa_buf_adds(&f.path, path);
    wa_buf_adds(&f.reason, reason);
    /* not fatal: without the memory the file is merely tried again */
    wa_failed_put(ix->internal, idterm, &f);
    wa_failed_release(&f);
}

/* Build rec's document, directly in the parent (no extraction needed), with
 * the curation applied again to it (orig: its stored original values). */
static int write_record(struct indexer *ix, const char *idterm, struct wa_record *rec,
                        struct wa_buf *orig, const char *hash, const char *path)
{
    wa_doc *doc = NULL;
    int rc;
    wa_status st = wa_document_build_curated(rec, orig, ix->curation, hash, (long long)time(NULL),
                                             NULL, &doc, NULL);

    if (st != WA_OK) {
        indexer_fail(ix, path, doc ? wa_doc_errmsg(doc) : wa_strerror(st));
        wa_doc_free(doc);
        return 0;
    }
    rc = indexer_write(ix, idterm, curate_side(ix, rec), doc, path);
    wa_doc_free(doc);
    return rc;
}

/*
 * Content check after size or mtime changed: if the file hash equals the
 * stored one, rewrite the stored record with the new size and mtime
 * instead of extracting again. Returns 1 when done that way, 0 when the
 * file must be extracted, -1 on a fatal error.
 */
static int refresh_if_same(struct indexer *ix, const struct wa_file *f, const char *idterm,
                           const struct file_state *pf)
{
    wa_wdb *dbs[3] = {ix->pub, ix->internal, ix->withdrawn};
    struct wa_buf v, data, orig;
    struct wa_record rec;
    struct wa_source_stamp stamp;
    char hash[17];
    int i, rc = 0;

    wa_buf_init(&v, 64);
    wa_buf_init(&data, 0);
    wa_buf_init(&orig, 0);
    wa_record_init(&rec);
    for (i = 0; i < 3; i++) {
        wa_buf_reset(&v);
        if (wa_wdb_get_value(dbs[i], idterm, WA_SLOT_SOURCE_HASH, &v) == WA_OK) {
            wa_document_stamp_parse(v.p, v.len, &stamp);
            if (stamp.hash[0])
                break;
        }
    }
    if (i == 3 || wa_file_hash(f->path, hash) != WA_OK || memcmp(hash, stamp.hash, 16) != 0)
        goto cleanup;
    if (wa_wdb_get_data(dbs[i], idterm, &data) != WA_OK ||
        wa_record_from_json(&rec, data.p, data.len) != WA_OK)
        goto cleanup;
    wa_wdb_get_value(dbs[i], idterm, WA_SLOT_ORIGINAL, &orig); /* none: no curation yet */
    /* the stored text is capped: a text that hit the cap must be extracted again */
    if (rec.text_len + 4096 >= WA_MAX_STORED_TEXT)
        goto cleanup;
    rec.size = pf->size;
    rec.mtime = pf->mtime;
    if (ix->dry_run) {
        rc = 1; /* unchanged content: only the stored mtime would be refreshed */
        goto cleanup;
    }
    rc = write_record(ix, idterm, &rec, &orig, hash, f->path) == 0 ? 1 : -1;
cleanup:
    wa_record_release(&rec);
    wa_buf_release(&orig);
    wa_buf_release(&v);
    wa_buf_release(&data);
    return rc;
}

/* Everything that needs no extraction: type, unchanged files, remembered failures. */
enum precheck indexer_precheck(struct indexer *ix, const struct wa_file *f, struct file_state *pf)
{
    char idterm[256];
    struct stat sb;
    struct wa_failed failed;
    enum precheck res = PRE_EXTRACT;
    int r;

    wa_schema_idterm(f->id, idterm, sizeof idterm);
    /* ids and paths are UTF-8 in every output (JSON, the page, CSV) */
    if (!wa_utf8_valid(f->id, strlen(f->id))) {
        indexer_fail(ix, f->path, "the file name is not valid UTF-8 (rename the file to index it)");
        return PRE_DONE;
    }
    if (lstat(f->path, &sb) != 0) {
        indexer_fail(ix, f->path, strerror(errno));
        return PRE_DONE;
    }
    if (!wa_extractor_for(f->path)) {
        indexer_skip(ix, f->path, "unknown file type");
        return PRE_DONE;
    }
    pf->size = (long long)sb.st_size;
    pf->mtime = effective_mtime(f->path, &sb);
    if (ix->known_loaded ? known_unchanged(&ix->known, idterm, pf->size, pf->mtime)
                         : (unchanged_in(ix->pub, idterm, pf->size, pf->mtime) ||
                            unchanged_in(ix->internal, idterm, pf->size, pf->mtime) ||
                            unchanged_in(ix->withdrawn, idterm, pf->size, pf->mtime))) {
        ix->unchanged++;
        return PRE_DONE;
    }
    r = refresh_if_same(ix, f, idterm, pf);
    if (r != 0) {
        ix->unchanged += r > 0;
        return r > 0 ? PRE_DONE : PRE_FATAL;
    }
    wa_failed_init(&failed);
    if (!ix->retry_failed && wa_failed_get(ix->internal, idterm, &failed) == WA_OK) {
        char hash[17];
        int same = failed.size == pf->size && failed.mtime == pf->mtime;
        if (!same && wa_file_hash(f->path, hash) == WA_OK)
            same = memcmp(hash, failed.hash, 16) == 0;
        if (same && strcmp(failed.reason.p, "noindex") == 0) {
            indexer_skip(ix, f->path, NOINDEX_REASON);
            res = PRE_DONE;
        } else if (same) {
            /* still broken: reported again, but not extracted again */
            wa_buf_adds(&failed.reason, " (unchanged since it failed; --retry-failed tries again)");
            indexer_fail(ix, f->path, failed.reason.p);
            res = PRE_DONE;
        }
    }
    wa_failed_release(&failed);
    return res;
}
