/* The indexer's shared state: opening the archive, batching commits, the summary. */
#include "indexer.h"

#include <assert.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "command.h"
#include "wa_archive.h"
#include "wa_german.h"

int indexer_open(struct indexer *ix)
{
    wa_status st;

    /* the flag tells --help and the lock handling that the command writes */
    assert(ix->cmd && (ix->cmd->flags & CMD_NEEDS_WRITER_LOCK));
    st = wa_archive_open_write(&ix->arch, ix->archive);
    if (st != WA_OK) {
        fprintf(stderr, "%s: %s\n", PROG, wa_archive_errmsg(ix->arch));
        wa_archive_destroy(ix->arch);
        ix->arch = NULL;
        return -1;
    }
    ix->pub = wa_archive_wdb(ix->arch, WA_SIDE_PUBLIC);
    ix->internal = wa_archive_wdb(ix->arch, WA_SIDE_INTERNAL);
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

int indexer_changed(struct indexer *ix)
{
    if (++ix->pending < WA_BATCH_DOCS)
        return 0;
    if (wa_archive_commit(ix->arch) != WA_OK) {
        fprintf(stderr, "%s: %s\n", PROG, wa_archive_errmsg(ix->arch));
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

int indexer_close(struct indexer *ix)
{
    int rc = 0;

    if (wa_archive_close(ix->arch) != WA_OK) {
        fprintf(stderr, "%s: %s\n", PROG, wa_archive_errmsg(ix->arch));
        rc = -1;
    }
    wa_archive_destroy(ix->arch);
    ix->arch = NULL;
    ix->pub = ix->internal = NULL;
    ix->pending = 0;
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
