/* PDF extraction through pdftotext/pdfinfo child processes. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "extract.h"
#include "extract_check.h"

struct pdf_case {
    const char *desc;
    const char *file; /* below the source dir */
    wa_status want_st;
    const char *want;     /* in the text, or in the reason on failure */
    const char *not_want; /* never in the text */
    const char *title, *date, *author;
};

static const struct pdf_case cases[] = {
    {"text and info dictionary", "tests/fixtures/formats/sample.pdf", WA_OK,
     "Blindschleiche und Größenangabe", NULL, "Testtitel PDF", "2018-01-02", "Petra Probe"},
    /* the font maps ü to u + U+0308: the text must come out composed */
    {"decomposed umlauts are composed", "tests/fixtures/formats/decomposed.pdf", WA_OK,
     "Die Bürgermeisterin prüft Änderungen", "u\xCC\x88", NULL, NULL, NULL},
    {"a PDF without text is reported", "tests/fixtures/formats/scanned.pdf", WA_ERR_FORMAT,
     "no text extracted", NULL, NULL, NULL, NULL},
    {"an empty file is reported", "tests/fixtures/edge/leer.pdf", WA_ERR_FORMAT, "empty", NULL,
     NULL, NULL, NULL},
    {"HTML named .pdf is reported", "tests/fixtures/edge/kein-pdf.pdf", WA_ERR_FORMAT, "not a PDF",
     NULL, NULL, NULL, NULL},
};

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    char *p;
    long n;
    assert_non_null(f);
    fseek(f, 0, SEEK_END);
    n = ftell(f);
    fseek(f, 0, SEEK_SET);
    p = malloc((size_t)n + 1);
    assert_int_equal(fread(p, 1, (size_t)n, f), (size_t)n);
    fclose(f);
    *len = (size_t)n;
    return p;
}

static void test_pdf_table(void **state)
{
    size_t i, len;
    (void)state;
    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const struct pdf_case *c = &cases[i];
        char path[1024];
        char *data;
        struct wa_record rec;
        struct wa_buf reason;
        wa_status st;
        snprintf(path, sizeof path, "%s/%s", WA_SOURCE_DIR, c->file);
        data = slurp(path, &len);
        wa_record_init(&rec);
        wa_buf_init(&reason, 0);
        st = wa_extractor_pdf.extract(path, data, len, &rec, &reason);
        if (check_outcome(c->desc, st, c->want_st, &rec, &reason, c->want, c->not_want)) {
            check_str(c->desc, "title", rec.title, c->title);
            check_str(c->desc, "date", rec.date, c->date);
            if (c->author && (rec.authors.n != 1 || strcmp(rec.authors.v[0], c->author)))
                fail_msg("%s: author missing", c->desc);
        }
        free(data);
        wa_record_release(&rec);
        wa_buf_release(&reason);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_pdf_table),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
