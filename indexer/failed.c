/* Remembered failures, stored as user metadata of the internal database. */
#include "failed.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Value layout: "size\tmtime\thash\tpath\treason" (path never holds a tab
 * that matters: the last field takes the rest of the line). */

void wa_failed_init(struct wa_failed *f)
{
    memset(f, 0, sizeof *f);
    wa_buf_init(&f->path, 0);
    wa_buf_init(&f->reason, 0);
}

void wa_failed_release(struct wa_failed *f)
{
    if (!f)
        return;
    wa_buf_release(&f->path);
    wa_buf_release(&f->reason);
}

static int key_of(const char *idterm, struct wa_buf *key)
{
    return wa_buf_addf(key, "%s%s", WA_FAILED_PREFIX, idterm) == WA_OK ? 0 : -1;
}

wa_status wa_failed_parse(const char *v, size_t len, struct wa_failed *f)
{
    const char *p, *end, *stop = v + len;
    char *e;
    wa_status st;

    /* the value is NUL-terminated by its buffer; strtoll stops at the tab */
    f->size = strtoll(v, &e, 10);
    if (e == v || e >= stop || *e != '\t')
        return WA_ERR_FORMAT;
    p = e + 1;
    f->mtime = strtoll(p, &e, 10);
    if (e == p || e >= stop || *e != '\t' || (size_t)(stop - (e + 1)) < 17 || e[17] != '\t')
        return WA_ERR_FORMAT;
    memcpy(f->hash, e + 1, 16);
    f->hash[16] = '\0';
    p = e + 18;
    end = memchr(p, '\t', (size_t)(stop - p));
    if (!end)
        return WA_ERR_FORMAT;
    wa_buf_reset(&f->path);
    wa_buf_reset(&f->reason);
    st = wa_buf_add(&f->path, p, (size_t)(end - p));
    if (st == WA_OK)
        st = wa_buf_add(&f->reason, end + 1, (size_t)(stop - (end + 1)));
    return st;
}

wa_status wa_failed_get(wa_wdb *w, const char *idterm, struct wa_failed *f)
{
    struct wa_buf key, v;
    wa_status st;

    wa_buf_init(&key, 0);
    wa_buf_init(&v, 0);
    if (key_of(idterm, &key) != 0) {
        st = WA_ERR_NOMEM;
        goto cleanup;
    }
    st = wa_wdb_get_metadata(w, key.p, &v);
    if (st == WA_OK && !v.len)
        st = WA_ERR_NOT_FOUND;
    if (st == WA_OK)
        st = wa_failed_parse(v.p, v.len, f);
cleanup:
    wa_buf_release(&key);
    wa_buf_release(&v);
    return st;
}

wa_status wa_failed_put(wa_wdb *w, const char *idterm, const struct wa_failed *f)
{
    struct wa_buf key, v;
    wa_status st = WA_ERR_NOMEM;

    wa_buf_init(&key, 0);
    wa_buf_init(&v, 0);
    if (key_of(idterm, &key) == 0 && wa_buf_addf(&v, "%lld\t%lld\t%.16s\t%s\t%s", f->size, f->mtime,
                                                 f->hash, f->path.p, f->reason.p) == WA_OK) {
        size_t i;
        /* keep the record one line with exactly five fields */
        for (i = 0; i < v.len; i++)
            if (v.p[i] == '\n')
                v.p[i] = ' ';
        st = wa_wdb_set_metadata(w, key.p, v.p, v.len);
    }
    wa_buf_release(&key);
    wa_buf_release(&v);
    return st;
}

wa_status wa_failed_forget(wa_wdb *w, const char *idterm)
{
    struct wa_buf key, v;
    wa_status st = WA_ERR_NOMEM;

    wa_buf_init(&key, 0);
    wa_buf_init(&v, 0);
    if (key_of(idterm, &key) == 0) {
        st = wa_wdb_get_metadata(w, key.p, &v);
        if (st == WA_OK && v.len)
            st = wa_wdb_set_metadata(w, key.p, "", 0);
    }
    wa_buf_release(&key);
    wa_buf_release(&v);
    return st;
}
