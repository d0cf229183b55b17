/* Markdown extraction: cmark text, first heading, front matter metadata. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "extract.h"
#include "extract_check.h"

struct md_case {
    const char *desc;
    const char *md;
    wa_status want_st;
    const char *want;     /* in the text, or in the reason on failure */
    const char *not_want; /* never in the text */
    const char *title, *date, *type, *werkstatt, *visibility;
    const char *author, *tag;
    size_t nauthors;
};

static const struct md_case cases[] = {
    {"heading becomes the title, markup disappears",
     "# Große Überschrift\n\nText mit **fett** und *kursiv*.\n", WA_OK, "Text mit fett und kursiv",
     "**", "Große Überschrift", NULL, NULL, NULL, NULL, NULL, NULL, 0},
    {"front matter sets fields (German keys, YAML list)",
     "---\ntitel: Notiz zur Cloud\ndatum: 09.02.2023\ntyp: Artikel\nwerkstatt: Cloud\n"
     "schlagworte:\n  - Migration\n  - Souveränität\n---\n# Andere Überschrift\n\nInhalt\n",
     WA_OK, "Inhalt", "titel:", "Notiz zur Cloud", "2023-02-09", "Artikel", "Cloud", NULL, NULL,
     "Souveränität", 0},
    {"front matter with English keys and an inline author list",
     "---\ntitle: \"Quoted Title\"\nauthors: [Lena Hoffmann, Tobias Krüger]\n"
     "visibility: internal\n---\nText\n",
     WA_OK, "Text", NULL, "Quoted Title", NULL, NULL, NULL, "intern", "Tobias Krüger", NULL, 2},
    {"unknown front matter keys are ignored", "---\nlayout: post\ntitel: T\n---\nKörper\n", WA_OK,
     "Körper", "layout", "T", NULL, NULL, NULL, NULL, NULL, NULL, 0},
    {"a bad visibility value fails the document", "---\nsichtbarkeit: streng geheim\n---\nText\n",
     WA_ERR_FORMAT, "sichtbarkeit", NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, 0},
    {"no closing line: no front matter, all text", "---\ntitel: offen\nText\n", WA_OK, "offen",
     NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, 0},
    {"link text stays, target goes", "Siehe [Leitfaden](https://example.org/geheimpfad).\n", WA_OK,
     "Leitfaden", "geheimpfad", NULL, NULL, NULL, NULL, NULL, NULL, NULL, 0},
    {"code blocks are text", "```\nMigrationsreihenfolge\n```\n", WA_OK, "Migrationsreihenfolge",
     NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, 0},
    {"raw HTML is not text", "<div class=\"x\">\n\nAbsatz\n", WA_OK, "Absatz", "class", NULL, NULL,
     NULL, NULL, NULL, NULL, NULL, 0},
    {"list items are separated", "- Apfel\n- Birne\n", WA_OK, "Apfel\nBirne", "ApfelBirne", NULL,
     NULL, NULL, NULL, NULL, NULL, NULL, 0},
    {"Windows-1252 Markdown is decoded", "# K\xF6ln\n\nPreis 5 \x80\n", WA_OK, "Preis 5 €", NULL,
     "Köln", NULL, NULL, NULL, NULL, NULL, NULL, 0},
};

static void test_md_table(void **state)
{
    size_t i;
    (void)state;
    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const struct md_case *c = &cases[i];
        struct wa_record rec;
        struct wa_buf reason;
        wa_status st;
        wa_record_init(&rec);
        wa_buf_init(&reason, 0);
        st = wa_extractor_markdown.extract("t.md", c->md, strlen(c->md), &rec, &reason);
        if (check_outcome(c->desc, st, c->want_st, &rec, &reason, c->want, c->not_want)) {
            check_str(c->desc, "title", rec.title, c->title);
            check_str(c->desc, "date", rec.date, c->date);
            check_str(c->desc, "type", rec.type, c->type);
            check_str(c->desc, "werkstatt", rec.werkstatt, c->werkstatt);
            check_str(c->desc, "visibility", rec.visibility, c->visibility);
            check_list(c->desc, "tags", &rec.tags, c->tag);
            check_list(c->desc, "authors", &rec.authors, c->author);
            if (c->nauthors && rec.authors.n != c->nauthors)
                fail_msg("%s: %zu authors, want %zu", c->desc, rec.authors.n, c->nauthors);
        }
        wa_record_release(&rec);
        wa_buf_release(&reason);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_md_table),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
