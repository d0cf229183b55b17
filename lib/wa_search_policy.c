/* The search policy: when to relax, when to offer a correction, weights, snippet windows. */
#include "wa_search_policy.h"

#include <string.h>

#include "wa_snippet.h"
#include "wa_utf8.h"

static const struct wa_search_policy defaults = {
    .umlaut_weight = 0.5,
    .compound_weight = 0.3,
    .exact_weight = 0.1,
    .title_weight = 0.3,
    .all_words_boost = 1000.0,
    .all_words_up_to = 3,
    .most_words = 0.75,
    .few_hits = 3,
    .exact_up_to = 1000,
    .snippet_scan = 1024 * 1024,
    .snippet_fragments = 3,
    .compound_min_stem = 4,
    .compound_min_modifier = 3,
    .spelling_max_word = 64,
    .similar_terms = 40,
    .similar_min_word = 3,
    .similar_max_share = 0.5,
};

void wa_search_policy_init(struct wa_search_policy *p)
{
    memcpy(p, &defaults, sizeof *p); /* padding too: policies compare bytewise */
}

const struct wa_search_policy *wa_search_policy_default(void)
{
    return &defaults;
}

const struct wa_search_policy *wa_search_policy_of(const struct wa_search_opts *o)
{
    return o && o->policy ? o->policy : &defaults;
}

int wa_search_policy_relax(const struct wa_search_policy *p, const struct wa_search_opts *o,
                           int no_match)
{
    (void)p;
    /* "more like this" ranks by its own terms; there is nothing to relax */
    return no_match && o->relax && !o->similar && o->query;
}

size_t wa_search_policy_required_words(const struct wa_search_policy *p, size_t nwords)
{
    size_t k;
    if (nwords <= p->all_words_up_to)
        return nwords;
    k = (size_t)(p->most_words * (double)nwords + 0.999);
    if (k < p->all_words_up_to)
        k = p->all_words_up_to;
    return k > nwords ? nwords : k;
}

int wa_search_policy_wants_correction(const struct wa_search_policy *p,
                                      const struct wa_search_opts *o, unsigned long total)
{
    return o->spelling && !o->similar && total < p->few_hits;
}

int wa_search_policy_offers_correction(const struct wa_search_policy *p, unsigned long total,
                                       unsigned long corrected_total)
{
    /* only if the correction finds more than the query did */
    return total < p->few_hits && corrected_total > total;
}

static int is_digit(char c)
{
    return c >= '0' && c <= '9';
}

int wa_search_policy_spelling_word(const struct wa_search_policy *p, const char *w, size_t len)
{
    return len > 0 && len <= p->spelling_max_word && !is_digit(w[0]);
}

int wa_search_policy_similar_word(const struct wa_search_policy *p, const char *w, size_t len)
{
    return len >= p->similar_min_word && !is_digit(w[0]);
}

wa_status wa_search_snippet(wa_mset *m, const struct wa_search_policy *p, const char *text,
                            size_t len, size_t maxlen, const char *hl_start, const char *hl_end,
                            int html, struct wa_buf *out)
{
    const struct wa_qword *words = NULL;
    size_t nwords = 0;
    struct wa_snippet_opts o;
    wa_status st;

    if (!hl_start || !hl_end || !*hl_start || !*hl_end)
        return WA_ERR_INVALID;
    st = wa_mset_query_words(m, &words, &nwords);
    if (st != WA_OK)
        return st;
    o.maxlen = maxlen;
    o.scan = p->snippet_scan;
    o.fragments = p->snippet_fragments;
    o.min_stem = p->compound_min_stem;
    o.min_modifier = p->compound_min_modifier;
    o.hl_start = hl_start;
    o.hl_end = hl_end;
    o.html = html;
    return wa_snippet_make(&o, text, len, words, nwords, out);
}
