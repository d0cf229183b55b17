/* Fuzz target: any user query either searches or fails as a query error. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fuzz.h"
#include "wa_record.h"
#include "wa_schema.h"
#include "wa_xapian.h"

static wa_db *db;
static char dir[64];

static void cleanup(void)
{
    char cmd[128];
    wa_db_destroy(db);
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (system(cmd) != 0)
        fprintf(stderr, "cannot remove %s\n", dir);
}

/* A small database with a few German documents, built once per process. */
static void init(void)
{
    static const char *const texts[] = {
        "Protokoll der Sitzung vom 12. März 2021 in München",
        "Verwaltungsdigitalisierung und Abwassergebühren der Bürger*innen",
        "Agiles Projektmanagement in der Bundesverwaltung, § 34 BauGB",
    };
    char path[128], idterm[64];
    wa_wdb *w;
    size_t i;
    const char *paths[1];

    snprintf(dir, sizeof dir, "/tmp/wa-fuzz-XXXXXX");
    FUZZ_CHECK(mkdtemp(dir) != NULL);
    snprintf(path, sizeof path, "%s/db", dir);
    FUZZ_CHECK(wa_wdb_open(&w, path, 1) == WA_OK);
    for (i = 0; i < sizeof texts / sizeof texts[0]; i++) {
        struct wa_record r;
        wa_doc *doc;
        char id[16];
        wa_record_init(&r);
        snprintf(id, sizeof id, "d%zu", i);
        wa_record_set_str(&r.id, id, strlen(id));
        wa_record_set_str(&r.text, texts[i], strlen(texts[i]));
        r.text_len = strlen(texts[i]);
        wa_record_set(&r, "datum", "2021-03-12", 10);
        wa_record_set(&r, "typ", "Protokoll", 9);
        FUZZ_CHECK(wa_doc_new(&doc, w) == WA_OK);
        FUZZ_CHECK(wa_record_to_doc(&r, doc) == WA_OK);
        FUZZ_CHECK(wa_wdb_replace(w, wa_schema_idterm(id, idterm, sizeof idterm), doc) == WA_OK);
        wa_doc_free(doc);
        wa_record_release(&r);
    }
    FUZZ_CHECK(wa_wdb_close(w) == WA_OK);
    wa_wdb_destroy(w);
    paths[0] = path;
    FUZZ_CHECK(wa_db_open(&db, paths, 1) == WA_OK);
    atexit(cleanup);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct wa_search_opts o;
    wa_mset *m = NULL;
    char *q;
    wa_status st;

    if (size > 1024)
        return 0; /* the programs refuse longer queries before parsing */
    if (!db)
        init();
    q = malloc(size + 1);
    FUZZ_CHECK(q != NULL);
    memcpy(q, data, size);
    q[size] = '\0';
    wa_search_opts_init(&o);
    o.query = q;
    o.facets = size % 2;
    o.spelling = 1;
    st = wa_db_search(db, &o, &m);
    FUZZ_CHECK(st == WA_OK || st == WA_ERR_QUERY || st == WA_ERR_INVALID);
    FUZZ_CHECK((st == WA_OK) == (m != NULL));
    wa_mset_free(m);
    free(q);
    return 0;
}
