/* Building the result model from a Xapian result page. */
#include "results.h"

#include <stdlib.h>
#include <string.h>

#include "wa_schema.h"
#include "wa_utf8.h"

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

/* Length of the word character (ASCII letter or digit, Latin letter) at p, or 0. */
static size_t word_char(const unsigned char *p, const unsigned char *end)
{
    unsigned cp;

    if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9'))
        return 1;
    if (*p >= 0xC3 && *p <= 0xC9 && p + 1 < end && (p[1] & 0xC0) == 0x80) {
        cp = ((unsigned)(*p & 0x1F) << 6) | (p[1] & 0x3F);
        /* U+00C0..U+024F: Latin letters, but not the signs × and ÷ */
        if (cp >= 0xC0 && cp != 0xD7 && cp != 0xF7)
            return 2;
    }
    return 0;
}

/* Marks a stem in the term list that came from a compound-part term. */
#define PART_MARK '\x03'

/* Query stems shorter than this ("amt") would match inside too many words. */
#define MIN_TERM 4
/* The part before a compound's head has at least this many bytes. */
#define MIN_MODIFIER 3

/* 1 if the stem of word[0..len) ends or starts with one of the stems in terms
 * (each followed by '\0', the list ended by an empty string) and has at least
 * MIN_MODIFIER more bytes: a compound with a part the query matched. */
static int compound_of(const char *word, size_t len, const char *terms)
{
    struct wa_buf low, stem;
    const char *t;
    int hit = 0;

    wa_buf_init(&low, 1024);
    wa_buf_init(&stem, 1024);
    if (wa_utf8_lower(word, len, &low) == WA_OK && wa_stem(low.p, low.len, &stem) == WA_OK) {
        for (t = terms; *t && !hit; t += strlen(t) + 1) {
            size_t n = strlen(t);
            /* the query matched the head (Verwaltungs|digitalisierung); with a
             * matching compound-part term, also the first part
             * (Digitalisierungs|strategie) */
            int part = t[0] == PART_MARK;
            if (part) {
                t++;
                n--;
            }
            hit = stem.len >= n + MIN_MODIFIER &&
                  (memcmp(stem.p + stem.len - n, t, n) == 0 || (part && memcmp(stem.p, t, n) == 0));
        }
    }
    wa_buf_release(&low);
    wa_buf_release(&stem);
    return hit;
}

wa_status wa_snippet_mark_compounds(const char *marked, const char *terms, struct wa_buf *out)
{
    struct wa_buf list;
    const unsigned char *p = (const unsigned char *)marked, *end = p + strlen(marked);
    const char *t = terms;
    int inside = 0;
    wa_status st = WA_OK;

    /* the stems of the query's word terms ("Zdigitalisier" as it is, an
     * unstemmed "digitalisierung" stemmed), long enough to be a compound's head */
    wa_buf_init(&list, 0);
    while (*t && st == WA_OK) {
        const char *sp = strchr(t, ' ');
        size_t n = sp ? (size_t)(sp - t) : strlen(t);
        size_t start = list.len, at = start;
        if (n > 3 && strncmp(t, "Z" WA_PREFIX_COMPOUND, 3) == 0) {
            /* a compound part matched: it may stand first in the word, too */
            st = wa_buf_addch(&list, PART_MARK);
            if (st == WA_OK)
                st = wa_buf_add(&list, t + 3, n - 3);
            at++;
        } else if (t[0] == 'Z' && n > 1 && !(t[1] >= 'A' && t[1] <= 'Z'))
            st = wa_buf_add(&list, t + 1, n - 1);
        else if (!(t[0] >= 'A' && t[0] <= 'Z'))
            st = wa_stem(t, n, &list);
        if (st == WA_OK && list.len - at < MIN_TERM)
            wa_buf_truncate(&list, start); /* none, or too short */
        else if (st == WA_OK)
            st = wa_buf_addch(&list, '\0');
        t = sp ? sp + 1 : t + n;
    }
    if (st == WA_OK)
        st = wa_buf_addch(&list, '\0');
    while (p < end && st == WA_OK) {
        size_t k = inside ? 0 : word_char(p, end);
        if (k) {
            const unsigned char *w = p;
            while (p < end && (k = word_char(p, end)) > 0)
                p += k;
            if (list.p[0] && compound_of((const char *)w, (size_t)(p - w), list.p)) {
                st = wa_buf_adds(out, WA_HL_START);
                if (st == WA_OK)
                    st = wa_buf_add(out, (const char *)w, (size_t)(p - w));
                if (st == WA_OK)
                    st = wa_buf_adds(out, WA_HL_END);
            } else {
                st = wa_buf_add(out, (const char *)w, (size_t)(p - w));
            }
            continue;
        }
        if (*p == WA_HL_START[0])
            inside = 1;
        else if (*p == WA_HL_END[0])
            inside = 0;
        st = wa_buf_addch(out, (char)*p++);
    }
    wa_buf_release(&list);
    return st;
}

/* qterms: the query's terms (wa_mset_query_terms), the same for every hit */
static wa_status build_hit(wa_mset *m, size_t i, const char *qterms, struct wa_hit *h)
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
        st = wa_mset_snippet(m, h->rec.text, h->rec.text_len, WA_SNIPPET_LEN, WA_HL_START,
                             WA_HL_END, 0, &snip);
    if (st == WA_OK && snip.len) {
        /* also mark compounds a query word matched a part of */
        struct wa_buf out;
        wa_buf_init(&out, 0);
        st = wa_snippet_mark_compounds(snip.p, qterms, &out);
        if (st == WA_OK) {
            wa_buf_release(&snip);
            snip = out;
        } else {
            wa_buf_release(&out);
        }
    }
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
    }
    return WA_OK;
}

wa_status wa_results_build(wa_mset *m, const struct wa_search_opts *o, const char *similar_id,
                           struct wa_results *r)
{
    size_t i, n = wa_mset_size(m);
    wa_status st = WA_OK;
    const char *sugg;
    struct wa_buf qterms;

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
    wa_buf_init(&qterms, 0);
    if (st == WA_OK && n)
        st = wa_mset_query_terms(m, &qterms);
    for (i = 0; i < n && st == WA_OK; i++) {
        r->hits[i].rank = o->offset + (unsigned)i + 1;
        st = build_hit(m, i, qterms.p, &r->hits[i]);
        r->n = i + 1;
        if (st == WA_OK && o->collapse)
            st = build_dups(m, i, &r->hits[i]);
    }
    wa_buf_release(&qterms);
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
