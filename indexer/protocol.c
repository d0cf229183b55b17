/* The bytes between the indexer and its extraction workers: encoding and strict decoding. */
#include "protocol.h"

#include <stdio.h>
#include <string.h>

#define HASH_LEN 16
#define WLEN_LEN 8

wa_status wa_request_encode(const struct wa_request *r, struct wa_buf *out)
{
    size_t was = out->len;
    wa_status st;

    if (!r->path || !*r->path || !r->id || !*r->id)
        return WA_ERR_INVALID;
    st = wa_buf_adds(out, r->path);
    if (st == WA_OK)
        st = wa_buf_addch(out, '\0');
    if (st == WA_OK)
        st = wa_buf_adds(out, r->id);
    if (st == WA_OK)
        st = wa_buf_addf(out, "%c%lld", '\0', r->mtime);
    if (st != WA_OK)
        wa_buf_truncate(out, was);
    return st;
}

/* A decimal number in p[0..len): an optional '-', then 1 to 18 digits. */
static int parse_decimal(const char *p, size_t len, long long *out)
{
    unsigned long long v = 0;
    size_t i = 0;
    int neg = 0;

    if (len && p[0] == '-') {
        neg = 1;
        i = 1;
    }
    if (i == len || len - i > 18) /* 18 digits cannot overflow */
        return -1;
    for (; i < len; i++) {
        if (p[i] < '0' || p[i] > '9')
            return -1;
        v = v * 10 + (unsigned)(p[i] - '0');
    }
    *out = neg ? -(long long)v : (long long)v;
    return 0;
}

wa_status wa_request_decode(const char *p, size_t len, struct wa_request *r)
{
    const char *nul1 = memchr(p, '\0', len), *nul2, *mt;

    if (!nul1 || nul1 == p)
        return WA_ERR_FORMAT;
    nul2 = memchr(nul1 + 1, '\0', len - (size_t)(nul1 + 1 - p));
    if (!nul2 || nul2 == nul1 + 1)
        return WA_ERR_FORMAT;
    mt = nul2 + 1;
    if (parse_decimal(mt, len - (size_t)(mt - p), &r->mtime) != 0)
        return WA_ERR_FORMAT;
    r->path = p;
    r->id = nul1 + 1;
    return WA_OK;
}

/* Value of n lowercase hex digits at p; -1 if one is not. */
static int parse_hex(const char *p, size_t n, unsigned long long *out)
{
    unsigned long long v = 0;
    size_t i;

    for (i = 0; i < n; i++) {
        char c = p[i];
        unsigned d;
        if (c >= '0' && c <= '9')
            d = (unsigned)(c - '0');
        else if (c >= 'a' && c <= 'f')
            d = (unsigned)(c - 'a' + 10);
        else
            return -1;
        v = v << 4 | d;
    }
    *out = v;
    return 0;
}

wa_status wa_reply_encode(const char *hash, const char *warnings, size_t warnings_len,
                          const char *record, size_t record_len, const char *doc, size_t doc_len,
                          struct wa_buf *out)
{
    unsigned long long h;
    size_t was = out->len;
    wa_status st;

    if (!hash || strlen(hash) != HASH_LEN || parse_hex(hash, HASH_LEN, &h) != 0 ||
        memchr(record, '\0', record_len) || record_len == 0 || warnings_len > WA_REPLY_MAX_WARNINGS)
        return WA_ERR_INVALID;
    st = wa_buf_add(out, hash, HASH_LEN);
    if (st == WA_OK)
        st = wa_buf_addf(out, "%08zx", warnings_len);
    if (st == WA_OK)
        st = wa_buf_add(out, warnings, warnings_len);
    if (st == WA_OK)
        st = wa_buf_add(out, record, record_len);
    if (st == WA_OK)
        st = wa_buf_addch(out, '\0');
    if (st == WA_OK)
        st = wa_buf_add(out, doc, doc_len);
    if (st != WA_OK)
        wa_buf_truncate(out, was);
    return st;
}

wa_status wa_reply_decode(const char *p, size_t len, struct wa_reply *r)
{
    unsigned long long h, wlen;
    const char *rec, *nul;

    if (len < HASH_LEN + WLEN_LEN || parse_hex(p, HASH_LEN, &h) != 0 ||
        parse_hex(p + HASH_LEN, WLEN_LEN, &wlen) != 0 || wlen > len - HASH_LEN - WLEN_LEN)
        return WA_ERR_FORMAT;
    rec = p + HASH_LEN + WLEN_LEN + wlen;
    nul = memchr(rec, '\0', len - (size_t)(rec - p));
    if (!nul || nul == rec)
        return WA_ERR_FORMAT;
    memcpy(r->hash, p, HASH_LEN);
    r->hash[HASH_LEN] = '\0';
    r->warnings = p + HASH_LEN + WLEN_LEN;
    r->warnings_len = (size_t)wlen;
    r->record = rec;
    r->record_len = (size_t)(nul - rec);
    r->doc = nul + 1;
    r->doc_len = len - (size_t)(nul + 1 - p);
    return WA_OK;
}
