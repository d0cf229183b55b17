/* werkarchiv-index add / sync: index files incrementally into the archive. */
#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "command.h"
#include "extract.h"
#include "failed.h"
#include "indexer.h"
#include "known.h"
#include "walk.h"
#include "wa_record.h"
#include "wa_schema.h"
#include "workers.h"

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
    const char *colon;
    int same = 0;
    size_t i;

    for (i = 0; i < 3; i++)
        wa_buf_init(&v[i], 64);
    if (wa_wdb_get_values(w, idterm, slots, 3, v) == WA_OK) {
        same = strtoll(v[0].p, NULL, 10) == mtime && v[0].len &&
               strtoll(v[1].p, NULL, 10) == size && v[1].len;
        /* indexed in the same second the file was written: it may have
         * changed since without a new mtime, so check its content */
        if (same && (colon = strchr(v[2].p, ':')) && mtime + 1 >= strtoll(colon + 1, NULL, 10))
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
static void load_known(struct indexer *ix, size_t nfiles)
{
    unsigned long a = 0, b = 0;

    if (wa_wdb_doccount(ix->pub, &a) != WA_OK || wa_wdb_doccount(ix->internal, &b) != WA_OK)
        return;
    if (nfiles < 256 && nfiles * 8 < a + b)
        return;
    if (wa_known_load(&ix->known, ix->pub) != WA_OK ||
        wa_known_load(&ix->known, ix->internal) != WA_OK) {
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
static void adopt_id(struct indexer *ix, struct wa_file *f)
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
            wa_wdb_find_idterm(ix->internal, pt, &b) == WA_OK)
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

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void progress(struct indexer *ix, size_t done, size_t total, double start)
{
    double el = now_s() - start;
    double rate = el > 0.001 ? (double)done / el : 0;
    long eta = rate > 0 ? (long)((double)(total - done) / rate) : 0;

    if (!ix->progress)
        return;
    fprintf(stderr, "\r%s: %zu/%zu Dateien (%3d%%) %7.1f/s  noch %ld:%02ld   ", PROG, done, total,
            total ? (int)(done * 100 / total) : 100, rate, eta / 60, eta % 60);
}

/*
 * The Xapian document for rec, with the source hash and the time it was
 * indexed (see unchanged_in). Spelling data is added when it is written.
 * *doc is set even on error (for its message) unless out of memory.
 */
static wa_status build_doc(const struct wa_record *rec, const char *hash, wa_doc **doc)
{
    char v[48];
    wa_status st = wa_doc_new(doc, NULL);

    if (st == WA_OK)
        st = wa_record_to_doc(rec, *doc);
    if (st == WA_OK) {
        snprintf(v, sizeof v, "%.16s:%lld", hash, (long long)time(NULL));
        st = wa_doc_set_value(*doc, WA_SLOT_SOURCE_HASH, v, strlen(v));
    }
    return st;
}

#define NOINDEX_REASON "the document asks not to be indexed (robots noindex)"

/* ---- the worker side ------------------------------------------------------ */

/*
 * Runs in a worker process. Request: "path\0id\0mtime". Extracts the file
 * and builds its Xapian document here too (term generation and German
 * analysis are most of the work, so they run in parallel). Reply on success:
 * 16 hex digits of the file hash, 8 hex digits giving the length of the
 * warnings that follow, the record as JSON without its text, a NUL, then the
 * serialised document; on failure the reason.
 */
static wa_status extract_job(const char *req, size_t len, struct wa_buf *out, void *ctx)
{
    const char *path = req, *id = req + strlen(req) + 1, *mt;
    struct wa_record rec;
    struct wa_buf reason, warn;
    char hash[17];
    wa_doc *doc = NULL;
    long long mtime;
    wa_status st;

    (void)ctx;
    if (id >= req + len)
        return WA_ERR_INVALID;
    mt = id + strlen(id) + 1;
    if (mt >= req + len)
        return WA_ERR_INVALID;
    mtime = strtoll(mt, NULL, 10);
    wa_record_init(&rec);
    wa_buf_init(&reason, 4096);
    wa_buf_init(&warn, 64 * 1024);
    st = wa_extract_file_warn(path, id, &rec, &reason, &warn);
    if (st != WA_OK) {
        wa_buf_add(out, reason.p, reason.len);
        wa_buf_release(&reason);
        wa_buf_release(&warn);
        return st;
    }
    wa_buf_release(&reason);
    if (wa_file_hash(path, hash) != WA_OK)
        memset(hash, '0', 16);
    rec.mtime = mtime;
    st = build_doc(&rec, hash, &doc);
    /* the text is in the document now; the parent needs only the metadata */
    free(rec.text);
    rec.text = NULL;
    rec.text_len = 0;
    if (st != WA_OK) {
        wa_buf_adds(out, doc ? wa_doc_errmsg(doc) : wa_strerror(st));
        wa_doc_free(doc);
        wa_record_release(&rec);
        wa_buf_release(&warn);
        return st;
    }
    st = wa_buf_add(out, hash, 16);
    if (st == WA_OK)
        st = wa_buf_addf(out, "%08zx", warn.len);
    if (st == WA_OK)
        st = wa_buf_add(out, warn.p, warn.len);
    wa_buf_release(&warn);
    if (st == WA_OK)
        st = wa_record_to_json(&rec, out);
    if (st == WA_OK)
        st = wa_buf_addch(out, '\0');
    if (st == WA_OK)
        st = wa_doc_serialise(doc, out);
    wa_doc_free(doc);
    wa_record_release(&rec);
    if (st != WA_OK) {
        wa_buf_reset(out);
        wa_buf_adds(out, wa_strerror(st));
    }
    return st;
}

/* ---- the writer side ------------------------------------------------------- */

/* The state of one file between the unchanged check and the write. */
struct pending {
    long long size, mtime;
};

/* Write doc into the database its visibility asks for (the archive moves it
 * when that changed). A document the index refuses is a per-file failure. */
static int write_doc(struct indexer *ix, const char *idterm, enum wa_side side, wa_doc *doc,
                     const char *path)
{
    if (wa_archive_put(ix->arch, idterm, side, doc) != WA_OK) {
        indexer_fail(ix, path, wa_archive_errmsg(ix->arch));
        return 0;
    }
    return indexer_changed(ix);
}

/* Build rec's document, directly in the parent (no extraction needed). */
static int write_record(struct indexer *ix, const char *idterm, struct wa_record *rec,
                        const char *hash, const char *path)
{
    wa_doc *doc = NULL;
    int rc;
    wa_status st = build_doc(rec, hash, &doc);

    if (st != WA_OK) {
        indexer_fail(ix, path, doc ? wa_doc_errmsg(doc) : wa_strerror(st));
        wa_doc_free(doc);
        return 0;
    }
    rc = write_doc(ix, idterm, wa_archive_side(rec), doc, path);
    wa_doc_free(doc);
    return rc;
}

/* Remember a failed file, so that it is not tried again until it changes. */
static void remember_failure(struct indexer *ix, const char *idterm, const char *path,
                             const struct pending *pf, const char *reason)
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

/* Warnings of one file ("line\n" each) go to the summary's warning list. */
static void report_warnings(struct indexer *ix, const char *path, const char *p, size_t len)
{
    const char *end = p + len;
    while (p < end) {
        const char *eol = memchr(p, '\n', (size_t)(end - p));
        const char *q = eol ? eol : end;
        if (q > p) {
            char *line = strndup(p, (size_t)(q - p));
            if (line)
                indexer_warn(ix, path, line);
            free(line);
        }
        p = q + 1;
    }
}

/* A worker's reply for file f: write the document or report the failure. */
static int handle_result(struct indexer *ix, const struct wa_file *f, const struct pending *pf,
                         struct wa_pool_result *r)
{
    char idterm[256];
    struct wa_record rec;
    wa_doc *doc = NULL;
    const char *json, *nul;
    size_t wlen;
    int rc = 0;
    wa_status st;

    wa_schema_idterm(f->id, idterm, sizeof idterm);
    ix->extracted++;
    if (r->st == WA_ERR_UNSUPPORTED && strcmp(r->data.p, "noindex") == 0) {
        /* the document asks not to be indexed: make sure it is not, and
         * remember it so that an unchanged file is not extracted again */
        indexer_skip(ix, f->path, NOINDEX_REASON);
        remember_failure(ix, idterm, f->path, pf, "noindex");
        return indexer_delete(ix, idterm, NULL);
    }
    if (r->st != WA_OK) {
        const char *why = r->data.len ? r->data.p : wa_strerror(r->st);
        indexer_fail(ix, f->path, why);
        remember_failure(ix, idterm, f->path, pf, why);
        /* a stale earlier version must not stay searchable (its visibility
         * may be what changed) */
        return indexer_delete(ix, idterm, NULL);
    }
    if (r->data.len < 24 || (wlen = strtoul(r->data.p + 16, NULL, 16)) > r->data.len - 24 ||
        !(nul = memchr(r->data.p + 24 + wlen, '\0', r->data.len - 24 - wlen))) {
        indexer_fail(ix, f->path, "extractor sent a malformed reply");
        return 0;
    }
    report_warnings(ix, f->path, r->data.p + 24, wlen);
    json = r->data.p + 24 + wlen;
    wa_record_init(&rec);
    st = wa_record_from_json(&rec, json, (size_t)(nul - json));
    if (st == WA_OK)
        st = wa_doc_unserialise(&doc, nul + 1, r->data.len - (size_t)(nul + 1 - r->data.p), 1);
    if (st != WA_OK) {
        indexer_fail(ix, f->path, doc ? wa_doc_errmsg(doc) : wa_strerror(st));
    } else {
        rc = write_doc(ix, idterm, wa_archive_side(&rec), doc, f->path);
        if (rc == 0) {
            ix->indexed++;
            wa_failed_forget(ix->internal, idterm);
        }
    }
    wa_doc_free(doc);
    wa_record_release(&rec);
    return rc;
}

/*
 * Content check after size or mtime changed: if the file hash equals the
 * stored one, rewrite the stored record with the new size and mtime
 * instead of extracting again. Returns 1 when done that way, 0 when the
 * file must be extracted, -1 on a fatal error.
 */
static int refresh_if_same(struct indexer *ix, const struct wa_file *f, const char *idterm,
                           const struct pending *pf)
{
    wa_wdb *dbs[2] = {ix->pub, ix->internal};
    struct wa_buf v, data;
    struct wa_record rec;
    char hash[17];
    int i, rc = 0;

    wa_buf_init(&v, 64);
    wa_buf_init(&data, 0);
    wa_record_init(&rec);
    for (i = 0; i < 2; i++) {
        wa_buf_reset(&v);
        if (wa_wdb_get_value(dbs[i], idterm, WA_SLOT_SOURCE_HASH, &v) == WA_OK && v.len >= 16)
            break;
    }
    if (i == 2 || wa_file_hash(f->path, hash) != WA_OK || memcmp(hash, v.p, 16) != 0)
        goto cleanup;
    if (wa_wdb_get_data(dbs[i], idterm, &data) != WA_OK ||
        wa_record_from_json(&rec, data.p, data.len) != WA_OK)
        goto cleanup;
    /* the stored text is capped: a text that hit the cap must be extracted again */
    if (rec.text_len + 4096 >= WA_MAX_STORED_TEXT)
        goto cleanup;
    rec.size = pf->size;
    rec.mtime = pf->mtime;
    rc = write_record(ix, idterm, &rec, hash, f->path) == 0 ? 1 : -1;
cleanup:
    wa_record_release(&rec);
    wa_buf_release(&v);
    wa_buf_release(&data);
    return rc;
}

enum precheck { PRE_DONE, PRE_EXTRACT, PRE_FATAL };

/* Everything that needs no extraction: type, unchanged files, remembered failures. */
static enum precheck precheck(struct indexer *ix, const struct wa_file *f, struct pending *pf)
{
    char idterm[256];
    struct stat sb;
    struct wa_failed failed;
    enum precheck res = PRE_EXTRACT;
    int r;

    wa_schema_idterm(f->id, idterm, sizeof idterm);
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
                            unchanged_in(ix->internal, idterm, pf->size, pf->mtime))) {
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

static volatile sig_atomic_t stop_signal;

static void on_signal(int sig)
{
    struct sigaction sa;
    stop_signal = sig;
    /* a second Ctrl-C ends the process at once; Xapian keeps the last commit */
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = SIG_DFL;
    sigaction(sig, &sa, NULL);
}

static void catch_signals(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal; /* no SA_RESTART: poll() must return */
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
}

/* Collect one result and write it; -1 on a fatal error, 1 when interrupted. */
static int collect(struct indexer *ix, struct wa_pool *pool, struct wa_filelist *files,
                   struct pending *pend, struct wa_pool_result *r, size_t *done)
{
    int w = wa_pool_wait(pool, r, &stop_signal);
    if (w == 1)
        return 1;
    if (w < 0) {
        fprintf(stderr, "%s: extraction workers failed: %s\n", PROG, strerror(errno));
        return -1;
    }
    (*done)++;
    return handle_result(ix, &files->v[r->job], &pend[r->job], r) ? -1 : 0;
}

static int add_paths(struct indexer *ix, int argc, char **argv, struct wa_filelist *files)
{
    int i, rc = 0;
    size_t k, done = 0;
    double start = now_s();
    struct wa_pool pool;
    struct wa_pool_result res;
    struct pending *pend = NULL;
    struct wa_buf req;

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
    pend = calloc(files->n + 1, sizeof *pend);
    if (!pend) {
        fprintf(stderr, "%s: out of memory\n", PROG);
        return 2;
    }
    load_known(ix, files->n);
    /* pdftotext and pdfinfo each get ix->timeout; the worker a little more */
    wa_extract_set_timeout(ix->timeout);
    if (wa_pool_start(&pool, ix->jobs, extract_job, NULL, 2 * ix->timeout + 5) != WA_OK) {
        fprintf(stderr, "%s: cannot start extraction workers: %s\n", PROG, strerror(errno));
        free(pend);
        return 2;
    }
    wa_buf_init(&req, 0);
    wa_buf_init(&res.data, 0);
    for (k = 0; k < files->n && rc == 0; k++) {
        enum precheck pc;
        int w;
        if (stop_signal)
            break;
        adopt_id(ix, &files->v[k]);
        pc = precheck(ix, &files->v[k], &pend[k]);
        if (pc == PRE_FATAL) {
            rc = 2;
            break;
        }
        if (pc == PRE_DONE) {
            done++;
            if (done % 16 == 0)
                progress(ix, done, files->n, start);
            continue;
        }
        /* wait for a free worker, writing the results that arrive meanwhile */
        while ((w = wa_pool_idle(&pool)) < 0 && rc == 0) {
            int c = collect(ix, &pool, files, pend, &res, &done);
            if (c != 0)
                rc = c < 0 ? 2 : 0;
            if (c == 1)
                break;
            progress(ix, done, files->n, start);
        }
        if (rc != 0 || w < 0 || stop_signal)
            break;
        wa_buf_reset(&req);
        wa_buf_adds(&req, files->v[k].path);
        wa_buf_addch(&req, '\0');
        wa_buf_adds(&req, files->v[k].id);
        wa_buf_addf(&req, "%c%lld", '\0', pend[k].mtime);
        if (wa_pool_submit(&pool, w, (long)k, req.p, req.len) != WA_OK) {
            indexer_fail(ix, files->v[k].path, "extraction worker could not be reached");
            done++;
        }
    }
    while (rc == 0 && !stop_signal && wa_pool_busy(&pool)) {
        int c = collect(ix, &pool, files, pend, &res, &done);
        if (c < 0)
            rc = 2;
        progress(ix, done, files->n, start);
    }
    if (rc == 0 && !stop_signal && ix->progress) {
        progress(ix, files->n, files->n, start);
        fputc('\n', stderr);
    }
    wa_pool_stop(&pool);
    wa_known_release(&ix->known);
    ix->known_loaded = 0;
    wa_buf_release(&req);
    wa_buf_release(&res.data);
    free(pend);
    if (stop_signal && rc == 0) {
        if (ix->progress)
            fputc('\n', stderr);
        ix->interrupted = 1;
        rc = WA_EXIT_INTERRUPTED;
    }
    return rc;
}

int indexer_add_paths(struct indexer *ix, int argc, char **argv)
{
    struct wa_filelist files = {0};
    int rc;

    catch_signals();
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
    int rc, first;

    rc = command_parse_options(ix, argc, argv, NULL, &first);
    if (rc != COMMAND_CONTINUE)
        return rc;
    if (first >= argc) {
        fprintf(stderr, "%s: add needs at least one file or folder\ntry '%s add --help'\n", PROG,
                PROG);
        return 2;
    }
    /* the operands are argv[1..argc) from here on (argv[0] is not used) */
    argv += first - 1;
    argc -= first - 1;
    rc = indexer_add_paths(ix, argc, argv);
    /* after Ctrl-C the summary shows what was done before it */
    return rc && rc != WA_EXIT_INTERRUPTED ? rc : indexer_summary(ix);
}
