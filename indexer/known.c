/* The table of indexed documents used by the unchanged check (see known.h). */
#include "known.h"

#include <stdlib.h>
#include <string.h>

#include "wa_document.h"
#include "wa_schema.h"

/* values: mtime, size, source hash "HASH:indexed-at" (each NUL-terminated) */
struct load_ctx {
    struct wa_known *k;
    int nomem;
};

static int add_doc(const char *term, size_t len, const struct wa_buf *v, void *ctx)
{
    struct load_ctx *lc = ctx;
    struct wa_known *k = lc->k;
    struct wa_known_doc *d;
    struct wa_source_stamp stamp;

    if (k->n == k->cap) {
        size_t ncap = k->cap ? k->cap * 2 : 1024;
        struct wa_known_doc *nv = realloc(k->v, ncap * sizeof *nv);
        if (!nv)
            return lc->nomem = 1;
        k->v = nv;
        k->cap = ncap;
    }
    d = &k->v[k->n];
    d->idterm = malloc(len + 1);
    if (!d->idterm)
        return lc->nomem = 1;
    memcpy(d->idterm, term, len);
    d->idterm[len] = '\0';
    d->path = strdup(v[3].p);
    if (!d->path) {
        free(d->idterm);
        return lc->nomem = 1;
    }
    d->mtime = v[0].len ? strtoll(v[0].p, NULL, 10) : -1;
    d->size = v[1].len ? strtoll(v[1].p, NULL, 10) : -1;
    wa_document_stamp_parse(v[2].p, v[2].len, &stamp);
    d->indexed_at = stamp.indexed_at;
    k->n++;
    return 0;
}

wa_status wa_known_load(struct wa_known *k, wa_wdb *w)
{
    static const unsigned slots[] = {WA_SLOT_MTIME, WA_SLOT_SIZE, WA_SLOT_SOURCE_HASH,
                                     WA_SLOT_PATH};
    struct load_ctx lc = {k, 0};
    wa_status st = wa_wdb_each_values(w, WA_PREFIX_ID, slots, 4, add_doc, &lc);

    return st == WA_OK && lc.nomem ? WA_ERR_NOMEM : st;
}

static int cmp_doc(const void *a, const void *b)
{
    return strcmp(((const struct wa_known_doc *)a)->idterm,
                  ((const struct wa_known_doc *)b)->idterm);
}

static int cmp_path(const void *a, const void *b)
{
    return strcmp((*(struct wa_known_doc *const *)a)->path,
                  (*(struct wa_known_doc *const *)b)->path);
}

wa_status wa_known_sort(struct wa_known *k)
{
    size_t i;

    if (!k->n)
        return WA_OK;
    qsort(k->v, k->n, sizeof *k->v, cmp_doc);
    k->by_path = malloc(k->n * sizeof *k->by_path);
    if (!k->by_path)
        return WA_ERR_NOMEM;
    for (i = 0; i < k->n; i++)
        k->by_path[i] = &k->v[i];
    qsort(k->by_path, k->n, sizeof *k->by_path, cmp_path);
    return WA_OK;
}

const struct wa_known_doc *wa_known_find_path(const struct wa_known *k, const char *path)
{
    struct wa_known_doc key, *kp = &key, *const * r;

    if (!k->by_path || !*path)
        return NULL;
    key.path = (char *)path;
    r = bsearch(&kp, k->by_path, k->n, sizeof *k->by_path, cmp_path);
    return r ? *r : NULL;
}

const struct wa_known_doc *wa_known_find(const struct wa_known *k, const char *idterm)
{
    struct wa_known_doc key;

    if (!k->n)
        return NULL;
    key.idterm = (char *)idterm;
    return bsearch(&key, k->v, k->n, sizeof *k->v, cmp_doc);
}

void wa_known_release(struct wa_known *k)
{
    size_t i;

    for (i = 0; i < k->n; i++) {
        free(k->v[i].idterm);
        free(k->v[i].path);
    }
    free(k->v);
    free(k->by_path);
    memset(k, 0, sizeof *k);
}
