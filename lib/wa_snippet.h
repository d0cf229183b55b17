/* Snippets: the passages of a text with the most and closest query matches, every match marked. */
#ifndef WA_SNIPPET_H
#define WA_SNIPPET_H

#include <stddef.h>

#include "wa_buf.h"
#include "wa_status.h"
#include "wa_xapian.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Passages a snippet may join, at most. */
#define WA_SNIPPET_MAX_FRAGMENTS 8

/* The numbers a snippet is made with (the search policy holds the defaults). */
struct wa_snippet_opts {
    size_t maxlen;        /* bytes of text in a snippet of one passage */
    size_t scan;          /* bytes of the text searched for matches, from its start */
    size_t fragments;     /* passages at most, joined by " … " */
    size_t min_stem;      /* compound marking: query stems shorter than this do not mark */
    size_t min_modifier;  /* ... and the rest of the compound has at least this many bytes */
    const char *hl_start; /* put around every match; non-empty */
    const char *hl_end;
    int html; /* escape the text for HTML (the markers are copied as they are) */
};

/*
 * Append the snippet of text[0..len) for the query words words[0..n)
 * (wa_mset_query_words) to out. A match is a word whose form or german2
 * stem is a query word's (Sitzungen for "sitzung"), a compound with a query
 * word as its head or as one of its parts (Verwaltungsdigitalisierung,
 * Digitalisierungsstrategie), a gender form whose feminine or masculine
 * form matches (Bürger_innen, BürgerInnen, Bürger*innen), an identifier
 * term (§ 34, 12-345/2021) and a variant of a concept term (künstliche
 * Intelligenz for konzept:ki). The passage shown is the window of
 * o->maxlen bytes with the most distinct query words, then the most and
 * closest matches, anywhere in the first o->scan bytes; when no passage has
 * every word, up to o->fragments shorter passages that together have more
 * are joined by " … ". A passage starts at a sentence or word start, ends at
 * a word end, and no match is cut. A text without matches gives its start.
 * "…" marks text left out before and after. On error out may hold part of
 * the snippet.
 */
wa_status wa_snippet_make(const struct wa_snippet_opts *o, const char *text, size_t len,
                          const struct wa_qword *words, size_t n, struct wa_buf *out);

#ifdef __cplusplus
}
#endif
#endif
