/* Fuzz target: sidecar metadata (NAME.meta). Whatever the bytes, the record
 * holds valid UTF-8, a visibility is "intern" or "öffentlich", and a value
 * that names no known visibility fails instead of leaving the default. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "extract.h"
#include "fuzz.h"
#include "wa_utf8.h"

static char dir[64], doc[128], meta[160];

static void cleanup(void)
{
    unlink(meta);
    rmdir(dir);
}

static void check_str(const char *s)
{
    if (s)
        FUZZ_CHECK(wa_utf8_valid(s, strlen(s)));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct wa_record rec;
    struct wa_buf warnings;
    const struct wa_field *f;
    FILE *fp;
    wa_status st;

    if (!dir[0]) {
        snprintf(dir, sizeof dir, "/tmp/wa-fuzz-XXXXXX");
        FUZZ_CHECK(mkdtemp(dir) != NULL);
        snprintf(doc, sizeof doc, "%s/doc.txt", dir);
        snprintf(meta, sizeof meta, "%s.meta", doc);
        atexit(cleanup);
    }
    fp = fopen(meta, "wb");
    FUZZ_CHECK(fp != NULL);
    FUZZ_CHECK(fwrite(data, 1, size, fp) == size);
    FUZZ_CHECK(fclose(fp) == 0);

    wa_record_init(&rec);
    wa_buf_init(&warnings, 0);
    st = wa_sidecar_apply(doc, &rec, &warnings);
    FUZZ_CHECK(st == WA_OK || st == WA_ERR_FORMAT || st == WA_ERR_TOOBIG);
    if (st == WA_OK) {
        for (f = wa_schema_fields(); f->key; f++) {
            const struct wa_strlist *l = wa_record_list(&rec, f);
            size_t i;
            check_str(wa_record_str(&rec, f));
            for (i = 0; l && i < l->n; i++)
                check_str(l->v[i]);
        }
        FUZZ_CHECK(!rec.visibility || strcmp(rec.visibility, "intern") == 0 ||
                   strcmp(rec.visibility, "öffentlich") == 0);
        /* metadata never sets what the indexer owns */
        FUZZ_CHECK(rec.id == NULL && rec.path == NULL && rec.text == NULL);
    }
    wa_record_release(&rec);
    wa_buf_release(&warnings);
    return 0;
}
