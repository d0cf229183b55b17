/* werkarchiv-index remove and the purge step of sync. */
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "failed.h"
#include "indexer.h"
#include "walk.h"
#include "wa_schema.h"

struct termlist {
    char **v;
    size_t n, cap;
};

static int collect(const char *s, size_t len, void *ctx)
{
    struct termlist *l = ctx;
    if (l->n == l->cap) {
        size_t c2 = l->cap ? l->cap * 2 : 256;
        char **nv = realloc(l->v, c2 * sizeof *nv);
        if (!nv)
            return 1;
        l->v = nv;
        l->cap = c2;
    }
    l->v[l->n] = strndup(s, len);
    if (!l->v[l->n])
        return 1;
    l->n++;
    return 0;
}

static void termlist_release(struct termlist *l)
{
    size_t i;
    for (i = 0; i < l->n; i++)
        free(l->v[i]);
    free(l->v);
    memset(l, 0, sizeof *l);
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/*
 * Delete from w every document whose source path matches: equal to path, or
 * below it when dir is set; with keep (sorted), paths in keep are spared.
 * The paths come from one pass over the path value stream (known.h), not
 * from each document's stored record.
 */
static int purge(struct indexer *ix, wa_wdb *w, const char *path, int dir, char **keep,
                 size_t nkeep)
{
    struct wa_known docs = {0};
    size_t i, plen = strlen(path);
    int rc = 0;

    if (wa_known_load(&docs, w) != WA_OK) {
        fprintf(stderr, "%s: %s\n", PROG, wa_wdb_errmsg(w));
        wa_known_release(&docs);
        return -1;
    }
    for (i = 0; i < docs.n && rc == 0; i++) {
        char *sp = docs.v[i].path;
        int match = dir ? strncmp(sp, path, plen) == 0 && sp[plen] == '/' : strcmp(sp, path) == 0;
        if (match && keep && bsearch(&sp, keep, nkeep, sizeof *keep, cmp_str))
            match = 0;
        if (!match)
            continue;
        if (wa_wdb_delete(w, docs.v[i].idterm) != WA_OK) {
            fprintf(stderr, "%s: %s\n", PROG, wa_wdb_errmsg(w));
            rc = -1;
        } else {
            ix->removed++;
            rc = indexer_changed(ix);
        }
    }
    wa_known_release(&docs);
    return rc;
}

/* Forget remembered failures of files below root that no longer exist (not in keep). */
static int forget_vanished_failures(struct indexer *ix, const char *root, char **keep, size_t nkeep)
{
    struct termlist keys = {0};
    size_t i, plen = strlen(root), pre = strlen(WA_FAILED_PREFIX);
    int rc = 0;

    if (wa_wdb_each_metadata_key(ix->internal, WA_FAILED_PREFIX, collect, &keys) != WA_OK) {
        fprintf(stderr, "%s: %s\n", PROG, wa_wdb_errmsg(ix->internal));
        return -1;
    }
    for (i = 0; i < keys.n && rc == 0; i++) {
        struct wa_failed f;
        const char *idterm = keys.v[i] + pre;
        wa_failed_init(&f);
        if (strlen(keys.v[i]) > pre && wa_failed_get(ix->internal, idterm, &f) == WA_OK &&
            strncmp(f.path.p, root, plen) == 0 && f.path.p[plen] == '/') {
            char *p = f.path.p;
            if (!bsearch(&p, keep, nkeep, sizeof *keep, cmp_str) &&
                wa_failed_forget(ix->internal, idterm) != WA_OK) {
                fprintf(stderr, "%s: %s\n", PROG, wa_wdb_errmsg(ix->internal));
                rc = -1;
            }
        }
        wa_failed_release(&f);
    }
    termlist_release(&keys);
    return rc;
}

int cmd_sync(struct indexer *ix, int argc, char **argv)
{
    int i, rc;

    if (argc < 2) {
        fprintf(stderr, "%s: sync needs at least one folder\ntry '%s --help'\n", PROG, PROG);
        return 2;
    }
    /* index first; the summary of both steps is printed at the end */
    rc = indexer_add_paths(ix, argc, argv);
    if (rc == 2)
        return 2;
    if (rc == WA_EXIT_INTERRUPTED)
        return indexer_summary(ix); /* no purge after an incomplete walk */
    if (indexer_open(ix))
        return 2;
    for (i = 1; i < argc && rc != 2; i++) {
        struct wa_filelist files = {0};
        char root[PATH_MAX];
        char **keep;
        size_t k;
        if (!realpath(argv[i], root) || wa_walk(root, &files, NULL, NULL) != WA_OK) {
            wa_filelist_release(&files);
            continue;
        }
        keep = malloc((files.n + 1) * sizeof *keep);
        if (!keep) {
            wa_filelist_release(&files);
            rc = 2;
            break;
        }
        for (k = 0; k < files.n; k++)
            keep[k] = files.v[k].path;
        qsort(keep, files.n, sizeof *keep, cmp_str);
        if (purge(ix, ix->pub, root, 1, keep, files.n) ||
            purge(ix, ix->internal, root, 1, keep, files.n) ||
            forget_vanished_failures(ix, root, keep, files.n))
            rc = 2;
        free(keep);
        wa_filelist_release(&files);
    }
    if (indexer_close(ix))
        return 2;
    if (rc == 2)
        return 2;
    return indexer_summary(ix);
}

static int remove_id(struct indexer *ix, wa_wdb *w, const char *idterm)
{
    struct wa_buf v;
    int found;

    wa_buf_init(&v, 0);
    found = wa_wdb_get_data(w, idterm, &v) == WA_OK;
    wa_buf_release(&v);
    if (!found)
        return 0;
    if (wa_wdb_delete(w, idterm) != WA_OK) {
        fprintf(stderr, "%s: %s\n", PROG, wa_wdb_errmsg(w));
        return -1;
    }
    ix->removed++;
    return indexer_changed(ix) ? -1 : 1;
}

int cmd_remove(struct indexer *ix, int argc, char **argv)
{
    int i, rc = 0;

    if (argc < 2) {
        fprintf(stderr, "%s: remove needs a document id or path\ntry '%s --help'\n", PROG, PROG);
        return 2;
    }
    if (indexer_open(ix))
        return 2;
    for (i = 1; i < argc && rc == 0; i++) {
        char idterm[256], abs[PATH_MAX];
        unsigned long before = ix->removed;
        int a, b;
        wa_schema_idterm(argv[i], idterm, sizeof idterm);
        a = remove_id(ix, ix->pub, idterm);
        b = remove_id(ix, ix->internal, idterm);
        wa_failed_forget(ix->internal, idterm); /* a removed file is not retried either */
        if (a < 0 || b < 0) {
            rc = 2;
            break;
        }
        if (ix->removed == before) {
            /* not an id: a source path (the file may be gone already) */
            if (argv[i][0] == '/') {
                snprintf(abs, sizeof abs, "%s", argv[i]);
            } else {
                char cwd[PATH_MAX];
                if (!realpath(argv[i], abs)) {
                    if (!getcwd(cwd, sizeof cwd))
                        cwd[0] = '\0';
                    snprintf(abs, sizeof abs, "%s/%s", cwd, argv[i]);
                }
            }
            if (purge(ix, ix->pub, abs, 0, NULL, 0) || purge(ix, ix->internal, abs, 0, NULL, 0) ||
                purge(ix, ix->pub, abs, 1, NULL, 0) || purge(ix, ix->internal, abs, 1, NULL, 0)) {
                rc = 2;
                break;
            }
        }
        if (ix->removed == before)
            indexer_fail(ix, argv[i], "no such document in the archive");
    }
    if (indexer_close(ix))
        return 2;
    return rc ? rc : indexer_summary(ix);
}
