/* Forgetting the failures of vanished files, and the path comparison of sync and remove. */
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "failed.h"
#include "indexer.h"
#include "purge.h"
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

int indexer_cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Forget remembered failures of files below root that no longer exist (not in keep). */
int indexer_forget_vanished_failures(struct indexer *ix, const char *root, char **keep,
                                     size_t nkeep)
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
            if (!bsearch(&p, keep, nkeep, sizeof *keep, indexer_cmp_str) &&
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
