/* German indexing: gender forms, e-words, numbers, compound parts, identifiers, concepts. */
#include "wa_german.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "wa_german_text.h"
#include "wa_schema.h"
#include "wa_utf8.h"

/* Add term (prefix + lower-case word) and its stem at position pos. */
static wa_status add_alt_posting(wa_doc *doc, const char *prefix, const char *w, size_t wn,
                                 unsigned pos)
{
    struct wa_buf low, term;
    wa_status st;

    wa_buf_init(&low, 0);
    wa_buf_init(&term, 0);
    st = wa_utf8_lower(w, wn, &low);
    if (st == WA_OK)
        st = wa_buf_addf(&term, "%s%s", prefix, low.p);
    if (st == WA_OK && term.len <= 245)
        st = wa_doc_add_posting(doc, term.p, term.len, pos);
    wa_buf_reset(&term);
    if (st == WA_OK)
        st = wa_buf_addf(&term, "Z%s", prefix);
    if (st == WA_OK)
        st = wa_stem(low.p, low.len, &term);
    if (st == WA_OK && term.len <= 245)
        st = wa_doc_add_posting(doc, term.p, term.len, pos);
    wa_buf_release(&low);
    wa_buf_release(&term);
    return st;
}

/* Add Z + prefix + lower-case token at position pos. */
static wa_status add_z_posting(wa_doc *doc, const char *prefix, const char *w, size_t wn,
                               unsigned pos)
{
    struct wa_buf term;
    wa_status st;

    wa_buf_init(&term, 0);
    st = wa_buf_addf(&term, "Z%s", prefix);
    if (st == WA_OK)
        st = wa_utf8_lower(w, wn, &term);
    if (st == WA_OK && term.len <= 245)
        st = wa_doc_add_posting(doc, term.p, term.len, pos);
    wa_buf_release(&term);
    return st;
}

/* Add ZXC<stem of the lower-case word> (a compound part). */
static wa_status add_part(wa_doc *doc, const char *w, size_t wn, struct wa_buf *term)
{
    wa_status st;

    wa_buf_reset(term);
    st = wa_buf_addf(term, "Z%s", WA_PREFIX_COMPOUND);
    if (st == WA_OK)
        st = wa_stem(w, wn, term);
    if (st == WA_OK && term->len > 3 && term->len <= 245)
        st = wa_doc_add_term(doc, term->p, term->len, 1);
    return st;
}

/* Compound parts, identifiers and concepts of body text. */
static wa_status index_extras(wa_doc *doc, const char *t, size_t len)
{
    wa_splitter *sp = wa_german_splitter();
    const struct wa_synonyms *syn = wa_german_synonyms();
    struct wa_buf low, term, id;
    struct wa_part parts[WA_COMPOUND_MAXPARTS];
    size_t i = 0, n, k, e;
    int prev_word = 0;
    wa_status st = WA_OK;

    wa_buf_init(&low, 0);
    wa_buf_init(&term, 0);
    wa_buf_init(&id, 0);
    while (i < len && st == WA_OK) {
        int32_t cp = cp_at(t, len, i, &n);
        size_t we;
        if ((e = wa_german_paragraph_at(t, len, i, &id)) != 0) {
            wa_buf_reset(&term);
            st = wa_buf_addf(&term, "%s%s", WA_PREFIX_IDENT, id.p);
            if (st == WA_OK)
                st = wa_doc_add_term(doc, term.p, term.len, 1);
            i = e;
            prev_word = 1;
            continue;
        }
        if (!is_word(cp) || prev_word) {
            prev_word = is_word(cp);
            i = n;
            continue;
        }
        we = run_end(t, len, i);
        prev_word = 1;
        if (is_digit(cp) && (e = wa_german_number_at(t, len, i)) != 0 && e - i < 100) {
            wa_buf_reset(&term);
            st = wa_buf_addf(&term, "%s%.*s", WA_PREFIX_IDENT, (int)(e - i), t + i);
            if (st == WA_OK)
                st = wa_doc_add_term(doc, term.p, term.len, 1);
            i = e;
            continue;
        }
        if (sp && we - i >= MIN_COMPOUND_BYTES && we - i <= WA_COMPOUND_MAXINPUT &&
            starts_upper(t, len, i) && all_letters(t, i, we)) {
            wa_buf_reset(&low);
            st = wa_utf8_lower(t + i, we - i, &low);
            n = st == WA_OK ? wa_splitter_split(sp, low.p, low.len, parts) : 0;
            for (k = 0; k < n && st == WA_OK; k++)
                st = add_part(doc, parts[k].base, parts[k].base_len, &term);
        }
        i = we;
    }
    if (st == WA_OK && wa_synonyms_nconcepts(syn)) {
        unsigned char *seen = calloc(wa_synonyms_nconcepts(syn), 1);
        if (!seen)
            st = WA_ERR_NOMEM;
        if (st == WA_OK)
            st = wa_synonyms_scan(syn, t, len, seen);
        for (k = 0; st == WA_OK && k < wa_synonyms_nconcepts(syn); k++) {
            if (!seen[k])
                continue;
            wa_buf_reset(&term);
            st = wa_buf_addf(&term, "%s%s", WA_PREFIX_CONCEPT, wa_synonyms_concept(syn, k));
            if (st == WA_OK && term.len <= 245)
                st = wa_doc_add_term(doc, term.p, term.len, 1);
        }
        free(seen);
    }
    wa_buf_release(&low);
    wa_buf_release(&term);
    wa_buf_release(&id);
    return st;
}

wa_status wa_german_index_text(wa_doc *doc, const char *t, size_t len, unsigned wdf_inc,
                               const char *prefix)
{
    struct wa_buf fem, masc, term;
    size_t i = 0, done = 0, n;
    int prev_word = 0;
    wa_status st = WA_OK;

    if (!prefix)
        prefix = "";
    wa_buf_init(&fem, 0);
    wa_buf_init(&masc, 0);
    wa_buf_init(&term, 0);
    while (i < len && st == WA_OK) {
        int32_t cp = cp_at(t, len, i, &n);
        size_t ws, we, w2, e;
        struct wa_gender_form g;

        if (!is_word(cp) || prev_word) {
            prev_word = is_word(cp);
            i = n;
            continue;
        }
        ws = i;
        we = run_end(t, len, ws);
        prev_word = 1;
        i = we;
        if (wa_german_gender_at(t, len, ws, we, &g)) {
            wa_buf_reset(&fem);
            wa_buf_reset(&masc);
            st = wa_german_gender_forms(t, &g, &fem, &masc);
            if (st == WA_OK && ws > done)
                st = wa_doc_index_text(doc, t + done, ws - done, wdf_inc, prefix);
            if (st == WA_OK)
                st = wa_doc_index_text(doc, fem.p, fem.len, wdf_inc, prefix);
            if (st == WA_OK)
                st = add_alt_posting(doc, prefix, masc.p, masc.len, wa_doc_termpos(doc));
            done = i = g.end;
            continue;
        }
        if (is_digit(cp)) {
            /*
             * TermGenerator gives numbers no stemmed Z term, but the query
             * parser stems every word: add Z<number> at the number's position
             * so that numbers and phrases with numbers ("12-345/2021") match.
             */
            size_t te = we;
            while (te + 1 < len && (t[te] == '.' || t[te] == ',') &&
                   is_digit((unsigned char)t[te + 1]))
                te = run_end(t, len, te + 1);
            if (ws > done)
                st = wa_doc_index_text(doc, t + done, ws - done, wdf_inc, prefix);
            if (st == WA_OK)
                st = wa_doc_index_text(doc, t + ws, te - ws, wdf_inc, prefix);
            if (st == WA_OK)
                st = add_z_posting(doc, prefix, t + ws, te - ws, wa_doc_termpos(doc));
            done = i = te;
            continue;
        }
        if ((e = wa_german_eword_at(t, len, ws, we, &w2)) != 0) {
            wa_buf_reset(&fem);
            st = wa_buf_addch(&fem, 'e');
            if (st == WA_OK)
                st = wa_buf_add(&fem, t + w2, e - w2);
            if (st == WA_OK && ws > done)
                st = wa_doc_index_text(doc, t + done, ws - done, wdf_inc, prefix);
            if (st == WA_OK)
                st = wa_doc_index_text(doc, fem.p, fem.len, wdf_inc, prefix);
            if (st == WA_OK && !*prefix) {
                wa_buf_reset(&masc);
                st = wa_utf8_lower(t + w2, e - w2, &masc);
                if (st == WA_OK)
                    st = add_part(doc, masc.p, masc.len, &term);
            }
            done = i = e;
            continue;
        }
    }
    if (st == WA_OK && len > done)
        st = wa_doc_index_text(doc, t + done, len - done, wdf_inc, prefix);
    if (st == WA_OK && !*prefix)
        st = index_extras(doc, t, len);
    wa_buf_release(&fem);
    wa_buf_release(&masc);
    wa_buf_release(&term);
    return st;
}
