/* The search policy: the rules and numbers of a search, in C, testable without an index. */
#ifndef WA_SEARCH_POLICY_H
#define WA_SEARCH_POLICY_H

#include <stddef.h>

#include "wa_buf.h"
#include "wa_status.h"
#include "wa_xapian.h"

#ifdef __cplusplus
extern "C" {
#endif

/*
 * The tunable numbers. The wrapper (wa_xapian*.cc) runs queries and asks
 * the functions below what to do; everything it decides on is here.
 */
struct wa_search_policy {
    /* Weight of an exact form reached through an umlaut variant (Muenchen →
     * München) relative to the exact form typed. */
    double umlaut_weight;
    /* Ranking: BM25 over the stems of the query's words carries the score.
     * A word matched only as a compound part (Gebühren in
     * Abwassergebühren) weighs compound_weight of a whole-word match; the
     * exact forms typed and query words in the title add exact_weight and
     * title_weight of their BM25 weight: enough to break ties, too little
     * to outweigh a document that has every word's stem. */
    double compound_weight;
    double exact_weight;
    double title_weight;
    /* Relaxed searches add all_words_boost to documents with every word, so
     * that they come first (far above any BM25 weight). */
    double all_words_boost;
    /* Long questions: up to all_words_up_to content words every one is
     * required; beyond that the share most_words of them. */
    size_t all_words_up_to;
    double most_words;
    /* Below this many hits a spelling correction is looked for, and offered
     * when it finds more ("Meinten Sie"). */
    unsigned long few_hits;
    /* Totals up to this many matches are counted exactly, not estimated. */
    unsigned long exact_up_to;
    /* Snippets: matches are looked for in the first snippet_scan bytes of a
     * text, so that the cost of a snippet stays bounded on big documents; a
     * long text whose best passage lacks query words may show up to
     * snippet_fragments shorter passages. */
    size_t snippet_scan;
    size_t snippet_fragments;
    /* Compound marking in snippets: query stems shorter than this ("amt")
     * would match inside too many words; the part before the matched head
     * has at least compound_min_modifier bytes. */
    size_t compound_min_stem;
    size_t compound_min_modifier;
    /* Words longer than this (bytes) do not feed the spelling data. */
    size_t spelling_max_word;
    /* "More like this": the number of terms taken from the document, and
     * their minimum length in bytes. */
    unsigned similar_terms;
    size_t similar_min_word;
    /* ... and words in more than this share of all documents are boilerplate,
     * left out like stopwords and people's names. */
    double similar_max_share;
};

/* Fill p with the defaults. Cannot fail. */
void wa_search_policy_init(struct wa_search_policy *p);
/* The defaults (static, read-only). Cannot fail. */
const struct wa_search_policy *wa_search_policy_default(void);
/* o->policy, or the defaults when it is NULL. Cannot fail. */
const struct wa_search_policy *wa_search_policy_of(const struct wa_search_opts *o);

/*
 * Relaxation: 1 if a search run with all words required that matched
 * nothing at all (no_match; not merely an empty later page) is to be run
 * again with any word, ranking documents that have all or most of the words
 * first.
 */
int wa_search_policy_relax(const struct wa_search_policy *p, const struct wa_search_opts *o,
                           int no_match);

/*
 * Long questions: of nwords content words, how many a document must have.
 * Up to all_words_up_to words all of them; beyond that most_words of them
 * (rounded up), at least all_words_up_to. Cannot fail.
 */
size_t wa_search_policy_required_words(const struct wa_search_policy *p, size_t nwords);

int wa_search_policy_wants_correction(const struct wa_search_policy *p,
                                      const struct wa_search_opts *o, unsigned long total);

/* 1 if the correction, which finds corrected_total hits (counted up to
 * few_hits), is offered to a search that found total ("Meinten Sie"). */
int wa_search_policy_offers_correction(const struct wa_search_policy *p, unsigned long total,
                                       unsigned long corrected_total);

/* 1 if the unprefixed index term w[0..len) of a document feeds the spelling
 * data (words only: no numbers, nothing too long). */
int wa_search_policy_spelling_word(const struct wa_search_policy *p, const char *w, size_t len);

/* 1 if the unprefixed index term w[0..len) may be one of the terms of a
 * "more like this" query. */
int wa_search_policy_similar_word(const struct wa_search_policy *p, const char *w, size_t len);

/*
 * The snippet of a hit: wa_snippet_make (lib/wa_snippet.h) over text[0..len)
 * with the query words of m, passages of maxlen bytes, the matches between
 * hl_start and hl_end (one byte each, never in extracted text), escaped for
 * HTML when html is set and plain text otherwise. On error the message is
 * on m.
 */
wa_status wa_search_snippet(wa_mset *m, const struct wa_search_policy *p, const char *text,
                            size_t len, size_t maxlen, const char *hl_start, const char *hl_end,
                            int html, struct wa_buf *out);

#ifdef __cplusplus
}
#endif
#endif
