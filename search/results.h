/* The result model: one page of hits with metadata, snippets and facets,
 * built once and rendered as text, JSON or HTML. */
#ifndef WA_RESULTS_H
#define WA_RESULTS_H

#include <stddef.h>

#include "wa_record.h"
#include "wa_xapian.h"

/* Format version of the JSON output; see docs/json.md for the changelog. */
#define WA_JSON_FORMAT_VERSION 4

struct wa_hit {
    unsigned rank;               /* 1-based over the whole result list */
    double score;                /* relevance weight */
    struct wa_record rec;        /* stored record (text released after the snippet) */
    char *snippet;               /* plain text */
    char *snippet_marked;        /* text with WA_HL_START/WA_HL_END around matches */
    unsigned long collapsed;     /* documents with the same text folded into this hit */
    struct wa_strlist dup_ids;   /* ids of those documents (when collapsing) */
    struct wa_strlist dup_paths; /* their paths, in the same order */
};

struct wa_facet_value {
    char *value;
    unsigned long count;
};

struct wa_facet_list {
    const char *key;   /* schema key: "werkstatt", "type", "year", "tags", ... */
    const char *label; /* German label */
    struct wa_facet_value *v;
    size_t n;
};

struct wa_results {
    const char *query;
    /* the search as asked, borrowed from the options it was built with */
    unsigned limit;
    enum wa_sort sort;
    const struct wa_filter *filters;
    size_t nfilters;
    const char *date_from; /* "YYYYMMDD" or NULL */
    const char *date_to;
    const char *similar; /* document id, or NULL */
    unsigned long total; /* estimated (exact with facets) */
    int total_exact;     /* total is a count, not an estimate */
    unsigned offset;
    struct wa_hit *hits;
    size_t n;
    char *suggestion; /* "Meinten Sie" correction, or NULL */
    int relaxed;      /* 1: results match only some of the words; 2: those with all come first */
    struct wa_strlist ignored; /* stopwords left out of the query */
    struct wa_facet_list *facets;
    size_t nfacets;
    unsigned hints; /* WA_HINT_* when the page is empty (set by wa_request_hints) */
};

/* What to suggest when a page has no hits: facts for every front end to word. */
enum {
    WA_HINT_PAST_END = 1 << 0,    /* there are hits, only not on this page */
    WA_HINT_NO_FILTERS = 1 << 1,  /* try without the filters */
    WA_HINT_WIDER_DATES = 1 << 2, /* try a larger date range */
    WA_HINT_OTHER_WORDS = 1 << 3, /* try other or fewer words */
};

/* Markers inside snippet_marked: never occur in extracted text. */
#define WA_HL_START "\x01"
#define WA_HL_END   "\x02"

/* The year facet's value for hits without a date. */
#define WA_FACET_UNDATED "ohne Datum"

/* Snippet length in bytes. */
#define WA_SNIPPET_LEN 300

/*
 * Build the model for mset, run with o. similar_id is the document id behind
 * o->similar (or NULL). With o->collapse the copies folded into each hit are
 * listed in dup_ids/dup_paths and counted in collapsed. On error r is released.
 */
wa_status wa_results_build(wa_mset *m, const struct wa_search_opts *o, const char *similar_id,
                           struct wa_results *r);
void wa_results_release(struct wa_results *r);

#endif
