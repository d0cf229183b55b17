/* Unit tests of the renderers of werkarchiv-search (text, JSON, CSV). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "render.h"

/* A result page with one hit whose fields need quoting and escaping. */
struct page {
    struct wa_results r;
    struct wa_hit hit;
    char *authors[2];
    char *dup_ids[1];
    char *dup_paths[1];
};

static void make_page(struct page *p)
{
    static struct wa_filter filters[] = {{"type", "Protokoll"}};

    memset(p, 0, sizeof *p);
    p->hit.rank = 3;
    p->hit.score = 1.5;
    p->hit.rec.id = "a/b.txt";
    p->hit.rec.path = "/archiv/a/b.txt";
    p->hit.rec.title = "Termine, \"Fristen\" und\nAblauf";
    p->hit.rec.date = "2021-03-12";
    p->hit.rec.type = "Protokoll";
    p->hit.rec.werkstatt = "Chatbot Community";
    p->authors[0] = "Miriam Tesch";
    p->authors[1] = "Konstantin Reuber";
    p->hit.rec.authors.v = p->authors;
    p->hit.rec.authors.n = 2;
    p->hit.snippet = "…die Chatbots <b>…";
    p->hit.snippet_marked = "…die \x01"
                            "Chatbots\x02 <b>…";
    p->dup_ids[0] = "a/b.html";
    p->dup_paths[0] = "/archiv/a/b.html";
    p->hit.dup_ids.v = p->dup_ids;
    p->hit.dup_ids.n = 1;
    p->hit.dup_paths.v = p->dup_paths;
    p->hit.dup_paths.n = 1;
    p->hit.collapsed = 1;
    p->r.query = "Chatbots";
    p->r.total = 23;
    p->r.offset = 2;
    p->r.limit = 1;
    p->r.sort = WA_SORT_NEWEST;
    p->r.filters = filters;
    p->r.nfilters = 1;
    p->r.date_from = "20210101";
    p->r.hits = &p->hit;
    p->r.n = 1;
}

/* Run a renderer into a string (free it). */
static char *render(int (*fn)(FILE *, const struct wa_results *), const struct wa_results *r)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);

    assert_non_null(f);
    assert_int_equal(fn(f, r), 0);
    fclose(f);
    return buf;
}

static int csv_plain(FILE *f, const struct wa_results *r)
{
    return wa_render_csv(f, r, 0);
}

static int csv_excel(FILE *f, const struct wa_results *r)
{
    return wa_render_csv(f, r, 1);
}

static int text_plain(FILE *f, const struct wa_results *r)
{
    wa_render_text(f, r, 0);
    return 0;
}

static int text_color(FILE *f, const struct wa_results *r)
{
    wa_render_text(f, r, WA_TEXT_COLOR);
    return 0;
}

static void test_csv(void **state)
{
    struct page p;
    char *s;

    (void)state;
    make_page(&p);
    s = render(csv_plain, &p.r);
    assert_true(strncmp(s, "rank,", 5) == 0); /* no byte order mark */
    /* header, CRLF line ends, quoted title with doubled quotes and the line break kept */
    assert_non_null(strstr(s, "rank,id,title,date,type,werkstatt,authors,tags,visibility,format,"
                              "path,score,snippet,duplicates\r\n"));
    assert_non_null(strstr(s, "\r\n3,a/b.txt,\"Termine, \"\"Fristen\"\" und\nAblauf\",2021-03-12,"
                              "Protokoll,Chatbot Community,Miriam Tesch; Konstantin Reuber,,"));
    /* the plain snippet, without markers; the duplicates' paths last */
    assert_non_null(strstr(s, ",…die Chatbots <b>…,/archiv/a/b.html\r\n"));
    assert_null(strchr(s, '\x01'));
    free(s);
    /* for German Excel: a byte order mark, ';' between fields, a decimal comma,
     * fields with ';' quoted and those with a comma no longer */
    s = render(csv_excel, &p.r);
    assert_true(strncmp(s, "\xEF\xBB\xBFrank;id;title;", 14) == 0);
    assert_non_null(strstr(s, "\r\n3;a/b.txt;\"Termine, \"\"Fristen\"\" und\nAblauf\";2021-03-12;"
                              "Protokoll;Chatbot Community;\"Miriam Tesch; Konstantin Reuber\";;"));
    assert_non_null(strstr(s, ";1,5000;"));
    free(s);
}

static void test_text(void **state)
{
    struct page p;
    char *s;

    (void)state;
    make_page(&p);
    s = render(text_plain, &p.r);
    assert_non_null(strstr(s, "23 Treffer, angezeigt 3–3, neueste zuerst, ab 01.01.2021\n"));
    assert_non_null(strstr(s, "\n  3. Termine"));
    assert_non_null(strstr(s, "     12.03.2021 · Chatbot Community · Protokoll\n"));
    assert_non_null(strstr(s, "     /archiv/a/b.txt\n"));
    assert_non_null(strstr(s, "     …die Chatbots <b>…\n"));
    assert_non_null(
        strstr(s, "Gleicher Text auch in einer weiteren Datei:\n       /archiv/a/b.html\n"));
    assert_null(strchr(s, '\033'));
    free(s);
    s = render(text_color, &p.r);
    assert_non_null(strstr(s, "\033[1mChatbots\033[0m"));
    free(s);
}

static void test_json(void **state)
{
    struct page p;
    json_error_t e;
    json_t *o, *h;
    char *s;

    (void)state;
    make_page(&p);
    s = render(wa_render_json, &p.r);
    o = json_loads(s, 0, &e);
    assert_non_null(o);
    assert_int_equal(json_integer_value(json_object_get(o, "format_version")),
                     WA_JSON_FORMAT_VERSION);
    assert_int_equal(json_integer_value(json_object_get(o, "count")), 1);
    assert_string_equal(
        json_string_value(json_object_get(json_object_get(o, "request"), "date_from")),
        "2021-01-01");
    assert_true(json_is_null(json_object_get(json_object_get(o, "request"), "date_to")));
    h = json_array_get(json_object_get(o, "results"), 0);
    assert_string_equal(json_string_value(json_object_get(h, "snippet_html")),
                        "…die <mark>Chatbots</mark> &lt;b&gt;…");
    assert_string_equal(json_string_value(json_object_get(
                            json_array_get(json_object_get(h, "duplicates"), 0), "path")),
                        "/archiv/a/b.html");
    assert_true(json_is_object(json_object_get(o, "facets")));
    json_decref(o);
    free(s);
}

static void test_date_de(void **state)
{
    static const char *const cases[][2] = {
        {"2021-03-12", "12.03.2021"},
        {"2021-03", "März 2021"},
        {"2021", "2021"},
        {"2021-13", "2021-13"}, /* not a month: as it is */
        {"", ""},
    };
    char out[40];
    size_t i;

    (void)state;
    for (i = 0; i < sizeof cases / sizeof cases[0]; i++)
        assert_string_equal(wa_render_date_de(cases[i][0], out, sizeof out), cases[i][1]);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_csv),
        cmocka_unit_test(test_text),
        cmocka_unit_test(test_json),
        cmocka_unit_test(test_date_de),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
