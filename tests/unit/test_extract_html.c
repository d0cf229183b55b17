/* HTML extraction: text without script, style and page furniture, metadata, charsets, noindex. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "extract.h"
#include "extract_check.h"

struct html_case {
    const char *desc;
    const char *html;
    wa_status want_st;
    const char *want;     /* in the text (or the reason on failure) */
    const char *not_want; /* never in the text */
    const char *title, *date, *type, *werkstatt, *visibility, *language, *author, *tag;
};

static const struct html_case cases[] = {
    {"title, Dublin Core and our own meta names",
     "<html lang=\"de\"><head><meta charset=\"utf-8\"><title>Protokoll der Sitzung</title>"
     "<meta name=\"author\" content=\"Anna Berg; Jonas Kern\">"
     "<meta name=\"keywords\" content=\"Chatbot, Bürgerservice\">"
     "<meta name=\"DC.date\" content=\"2021-03-12\"><meta name=\"DC.type\" content=\"Protokoll\">"
     "<meta name=\"werkarchiv.werkstatt\" content=\"Chatbot Community\">"
     "<meta name=\"werkarchiv.visibility\" content=\"intern\"></head>"
     "<body><p>Die Sitzung begann.</p></body></html>",
     WA_OK, "Die Sitzung begann.", NULL, "Protokoll der Sitzung", "2021-03-12", "Protokoll",
     "Chatbot Community", "intern", "de", "Jonas Kern", "Bürgerservice"},
    {"script, style, noscript and template are not text",
     "<html><head><style>.a{Stilmuell}</style><script>var Skriptmuell=1;</script></head>"
     "<body><p>Sichtbar</p><script>Skriptmuell()</script><noscript>Ohnejs</noscript>"
     "<template>Vorlage</template></body></html>",
     WA_OK, "Sichtbar", "muell", NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL},
    {"block elements separate words",
     "<p>Straße</p><p>Schlüssel</p><ul><li>eins</li><li>zwei</li></ul><td>a</td><td>b</td>", WA_OK,
     "Schlüssel", "StraßeSchlüssel", NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL},
    {"inline elements do not split words", "<p>Ver<b>waltung</b>s<i>digitalisierung</i></p>", WA_OK,
     "Verwaltungsdigitalisierung", NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL},
    {"the first heading is the title when there is no <title>",
     "<body><h1>Ergebnispapier Cloud</h1><h1>Zweite</h1><p>Text</p></body>", WA_OK, "Text", NULL,
     "Ergebnispapier Cloud", NULL, NULL, NULL, NULL, NULL, NULL, NULL},
    {"image alternative text is indexed", "<p>Bild: <img src=\"x.png\" alt=\"Organigramm\"></p>",
     WA_OK, "Organigramm", NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL},
    {"robots noindex is respected",
     "<html><head><meta name=\"robots\" content=\"noindex, nofollow\"></head>"
     "<body>Nichtindexieren</body></html>",
     WA_ERR_UNSUPPORTED, "noindex", NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL},
    {"declared Latin-1 with Windows-1252 bytes keeps the euro sign",
     "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=iso-8859-1\">"
     "</head><body><p>Kosten 5 \x80 f\xfcr die Stra\xdf"
     "e</p></body></html>",
     WA_OK, "Kosten 5 € für die Straße", NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL},
    {"UTF-8 declared but Windows-1252 bytes: decoded, no U+FFFD",
     "<meta charset=\"utf-8\"><p>Gr\xfc\xdf"
     "e</p>",
     WA_OK, "Grüße", "\xEF\xBF\xBD", NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL},
    {"broken markup is recovered", "<p>Anfang<b><i>fett<p>weiter</table></div>Ende", WA_OK, "Ende",
     NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL},
    {"entities are decoded", "<p>Gr&uuml;&szlig;e &amp; Dank &#8211; &euro;</p>", WA_OK,
     "Grüße & Dank – €", NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL},
    {"navigation, page header and footer are not text",
     "<html><body><header><p>Bannermuell</p></header><nav><a href=\"/\">Navimuell</a></nav>"
     "<p>Inhalt des Protokolls</p><footer>Impressummuell</footer></body></html>",
     WA_OK, "Inhalt des Protokolls", "muell", NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL},
    {"ARIA roles navigation, banner, contentinfo and aria-hidden are not text",
     "<body><div role=\"banner\">Bannermuell</div><div role=\"navigation\">Navimuell</div>"
     "<p>Beschluss</p><span aria-hidden=\"true\">Symbolmuell</span>"
     "<div role=\"contentinfo\">Fussmuell</div></body>",
     WA_OK, "Beschluss", "muell", NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL},
    {"skip links are not text",
     "<body><a href=\"#inhalt\">Zum Inhalt springen</a><a class=\"skip-link\" "
     "href=\"#n\">Weiter</a>"
     "<p id=\"inhalt\">Ergebnis <a href=\"#anhang\">Anhang</a></p></body>",
     WA_OK, "Ergebnis Anhang", "springen", NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL},
    {"header and footer of an article are text",
     "<article><header><h2>Kopfzeile</h2></header><p>Text</p><footer>Autorin Berg</footer>"
     "</article>",
     WA_OK, "Autorin Berg", NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL},
    {"<main> is preferred: sidebars around it are not text",
     "<html><head><title>Seite</title></head><body><div class=\"seitenleiste\">Leistenmuell"
     "</div><main><p>Hauptteil</p></main><div>Werbemuell</div></body></html>",
     WA_OK, "Hauptteil", "muell", "Seite", NULL, NULL, NULL, NULL, NULL, NULL, NULL},
    {"a single <article> is preferred",
     "<body><div>Menuemuell</div><article><p>Artikeltext</p></article><div>Randmuell</div>"
     "</body>",
     WA_OK, "Artikeltext", "muell", NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL},
    {"DocBook navigation rows are not text",
     "<body><div class=\"navheader\"><table><tr><th>Nachbarmuell</th></tr></table></div>"
     "<div class=\"sect1\"><p>Kapiteltext</p></div><div class=\"navfooter\">Folgemuell</div>"
     "</body>",
     WA_OK, "Kapiteltext", "muell", NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL},
    {"comments are not text", "<p>Vorher<!-- Kommentarmuell -->Nachher</p>", WA_OK, "VorherNachher",
     "Kommentarmuell", NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL},
};

static void test_html_table(void **state)
{
    size_t i;

    (void)state;
    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const struct html_case *c = &cases[i];
        struct wa_record rec;
        struct wa_buf reason;
        wa_status st;

        wa_record_init(&rec);
        wa_buf_init(&reason, 4096);
        st = wa_extractor_html.extract("t.html", c->html, strlen(c->html), &rec, &reason);
        if (check_outcome(c->desc, st, c->want_st, &rec, &reason, c->want, c->not_want)) {
            check_str(c->desc, "title", rec.title, c->title);
            check_str(c->desc, "date", rec.date, c->date);
            check_str(c->desc, "type", rec.type, c->type);
            check_str(c->desc, "werkstatt", rec.werkstatt, c->werkstatt);
            check_str(c->desc, "visibility", rec.visibility, c->visibility);
            check_str(c->desc, "language", rec.language, c->language);
            check_list(c->desc, "authors", &rec.authors, c->author);
            check_list(c->desc, "tags", &rec.tags, c->tag);
        }
        wa_record_release(&rec);
        wa_buf_release(&reason);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_html_table),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
