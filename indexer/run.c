/* The indexing run of add and sync: walk, check, hand files to the workers, write their replies. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "change.h"
#include "curate.h"
#include "extract.h"
#include "failed.h"
#include "indexer.h"
#include "job.h"
#include "protocol.h"
#include "removal.h"
#include "walk.h"
#include "wa_archive.h"
#include "wa_record.h"
#include "wa_schema.h"
#include "workers.h"

static void walk_warn(void *ctx, const char *path, const char *reason)
{
    indexer_fail(ctx, path, reason);
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
static int handle_result(struct indexer *ix, const struct wa_file *f, const struct file_state *pf,
                         struct wa_pool_result *r)
{
    char idterm[256];
    struct wa_record rec;
    struct wa_reply reply;
    wa_doc *doc = NULL;
    int rc = 0;
    wa_status st;

    wa_schema_idterm(f->id, idterm, sizeof idterm);
    ix->extracted++;
    if (r->st == WA_ERR_UNSUPPORTED && strcmp(r->data.p, "noindex") == 0) {
        /* the document asks not to be indexed: make sure it is not, and
         * remember it so that an unchanged file is not extracted again */
        indexer_skip(ix, f->path, NOINDEX_REASON);
        indexer_remember_failure(ix, idterm, f->path, pf, "noindex");
        return removal_of_stale(ix, idterm, NOINDEX_REASON);
    }
    if (r->st == WA_ERR_IO || r->st == WA_ERR_NOT_FOUND) {
        /* it vanished or changed while being read, or the read failed: not
         * the file's fault, so it is neither remembered as broken nor is
         * its earlier version removed; the next run reads it again */
        indexer_fail(ix, f->path, r->data.len ? r->data.p : wa_strerror(r->st));
        return 0;
    }
    if (r->st != WA_OK) {
        const char *why = r->data.len ? r->data.p : wa_strerror(r->st);
        indexer_fail(ix, f->path, why);
        indexer_remember_failure(ix, idterm, f->path, pf, why);
        /* a stale earlier version must not stay searchable (its visibility
         * may be what changed); a withdrawn one is searchable by no one and
         * stays on record */
        if (wa_curation_withdrawn(ix->curation, f->id, NULL, NULL))
            return 0;
        return removal_of_stale(ix, idterm, why);
    }
    /* written by a process that just parsed a hostile file: checked */
    if (wa_reply_decode(r->data.p, r->data.len, &reply) != WA_OK) {
        indexer_fail(ix, f->path, "extractor sent a malformed reply");
        return 0;
    }
    report_warnings(ix, f->path, reply.warnings, reply.warnings_len);
    wa_record_init(&rec);
    st = wa_record_from_json(&rec, reply.record, reply.record_len);
    if (st == WA_OK)
        st = wa_doc_unserialise(&doc, reply.doc, reply.doc_len, 1);
    if (st != WA_OK) {
        indexer_fail(ix, f->path, doc ? wa_doc_errmsg(doc) : wa_strerror(st));
    } else {
        /* a withdrawn document stays withdrawn, changed or not */
        rc = indexer_write(ix, idterm, curate_side(ix, &rec), doc, f->path);
        if (rc == 0) {
            ix->indexed++;
            wa_failed_forget(ix->internal, idterm);
        }
    }
    wa_doc_free(doc);
    wa_record_release(&rec);
    return rc;
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
                   struct file_state *pend, struct wa_pool_result *r, size_t *done)
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

/* A dry run: what the files would become, by the checks that need no
 * extraction; a file to extract is added, or replaced when the archive holds
 * its id. */
static int plan_paths(struct indexer *ix, struct wa_filelist *files, struct file_state *pend)
{
    size_t k;

    for (k = 0; k < files->n; k++) {
        char idterm[256];
        enum precheck pc;
        indexer_adopt_id(ix, &files->v[k]);
        pc = indexer_precheck(ix, &files->v[k], &pend[k]);
        if (pc == PRE_FATAL)
            return 2;
        if (pc == PRE_DONE)
            continue;
        wa_schema_idterm(files->v[k].id, idterm, sizeof idterm);
        indexer_note(ix,
                     wa_archive_holds(ix->arch, WA_SIDE_PUBLIC, idterm) ||
                             wa_archive_holds(ix->arch, WA_SIDE_INTERNAL, idterm)
                         ? "replace"
                         : "add",
                     files->v[k].id, files->v[k].path, NULL);
    }
    return 0;
}

static int add_paths(struct indexer *ix, int argc, char **argv, struct wa_filelist *files)
{
    int i, rc = 0;
    size_t k, done = 0;
    double start = now_s();
    struct wa_pool pool;
    struct wa_pool_result res;
    struct file_state *pend = NULL;
    struct wa_buf req;
    struct wa_request rq;

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
    indexer_load_known(ix, files->n);
    if (ix->dry_run) {
        rc = plan_paths(ix, files, pend);
        wa_known_release(&ix->known);
        ix->known_loaded = 0;
        free(pend);
        return rc;
    }
    /* pdftotext and pdfinfo each get ix->timeout; the worker a little more */
    wa_extract_set_timeout(ix->timeout);
    if (wa_pool_start(&pool, ix->jobs, indexer_extract_job, ix->curation, 2 * ix->timeout + 5) !=
        WA_OK) {
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
        indexer_adopt_id(ix, &files->v[k]);
        pc = indexer_precheck(ix, &files->v[k], &pend[k]);
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
        rq.path = files->v[k].path;
        rq.id = files->v[k].id;
        rq.mtime = pend[k].mtime;
        if (wa_request_encode(&rq, &req) != WA_OK) {
            indexer_fail(ix, files->v[k].path, "cannot be handed to an extraction worker");
            done++;
            continue;
        }
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

int indexer_add_open(struct indexer *ix, int argc, char **argv)
{
    struct wa_filelist files = {0};
    int rc;

    catch_signals();
    indexer_prepare_indexing(ix);
    rc = add_paths(ix, argc, argv, &files);
    wa_filelist_release(&files);
    return rc;
}

int indexer_add_paths(struct indexer *ix, int argc, char **argv)
{
    int rc;

    catch_signals(); /* also while waiting for the lock */
    if (indexer_open(ix))
        return 2;
    rc = indexer_add_open(ix, argc, argv);
    if (indexer_close(ix))
        return 2;
    return rc;
}
