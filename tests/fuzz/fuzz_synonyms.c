/* Fuzz target: the synonym table file. It loads or fails with a line number;
 * a loaded table finds concepts in its own bytes and in German text, and
 * every concept id it reports is one of the table's. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fuzz.h"
#include "wa_german.h"
#include "wa_german_text.h"

static char dir[64], path[128];

static void cleanup(void)
{
    unlink(path);
    rmdir(dir);
}

static void check_concepts(const struct wa_synonyms *s, const char *text, size_t len)
{
    struct wa_buf out;
    const char *p, *end;

    wa_buf_init(&out, 0);
    FUZZ_CHECK(wa_german_concepts(s, text, len, &out) == WA_OK);
    for (p = out.p, end = out.p + out.len; p < end;) {
        const char *sp = memchr(p, ' ', (size_t)(end - p));
        size_t n = sp ? (size_t)(sp - p) : (size_t)(end - p), k, found = 0;
        for (k = 0; k < wa_synonyms_nconcepts(s); k++) {
            const char *c = wa_synonyms_concept(s, k);
            found += strlen(c) == n && memcmp(c, p, n) == 0;
        }
        FUZZ_CHECK(found >= 1);
        p += n + 1;
    }
    wa_buf_release(&out);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char text[] = "Die KI der Kommune und das OZG: künstlicher Intelligenz, E-Akte.";
    struct wa_synonyms *s = NULL;
    long bad = -1;
    FILE *fp;
    wa_status st;

    if (!dir[0]) {
        snprintf(dir, sizeof dir, "/tmp/wa-fuzz-XXXXXX");
        FUZZ_CHECK(mkdtemp(dir) != NULL);
        snprintf(path, sizeof path, "%s/synonyms.txt", dir);
        atexit(cleanup);
    }
    fp = fopen(path, "wb");
    FUZZ_CHECK(fp != NULL);
    FUZZ_CHECK(fwrite(data, 1, size, fp) == size);
    FUZZ_CHECK(fclose(fp) == 0);
    st = wa_synonyms_load(&s, path, &bad);
    if (st == WA_OK) {
        FUZZ_CHECK(s != NULL);
        check_concepts(s, text, sizeof text - 1);
        check_concepts(s, (const char *)data, size);
    } else {
        FUZZ_CHECK(st == WA_ERR_FORMAT || st == WA_ERR_NOMEM || st == WA_ERR_TOOBIG);
        if (st == WA_ERR_FORMAT)
            FUZZ_CHECK(bad > 0);
    }
    wa_synonyms_free(s);
    return 0;
}
