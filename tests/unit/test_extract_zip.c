/* ODT and DOCX extraction: samples, metadata, and broken or hostile containers. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zip.h>

#include "extract.h"
#include "extract_check.h"

static char *slurp(const char *rel, size_t *len)
{
    char path[1024];
    FILE *f;
    char *p;
    long n;

    snprintf(path, sizeof path, "%s/%s", WA_SOURCE_DIR, rel);
    f = fopen(path, "rb");
    assert_non_null(f);
    fseek(f, 0, SEEK_END);
    n = ftell(f);
    fseek(f, 0, SEEK_SET);
    p = malloc((size_t)n + 1);
    assert_non_null(p);
    assert_int_equal(fread(p, 1, (size_t)n, f), (size_t)n);
    fclose(f);
    *len = (size_t)n;
    return p;
}

struct file_case {
    const char *desc;
    const char *file; /* below the source dir */
    const struct wa_extractor *ex;
    wa_status want_st;
    const char *want;     /* in the text, or in the reason on failure */
    const char *not_want; /* never in the text */
    const char *title, *date, *author, *tag;
};

static const struct file_case files[] = {
    {"DOCX body, header, core properties", "tests/fixtures/formats/sample.docx", &wa_extractor_docx,
     WA_OK, "Kopfzeilenvermerk", NULL, "Testtitel Wortdatei", "2020-05-04", "Erika Mustermann",
     "Prüfung"},
    {"DOCX paragraphs stay apart", "tests/fixtures/formats/sample.docx", &wa_extractor_docx, WA_OK,
     "Eichhörnchen.\nZweiter", "Eichhörnchen.Zweiter", NULL, NULL, NULL, "Fixture"},
    {"ODT content and meta.xml", "tests/fixtures/formats/sample.odt", &wa_extractor_odt, WA_OK,
     "Sumpfdotterblume und Wiesel", NULL, "Testtitel Textdatei", "2019-08-07", "Max Mustermann",
     "ODT"},
    {"ODT heading is text too", "tests/fixtures/formats/sample.odt", &wa_extractor_odt, WA_OK,
     "Überschrift der Textdatei", NULL, NULL, NULL, NULL, NULL},
    {"truncated DOCX fails", "tests/fixtures/edge/abgeschnitten.docx", &wa_extractor_docx,
     WA_ERR_FORMAT, "not a valid ZIP", NULL, NULL, NULL, NULL, NULL},
    {"zip bomb is stopped by the size cap", "tests/fixtures/edge/zipbombe.docx", &wa_extractor_docx,
     WA_ERR_TOOBIG, "MiB", NULL, NULL, NULL, NULL, NULL},
    {"an ODT is not a DOCX", "tests/fixtures/formats/sample.odt", &wa_extractor_docx, WA_ERR_FORMAT,
     "word/document.xml", NULL, NULL, NULL, NULL, NULL},
};

static void run_case(const struct file_case *c, const char *data, size_t len)
{
    struct wa_record rec;
    struct wa_buf reason;
    wa_status st;

    wa_record_init(&rec);
    wa_buf_init(&reason, 0);
    st = c->ex->extract(c->file, data, len, &rec, &reason);
    if (check_outcome(c->desc, st, c->want_st, &rec, &reason, c->want, c->not_want)) {
        check_str(c->desc, "title", rec.title, c->title);
        check_str(c->desc, "date", rec.date, c->date);
        /* the first author, as the properties name it */
        if (c->author && (rec.authors.n < 1 || strcmp(rec.authors.v[0], c->author)))
            fail_msg("%s: author missing", c->desc);
        check_list(c->desc, "tags", &rec.tags, c->tag);
    }
    wa_record_release(&rec);
    wa_buf_release(&reason);
}

static void test_file_table(void **state)
{
    size_t i, len;
    (void)state;
    for (i = 0; i < sizeof files / sizeof files[0]; i++) {
        char *data = slurp(files[i].file, &len);
        run_case(&files[i], data, len);
        free(data);
    }
}

/* Containers built here: entries as (name, content) pairs. */
struct gen_case {
    const char *desc;
    const struct wa_extractor *ex;
    int nentries; /* extra empty entries to add */
    const char *names[4];
    const char *contents[4];
    wa_status want_st;
    const char *want;
};

#define DOCX_NS "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\""

static const struct gen_case gens[] = {
    {"too many entries",
     &wa_extractor_docx,
     5001,
     {"word/document.xml"},
     {"<w:document " DOCX_NS "/>"},
     WA_ERR_TOOBIG,
     "entries"},
    {"deleted text and field codes are not text",
     &wa_extractor_docx,
     0,
     {"word/document.xml"},
     {"<w:document " DOCX_NS "><w:body><w:p><w:r><w:t>Sichtbar</w:t></w:r>"
      "<w:del><w:r><w:delText>Gestrichen</w:delText></w:r></w:del>"
      "<w:r><w:instrText>HYPERLINK feldcode</w:instrText></w:r></w:p></w:body></w:document>"},
     WA_OK,
     "Sichtbar"},
    {"runs inside a word are not split",
     &wa_extractor_docx,
     0,
     {"word/document.xml"},
     {"<w:document " DOCX_NS "><w:body><w:p><w:r><w:t>Verwal</w:t></w:r><w:r><w:t>tung</w:t>"
      "</w:r></w:p></w:body></w:document>"},
     WA_OK,
     "Verwaltung"},
    {"XXE inside a DOCX is not resolved",
     &wa_extractor_docx,
     0,
     {"word/document.xml"},
     {"<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
      "<w:document " DOCX_NS "><w:body><w:p><w:r><w:t>Sicher &x;</w:t></w:r></w:p></w:body>"
      "</w:document>"},
     WA_OK,
     "Sicher"},
    {"broken content.xml fails the ODT",
     &wa_extractor_odt,
     0,
     {"content.xml"},
     {"<office:document-content><unclosed>"},
     WA_ERR_FORMAT,
     "content.xml"},
};

static char *make_zip(const struct gen_case *g, size_t *len)
{
    char tmpl[] = "/tmp/wa-zip-XXXXXX";
    int fd = mkstemp(tmpl), i, err;
    zip_t *za;
    char *data;
    FILE *f;
    long n;

    assert_true(fd >= 0);
    close(fd);
    za = zip_open(tmpl, ZIP_TRUNCATE, &err);
    assert_non_null(za);
    for (i = 0; i < 4 && g->names[i]; i++) {
        zip_source_t *s = zip_source_buffer(za, g->contents[i], strlen(g->contents[i]), 0);
        assert_true(zip_file_add(za, g->names[i], s, ZIP_FL_OVERWRITE) >= 0);
    }
    for (i = 0; i < g->nentries; i++) {
        char name[32];
        zip_source_t *s = zip_source_buffer(za, "", 0, 0);
        snprintf(name, sizeof name, "leer/%d", i);
        assert_true(zip_file_add(za, name, s, 0) >= 0);
    }
    assert_int_equal(zip_close(za), 0);
    f = fopen(tmpl, "rb");
    assert_non_null(f);
    fseek(f, 0, SEEK_END);
    n = ftell(f);
    fseek(f, 0, SEEK_SET);
    data = malloc((size_t)n + 1);
    assert_int_equal(fread(data, 1, (size_t)n, f), (size_t)n);
    fclose(f);
    unlink(tmpl);
    *len = (size_t)n;
    return data;
}

static void test_generated_table(void **state)
{
    size_t i, len;
    (void)state;
    for (i = 0; i < sizeof gens / sizeof gens[0]; i++) {
        const struct gen_case *g = &gens[i];
        char *data = make_zip(g, &len);
        struct wa_record rec;
        struct wa_buf reason;
        wa_status st;
        wa_record_init(&rec);
        wa_buf_init(&reason, 0);
        st = g->ex->extract("gen", data, len, &rec, &reason);
        if (st != g->want_st)
            fail_msg("%s: status %d, want %d (%s)", g->desc, st, g->want_st, reason.p);
        if (!strstr(st == WA_OK ? rec.text : reason.p, g->want))
            fail_msg("%s: '%s' lacks '%s'", g->desc, st == WA_OK ? rec.text : reason.p, g->want);
        if (st == WA_OK && (strstr(rec.text, "Gestrichen") || strstr(rec.text, "feldcode") ||
                            strstr(rec.text, "root:")))
            fail_msg("%s: hidden text leaked: '%s'", g->desc, rec.text);
        wa_record_release(&rec);
        wa_buf_release(&reason);
        free(data);
    }
}

#define CORE_CREATED(d)                                                                            \
    "<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/"       \
    "core-properties\" xmlns:dcterms=\"http://purl.org/dc/terms/\"><dcterms:created>" d            \
    "</dcterms:created></cp:coreProperties>"
#define DOCX_BODY(t)                                                                               \
    "<w:document " DOCX_NS "><w:body><w:p><w:r><w:t>" t "</w:t></w:r></w:p></w:body></w:document>"

/* The creation date of the properties yields to a date the document states up front. */
static void test_stated_date_beats_creation(void **state)
{
    static const struct {
        const char *desc, *body, *want;
    } dates[] = {
        {"meeting date in the first line", "Protokoll der Sitzung vom 12. März 2021", "2021-03-12"},
        {"bare date in the first line", "Protokoll 03.05.2022", "2022-05-03"},
        {"no stated date: the creation date", "Nur Inhalt", "2019-01-02"},
    };
    size_t i, len;
    (void)state;
    for (i = 0; i < sizeof dates / sizeof dates[0]; i++) {
        char body[512];
        struct gen_case g = {"",
                             &wa_extractor_docx,
                             0,
                             {"word/document.xml", "docProps/core.xml"},
                             {body, CORE_CREATED("2019-01-02T08:00:00Z")},
                             WA_OK,
                             ""};
        struct wa_record rec;
        struct wa_buf reason;
        char *data;

        snprintf(body, sizeof body, DOCX_BODY("%s"), dates[i].body);
        data = make_zip(&g, &len);
        wa_record_init(&rec);
        wa_buf_init(&reason, 0);
        assert_int_equal(wa_extractor_docx.extract("gen", data, len, &rec, &reason), WA_OK);
        if (!rec.date || strcmp(rec.date, dates[i].want) != 0)
            fail_msg("%s: date '%s', want '%s'", dates[i].desc, rec.date ? rec.date : "(null)",
                     dates[i].want);
        wa_record_release(&rec);
        wa_buf_release(&reason);
        free(data);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_file_table),
        cmocka_unit_test(test_generated_table),
        cmocka_unit_test(test_stated_date_beats_creation),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
