/* The indexer's shared state: opening the archive, batching commits, the summary. */
#include "indexer.h"

#include <assert.h>
#include <errno.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "command.h"
#include "wa_archive.h"
#include "wa_german.h"

static int mkdir_p(const char *dir)
{
    char tmp[4096];
    size_t i, n = strlen(dir);

    if (n >= sizeof tmp)
        return -1;
    memcpy(tmp, dir, n + 1);
    for (i = 1; i <= n; i++) {
        if (tmp[i] == '/' || tmp[i] == '\0') {
            char c = tmp[i];
            tmp[i] = '\0';
            if (mkdir(tmp, 0755) != 0 && errno != EEXIST)
                return -1;
            tmp[i] = c;
        }
    }
    return 0;
}

static int open_one(const char *archive, const char *sub, wa_wdb **out)
{
    char path[4096];
    wa_status st;

    snprintf(path, sizeof path, "%s/%s", archive, sub);
    st = wa_wdb_open(out, path, 1);
    if (st == WA_OK)
        return 0;
    if (st == WA_ERR_LOCKED)
        fprintf(stderr, "%s: archive '%s' is being written by another process\n", PROG, archive);
    else
        fprintf(stderr, "%s: cannot open '%s': %s\n", PROG, path, wa_wdb_errmsg(*out));
    wa_wdb_destroy(*out);
    *out = NULL;
    return -1;
}

int indexer_open(struct indexer *ix)
{
    /* the flag tells --help and the lock handling that the command writes */
    assert(ix->cmd && (ix->cmd->flags & CMD_NEEDS_WRITER_LOCK));
    if (mkdir_p(ix->archive) != 0) {
        fprintf(stderr, "%s: cannot create archive '%s': %s\n", PROG, ix->archive, strerror(errno));
        return -1;
    }
    if (open_one(ix->archive, WA_ARCHIVE_PUBLIC, &ix->pub))
        return -1;
    if (open_one(ix->archive, WA_ARCHIVE_INTERNAL, &ix->internal)) {
        wa_wdb_destroy(ix->pub);
        ix->pub = NULL;
        return -1;
    }
    /* German synonyms: each variant of data/synonyms.txt finds its concept term */
    if (wa_german_register_synonyms(ix->pub) != WA_OK ||
        wa_german_register_synonyms(ix->internal) != WA_OK)
        fprintf(stderr, "%s: warning: no synonyms from '%s/%s'\n", PROG, wa_german_data_dir(),
                WA_GERMAN_SYNONYMS_FILE);
    if (!wa_german_splitter())
        fprintf(stderr, "%s: warning: compound words are not split: no dictionary in '%s'\n", PROG,
                wa_german_data_dir());
    return 0;
}

static int commit_both(struct indexer *ix)
{
    if (ix->pub && wa_wdb_commit(ix->pub) != WA_OK) {
        fprintf(stderr, "%s: commit failed: %s\n", PROG, wa_wdb_errmsg(ix->pub));
        return -1;
    }
    if (ix->internal && wa_wdb_commit(ix->internal) != WA_OK) {
        fprintf(stderr, "%s: commit failed: %s\n", PROG, wa_wdb_errmsg(ix->internal));
        return -1;
    }
    ix->pending = 0;
    return 0;
}

int indexer_changed(struct indexer *ix)
{
    if (++ix->pending >= WA_BATCH_DOCS)
        return commit_both(ix);
    return 0;
}

/* Close and free w, saying why if closing (its final commit) failed. */
static int close_one(wa_wdb *w)
{
    int rc = 0;

    if (wa_wdb_close(w) != WA_OK) {
        fprintf(stderr, "%s: cannot close the archive: %s\n", PROG, wa_wdb_errmsg(w));
        rc = -1;
    }
    wa_wdb_destroy(w);
    return rc;
}

int indexer_close(struct indexer *ix)
{
    int rc = commit_both(ix);
    if (close_one(ix->pub) != 0)
        rc = -1;
    if (close_one(ix->internal) != 0)
        rc = -1;
    ix->pub = ix->internal = NULL;
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
}

void indexer_skip(struct indexer *ix, const char *path, const char *reason)
{
    ix->skipped++;
    add_entry(&ix->skips, &ix->nskips, path, reason);
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
        for (i = 0; i < ix->nfailures; i++) {
            json_t *f = json_object();
            json_object_set_new(f, "path", json_string(ix->failures[i].path));
            json_object_set_new(f, "reason", json_string(ix->failures[i].reason));
            json_array_append_new(a, f);
        }
        json_object_set_new(o, "failed", a);
        a = json_array();
        for (i = 0; i < ix->nskips; i++) {
            json_t *f = json_object();
            json_object_set_new(f, "path", json_string(ix->skips[i].path));
            json_object_set_new(f, "reason", json_string(ix->skips[i].reason));
            json_array_append_new(a, f);
        }
        json_object_set_new(o, "skipped_files", a);
        a = json_array();
        for (i = 0; i < ix->nwarnings; i++) {
            json_t *f = json_object();
            json_object_set_new(f, "path", json_string(ix->warnings[i].path));
            json_object_set_new(f, "warning", json_string(ix->warnings[i].reason));
            json_array_append_new(a, f);
        }
        json_object_set_new(o, "warnings", a);
        s = json_dumps(o, JSON_INDENT(2));
        if (s)
            puts(s);
        free(s);
        json_decref(o);
    } else if (!ix->quiet) {
        printf("%lu indexiert, %lu unverändert, %lu entfernt, %lu übersprungen, %zu "
               "fehlgeschlagen; %lu extrahiert%s\n",
               ix->indexed, ix->unchanged, ix->removed, ix->skipped, ix->nfailures, ix->extracted,
               ix->interrupted ? "; abgebrochen" : "");
    }
    if (ix->interrupted)
        return WA_EXIT_INTERRUPTED;
    return ix->nfailures ? 1 : 0;
}

void indexer_release(struct indexer *ix)
{
    size_t i;
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
}
