/* Metadata precedence in wa_extract_file: document < sidecar NAME.meta; the mtime is no date. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <utime.h>

#include "extract.h"
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

struct meta_case {
    const char *desc;
    const char *name;
    const char *content;
    const char *sidecar; /* NULL: none */
    const char *title, *date, *type, *werkstatt, *visibility, *author;
};

static const struct meta_case cases[] = {
    {"document metadata beats file facts", "a.md", "---\ntitel: Aus dem Dokument\n---\nText\n",
     NULL, "Aus dem Dokument", "-", NULL, NULL, "öffentlich", NULL},
    {"sidecar beats document metadata", "b.md",
     "---\ntitel: Aus dem Dokument\ntyp: Artikel\n---\nText\n",
     "Titel: Aus der Beschreibung\nTyp: Ergebnis\nAutor: Ines Irgendwer\n", "Aus der Beschreibung",
     NULL, "Ergebnis", NULL, NULL, "Ines Irgendwer"},
    {"English sidecar keys", "c.txt", "Inhalt\n",
     "title: English Keys\ncommunity: Open Source\nvisibility: internal\ndate: 2020-07-01\n",
     "English Keys", "2020-07-01", NULL, "Open Source", "intern", NULL},
    {"date from a clearly stated German date", "d.txt",
     "Protokoll der Sitzung vom 12. März 2021\n\nInhalt\n", NULL,
     "Protokoll der Sitzung vom 12. März 2021", "2021-03-12", NULL, NULL, NULL, NULL},
    {"no date in the text: undated, never the mtime", "e.txt", "Nur Text ohne Datum\n", NULL, NULL,
     "-", NULL, NULL, NULL, NULL},
    {"date from the title", "h.md", "# Sitzung 2021-04-09\n\nInhalt\n", NULL, "Sitzung 2021-04-09",
     "2021-04-09", NULL, NULL, NULL, NULL},
    {"title from the first heading", "f.md", "Vorspann ohne Markup\n\n# Echte Überschrift\n", NULL,
     "Echte Überschrift", NULL, NULL, NULL, NULL, NULL},
    {"title from the file name when there is no text", "leere_notiz-datei.xml", "<leer/>", NULL,
     "leere notiz datei", NULL, NULL, NULL, NULL, NULL},
};

/* want NULL: not checked; "-": must be unset */
static void check(const char *desc, const char *what, const char *got, const char *want)
{
    if (want && !strcmp(want, "-")) {
        if (got)
            fail_msg("%s: %s is '%s', want none", desc, what, got);
        return;
    }
    if (want && (!got || strcmp(got, want) != 0))
        fail_msg("%s: %s is '%s', want '%s'", desc, what, got ? got : "(null)", want);
}

static void test_meta_table(void **state)
{
    size_t i;
    (void)state;
    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const struct meta_case *c = &cases[i];
        char path[256], meta[300];
        struct utimbuf ut = {981158400, 981158400}; /* 2001-02-03 00:00 UTC */
        struct wa_record rec;
        struct wa_buf reason;
        wa_status st;

        put(c->name, c->content);
        snprintf(path, sizeof path, "%s/%s", dir, c->name);
        assert_int_equal(utime(path, &ut), 0);
        snprintf(meta, sizeof meta, "%s.meta", c->name);
        if (c->sidecar)
            put(meta, c->sidecar);
        wa_record_init(&rec);
        wa_buf_init(&reason, 0);
        st = wa_extract_file(path, c->name, &rec, &reason);
        if (st != WA_OK)
            fail_msg("%s: %s", c->desc, reason.p);
        check(c->desc, "title", rec.title, c->title);
        check(c->desc, "date", rec.date, c->date);
        check(c->desc, "type", rec.type, c->type);
        check(c->desc, "werkstatt", rec.werkstatt, c->werkstatt);
        check(c->desc, "visibility", rec.visibility, c->visibility);
        if (c->author && (rec.authors.n != 1 || strcmp(rec.authors.v[0], c->author)))
            fail_msg("%s: author missing", c->desc);
        check(c->desc, "id", rec.id, c->name);
        wa_record_release(&rec);
        wa_buf_release(&reason);
    }
}

/* A typo in the sidecar's visibility fails the file instead of publishing it. */
static void test_bad_visibility(void **state)
{
    char path[256];
    struct wa_record rec;
    struct wa_buf reason;
    (void)state;
    put("g.txt", "Vertraulicher Inhalt\n");
    put("g.txt.meta", "Sichtbarkeit: intren\n");
    snprintf(path, sizeof path, "%s/g.txt", dir);
    wa_record_init(&rec);
    wa_buf_init(&reason, 0);
    assert_int_equal(wa_extract_file(path, "g.txt", &rec, &reason), WA_ERR_FORMAT);
    assert_non_null(strstr(reason.p, "Sichtbarkeit"));
    wa_record_release(&rec);
    wa_buf_release(&reason);
}

static int setup(void **state)
{
    (void)state;
    return tmpdir_make(dir, sizeof dir, "meta");
}

static int teardown(void **state)
{
    (void)state;
    return tmpdir_remove(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_meta_table),
        cmocka_unit_test(test_bad_visibility),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
