/* UTF-8 helpers (see wa_utf8.h); Unicode tables come from utf8proc. */
#include "wa_utf8.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

int32_t wa_utf8_next(const char **pp, const char *end)
{
    const unsigned char *p = (const unsigned char *)*pp;
    size_t avail = (size_t)(end - *pp);
    int32_t cp;
    size_t n, i;
    unsigned char c = p[0];

    if (c < 0x80) {
        *pp += 1;
        return c;
    }
    if (c >= 0xC2 && c <= 0xDF) {
        n = 2;
        cp = c & 0x1F;
    } else if (c >= 0xE0 && c <= 0xEF) {
        n = 3;
        cp = c & 0x0F;
    } else if (c >= 0xF0 && c <= 0xF4) {
        n = 4;
        cp = c & 0x07;
    } else {
        goto bad;
    }
    if (avail < n)
        goto bad;
    for (i = 1; i < n; i++) {
        if ((p[i] & 0xC0) != 0x80)
            goto bad;
        cp = (cp << 6) | (p[i] & 0x3F);
    }
    if ((n == 3 && cp < 0x800) || (n == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
        (cp >= 0xD800 && cp <= 0xDFFF))
        goto bad;
    *pp += n;
    return cp;
bad:
    *pp += 1;
    return 0xFFFD;
}

int wa_utf8_valid(const char *p, size_t len)
{
    const char *end = p + len;

    while (p < end) {
        const char *q = p;
        int32_t cp;

        if ((unsigned char)*p < 0x80) {
            p++;
            continue;
        }
        cp = wa_utf8_next(&p, end);
        if (cp == 0xFFFD && p - q == 1)
            return 0;
    }
    return 1;
}

wa_status wa_utf8_put(struct wa_buf *out, int32_t cp)
{
    char tmp[4];
    size_t n;

    if (cp < 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        cp = 0xFFFD;
    if (cp < 0x80) {
        tmp[0] = (char)cp;
        n = 1;
    } else if (cp < 0x800) {
        tmp[0] = (char)(0xC0 | (cp >> 6));
        tmp[1] = (char)(0x80 | (cp & 0x3F));
        n = 2;
    } else if (cp < 0x10000) {
        tmp[0] = (char)(0xE0 | (cp >> 12));
        tmp[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        tmp[2] = (char)(0x80 | (cp & 0x3F));
        n = 3;
    } else {
        tmp[0] = (char)(0xF0 | (cp >> 18));
        tmp[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
        tmp[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
        tmp[3] = (char)(0x80 | (cp & 0x3F));
        n = 4;
    }
    return wa_buf_add(out, tmp, n);
}

wa_status wa_utf8_sanitize(const char *p, size_t len, struct wa_buf *out, size_t *nbad)
{
    const char *end = p + len;
    size_t bad = 0;
    wa_status st = wa_buf_grow(out, len);

    if (st != WA_OK)
        return st;
    while (p < end) {
        const char *q = p;
        unsigned char c = (unsigned char)*p;
        int32_t cp;

        if (c >= 0x20 && c < 0x7F) {
            /* fast path for ASCII runs */
            const char *r = p;
            while (r < end && (unsigned char)*r >= 0x20 && (unsigned char)*r < 0x7F)
                r++;
            st = wa_buf_add(out, p, (size_t)(r - p));
            if (st != WA_OK)
                return st;
            p = r;
            continue;
        }
        cp = wa_utf8_next(&p, end);
        if (cp == 0xFFFD && p - q == 1)
            bad++;
        if ((cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\r') || cp == 0x7F ||
            (cp >= 0x80 && cp < 0xA0) || cp == 0xFEFF)
            cp = ' ';
        if (cp < 0x80)
            st = wa_buf_addch(out, (char)cp);
        else if (cp == 0xFFFD && p - q == 1)
            st = wa_utf8_put(out, cp);
        else
            st = wa_buf_add(out, q, (size_t)(p - q));
        if (st != WA_OK)
            return st;
    }
    if (nbad)
        *nbad = bad;
    return WA_OK;
}

static int ascii_only(const char *p, size_t len)
{
    size_t i;

    for (i = 0; i < len; i++)
        if ((unsigned char)p[i] >= 0x80)
            return 0;
    return 1;
}

static wa_status utf8proc_into(const char *p, size_t len, struct wa_buf *out, int options)
{
    utf8proc_uint8_t *res = NULL;
    utf8proc_ssize_t n;
    wa_status st;

    if (len > (size_t)SSIZE_MAX)
        return WA_ERR_TOOBIG;
    n = utf8proc_map((const utf8proc_uint8_t *)p, (utf8proc_ssize_t)len, &res,
                     (utf8proc_option_t)options);
    if (n < 0) {
        free(res);
        return n == UTF8PROC_ERROR_NOMEM ? WA_ERR_NOMEM : WA_ERR_INVALID;
    }
    st = wa_buf_add(out, (const char *)res, (size_t)n);
    free(res);
    return st;
}

/*
 * Code points that NFC leaves alone whatever surrounds them: combining class
 * 0, no canonical decomposition, never the second part of a composition
 * (utf8proc marks those with comb_index >= 0x8000), no Hangul jamo. Most
 * documents consist of such characters only and skip utf8proc_map entirely.
 */
static int nfc_inert(int32_t cp)
{
    const utf8proc_property_t *pr;

    if (cp < 0x300)
        return 1;
    if (cp >= 0x1100 && cp <= 0x11FF)
        return 0;
    pr = utf8proc_get_property(cp);
    if (pr->combining_class != 0)
        return 0;
    if (pr->decomp_seqindex != UINT16_MAX && pr->decomp_type == 0)
        return 0;
    return pr->comb_index == UINT16_MAX || pr->comb_index < 0x8000;
}

static int nfc_stable(const char *p, size_t len)
{
    const char *end = p + len;

    while (p < end) {
        if ((unsigned char)*p < 0x80) {
            p++;
            continue;
        }
        if (!nfc_inert(wa_utf8_next(&p, end)))
            return 0;
    }
    return 1;
}

wa_status wa_utf8_nfc(const char *p, size_t len, struct wa_buf *out)
{
    if (ascii_only(p, len) || nfc_stable(p, len))
        return wa_buf_add(out, p, len);
    return utf8proc_into(p, len, out, UTF8PROC_STABLE | UTF8PROC_COMPOSE);
}

wa_status wa_utf8_normalize(const char *p, size_t len, struct wa_buf *out)
{
    struct wa_buf tmp;
    wa_status st;

    wa_buf_init(&tmp, out->max);
    st = wa_utf8_sanitize(p, len, &tmp, NULL);
    if (st == WA_OK)
        st = wa_utf8_nfc(tmp.p, tmp.len, out);
    wa_buf_release(&tmp);
    return st;
}

wa_status wa_utf8_lower(const char *p, size_t len, struct wa_buf *out)
{
    const char *end = p + len;
    wa_status st = WA_OK;

    while (p < end && st == WA_OK) {
        int32_t cp = wa_utf8_next(&p, end);
        st = wa_utf8_put(out, utf8proc_tolower(cp));
    }
    return st;
}

static int ascii_vowel(char c)
{
    return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'y';
}

/* The transliterations ae, oe, ue in out->p[start..] become a, o, u as german2
 * reads them: not "ue" after q or a vowel (Quelle, Bauer, Steuer stay). */
static void fold_transliterations(struct wa_buf *out, size_t start)
{
    size_t i, o = start;

    for (i = start; i < out->len; i++) {
        char c = out->p[i];
        if (c == 'e' && o > start) {
            char prev = out->p[o - 1];
            char before = o - 1 > start ? out->p[o - 2] : '\0';
            if (prev == 'a' || prev == 'o' ||
                (prev == 'u' && before != 'q' && !ascii_vowel(before)))
                continue;
        }
        out->p[o++] = c;
    }
    wa_buf_truncate(out, o);
}

wa_status wa_utf8_fold(const char *p, size_t len, struct wa_buf *out)
{
    const char *end = p + len;
    const size_t start = out->len;
    wa_status st = WA_OK;

    while (p < end && st == WA_OK) {
        int32_t cp = utf8proc_tolower(wa_utf8_next(&p, end));

        if (cp < 0x80) {
            st = wa_buf_addch(out, (char)cp);
        } else if (cp == 0xDF || cp == 0x1E9E) {
            st = wa_buf_add(out, "ss", 2);
        } else {
            /* strip combining marks from the canonical decomposition */
            utf8proc_int32_t dec[8];
            utf8proc_ssize_t n = utf8proc_decompose_char(cp, dec, 8, UTF8PROC_DECOMPOSE, NULL);
            if (n > 0 && n <= 8) {
                utf8proc_ssize_t i;
                for (i = 0; i < n && st == WA_OK; i++) {
                    const utf8proc_property_t *pr = utf8proc_get_property(dec[i]);
                    if (pr->category != UTF8PROC_CATEGORY_MN)
                        st = wa_utf8_put(out, dec[i]);
                }
            } else {
                st = wa_utf8_put(out, cp);
            }
        }
    }
    if (st == WA_OK)
        fold_transliterations(out, start);
    return st;
}

int wa_utf8_isalnum(int32_t cp)
{
    utf8proc_category_t c;

    if (cp < 0x80)
        return (cp >= '0' && cp <= '9') || (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z');
    c = utf8proc_category(cp);
    return (c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_LO) ||
           (c >= UTF8PROC_CATEGORY_ND && c <= UTF8PROC_CATEGORY_NO);
}

int wa_utf8_isupper(int32_t cp)
{
    if (cp < 0x80)
        return cp >= 'A' && cp <= 'Z';
    return utf8proc_category(cp) == UTF8PROC_CATEGORY_LU;
}
