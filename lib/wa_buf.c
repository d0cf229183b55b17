/* Growable byte buffer (see wa_buf.h). */
#include "wa_buf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char wa_buf_empty[1];

void wa_buf_init(struct wa_buf *b, size_t max)
{
    b->p = wa_buf_empty;
    b->len = 0;
    b->cap = 0;
    b->max = max ? max : WA_BUF_DEFAULT_MAX;
}

void wa_buf_release(struct wa_buf *b)
{
    if (!b)
        return;
    if (b->cap)
        free(b->p);
    b->p = wa_buf_empty;
    b->len = 0;
    b->cap = 0;
}

void wa_buf_reset(struct wa_buf *b)
{
    b->len = 0;
    if (b->cap)
        b->p[0] = '\0';
}

wa_status wa_buf_grow(struct wa_buf *b, size_t extra)
{
    size_t need, ncap;
    char *np;

    if (extra > b->max || b->len > b->max - extra)
        return WA_ERR_TOOBIG;
    need = b->len + extra + 1;
    if (need <= b->cap)
        return WA_OK;
    ncap = b->cap ? b->cap : 64;
    while (ncap < need)
        ncap = ncap > ((size_t)-1) / 2 ? need : ncap * 2;
    np = b->cap ? realloc(b->p, ncap) : malloc(ncap);
    if (!np)
        return WA_ERR_NOMEM;
    if (!b->cap)
        np[0] = '\0';
    b->p = np;
    b->cap = ncap;
    return WA_OK;
}

wa_status wa_buf_add(struct wa_buf *b, const char *p, size_t len)
{
    wa_status st = wa_buf_grow(b, len);

    if (st != WA_OK)
        return st;
    if (len)
        memcpy(b->p + b->len, p, len);
    b->len += len;
    b->p[b->len] = '\0';
    return WA_OK;
}

wa_status wa_buf_adds(struct wa_buf *b, const char *s)
{
    return wa_buf_add(b, s, strlen(s));
}

wa_status wa_buf_addch(struct wa_buf *b, char c)
{
    return wa_buf_add(b, &c, 1);
}

wa_status wa_buf_vaddf(struct wa_buf *b, const char *fmt, va_list ap)
{
    va_list cp;
    int n;
    wa_status st;

    va_copy(cp, ap);
    n = vsnprintf(NULL, 0, fmt, cp);
    va_end(cp);
    if (n < 0)
        return WA_ERR_INVALID;
    st = wa_buf_grow(b, (size_t)n);
    if (st != WA_OK)
        return st;
    vsnprintf(b->p + b->len, (size_t)n + 1, fmt, ap);
    b->len += (size_t)n;
    return WA_OK;
}

wa_status wa_buf_addf(struct wa_buf *b, const char *fmt, ...)
{
    va_list ap;
    wa_status st;

    va_start(ap, fmt);
    st = wa_buf_vaddf(b, fmt, ap);
    va_end(ap);
    return st;
}

void wa_buf_truncate(struct wa_buf *b, size_t len)
{
    if (len < b->len) {
        b->len = len;
        b->p[len] = '\0';
    }
}

char *wa_buf_detach(struct wa_buf *b, size_t *len)
{
    char *r;

    if (!b->cap) {
        r = malloc(1);
        if (!r)
            return NULL;
        r[0] = '\0';
    } else {
        r = b->p;
    }
    if (len)
        *len = b->len;
    b->p = wa_buf_empty;
    b->len = 0;
    b->cap = 0;
    return r;
}
