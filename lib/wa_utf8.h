/* UTF-8 validation, repair, NFC normalisation and German case folding. */
#ifndef WA_UTF8_H
#define WA_UTF8_H

#include <stddef.h>
#include <stdint.h>

#include "wa_buf.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Returns 1 if p[0..len) is well-formed UTF-8 (no overlongs, no surrogates), else 0. */
int wa_utf8_valid(const char *p, size_t len);

/*
 * Decode one code point at *p (p < end) and advance *p past it. An invalid
 * or truncated sequence yields 0xFFFD and advances by one byte. Cannot fail.
 */
int32_t wa_utf8_next(const char **p, const char *end);

/* Append the UTF-8 encoding of cp (invalid cp: U+FFFD) to out. */
wa_status wa_utf8_put(struct wa_buf *out, int32_t cp);

/*
 * Append a cleaned copy of p to out: invalid sequences become U+FFFD, NUL and
 * other C0/C1 controls except TAB, LF and CR become a space, and U+FEFF
 * (a BOM inside text) becomes a space. Returns the number of replaced
 * invalid sequences in *nbad if nbad is not NULL.
 */
wa_status wa_utf8_sanitize(const char *p, size_t len, struct wa_buf *out, size_t *nbad);

/* Append the NFC form of valid UTF-8 p to out (decomposed umlauts composed). */
wa_status wa_utf8_nfc(const char *p, size_t len, struct wa_buf *out);

/* Sanitise, then NFC-normalise: what every extractor's text goes through. */
wa_status wa_utf8_normalize(const char *p, size_t len, struct wa_buf *out);

/* Append the lower-case form of valid UTF-8 p to out. */
wa_status wa_utf8_lower(const char *p, size_t len, struct wa_buf *out);

/*
 * Append a German search fold of p to out: lower case, ä→a, ö→o, ü→u, ß→ss,
 * other Latin diacritics removed, and the spellings ae, oe, ue read as a, o,
 * u (not "ue" after q or a vowel: Quelle, Steuer). Used for unstemmed
 * comparisons such as filter values.
 */
wa_status wa_utf8_fold(const char *p, size_t len, struct wa_buf *out);

/* Returns 1 if cp is a letter or a digit (Unicode categories L and N). */
int wa_utf8_isalnum(int32_t cp);
/* Returns 1 if cp is an upper-case letter. */
int wa_utf8_isupper(int32_t cp);

#ifdef __cplusplus
}
#endif
#endif
