/* Fuzz target: worker replies and requests from arbitrary bytes decode or fail
 * cleanly; what decodes stays inside the input and encodes back to the same bytes. */
#include <string.h>

#include "fuzz.h"
#include "protocol.h"

static int inside(const uint8_t *data, size_t size, const char *p, size_t len)
{
    return (const uint8_t *)p >= data && (const uint8_t *)p + len <= data + size;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *p = (const char *)data;
    struct wa_reply r;
    struct wa_request q, q2;
    struct wa_buf b;

    wa_buf_init(&b, 0);
    if (wa_reply_decode(p, size, &r) == WA_OK) {
        FUZZ_CHECK(strlen(r.hash) == 16);
        FUZZ_CHECK(inside(data, size, r.warnings, r.warnings_len));
        FUZZ_CHECK(inside(data, size, r.record, r.record_len + 1));
        FUZZ_CHECK(r.record_len > 0 && r.record[r.record_len] == '\0');
        FUZZ_CHECK(inside(data, size, r.doc, r.doc_len));
        FUZZ_CHECK(24 + r.warnings_len + r.record_len + 1 + r.doc_len == size);
        /* the encoding is canonical: the same parts give the same bytes */
        FUZZ_CHECK(wa_reply_encode(r.hash, r.warnings, r.warnings_len, r.record, r.record_len,
                                   r.doc, r.doc_len, &b) == WA_OK);
        FUZZ_CHECK(b.len == size && memcmp(b.p, data, size) == 0);
    }
    wa_buf_reset(&b);
    if (wa_request_decode(p, size, &q) == WA_OK) {
        FUZZ_CHECK(*q.path && *q.id);
        FUZZ_CHECK(inside(data, size, q.path, strlen(q.path) + 1));
        FUZZ_CHECK(inside(data, size, q.id, strlen(q.id) + 1));
        FUZZ_CHECK(wa_request_encode(&q, &b) == WA_OK);
        FUZZ_CHECK(wa_request_decode(b.p, b.len, &q2) == WA_OK);
        FUZZ_CHECK(strcmp(q.path, q2.path) == 0 && strcmp(q.id, q2.id) == 0);
        FUZZ_CHECK(q.mtime == q2.mtime);
    }
    wa_buf_release(&b);
    return 0;
}
