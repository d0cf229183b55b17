/* Remembered failures and the source hash: the state behind incremental runs. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "extract.h"
#include "failed.h"
#include "tmpdir.h"

static char dir[64];

static void put(const char *name, const char *content)
{
    char path[256];
    FILE *f;
    snprintf(path, sizeof path, "%s/%s", dir, name);
    f = fopen(path, "wb");
    assert_non_null(f);
    fputs(content, f);
    fclose(f);
}

struct failed_case {
    const char *idterm;
    long long size, mtime;
    const char *hash, *path, *reason;
};

static const struct failed_case cases[] = {
    {"Qa/b.pdf", 1234, 1600000000, "0123456789abcdef", "/archiv/a/b.pdf",
     "no text extracted (scanned PDF?)"},
    /* tabs and newlines in the reason must not break the record */
    {"Qx.docx", 0, 0, "ffffffffffffffff", "/archiv/x.docx", "line one\nline\ttwo"},
    {"Q#00112233445566778899aabbccddeeff", 5, 6, "0000000000000000", "/a/very/long/path",
     "extractor crashed (signal 11)"},
};

static void test_failed_roundtrip(void **state)
{
    char db[128];
    wa_wdb *w = NULL;
    size_t i;
    (void)state;
    snprintf(db, sizeof db, "%s/db", dir);
    assert_int_equal(wa_wdb_open(&w, db, 1), WA_OK);
    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const struct failed_case *c = &cases[i];
        struct wa_failed in, out;
        wa_failed_init(&in);
        wa_failed_init(&out);
        assert_int_equal(wa_failed_get(w, c->idterm, &out), WA_ERR_NOT_FOUND);
        in.size = c->size;
        in.mtime = c->mtime;
        memcpy(in.hash, c->hash, 17);
        wa_buf_adds(&in.path, c->path);
        wa_buf_adds(&in.reason, c->reason);
        assert_int_equal(wa_failed_put(w, c->idterm, &in), WA_OK);
        assert_int_equal(wa_failed_get(w, c->idterm, &out), WA_OK);
        assert_int_equal(out.size, c->size);
        assert_int_equal(out.mtime, c->mtime);
        assert_string_equal(out.hash, c->hash);
        assert_string_equal(out.path.p, c->path);
        assert_null(strchr(out.reason.p, '\n')); /* one line per record */
        assert_int_equal(out.reason.len, strlen(c->reason));
        assert_memory_equal(out.reason.p, c->reason, 8);
        assert_int_equal(wa_failed_forget(w, c->idterm), WA_OK);
        assert_int_equal(wa_failed_get(w, c->idterm, &out), WA_ERR_NOT_FOUND);
        /* forgetting twice is not an error */
        assert_int_equal(wa_failed_forget(w, c->idterm), WA_OK);
        wa_failed_release(&in);
        wa_failed_release(&out);
    }
    assert_int_equal(wa_wdb_close(w), WA_OK);
    wa_wdb_destroy(w);
}

/* The hash covers the file and its sidecar: editing either changes it. */
static void test_file_hash(void **state)
{
    char path[256], h1[17], h2[17], h3[17], h4[17];
    (void)state;
    snprintf(path, sizeof path, "%s/doc.txt", dir);
    put("doc.txt", "Inhalt");
    assert_int_equal(wa_file_hash(path, h1), WA_OK);
    assert_int_equal(strlen(h1), 16);
    put("doc.txt", "Inhalt");
    assert_int_equal(wa_file_hash(path, h2), WA_OK);
    assert_string_equal(h1, h2); /* same bytes, same hash */
    put("doc.txt.meta", "Typ: Protokoll\n");
    assert_int_equal(wa_file_hash(path, h3), WA_OK);
    assert_string_not_equal(h1, h3); /* a new sidecar changes it */
    put("doc.txt.meta", "Typ: Ergebnis\n");
    assert_int_equal(wa_file_hash(path, h4), WA_OK);
    assert_string_not_equal(h3, h4); /* so does an edited sidecar */
    put("doc.txt", "Inhalt!");
    assert_int_equal(wa_file_hash(path, h1), WA_OK);
    assert_string_not_equal(h1, h4);
    snprintf(path, sizeof path, "%s/fehlt.txt", dir);
    assert_int_equal(wa_file_hash(path, h1), WA_ERR_IO);
}

static int setup(void **state)
{
    (void)state;
    return tmpdir_make(dir, sizeof dir, "failed");
}

static int teardown(void **state)
{
    (void)state;
    return tmpdir_remove(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_failed_roundtrip),
        cmocka_unit_test(test_file_hash),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
