/* The search policy: when to relax, when to offer a correction, weights, snippet windows. */
#include "wa_search_policy.h"

#include <string.h>

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
    .snippet_window = 1280,
    .snippet_before = 320,
    .snippet_min_word = 3,
    .compound_min_stem = 4,
    .compound_min_modifier = 3,
    .spelling_max_word = 64,
    .similar_terms = 40,
    .similar_min_word = 3,
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

/* Byte offset of the first ASCII-case-insensitive occurrence of w[0..wlen)
 * in text[0..len), or len. */
static size_t find_folded(const char *text, size_t len, const char *w, size_t wlen)
{
    size_t i, k;
    unsigned char c0;

    if (wlen == 0 || wlen > len)
        return len;
    c0 = (unsigned char)w[0];
    for (i = 0; i + wlen <= len; i++) {
        unsigned char c = (unsigned char)text[i];
        if (c != c0 && !(c >= 'A' && c <= 'Z' && c + 32 == c0))
            continue;
        for (k = 1; k < wlen; k++) {
            unsigned char a = (unsigned char)text[i + k];
            if (a >= 'A' && a <= 'Z')
                a = (unsigned char)(a + 32);
            if (a != (unsigned char)w[k])
                break;
        }
        if (k == wlen)
            return i;
    }
    return len;
}

static int continuation(unsigned char c)
{
    return (c & 0xC0) == 0x80;
}

void wa_search_policy_snippet_window(const struct wa_search_policy *p, const char *text, size_t len,
                                     const struct wa_qword *words, size_t nwords, size_t *off,
                                     size_t *n)
{
    size_t first = len, start, end, i;

    *off = 0;
    *n = len;
    if (len <= p->snippet_window)
        return;
    for (i = 0; i < nwords; i++) {
        if (words[i].len < p->snippet_min_word)
            continue;
        /* only the part before first can hold an earlier occurrence */
        size_t at = find_folded(text, first, words[i].p, words[i].len);
        if (at < first)
            first = at;
    }
    if (first == len)
        first = 0;
    start = first > p->snippet_before ? first - p->snippet_before : 0;
    while (start > 0 && continuation((unsigned char)text[start]))
        start--;
    end = start + p->snippet_window < len ? start + p->snippet_window : len;
    while (end < len && continuation((unsigned char)text[end]))
        end++;
    *off = start;
    *n = end - start;
}

wa_status wa_search_policy_unescape_html(const char *s, size_t len, struct wa_buf *out)
{
    static const struct {
        const char *ent;
        char c;
    } ents[] = {{"&amp;", '&'}, {"&lt;", '<'}, {"&gt;", '>'}, {"&quot;", '"'}, {"&#39;", '\''}};
    size_t k = 0, run = 0, e;
    wa_status st = WA_OK;

    /* copy runs without '&' whole */
    while (k < len && st == WA_OK) {
        if (s[k] != '&') {
            k++;
            continue;
        }
        st = wa_buf_add(out, s + run, k - run);
        for (e = 0; e < sizeof ents / sizeof ents[0] && st == WA_OK; e++) {
            size_t elen = strlen(ents[e].ent);
            if (len - k >= elen && memcmp(s + k, ents[e].ent, elen) == 0) {
                st = wa_buf_addch(out, ents[e].c);
                k += elen;
                break;
            }
        }
        if (e == sizeof ents / sizeof ents[0] && st == WA_OK) {
            st = wa_buf_addch(out, '&');
            k++;
        }
        run = k;
    }
    if (st == WA_OK)
        st = wa_buf_add(out, s + run, len - run);
    return st;
}

/* Marks a stem in the stem list that came from a compound part. */
#define PART_MARK '\x03'

/* 1 if the stem of word[0..len) ends or starts with one of the stems in list
 * (each followed by '\0', the list ended by an empty string) and has at least
 * p->compound_min_modifier more bytes: a compound with a part the query matched. */
static int compound_of(const struct wa_search_policy *p, const char *word, size_t len,
                       const char *list)
{
    struct wa_buf low, stem;
    const char *t;
    int hit = 0;

    wa_buf_init(&low, 1024);
    wa_buf_init(&stem, 1024);
    if (wa_utf8_lower(word, len, &low) == WA_OK && wa_stem(low.p, low.len, &stem) == WA_OK) {
        for (t = list; *t && !hit; t += strlen(t) + 1) {
            size_t n = strlen(t);
            /* the query matched the head (Verwaltungs|digitalisierung); with a
             * matching compound-part term, also the first part
             * (Digitalisierungs|strategie) */
            int part = t[0] == PART_MARK;
            if (part) {
                t++;
                n--;
            }
            hit = stem.len >= n + p->compound_min_modifier &&
                  (memcmp(stem.p + stem.len - n, t, n) == 0 || (part && memcmp(stem.p, t, n) == 0));
        }
    }
    wa_buf_release(&low);
    wa_buf_release(&stem);
    return hit;
}

/* The length of the letter or digit (wa_utf8_isalnum) at p, or 0. */
static size_t word_char(const char *p, const char *end)
{
    const char *q = p;
    return wa_utf8_isalnum(wa_utf8_next(&q, end)) ? (size_t)(q - p) : 0;
}

/* The stems of the query's words long enough to be a compound's head. */
static wa_status stem_list(const struct wa_search_policy *p, const struct wa_qword *words, size_t n,
                           struct wa_buf *list)
{
    wa_status st = WA_OK;
    size_t i;

    for (i = 0; i < n && st == WA_OK; i++) {
        size_t start = list->len, at = start;
        if (words[i].kind == WA_QWORD_PART) {
            /* a compound part matched: it may stand first in the word, too */
            st = wa_buf_addch(list, PART_MARK);
            if (st == WA_OK)
                st = wa_buf_add(list, words[i].p, words[i].len);
            at++;
        } else if (words[i].kind == WA_QWORD_STEM) {
            st = wa_buf_add(list, words[i].p, words[i].len);
        } else if (words[i].kind == WA_QWORD_WORD) {
            st = wa_stem(words[i].p, words[i].len, list);
        } else {
            continue;
        }
        if (st == WA_OK && list->len - at < p->compound_min_stem)
            wa_buf_truncate(list, start); /* none, or too short */
        else if (st == WA_OK)
            st = wa_buf_addch(list, '\0');
    }
    if (st == WA_OK)
        st = wa_buf_addch(list, '\0');
    return st;
}

wa_status wa_search_policy_mark_compounds(const struct wa_search_policy *p, const char *marked,
                                          const struct wa_qword *words, size_t n,
                                          const char *hl_start, const char *hl_end,
                                          struct wa_buf *out)
{
    struct wa_buf list;
    const char *s = marked, *end = marked + strlen(marked);
    int inside = 0;
    wa_status st;

    wa_buf_init(&list, 0);
    st = stem_list(p, words, n, &list);
    while (s < end && st == WA_OK) {
        size_t k = inside ? 0 : word_char(s, end);
        if (k) {
            const char *w = s;
            while (s < end && (k = word_char(s, end)) > 0)
                s += k;
            if (list.p[0] && compound_of(p, w, (size_t)(s - w), list.p)) {
                st = wa_buf_adds(out, hl_start);
                if (st == WA_OK)
                    st = wa_buf_add(out, w, (size_t)(s - w));
                if (st == WA_OK)
                    st = wa_buf_adds(out, hl_end);
            } else {
                st = wa_buf_add(out, w, (size_t)(s - w));
            }
            continue;
        }
        if (*s == hl_start[0])
            inside = 1;
        else if (*s == hl_end[0])
            inside = 0;
        st = wa_buf_addch(out, *s++);
    }
    wa_buf_release(&list);
    return st;
}

wa_status wa_search_snippet(wa_mset *m, const struct wa_search_policy *p, const char *text,
                            size_t len, size_t maxlen, const char *hl_start, const char *hl_end,
                            int html, struct wa_buf *out)
{
    const struct wa_qword *words = NULL;
    size_t nwords = 0, off = 0, n = len;
    struct wa_buf s;
    wa_status st = WA_OK;

    if (len > p->snippet_window)
        st = wa_mset_query_words(m, &words, &nwords);
    if (st != WA_OK)
        return st;
    wa_search_policy_snippet_window(p, text, len, words, nwords, &off, &n);
    if (html)
        return wa_mset_snippet(m, text + off, n, maxlen, hl_start, hl_end, out);
    /* the generator always escapes for HTML; undo that for plain text */
    wa_buf_init(&s, 0);
    st = wa_mset_snippet(m, text + off, n, maxlen, hl_start, hl_end, &s);
    if (st == WA_OK)
        st = wa_search_policy_unescape_html(s.p, s.len, out);
    wa_buf_release(&s);
    return st;
}
