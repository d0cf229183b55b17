/* Sidecar metadata: NAME.meta beside a document, "key: value" lines. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "extract.h"
#include "wa_schema.h"
#include "wa_utf8.h"

#define SIDECAR_MAX (64 * 1024)

static int is_visibility(const char *key)
{
    const struct wa_field *f = wa_schema_field(key, strlen(key));
    return f && strcmp(f->key, "visibility") == 0;
}

wa_status wa_sidecar_apply(const char *path, struct wa_record *rec, struct wa_buf *warnings)
{
    struct wa_buf name, raw, text;
    FILE *f;
    wa_status st = WA_OK;
    char chunk[4096];
    size_t n;
    const char *p, *end;
    unsigned lineno = 0;

    wa_buf_init(&name, 0);
    wa_buf_init(&raw, SIDECAR_MAX);
    wa_buf_init(&text, 0);
    if (wa_buf_addf(&name, "%s.meta", path) != WA_OK) {
        st = WA_ERR_NOMEM;
        goto cleanup;
    }
    f = fopen(name.p, "rb");
    if (!f)
        goto cleanup; /* no sidecar: nothing to do */
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
        if (wa_buf_add(&raw, chunk, n) != WA_OK) {
            wa_buf_addf(warnings, "sidecar '%s' larger than 64 KiB, ignored\n", name.p);
            fclose(f);
            goto cleanup;
        }
    }
    fclose(f);
    st = wa_decode_text(raw.p, raw.len, NULL, &text);
    if (st != WA_OK)
        goto cleanup;
    p = text.p;
    end = text.p + text.len;
    while (p < end) {
        const char *eol = memchr(p, '\n', (size_t)(end - p));
        const char *q = eol ? eol : end;
        const char *colon = memchr(p, ':', (size_t)(q - p));
        lineno++;
        while (p < q && (*p == ' ' || *p == '\t'))
            p++;
        if (p < q && *p != '#' && *p != '\r') {
            if (!colon) {
                wa_buf_addf(warnings, "%s:%u: no 'key: value'\n", name.p, lineno);
            } else {
                char key[64];
                size_t kl = (size_t)(colon - p);
                while (kl && (p[kl - 1] == ' ' || p[kl - 1] == '\t'))
                    kl--;
                if (kl == 0 || kl >= sizeof key) {
                    wa_buf_addf(warnings, "%s:%u: bad key\n", name.p, lineno);
                } else {
                    wa_status s2;
                    memcpy(key, p, kl);
                    key[kl] = '\0';
                    s2 = wa_record_set(rec, key, colon + 1, (size_t)(q - colon - 1));
                    if (s2 == WA_ERR_NOT_FOUND)
                        wa_buf_addf(warnings, "%s:%u: unknown key '%s'\n", name.p, lineno, key);
                    else if (s2 == WA_ERR_FORMAT && is_visibility(key)) {
                        /* unreadable visibility must never default to public */
                        wa_buf_addf(warnings, "%s:%u: bad value for '%s'", name.p, lineno, key);
                        st = s2;
                        goto cleanup;
                    } else if (s2 == WA_ERR_FORMAT)
                        wa_buf_addf(warnings, "%s:%u: bad value for '%s'\n", name.p, lineno, key);
                    else if (s2 != WA_OK) {
                        st = s2;
                        goto cleanup;
                    }
                }
            }
        }
        p = q + 1;
    }
cleanup:
    wa_buf_release(&name);
    wa_buf_release(&raw);
    wa_buf_release(&text);
    return st;
}
