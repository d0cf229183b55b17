/* XML extraction: the Werkarchiv format, generic XML, and hostile documents. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "extract.h"
#include "extract_check.h"

#define NS "xmlns=\"urn:werkarchiv:dokument:1\""

struct xml_case {
    const char *desc;
    const char *xml;
    wa_status want_st;
    const char *want;     /* in the text (or the reason on failure) */
    const char *not_want; /* never in the text */
    const char *title, *date, *type, *werkstatt, *visibility;
    const char *author, *tag; /* one expected entry each */
};

static const struct xml_case cases[] = {
    {"Werkarchiv minutes: fields, lists and body",
     "<?xml version=\"1.0\"?><dokument " NS " typ=\"Protokoll\" sichtbarkeit=\"intern\">"
     "<titel>Sitzung der Werkstatt</titel><datum>12.03.2021</datum>"
     "<werkstatt>Datenschutz</werkstatt>"
     "<autoren><autor>Anna Beispiel</autor><autor>Bert Muster</autor></autoren>"
     "<schlagworte><schlagwort>Löschfrist</schlagwort></schlagworte>"
     "<teilnehmende><person>Clara Zeuge</person></teilnehmende>"
     "<tagesordnung><punkt nr=\"1\"><titel>Auftakt</titel><text>Begrüßung</text></punkt>"
     "</tagesordnung><beschluesse><beschluss>Fristenplan wird erstellt</beschluss>"
     "</beschluesse></dokument>",
     WA_OK, "Clara Zeuge", "Datenschutz", "Sitzung der Werkstatt", "2021-03-12", "Protokoll",
     "Datenschutz", "intern", "Bert Muster", "Löschfrist"},
    {"Werkarchiv body keeps block boundaries",
     "<dokument " NS "><titel>T</titel><inhalt><absatz>Ende</absatz><absatz>Anfang</absatz>"
     "</inhalt></dokument>",
     WA_OK, "Ende\nAnfang", "EndeAnfang", "T", NULL, NULL, NULL, NULL, NULL, NULL},
    {"element <community> is the Werkstatt field",
     "<dokument " NS "><community>Open Source</community><inhalt>x</inhalt></dokument>", WA_OK, "x",
     "Open Source", NULL, NULL, NULL, "Open Source", NULL, NULL, NULL},
    {"unknown visibility fails instead of publishing",
     "<dokument " NS " sichtbarkeit=\"geheim\"><inhalt>x</inhalt></dokument>", WA_ERR_FORMAT,
     "geheim", NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL},
    {"other XML: text without tag names or attributes",
     "<rss version=\"2.0\"><channel><item><title>Neuigkeit</title>"
     "<description>Wasserstandsmeldung</description></item></channel></rss>",
     WA_OK, "Wasserstandsmeldung", "channel", NULL, NULL, NULL, NULL, NULL, NULL, NULL},
    {"a dokument without our namespace is other XML", "<dokument><titel>Fremd</titel></dokument>",
     WA_OK, "Fremd", NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL},
    {"CDATA is text", "<a><![CDATA[Rohtext <b>]]></a>", WA_OK, "Rohtext <b>", NULL, NULL, NULL,
     NULL, NULL, NULL, NULL, NULL},
    /* XXE: the external entity must not be loaded, neither file nor network */
    {"external entities are never loaded",
     "<?xml version=\"1.0\"?><!DOCTYPE n [<!ENTITY x SYSTEM \"file:///etc/passwd\">"
     "<!ENTITY y SYSTEM \"http://127.0.0.1:9/\">]><n>Vorher &x; &y; Nachher</n>",
     WA_OK, "Nachher", "root:", NULL, NULL, NULL, NULL, NULL, NULL, NULL},
    {"internal entities are not expanded into the text",
     "<?xml version=\"1.0\"?><!DOCTYPE n [<!ENTITY w \"Wiederholung\">]><n>Text &w;</n>", WA_OK,
     "Text", "Wiederholung", NULL, NULL, NULL, NULL, NULL, NULL, NULL},
    {"not well-formed XML fails with a reason", "<a><b></a>", WA_ERR_FORMAT, "not well-formed",
     NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL},
    {"empty input fails", "", WA_ERR_FORMAT, "not well-formed", NULL, NULL, NULL, NULL, NULL, NULL,
     NULL, NULL},
    /* legacy bytes without an encoding declaration: detected, not rejected */
    {"Windows-1252 without a declaration is decoded",
     "<notiz>Kosten \x80 500 f\xfcr die Stra\xdf"
     "e \x84"
     "Ausbau\x93</notiz>",
     WA_OK, "Kosten € 500 für die Straße „Ausbau“", NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL},
    {"a declared encoding is honoured",
     "<?xml version=\"1.0\" encoding=\"ISO-8859-15\"?><n>Preis \xa4 5</n>", WA_OK, "Preis € 5",
     NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL},
};

static void test_xml_table(void **state)
{
    size_t i;
    (void)state;
    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const struct xml_case *c = &cases[i];
        struct wa_record rec;
        struct wa_buf reason;
        wa_status st;
        wa_record_init(&rec);
        wa_buf_init(&reason, 0);
        st = wa_extractor_xml.extract("t.xml", c->xml, strlen(c->xml), &rec, &reason);
        if (check_outcome(c->desc, st, c->want_st, &rec, &reason, c->want, c->not_want)) {
            check_str(c->desc, "title", rec.title, c->title);
            check_str(c->desc, "date", rec.date, c->date);
            check_str(c->desc, "type", rec.type, c->type);
            check_str(c->desc, "werkstatt", rec.werkstatt, c->werkstatt);
            check_str(c->desc, "visibility", rec.visibility, c->visibility);
            check_list(c->desc, "authors", &rec.authors, c->author);
            check_list(c->desc, "tags", &rec.tags, c->tag);
        }
        wa_record_release(&rec);
        wa_buf_release(&reason);
    }
}

/* Deep nesting must fail cleanly (libxml2's depth cap), not exhaust the stack. */
static void test_deep_nesting(void **state)
{
    struct wa_buf xml, reason;
    struct wa_record rec;
    int i;
    (void)state;
    wa_buf_init(&xml, 0);
    wa_buf_init(&reason, 0);
    wa_record_init(&rec);
    for (i = 0; i < 100000; i++)
        wa_buf_adds(&xml, "<e>");
    wa_buf_adds(&xml, "tief");
    for (i = 0; i < 100000; i++)
        wa_buf_adds(&xml, "</e>");
    assert_int_equal(wa_extractor_xml.extract("d.xml", xml.p, xml.len, &rec, &reason),
                     WA_ERR_FORMAT);
    assert_non_null(strstr(reason.p, "depth"));
    wa_record_release(&rec);
    wa_buf_release(&xml);
    wa_buf_release(&reason);
}

/* Nesting within the cap is walked without recursion and keeps its text. */
static void test_moderate_nesting(void **state)
{
    struct wa_buf xml, reason;
    struct wa_record rec;
    int i;
    (void)state;
    wa_buf_init(&xml, 0);
    wa_buf_init(&reason, 0);
    wa_record_init(&rec);
    for (i = 0; i < 200; i++)
        wa_buf_adds(&xml, "<e>");
    wa_buf_adds(&xml, "Kellerwort");
    for (i = 0; i < 200; i++)
        wa_buf_adds(&xml, "</e>");
    assert_int_equal(wa_extractor_xml.extract("d.xml", xml.p, xml.len, &rec, &reason), WA_OK);
    assert_string_equal(rec.text, "Kellerwort");
    wa_record_release(&rec);
    wa_buf_release(&xml);
    wa_buf_release(&reason);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_xml_table),
        cmocka_unit_test(test_deep_nesting),
        cmocka_unit_test(test_moderate_nesting),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
