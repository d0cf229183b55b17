/* JSON output (format_version WA_JSON_FORMAT_VERSION, see docs/json.md). */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "render.h"
#include "wa_escape.h"
#include "wa_schema.h"

static json_t *str_or_null(const char *s)
{
    return s ? json_string(s) : json_null();
}

static json_t *list(const struct wa_strlist *l)
{
    json_t *a = json_array();
    size_t i;
    for (i = 0; a && i < l->n; i++)
        json_array_append_new(a, json_string(l->v[i]));
    return a;
}

/* The record fields of output out as members of o: strings or null, lists as arrays. */
static void record_fields(json_t *o, const struct wa_record *rec, enum wa_output out)
{
    const struct wa_field *f;
    size_t i;

    for (i = 0; (f = wa_schema_output(out, i)) != NULL; i++) {
        const struct wa_strlist *l = wa_record_list(rec, f);
        json_object_set_new(o, f->key, l ? list(l) : str_or_null(wa_record_str(rec, f)));
    }
}

/* Snippet with <mark> around matches, HTML-escaped (the page's own escaping). */
static json_t *snippet_html(const char *s)
{
    struct wa_buf b;
    json_t *r = NULL;

    wa_buf_init(&b, 0);
    if (!s)
        s = "";
    if (wa_escape_html_marked(&b, s, strlen(s), WA_HL_START[0], WA_HL_END[0]) == WA_OK)
        r = json_stringn(b.p ? b.p : "", b.len);
    wa_buf_release(&b);
    return r;
}

static const char *sort_key(enum wa_sort s)
{
    return s == WA_SORT_NEWEST ? "newest" : s == WA_SORT_OLDEST ? "oldest" : "relevance";
}

/* "YYYYMMDD" as "YYYY-MM-DD", or null. */
static json_t *iso_or_null(const char *d)
{
    char b[11];

    if (!d || strlen(d) != 8)
        return json_null();
    snprintf(b, sizeof b, "%.4s-%.2s-%.2s", d, d + 4, d + 6);
    return json_string(b);
}

static json_t *request(const struct wa_results *r)
{
    json_t *o = json_object(), *f = json_array();
    size_t i;

    for (i = 0; f && i < r->nfilters; i++) {
        json_t *x = json_object();
        json_object_set_new(x, "field", json_string(r->filters[i].field));
        json_object_set_new(x, "value", json_string(r->filters[i].value));
        json_array_append_new(f, x);
    }
    json_object_set_new(o, "limit", json_integer(r->limit));
    json_object_set_new(o, "sort", json_string(sort_key(r->sort)));
    json_object_set_new(o, "filters", f);
    json_object_set_new(o, "date_from", iso_or_null(r->date_from));
    json_object_set_new(o, "date_to", iso_or_null(r->date_to));
    json_object_set_new(o, "similar", str_or_null(r->similar));
    return o;
}

static json_t *duplicates(const struct wa_hit *h)
{
    json_t *a = json_array();
    size_t i;

    for (i = 0; a && i < h->dup_ids.n; i++) {
        json_t *x = json_object();
        json_object_set_new(x, "id", json_string(h->dup_ids.v[i]));
        json_object_set_new(x, "path", json_string(h->dup_paths.v[i]));
        json_array_append_new(a, x);
    }
    return a;
}

int wa_render_json(FILE *out, const struct wa_results *r)
{
    json_t *o = json_object(), *hits = json_array(), *facets = json_object();
    size_t i, j;
    int rc = 0;

    if (!o || !hits || !facets) {
        json_decref(o);
        json_decref(hits);
        json_decref(facets);
        return -1;
    }
    json_object_set_new(o, "format_version", json_integer(WA_JSON_FORMAT_VERSION));
    json_object_set_new(o, "query", json_string(r->query ? r->query : ""));
    json_object_set_new(o, "request", request(r));
    json_object_set_new(o, "total", json_integer((json_int_t)r->total));
    json_object_set_new(o, "offset", json_integer(r->offset));
    json_object_set_new(o, "count", json_integer((json_int_t)r->n));
    json_object_set_new(o, "relaxed", json_boolean(r->relaxed));
    json_object_set_new(o, "ignored", list(&r->ignored));
    json_object_set_new(o, "suggestion", str_or_null(r->suggestion));
    for (i = 0; i < r->n; i++) {
        const struct wa_hit *h = &r->hits[i];
        json_t *x = json_object();
        json_object_set_new(x, "rank", json_integer(h->rank));
        record_fields(x, &h->rec, WA_OUT_HIT_JSON);
        json_object_set_new(x, "snippet", json_string(h->snippet ? h->snippet : ""));
        json_object_set_new(x, "snippet_html", snippet_html(h->snippet_marked));
        json_object_set_new(x, "score", json_real(h->score));
        json_object_set_new(x, "collapsed", json_integer((json_int_t)h->collapsed));
        json_object_set_new(x, "duplicates", duplicates(h));
        json_array_append_new(hits, x);
    }
    json_object_set_new(o, "results", hits);
    for (i = 0; i < r->nfacets; i++) {
        json_t *a = json_array();
        for (j = 0; j < r->facets[i].n; j++) {
            json_t *v = json_object();
            json_object_set_new(v, "value", json_string(r->facets[i].v[j].value));
            json_object_set_new(v, "count", json_integer((json_int_t)r->facets[i].v[j].count));
            json_array_append_new(a, v);
        }
        json_object_set_new(facets, r->facets[i].key, a);
    }
    json_object_set_new(o, "facets", facets);
    if (json_dumpf(o, out, JSON_INDENT(2)) != 0)
        rc = -1;
    fputc('\n', out);
    json_decref(o);
    return rc;
}

int wa_render_record_json(FILE *out, const struct wa_record *rec)
{
    json_t *o = json_object(), *d = json_object();
    int rc = 0;

    if (!o || !d) {
        json_decref(o);
        json_decref(d);
        return -1;
    }
    record_fields(d, rec, WA_OUT_DOC_JSON);
    json_object_set_new(d, "text",
                        rec->text ? json_stringn(rec->text, rec->text_len) : json_string(""));
    json_object_set_new(o, "format_version", json_integer(WA_JSON_FORMAT_VERSION));
    json_object_set_new(o, "document", d);
    if (json_dumpf(o, out, JSON_INDENT(2)) != 0)
        rc = -1;
    fputc('\n', out);
    json_decref(o);
    return rc;
}
