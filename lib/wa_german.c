/* German text analysis: data directory, dictionary, stopwords and the recognisers. */
#include "wa_german.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "wa_german_text.h"
#include "wa_utf8.h"

#ifndef WA_BUILD_DATA_DIR
#define WA_BUILD_DATA_DIR ""
#endif
#ifndef WA_INSTALL_DATA_DIR
#define WA_INSTALL_DATA_DIR "/usr/local/share/werkarchiv"
#endif

extern const char *const wa_german_stopword_table[];
extern const size_t wa_german_stopword_count;

/* ---- data directory and dictionary ---------------------------------- */

static wa_splitter *g_splitter;
static int g_splitter_tried;
static wa_status g_status = WA_OK;

const char *wa_german_data_dir(void)
{
    const char *e = getenv(WA_GERMAN_DATA_ENV);

    if (e && *e)
        return e;
    if (*WA_BUILD_DATA_DIR && access(WA_BUILD_DATA_DIR "/" WA_DICT_FILE, R_OK) == 0)
        return WA_BUILD_DATA_DIR;
    return WA_INSTALL_DATA_DIR;
}

wa_splitter *wa_german_splitter(void)
{
    char path[4096];

    if (!g_splitter_tried) {
        g_splitter_tried = 1;
        snprintf(path, sizeof path, "%s/%s", wa_german_data_dir(), WA_DICT_FILE);
        g_status = wa_splitter_open(&g_splitter, path);
    }
    return g_splitter;
}

wa_status wa_german_status(void)
{
    return g_status;
}

/*
 * Words that Snowball merges with unrelated families; each form, also in its
 * ae/oe/ue spelling, gets a stem of its own. Sorted by word for bsearch.
 */
static const struct {
    const char *word, *stem;
} stem_exceptions[] = {
    {"akte", "akte"},           {"akten", "akte"},           {"bauer", "bauer"},
    {"bauern", "bauer"},        {"bauers", "bauer"},         {"buerger", "bürger"},
    {"buergern", "bürger"},     {"buergers", "bürger"},      {"bürger", "bürger"},
    {"bürgern", "bürger"},      {"bürgers", "bürger"},       {"mueller", "müller"},
    {"muellers", "müller"},     {"müller", "müller"},        {"müllers", "müller"},
    {"verwalter", "verwalter"}, {"verwaltern", "verwalter"}, {"verwalters", "verwalter"},
    {"waehler", "wähler"},      {"waehlern", "wähler"},      {"waehlers", "wähler"},
    {"wähler", "wähler"},       {"wählern", "wähler"},       {"wählers", "wähler"},
};

const char *wa_german_stem_exception(const char *word, size_t len)
{
    size_t lo = 0, hi = sizeof stem_exceptions / sizeof stem_exceptions[0];

    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        const char *w = stem_exceptions[mid].word;
        size_t wl = strlen(w);
        int c = memcmp(w, word, wl < len ? wl : len);
        if (c == 0)
            c = wl < len ? -1 : wl > len;
        if (c == 0)
            return stem_exceptions[mid].stem;
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
}

const char *const *wa_german_stopwords(size_t *n)
{
    if (n)
        *n = wa_german_stopword_count;
    return wa_german_stopword_table;
}

/* ---- gender forms and e-words --------------------------------------- */

/*
 * Is the word run [ws, we) the start of a gender form? Recognises
 * Bürger*innen, Bürger:innen, Bürger_innen, Bürger/innen, Bürger/-innen,
 * Bürger·innen (and the singular "in"), and Binnen-I (BürgerInnen, LehrerIn).
 */
int wa_german_gender_at(const char *t, size_t len, size_t ws, size_t we, struct wa_gender_form *g)
{
    static const char *const markers[] = {"/-", "*", ":", "_", "/", "\xC2\xB7", NULL};
    size_t k, n;
    int32_t lastcp = 0;

    if (!starts_upper(t, len, ws))
        return 0;
    /* the last character of the run must be a small letter */
    for (k = ws; k < we; k = n)
        lastcp = cp_at(t, len, k, &n);
    for (k = 0; markers[k] && is_lower_letter(lastcp); k++) {
        size_t m = we + strlen(markers[k]);
        if (!has_at(t, len, we, markers[k]))
            continue;
        if (has_at(t, len, m, "innen")) {
            g->suffix = "innen";
            g->cont_a = m + 5;
            g->cont_b = lower_end(t, len, m + 5);
        } else if (has_at(t, len, m, "in") && run_end(t, len, m + 2) == m + 2) {
            g->suffix = "in";
            g->cont_a = g->cont_b = m + 2;
        } else {
            continue;
        }
        if (g->cont_b < len && is_word(cp_at(t, len, g->cont_b, &n)))
            return 0; /* Bürger*innenXyz with a capital inside: leave it */
        g->stem_a = ws;
        g->stem_b = we;
        g->end = g->cont_b;
        return 1;
    }
    /* Binnen-I: a small letter, then "Innen" (maybe continued) or "In" at the end */
    for (k = ws + 1; k + 2 <= we; k++) {
        int32_t prev;
        size_t p = k, q;
        if (t[k] != 'I')
            continue;
        /* the character before k */
        do
            p--;
        while (p > ws && ((unsigned char)t[p] & 0xC0) == 0x80);
        prev = cp_at(t, len, p, &q);
        if (!is_lower_letter(prev))
            continue;
        if (has_at(t, we, k, "Innen") && lower_end(t, len, k + 5) == we) {
            g->suffix = "innen";
            g->cont_a = k + 5;
        } else if (k + 2 == we && t[k + 1] == 'n' && count_chars(t, ws, k) >= 4) {
            g->suffix = "in";
            g->cont_a = we;
        } else {
            continue;
        }
        g->stem_a = ws;
        g->stem_b = k;
        g->cont_b = we;
        g->end = we;
        return 1;
    }
    return 0;
}

wa_status wa_german_gender_forms(const char *t, const struct wa_gender_form *g, struct wa_buf *fem,
                                 struct wa_buf *masc)
{
    wa_status st = wa_buf_add(fem, t + g->stem_a, g->stem_b - g->stem_a);

    if (st == WA_OK)
        st = wa_buf_adds(fem, g->suffix);
    if (st == WA_OK)
        st = wa_buf_add(fem, t + g->cont_a, g->cont_b - g->cont_a);
    if (st == WA_OK)
        st = wa_buf_add(masc, t + g->stem_a, g->stem_b - g->stem_a);
    if (st == WA_OK)
        st = wa_buf_add(masc, t + g->cont_a, g->cont_b - g->cont_a);
    return st;
}

/* E-Akte, e-Akte: a single "e" before a hyphen and a capitalised word.
 * Returns the end of that word (0 if not an e-word); *word receives its start. */
size_t wa_german_eword_at(const char *t, size_t len, size_t ws, size_t we, size_t *word)
{
    if (we != ws + 1 || (t[ws] != 'e' && t[ws] != 'E') || !has_at(t, len, we, "-") ||
        !starts_upper(t, len, we + 1))
        return 0;
    *word = we + 1;
    return run_end(t, len, we + 1);
}

/* ---- tokens (for concepts) ------------------------------------------ */

/* Next word token at or after *i: lower-cased into out, e-words joined.
 * Returns 0 at the end of the text. *caps is set if it was all upper case. */
int wa_german_next_token(const char *t, size_t len, size_t *i, struct wa_buf *out, int *caps)
{
    size_t n, ws, we, w2, e;

    while (*i < len && !is_word(cp_at(t, len, *i, &n)))
        *i = n;
    if (*i >= len)
        return 0;
    ws = *i;
    we = run_end(t, len, ws);
    wa_buf_reset(out);
    e = wa_german_eword_at(t, len, ws, we, &w2);
    *caps = 1;
    for (n = ws; n < we; n++)
        if (t[n] >= 'a' && t[n] <= 'z')
            *caps = 0;
    if (e) {
        if (wa_buf_addch(out, 'e') != WA_OK || wa_utf8_lower(t + w2, e - w2, out) != WA_OK)
            return -1;
        *caps = 0;
        *i = e;
        return 1;
    }
    if (wa_utf8_lower(t + ws, we - ws, out) != WA_OK)
        return -1;
    *i = we;
    return 1;
}

/* ---- identifiers ------------------------------------------------------ */

/* "§ 34", "§§ 34a", "§34": returns the end and writes "§34a" to out, or 0. */
size_t wa_german_paragraph_at(const char *t, size_t len, size_t i, struct wa_buf *out)
{
    size_t j = i, d, n;

    while (has_at(t, len, j, "\xC2\xA7"))
        j += 2;
    if (j == i)
        return 0;
    while (j < len && (t[j] == ' ' || t[j] == '\t' || has_at(t, len, j, "\xC2\xA0")))
        j += t[j] == ' ' || t[j] == '\t' ? 1 : 2;
    for (d = j; d < len && t[d] >= '0' && t[d] <= '9'; d++)
        ;
    if (d == j || d - j > 6)
        return 0;
    if (d < len && t[d] >= 'a' && t[d] <= 'z' &&
        (d + 1 == len || !is_word(cp_at(t, len, d + 1, &n))))
        d++;
    if (d < len && is_word(cp_at(t, len, d, &n)))
        return 0;
    wa_buf_reset(out);
    if (wa_buf_add(out, "\xC2\xA7", 2) != WA_OK || wa_buf_add(out, t + j, d - j) != WA_OK)
        return 0;
    return d;
}

/* "12-345/2021", "18/1234": digits joined by - or /; returns the end, or 0. */
size_t wa_german_number_at(const char *t, size_t len, size_t i)
{
    size_t j = i, seps = 0, n;

    for (;;) {
        size_t d = j;
        while (d < len && t[d] >= '0' && t[d] <= '9')
            d++;
        if (d == j)
            return 0;
        j = d;
        if (j + 1 < len && (t[j] == '-' || t[j] == '/') && t[j + 1] >= '0' && t[j + 1] <= '9') {
            j++;
            seps++;
            continue;
        }
        break;
    }
    if (!seps || (j < len && is_word(cp_at(t, len, j, &n))))
        return 0;
    return j;
}
