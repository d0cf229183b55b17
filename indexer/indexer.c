/* The indexer's shared state: opening the archive, batching commits, the summary. */
#include "indexer.h"

#include <assert.h>
#include <errno.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "archive_files.h"
#include "command.h"
#include "curate.h"
#include "job.h"
#include "wa_archive.h"
#include "wa_audit.h"
#include "wa_german.h"
#include "wa_utf8.h"

static double monotonic_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Open the archive for writing; with --wait, try again while another run
 * holds the lock (polling by path, so a compacted archive swapped in
 * meanwhile is the one opened). */
static wa_status open_waiting(struct indexer *ix)
{
    double start = monotonic_s();
    long pause_ms = 50;
    int told = 0;
    wa_status st;

    for (;;) {
        struct timespec ts;
        st = wa_archive_open_write(&ix->arch, ix->archive);
        if (st != WA_ERR_LOCKED || !ix->wait)
            return st;
        if (ix->wait_timeout && monotonic_s() - start >= ix->wait_timeout) {
            fprintf(stderr,
                    "%s: das Archiv '%s' wird nach %d s noch immer geschrieben; aufgegeben\n", PROG,
                    ix->archive, ix->wait_timeout);
            return WA_ERR_TIMEOUT;
        }
        wa_archive_destroy(ix->arch);
        ix->arch = NULL;
        if (!told) {
            if (ix->wait_timeout)
                fprintf(stderr,
                        "%s: das Archiv '%s' wird gerade von einem anderen Lauf geschrieben; "
                        "warte darauf (höchstens %d s) ...\n",
                        PROG, ix->archive, ix->wait_timeout);
            else
                fprintf(stderr,
                        "%s: das Archiv '%s' wird gerade von einem anderen Lauf geschrieben; "
                        "warte darauf ...\n",
                        PROG, ix->archive);
            told = 1;
        }
        ts.tv_sec = pause_ms / 1000;
        ts.tv_nsec = (pause_ms % 1000) * 1000000L;
        if (nanosleep(&ts, NULL) != 0 && errno == EINTR) {
            fprintf(stderr, "%s: Warten abgebrochen\n", PROG);
            return WA_ERR_TIMEOUT;
        }
        if (pause_ms < 1000)
            pause_ms *= 2;
    }
}

int indexer_open(struct indexer *ix)
{
    wa_status st;

    /* the flag tells --help and the lock handling that the command writes */
    assert(ix->cmd && (ix->cmd->flags & CMD_NEEDS_WRITER_LOCK));
    if (ix->dry_run && !wa_archive_is_archive(ix->archive)) {
        /* nothing to compare with, and nothing may be created: an empty
         * stand-in, removed again by indexer_close */
        const char *t = getenv("TMPDIR");
        snprintf(ix->stand_in, sizeof ix->stand_in, "%s/werkarchiv-probelauf.XXXXXX",
                 t && *t ? t : "/tmp");
        if (!mkdtemp(ix->stand_in)) {
            fprintf(stderr, "%s: '%s': %s\n", PROG, ix->stand_in, strerror(errno));
            ix->stand_in[0] = '\0';
            return -1;
        }
        ix->real_archive = ix->archive;
        ix->archive = ix->stand_in;
    }
    st = open_waiting(ix);
    if (st != WA_OK) {
        if (st == WA_ERR_LOCKED)
            fprintf(stderr,
                    "%s: das Archiv '%s' wird gerade von einem anderen Lauf geschrieben; "
                    "--wait wartet darauf\n",
                    PROG, ix->archive);
        else if (st != WA_ERR_TIMEOUT)
            fprintf(stderr, "%s: %s\n", PROG, wa_archive_errmsg(ix->arch));
        wa_archive_destroy(ix->arch);
        ix->arch = NULL;
        if (ix->stand_in[0]) {
            archive_remove_tree(ix->stand_in);
            ix->stand_in[0] = '\0';
            ix->archive = ix->real_archive;
        }
        return -1;
    }
    ix->pub = wa_archive_wdb(ix->arch, WA_SIDE_PUBLIC);
    ix->internal = wa_archive_wdb(ix->arch, WA_SIDE_INTERNAL);
    ix->withdrawn = wa_archive_wdb(ix->arch, WA_SIDE_WITHDRAWN);
    /* the curation first: every document this run writes is built with it,
     * and an index that does not follow the file yet is brought up to it */
    if (curate_load(ix) != 0 || (!ix->dry_run && curate_reconcile(ix) != 0)) {
        indexer_close(ix);
        return -1;
    }
    return 0;
}

void indexer_prepare_indexing(struct indexer *ix)
{
    /* a dry run must not change a byte */
    if (ix->dry_run)
        return;
    /* German synonyms: each variant of the archive's list (or data/synonyms.txt) finds its
     * concept term */
    if (wa_german_register_synonyms(ix->pub) != WA_OK ||
        wa_german_register_synonyms(ix->internal) != WA_OK)
        fprintf(stderr, "%s: warning: no synonyms from '%s'\n", PROG, wa_german_synonyms_path());
    if (!wa_german_splitter())
        fprintf(stderr, "%s: warning: compound words are not split: no dictionary in '%s'\n", PROG,
                wa_german_data_dir());
}

/* What a failed commit means for the archive (a full disk, usually). */
#define COMMIT_FAILED                                                                              \
    "Speichern fehlgeschlagen (Platte voll?); das Archiv bleibt beim letzten gespeicherten "       \
    "Stand, der nächste Lauf macht weiter"

int indexer_changed(struct indexer *ix)
{
    if (++ix->pending < WA_BATCH_DOCS)
        return 0;
    if (wa_archive_commit(ix->arch) != WA_OK) {
        fprintf(stderr, "%s: %s: %s\n", PROG, COMMIT_FAILED, wa_archive_errmsg(ix->arch));
        ix->commit_failed = 1;
        return -1;
    }
    ix->pending = 0;
    return 0;
}

int indexer_delete(struct indexer *ix, const char *idterm, unsigned *n)
{
    unsigned k = 0;

    if (wa_archive_delete(ix->arch, idterm, &k) != WA_OK) {
        fprintf(stderr, "%s: %s\n", PROG, wa_archive_errmsg(ix->arch));
        return -1;
    }
    if (n)
        *n = k;
    return k ? indexer_changed(ix) : 0;
}

int indexer_write(struct indexer *ix, const char *idterm, enum wa_side side, wa_doc *doc,
                  const char *path)
{
    if (wa_archive_put(ix->arch, idterm, side, doc) != WA_OK) {
        indexer_fail(ix, path, wa_archive_errmsg(ix->arch));
        return 0;
    }
    return indexer_changed(ix);
}

/* Remember this indexing run's figures for 'stats' (in the run's last commit). */
static void record_run(struct indexer *ix)
{
    char when[21], *s;
    json_t *o;

    wa_audit_now(when);
    o = json_pack("{s:s, s:s, s:I, s:I, s:I, s:I, s:I, s:b}", "when", when, "command",
                  ix->cmd->name, "indexed", (json_int_t)ix->indexed, "unchanged",
                  (json_int_t)ix->unchanged, "removed", (json_int_t)ix->removed, "skipped",
                  (json_int_t)ix->skipped, "failed", (json_int_t)ix->nfailures, "interrupted",
                  ix->interrupted);
    s = o ? json_dumps(o, JSON_COMPACT | JSON_SORT_KEYS) : NULL;
    if (!s || wa_wdb_set_metadata(ix->internal, WA_LAST_RUN_META, s, strlen(s)) != WA_OK)
        fprintf(stderr, "%s: warning: the run is not recorded for 'stats'\n", PROG);
    free(s);
    json_decref(o);
}

int indexer_close(struct indexer *ix)
{
    int rc = 0;

    /* a run that looked at files: not a dry run, not a sync refused before
     * its first change (that one changes no byte) */
    if (ix->internal && (ix->cmd->flags & CMD_WALKS_FOLDER) && !ix->dry_run &&
        (ix->indexed || ix->unchanged || ix->removed || ix->skipped || ix->nfailures ||
         ix->extracted || ix->interrupted))
        record_run(ix);

    /* after a failed commit the rest is dropped: said once is enough */
    if (!ix->commit_failed && wa_archive_close(ix->arch) != WA_OK) {
        fprintf(stderr, "%s: %s: %s\n", PROG, COMMIT_FAILED, wa_archive_errmsg(ix->arch));
        rc = -1;
    }
    if (ix->commit_failed)
        rc = -1;
    wa_archive_destroy(ix->arch);
    ix->arch = NULL;
    ix->pub = ix->internal = ix->withdrawn = NULL;
    ix->pending = 0;
    if (ix->stand_in[0]) {
        archive_remove_tree(ix->stand_in);
        ix->stand_in[0] = '\0';
        ix->archive = ix->real_archive;
    }
    return rc;
}

static void add_entry(struct wa_failure **v, size_t *n, const char *path, const char *reason)
{
    struct wa_failure *nv = realloc(*v, (*n + 1) * sizeof *nv);
    if (!nv)
        return;
    *v = nv;
    nv[*n].path = strdup(path);
    nv[*n].reason = strdup(reason);
    (*n)++;
}

void indexer_fail(struct indexer *ix, const char *path, const char *reason)
{
    add_entry(&ix->failures, &ix->nfailures, path, reason);
}

void indexer_warn(struct indexer *ix, const char *path, const char *msg)
{
    add_entry(&ix->warnings, &ix->nwarnings, path, msg);
    if (strncmp(msg, WA_CUT_WARNING ":", strlen(WA_CUT_WARNING) + 1) == 0)
        ix->cut++;
}

void indexer_skip(struct indexer *ix, const char *path, const char *reason)
{
    ix->skipped++;
    add_entry(&ix->skips, &ix->nskips, path, reason);
}

void indexer_note(struct indexer *ix, const char *action, const char *id, const char *path,
                  const char *title)
{
    struct wa_change *nv = realloc(ix->changes, (ix->nchanges + 1) * sizeof *nv);
    struct wa_change *c;

    if (!nv)
        return;
    ix->changes = nv;
    c = &nv[ix->nchanges];
    c->action = action;
    c->id = strdup(id ? id : "");
    c->path = strdup(path ? path : "");
    c->title = strdup(title ? title : "");
    if (!c->id || !c->path || !c->title) {
        free(c->id);
        free(c->path);
        free(c->title);
        return;
    }
    ix->nchanges++;
}

/* The German verb of a dry run's change in the text listing. */
static const char *change_verb(const char *action)
{
    if (strcmp(action, "add") == 0)
        return "hinzufügen";
    if (strcmp(action, "replace") == 0)
        return "ersetzen";
    return "entfernen";
}

static size_t count_changes(const struct indexer *ix, const char *action)
{
    size_t i, n = 0;

    for (i = 0; i < ix->nchanges; i++)
        n += strcmp(ix->changes[i].action, action) == 0;
    return n;
}

/* The text summary of a dry run: one line per change, then the counts. */
static void print_dry_run(const struct indexer *ix)
{
    size_t i;

    for (i = 0; i < ix->nchanges; i++) {
        const struct wa_change *c = &ix->changes[i];
        printf("%-10s  %s", change_verb(c->action), c->id);
        if (*c->title)
            printf("  „%s“", c->title);
        if (*c->path)
            printf("  (%s)", c->path);
        putchar('\n');
    }
    printf("Probelauf, nichts geändert: %zu hinzuzufügen, %zu zu ersetzen, %zu zu entfernen; "
           "%lu unverändert, %lu übersprungen, %zu fehlgeschlagen\n",
           count_changes(ix, "add"), count_changes(ix, "replace"), count_changes(ix, "remove"),
           ix->unchanged, ix->skipped, ix->nfailures);
}

/* A path as a JSON string: file names need not be UTF-8, JSON must be. */
static json_t *json_path(const char *p)
{
    struct wa_buf b;
    json_t *j = json_string(p);

    if (j)
        return j;
    wa_buf_init(&b, 0);
    if (wa_utf8_sanitize(p, strlen(p), &b, NULL) == WA_OK)
        j = json_string(b.p);
    wa_buf_release(&b);
    return j ? j : json_string("");
}

int indexer_summary(struct indexer *ix)
{
    size_t i;

    /* warnings and failures always reach stderr, also with -q and --json */
    for (i = 0; i < ix->nwarnings; i++)
        fprintf(stderr, "%s: warning: '%s': %s\n", PROG, ix->warnings[i].path,
                ix->warnings[i].reason);
    for (i = 0; i < ix->nfailures; i++)
        fprintf(stderr, "%s: failed '%s': %s\n", PROG, ix->failures[i].path,
                ix->failures[i].reason);
    if (ix->json) {
        json_t *o = json_object(), *a = json_array();
        char *s;
        json_object_set_new(o, "format_version", json_integer(1));
        json_object_set_new(o, "indexed", json_integer((json_int_t)ix->indexed));
        json_object_set_new(o, "unchanged", json_integer((json_int_t)ix->unchanged));
        json_object_set_new(o, "removed", json_integer((json_int_t)ix->removed));
        json_object_set_new(o, "skipped", json_integer((json_int_t)ix->skipped));
        json_object_set_new(o, "extracted", json_integer((json_int_t)ix->extracted));
        json_object_set_new(o, "interrupted", json_boolean(ix->interrupted));
        json_object_set_new(o, "cut", json_integer((json_int_t)ix->cut));
        for (i = 0; i < ix->nfailures; i++) {
            json_t *f = json_object();
            json_object_set_new(f, "path", json_path(ix->failures[i].path));
            json_object_set_new(f, "reason", json_path(ix->failures[i].reason));
            json_array_append_new(a, f);
        }
        json_object_set_new(o, "failed", a);
        a = json_array();
        for (i = 0; i < ix->nskips; i++) {
            json_t *f = json_object();
            json_object_set_new(f, "path", json_path(ix->skips[i].path));
            json_object_set_new(f, "reason", json_string(ix->skips[i].reason));
            json_array_append_new(a, f);
        }
        json_object_set_new(o, "skipped_files", a);
        a = json_array();
        for (i = 0; i < ix->nwarnings; i++) {
            json_t *f = json_object();
            json_object_set_new(f, "path", json_path(ix->warnings[i].path));
            json_object_set_new(f, "warning", json_path(ix->warnings[i].reason));
            json_array_append_new(a, f);
        }
        json_object_set_new(o, "warnings", a);
        json_object_set_new(o, "dry_run", json_boolean(ix->dry_run));
        if (ix->dry_run) {
            a = json_array();
            for (i = 0; i < ix->nchanges; i++) {
                json_t *f = json_object();
                json_object_set_new(f, "action", json_string(ix->changes[i].action));
                json_object_set_new(f, "id", json_string(ix->changes[i].id));
                json_object_set_new(f, "path", json_path(ix->changes[i].path));
                if (*ix->changes[i].title)
                    json_object_set_new(f, "title", json_string(ix->changes[i].title));
                json_array_append_new(a, f);
            }
            json_object_set_new(o, "changes", a);
        }
        s = json_dumps(o, JSON_INDENT(2));
        if (s)
            puts(s);
        free(s);
        json_decref(o);
    } else if (ix->dry_run) {
        print_dry_run(ix); /* a dry run's listing is its result: shown also with -q */
    } else if (!ix->quiet) {
        printf("%lu indexiert, %lu unverändert, %lu entfernt, %lu übersprungen, %zu "
               "fehlgeschlagen; %lu extrahiert",
               ix->indexed, ix->unchanged, ix->removed, ix->skipped, ix->nfailures, ix->extracted);
        if (ix->cut)
            printf("; %lu gekürzt", ix->cut);
        printf("%s\n", ix->interrupted ? "; abgebrochen" : "");
    }
    if (ix->interrupted)
        return WA_EXIT_INTERRUPTED;
    return ix->nfailures ? 1 : 0;
}

void indexer_release(struct indexer *ix)
{
    size_t i;
    wa_curation_free(ix->curation);
    ix->curation = NULL;
    for (i = 0; i < ix->nfailures; i++) {
        free(ix->failures[i].path);
        free(ix->failures[i].reason);
    }
    free(ix->failures);
    ix->failures = NULL;
    ix->nfailures = 0;
    for (i = 0; i < ix->nskips; i++) {
        free(ix->skips[i].path);
        free(ix->skips[i].reason);
    }
    free(ix->skips);
    ix->skips = NULL;
    ix->nskips = 0;
    for (i = 0; i < ix->nwarnings; i++) {
        free(ix->warnings[i].path);
        free(ix->warnings[i].reason);
    }
    free(ix->warnings);
    ix->warnings = NULL;
    ix->nwarnings = 0;
    for (i = 0; i < ix->nchanges; i++) {
        free(ix->changes[i].id);
        free(ix->changes[i].path);
        free(ix->changes[i].title);
    }
    free(ix->changes);
    ix->changes = NULL;
    ix->nchanges = 0;
}
