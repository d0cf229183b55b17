/* Internal to the German analysis (lib/wa_german*.c): character helpers and recognisers. */
#ifndef WA_GERMAN_TEXT_H
#define WA_GERMAN_TEXT_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "wa_buf.h"
#include "wa_german.h"
#include "wa_utf8.h"

#define MIN_COMPOUND_BYTES 8 /* cheap pre-check before counting characters */

static inline int32_t cp_at(const char *t, size_t len, size_t i, size_t *next)
{
    const char *p = t + i;
    int32_t cp = wa_utf8_next(&p, t + len);

    *next = (size_t)(p - t);
    return cp;
}

static inline int is_word(int32_t cp)
{
    return wa_utf8_isalnum(cp);
}

static inline int is_digit(int32_t cp)
{
    return cp >= '0' && cp <= '9';
}

static inline int is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static inline int is_lower_letter(int32_t cp)
{
    return wa_utf8_isalnum(cp) && !wa_utf8_isupper(cp) && !is_digit(cp);
}

/* End of the run of word characters starting at i. */
static inline size_t run_end(const char *t, size_t len, size_t i)
{
    size_t n;

    while (i < len && is_word(cp_at(t, len, i, &n)))
        i = n;
    return i;
}

/* End of the run of lower-case letters starting at i. */
static inline size_t lower_end(const char *t, size_t len, size_t i)
{
    size_t n;

    while (i < len && is_lower_letter(cp_at(t, len, i, &n)))
        i = n;
    return i;
}

static inline int starts_upper(const char *t, size_t len, size_t i)
{
    size_t n;

    return i < len && wa_utf8_isupper(cp_at(t, len, i, &n));
}

static inline int all_letters(const char *t, size_t a, size_t b)
{
    size_t n;

    while (a < b) {
        int32_t cp = cp_at(t, b, a, &n);
        if (!is_word(cp) || is_digit(cp))
            return 0;
        a = n;
    }
    return 1;
}

static inline size_t count_chars(const char *t, size_t a, size_t b)
{
    size_t n = 0;

    for (; a < b; a++)
        if (((unsigned char)t[a] & 0xC0) != 0x80)
            n++;
    return n;
}

/* A recognised gender form: stem + "innen"/"in" + continuation. */
struct wa_gender_form {
    size_t stem_a, stem_b; /* masculine stem */
    const char *suffix;    /* "innen" or "in" */
    size_t cont_a, cont_b; /* continuation of a compound (Besucher:innenzentrum) */
    size_t end;            /* end of the whole token */
};

static inline int has_at(const char *t, size_t len, size_t i, const char *s)
{
    size_t n = strlen(s);
    return i + n <= len && memcmp(t + i, s, n) == 0;
}

/*
 * Is the word run [ws, we) of t the start of a gender form? Recognises
 * Bürger*innen, Bürger:innen, Bürger_innen, Bürger/innen, Bürger/-innen,
 * Bürger·innen (and the singular "in"), and Binnen-I (BürgerInnen, LehrerIn).
 * Fills g and returns 1, else 0.
 */
int wa_german_gender_at(const char *t, size_t len, size_t ws, size_t we, struct wa_gender_form *g);
/* Append the feminine plain form (Bürgerinnen) to fem and the masculine (Bürger) to masc. */
wa_status wa_german_gender_forms(const char *t, const struct wa_gender_form *g, struct wa_buf *fem,
                                 struct wa_buf *masc);
/* E-Akte, e-Akte: returns the end of the word after "e-" (0 if the run [ws, we)
 * is no e-word); *word receives its start. */
size_t wa_german_eword_at(const char *t, size_t len, size_t ws, size_t we, size_t *word);
/* Next word token at or after *i, lower-cased into out, e-words joined (eakte).
 * Returns 1, 0 at the end of the text, -1 when out of memory; *caps is set if
 * the token was written in capitals. */
int wa_german_next_token(const char *t, size_t len, size_t *i, struct wa_buf *out, int *caps);
/* "§ 34", "§§ 34a", "§34" at i: returns the end and writes "§34a" to out, or 0. */
size_t wa_german_paragraph_at(const char *t, size_t len, size_t i, struct wa_buf *out);
/* "12-345/2021", "18/1234" at i: digits joined by - or /; returns the end, or 0. */
size_t wa_german_number_at(const char *t, size_t len, size_t i);

/* Synonym table internals shared by querying and indexing. */
size_t wa_synonyms_nconcepts(const struct wa_synonyms *s);
/* Id of concept k (NULL if out of range); borrowed from s. */
const char *wa_synonyms_concept(const struct wa_synonyms *s, size_t k);
/* Set seen[k] (an array of wa_synonyms_nconcepts bytes) for every concept k
 * with a variant in text. */
wa_status wa_synonyms_scan(const struct wa_synonyms *s, const char *text, size_t len,
                           unsigned char *seen);
/* End of a multi-word variant starting at ws of query q (0 if none); *concept its index. */
size_t wa_synonyms_span(const struct wa_synonyms *s, const char *q, size_t len, size_t ws,
                        size_t *concept);
/* End of a variant (one word or several, apart by blanks or a hyphen) of a
 * concept k with want[k] set that starts at the word start ws of text t (0 if
 * none); *concept its index. The longest such variant wins. */
size_t wa_synonyms_variant_at(const struct wa_synonyms *s, const char *t, size_t len, size_t ws,
                              const unsigned char *want, size_t *concept);

#endif
