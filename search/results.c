/* Building the result model from a Xapian result page. */
#include "results.h"

#include <stdlib.h>
#include <string.h>

#include "wa_schema.h"
#include "wa_search_policy.h"

static char *strip_markers(const char *s)
{
    size_t n = strlen(s), i, o = 0;
    char *r = malloc(n + 1);

    if (!r)
        return NULL;
    for (i = 0; i < n; i++)
        if (s[i] != WA_HL_START[0] && s[i] != WA_HL_END[0])
            r[o++] = s[i];
    r[o] = '\0';
    return r;
}

/* Snippet text: newlines and runs of spaces become single spaces. */
static void flatten(char *s)
{
    char *o = s;
    int sp = 0;

    for (; *s; s++) {
        if (*s == '\n' || *s == '\r' || *s == '\t' || *s == ' ') {
            sp = 1;
            continue;
        }
        if (sp && o != s)
            *o++ = ' ';
        sp = 0;
        *o++ = *s;
    }
    *o = '\0';
}

static wa_status build_hit(wa_mset *m, const struct wa_search_policy *pol, size_t i,
                           struct wa_hit *h)
{
    size_t len;
    const char *data = wa_mset_data(m, i, &len);
    struct wa_buf snip;
    wa_status st;

    wa_record_init(&h->rec);
    h->score = wa_mset_weight(m, i);
    h->collapsed = wa_mset_collapsed(m, i);
    st = wa_record_from_json(&h->rec, data, len);
    if (st != WA_OK)
        return st;
    wa_buf_init(&snip, 0);
    if (h->rec.text && h->rec.text_len)
        st = wa_search_snippet(m, pol, h->rec.text, h->rec.text_len, WA_SNIPPET_LEN, WA_HL_START,
                               WA_HL_END, 0, &snip);
    if (st == WA_OK) {
        flatten(snip.p);
        h->snippet_marked = wa_buf_detach(&snip, NULL);
        h->snippet = h->snippet_marked ? strip_markers(h->snippet_marked) : NULL;
        if (!h->snippet)
            st = WA_ERR_NOMEM;
    }
    wa_buf_release(&snip);
    /* the full text is not needed any more */
    free(h->rec.text);
    h->rec.text = NULL;
    h->rec.text_len = 0;
    return st;
}

struct dup_ctx {
    struct wa_hit *h;
    wa_status st;
};

/* Collect the id and path of one collapsed copy. */
static int add_dup(const char *data, size_t len, void *ctx)
{
    struct dup_ctx *d = ctx;
    struct wa_record rec;
    const char *id, *path;

    wa_record_init(&rec);
    d->st = wa_record_from_json(&rec, data, len);
    if (d->st == WA_OK) {
        id = rec.id ? rec.id : "";
        path = rec.path ? rec.path : id;
        d->st = wa_strlist_add(&d->h->dup_ids, id, strlen(id));
        if (d->st == WA_OK)
            d->st = wa_strlist_add(&d->h->dup_paths, path, strlen(path));
    }
    wa_record_release(&rec);
    return d->st != WA_OK;
}

static wa_status build_dups(wa_mset *m, size_t i, struct wa_hit *h)
{
    struct dup_ctx d = {h, WA_OK};
    wa_status st = wa_mset_duplicates(m, i, add_dup, &d);

    if (st == WA_OK)
        st = d.st;
    /* the listed copies are exact, the collapse count only a lower bound */
    if (st == WA_OK)
        h->collapsed = h->dup_ids.n;
    return st;
}

static int newer_first(const void *a, const void *b)
{
    return -strcmp(((const struct wa_facet_value *)a)->value,
                   ((const struct wa_facet_value *)b)->value);
}

/* Years newest first, then the hits without a date as "ohne Datum" (when the
 * total is exact, what the years do not count). */
static wa_status years_in_order(const struct wa_results *r, struct wa_facet_list *fl)
{
    unsigned long dated = 0;
    size_t j;
    struct wa_facet_value *nv;

    qsort(fl->v, fl->n, sizeof *fl->v, newer_first);
    for (j = 0; j < fl->n; j++)
        dated += fl->v[j].count;
    if (!r->total_exact || dated >= r->total || !fl->n)
        return WA_OK;
    nv = realloc(fl->v, (fl->n + 1) * sizeof *fl->v);
    if (!nv)
        return WA_ERR_NOMEM;
    fl->v = nv;
    fl->v[fl->n].value = strdup(WA_FACET_UNDATED);
    if (!fl->v[fl->n].value)
        return WA_ERR_NOMEM;
    fl->v[fl->n].count = r->total - dated;
    fl->n++;
    return WA_OK;
}

static wa_status build_facets(wa_mset *m, struct wa_results *r)
{
    const struct wa_field *f;
    size_t nf = 0;

    for (f = wa_schema_fields(); f->key; f++)
        if (f->flags & WA_F_FACET)
            nf++;
    r->facets = calloc(nf ? nf : 1, sizeof *r->facets);
    if (!r->facets)
        return WA_ERR_NOMEM;
    for (f = wa_schema_fields(); f->key; f++) {
        struct wa_facet_list *fl;
        size_t n, j;
        if (!(f->flags & WA_F_FACET))
            continue;
        fl = &r->facets[r->nfacets++];
        fl->key = f->key;
        fl->label = f->label_de;
        n = wa_mset_facet_size(m, (unsigned)f->slot);
        fl->v = calloc(n ? n : 1, sizeof *fl->v);
        if (!fl->v)
            return WA_ERR_NOMEM;
        for (j = 0; j < n; j++) {
            unsigned long c = 0;
            const char *v = wa_mset_facet(m, (unsigned)f->slot, j, &c);
            if (!v)
                break;
            fl->v[fl->n].value = strdup(v);
            if (!fl->v[fl->n].value)
                return WA_ERR_NOMEM;
            fl->v[fl->n].count = c;
            fl->n++;
        }
        if (f->type == WA_TYPE_YEAR && years_in_order(r, fl) != WA_OK)
            return WA_ERR_NOMEM;
    }
    return WA_OK;
}

wa_status wa_results_build(wa_mset *m, const struct wa_search_opts *o, const char *similar_id,
                           struct wa_results *r)
{
    size_t i, n = wa_mset_size(m);
    wa_status st = WA_OK;
    const char *sugg;
    const struct wa_search_policy *pol = wa_search_policy_of(o);

    memset(r, 0, sizeof *r);
    r->query = o->query;
    r->limit = o->limit;
    r->sort = o->sort;
    r->filters = o->filters;
    r->nfilters = o->nfilters;
    r->date_from = o->date_from;
    r->date_to = o->date_to;
    r->similar = similar_id;
    r->total = wa_mset_total(m);
    r->total_exact = wa_mset_total_exact(m);
    r->offset = o->offset;
    r->relaxed = wa_mset_relaxed(m);
    for (i = 0; i < wa_mset_stopped_count(m) && st == WA_OK; i++) {
        const char *w = wa_mset_stopped(m, i);
        st = wa_strlist_add(&r->ignored, w, strlen(w));
    }
    sugg = wa_mset_suggestion(m);
    if (sugg && *sugg && !(r->suggestion = strdup(sugg)))
        st = WA_ERR_NOMEM;
    if (st == WA_OK && n && !(r->hits = calloc(n, sizeof *r->hits)))
        st = WA_ERR_NOMEM;
    for (i = 0; i < n && st == WA_OK; i++) {
        r->hits[i].rank = o->offset + (unsigned)i + 1;
        st = build_hit(m, pol, i, &r->hits[i]);
        r->n = i + 1;
        if (st == WA_OK && o->collapse)
            st = build_dups(m, i, &r->hits[i]);
    }
    if (st == WA_OK && o->facets)
        st = build_facets(m, r);
    if (st != WA_OK)
        wa_results_release(r);
    return st;
}

void wa_results_release(struct wa_results *r)
{
    size_t i, j;

    for (i = 0; i < r->n; i++) {
        wa_record_release(&r->hits[i].rec);
        free(r->hits[i].snippet);
        free(r->hits[i].snippet_marked);
        wa_strlist_release(&r->hits[i].dup_ids);
        wa_strlist_release(&r->hits[i].dup_paths);
    }
    free(r->hits);
    free(r->suggestion);
    wa_strlist_release(&r->ignored);
    for (i = 0; i < r->nfacets; i++) {
        for (j = 0; j < r->facets[i].n; j++)
            free(r->facets[i].v[j].value);
        free(r->facets[i].v);
    }
    free(r->facets);
    memset(r, 0, sizeof *r);
}
