/* Fuzz target: the German query rewriter and the "Meinten Sie" helpers, without
 * Xapian. They succeed or fail with a status; what they write is valid UTF-8
 * whenever the query was. */
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "wa_german.h"
#include "wa_utf8.h"

/* Pretends every word of even length exists in the archive. */
static int exists(void *ctx, const char *w, size_t len)
{
    (void)ctx;
    (void)w;
    return len % 2 == 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *q = (const char *)data;
    struct wa_buf out, var, fix;
    int valid;
    wa_status st;
    char *z;

    if (size > 1024)
        return 0; /* the programs refuse longer queries before rewriting */
    valid = wa_utf8_valid(q, size);
    wa_buf_init(&out, 0);
    wa_buf_init(&var, 0);
    wa_buf_init(&fix, 0);
    st = wa_german_query(q, size, &out);
    FUZZ_CHECK(st == WA_OK || st == WA_ERR_NOMEM || st == WA_ERR_TOOBIG);
    if (st == WA_OK && valid)
        FUZZ_CHECK(wa_utf8_valid(out.p, out.len));
    st = wa_german_umlaut_variant(q, size, &var);
    if (st == WA_OK && valid)
        FUZZ_CHECK(wa_utf8_valid(var.p, var.len));
    /* a correction of the query by itself, as the speller may return it */
    z = malloc(size + 1);
    FUZZ_CHECK(z != NULL);
    memcpy(z, q, size);
    z[size] = '\0';
    st = wa_german_fix_correction(z, out.p, exists, NULL, &fix);
    if (st == WA_OK && valid && wa_utf8_valid(out.p, out.len))
        FUZZ_CHECK(wa_utf8_valid(fix.p, fix.len));
    free(z);
    wa_buf_release(&out);
    wa_buf_release(&var);
    wa_buf_release(&fix);
    return 0;
}
