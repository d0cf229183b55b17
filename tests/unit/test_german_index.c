/* Unit tests for German indexing: gender forms, compounds, numbers, long words, concepts,
 * stopwords. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "wa_german.h"
#include "wa_record.h"
#include "wa_xapian.h"
#include "tmpdir.h"

static char dir[] = "/tmp/wa-german-XXXXXX";
static wa_db *db;

/* id, title, text */
static const char *const docs[][3] = {
    {"stern", "Quartier", "Alle Bürger*innen des Viertels waren eingeladen."},
    {"doppelpunkt", "Radverkehr", "Es haben 1.200 Bürger:innen teilgenommen."},
    {"unterstrich", "Sprechstunde", "Bürger_innen buchen online einen Termin."},
    {"binnen", "Beschwerden", "Wenn BürgerInnen sich beschweren, antworten wir."},
    {"maskulin", "Versammlung", "Rund zweihundert Bürger kamen in die Stadthalle."},
    {"burg", "Klausur", "Die Werkstatt traf sich auf einer Burg im Odenwald."},
    {"kompositum", "Kommunen", "Die Verwaltungsdigitalisierung und die Abwassergebühren."},
    {"digital", "Strategie", "Die Digitalisierung der Verwaltung schreitet voran."},
    {"lang", "Gesetze",
     "Das Rindfleischetikettierungsüberwachungsaufgabenübertragungsgesetz ist lang."},
    {"az", "Bauvoranfrage", "Die Bauvoranfrage (Az. 12-345/2021) nach § 34 BauGB."},
    {"zahlen", "Haushalt", "Für 34 Maßnahmen stehen 12 Prozent bereit."},
    {"ki", "Pilot", "Die KI sortiert den Posteingang vor."},
    {"intelligenz", "Ethik", "Beim Einsatz künstlicher Intelligenz gilt Transparenz."},
    {"hamlet", "Theater", "Sein oder nicht sein, das ist hier die Frage."},
    {"zustaendig", "Ausschuss", "Ob das Amt zuständig sein soll oder nicht, ist offen."},
    {"ohne", "Anträge", "Anträge ohne Unterschrift werden nicht behandelt."},
    {"mit", "Anträge", "Anträge mit Unterschrift gehen an die Geschäftsstelle."},
    {"eakte", "Einführung", "Die E-Akte im Ordnungsamt ist produktiv."},
    {"kosten", "Haushalt", "Die Kosten des Projekts stiegen deutlich."},
    {"kost", "Kantine", "Mittags gab es einfache Kost aus der Region."},
};

static int setup(void **state)
{
    char path[256];
    wa_wdb *w = NULL;
    wa_status st;
    const char *paths[1];
    size_t i;

    (void)state;
    if (tmpdir_make(dir, sizeof dir, "german") != 0)
        return -1;
    snprintf(path, sizeof path, "%s/db", dir);
    if (wa_wdb_open(&w, path, 1) != WA_OK)
        return -1;
    if (wa_german_register_synonyms(w) != WA_OK)
        return -1;
    for (i = 0; i < sizeof docs / sizeof docs[0]; i++) {
        struct wa_record r;
        wa_doc *doc = NULL;
        char idterm[64];
        wa_record_init(&r);
        wa_record_set_str(&r.id, docs[i][0], strlen(docs[i][0]));
        wa_record_set_str(&r.title, docs[i][1], strlen(docs[i][1]));
        wa_record_set_str(&r.text, docs[i][2], strlen(docs[i][2]));
        r.text_len = strlen(docs[i][2]);
        snprintf(idterm, sizeof idterm, "Q%s", docs[i][0]);
        if (wa_doc_new(&doc, w) != WA_OK || wa_record_to_doc(&r, doc) != WA_OK ||
            wa_wdb_replace(w, idterm, doc) != WA_OK)
            return -1;
        wa_doc_free(doc);
        wa_record_release(&r);
    }
    st = wa_wdb_close(w);
    wa_wdb_destroy(w);
    if (st != WA_OK)
        return -1;
    paths[0] = path;
    return wa_db_open(&db, paths, 1) == WA_OK ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    wa_db_destroy(db);
    return tmpdir_remove(dir);
}

/* The ids of all hits for query, space-separated in rank order. */
static const char *hits(const char *query)
{
    static char out[1024];
    struct wa_search_opts o;
    wa_mset *m = NULL;
    size_t i, n = 0;

    wa_search_opts_init(&o);
    o.query = query;
    o.limit = 50;
    o.relax = 0;
    if (wa_db_search(db, &o, &m) != WA_OK)
        fail_msg("'%s': %s", query, wa_db_errmsg(db));
    out[0] = '\0';
    for (i = 0; i < wa_mset_size(m); i++) {
        size_t len;
        const char *data = wa_mset_data(m, i, &len);
        struct wa_record rec;
        wa_record_init(&rec);
        assert_int_equal(wa_record_from_json(&rec, data, len), WA_OK);
        n += (size_t)snprintf(out + n, sizeof out - n, "%s%s", i ? " " : "", rec.id);
        wa_record_release(&rec);
    }
    wa_mset_free(m);
    return out;
}

static int has(const char *list, const char *id)
{
    size_t n = strlen(id);
    const char *p = list;
    while ((p = strstr(p, id)) != NULL) {
        if ((p == list || p[-1] == ' ') && (p[n] == ' ' || p[n] == '\0'))
            return 1;
        p += n;
    }
    return 0;
}

#define EXPECT(q, id)                                                                              \
    do {                                                                                           \
        const char *h_ = hits(q);                                                                  \
        if (!has(h_, id))                                                                          \
            fail_msg("'%s' should find %s, found: %s", q, id, h_);                                 \
    } while (0)
#define REJECT(q, id)                                                                              \
    do {                                                                                           \
        const char *h_ = hits(q);                                                                  \
        if (has(h_, id))                                                                           \
            fail_msg("'%s' should not find %s, found: %s", q, id, h_);                             \
    } while (0)

static void test_gender_forms(void **state)
{
    static const char *const forms[] = {"stern", "doppelpunkt", "unterstrich", "binnen"};
    static const char *const queries[] = {"Bürgerinnen", "Bürger", "Bürger*innen", "BürgerInnen",
                                          "Bürger:innen"};
    size_t i, k;

    (void)state;
    for (k = 0; k < sizeof queries / sizeof queries[0]; k++)
        for (i = 0; i < sizeof forms / sizeof forms[0]; i++)
            EXPECT(queries[k], forms[i]);
    /* the gender query also meets the masculine form */
    EXPECT("Bürger*innen", "maskulin");
    /* the plain feminine query does not */
    REJECT("Bürgerinnen", "maskulin");
    /* no free-standing "innen" is indexed */
    REJECT("innen", "stern");
    REJECT("innen", "doppelpunkt");
    /* a phrase sees the masculine form at the gender form's position */
    EXPECT("\"Alle Bürger des Viertels\"", "stern");
}

static void test_exact_form_ranks_first(void **state)
{
    const char *h;

    (void)state;
    /* Kosten and Kost share the german2 stem "kost": both match, the exact
     * form ranks first */
    h = hits("Kosten");
    assert_true(has(h, "kost"));
    assert_true(strncmp(h, "kosten ", 7) == 0);
    h = hits("Kost");
    assert_true(strncmp(h, "kost ", 5) == 0);
    assert_true(has(h, "kosten"));
}

static void test_stem_exceptions(void **state)
{
    const char *h;

    (void)state;
    /* german2 merges Bürger with Burg; the exception list keeps them apart */
    h = hits("Bürger");
    assert_true(has(h, "maskulin"));
    assert_false(has(h, "burg"));
    h = hits("Buerger");
    assert_true(has(h, "maskulin"));
    assert_false(has(h, "burg"));
    h = hits("Burg");
    assert_true(has(h, "burg"));
    assert_false(has(h, "maskulin"));
    assert_string_equal(wa_german_stem_exception("bürgern", strlen("bürgern")), "bürger");
    assert_null(wa_german_stem_exception("bürgerin", strlen("bürgerin")));
    assert_null(wa_german_stem_exception("", 0));
}

static void test_compounds(void **state)
{
    (void)state;
    EXPECT("Digitalisierung", "kompositum");
    EXPECT("Digitalisierung", "digital");
    EXPECT("Gebühren", "kompositum");
    EXPECT("Gebühren Abwasser", "kompositum"); /* both parts, AND */
    REJECT("Gebühren Odenwald", "kompositum");
    /* quoted words stay exact */
    REJECT("\"Digitalisierung\"", "kompositum");
    EXPECT("\"Verwaltungsdigitalisierung\"", "kompositum");
    /* E-Akte is one word and "Akte" finds it as a part */
    EXPECT("E-Akte", "eakte");
    EXPECT("eAkte", "eakte");
    EXPECT("Akte", "eakte");
}

static void test_numbers_and_identifiers(void **state)
{
    (void)state;
    EXPECT("34", "zahlen");
    EXPECT("1.200", "doppelpunkt");
    EXPECT("§ 34", "az");
    REJECT("§ 34", "zahlen"); /* a bare 34 is no paragraph */
    EXPECT("§ 34 BauGB", "az");
    EXPECT("Az. 12-345/2021", "az");
    EXPECT("\"12-345/2021\"", "az");
    REJECT("12-345/2021", "zahlen");
}

static void test_long_words(void **state)
{
    (void)state;
    EXPECT("Rindfleischetikettierungsüberwachungsaufgabenübertragungsgesetz", "lang");
    /* and its parts */
    EXPECT("Rindfleisch", "lang");
}

static void test_concepts(void **state)
{
    (void)state;
    EXPECT("KI", "intelligenz");
    EXPECT("künstliche Intelligenz", "ki");
    EXPECT("KI", "ki");
    REJECT("KI", "hamlet");
}

static void test_stopwords(void **state)
{
    size_t n, i;
    const char *const *sw = wa_german_stopwords(&n);
    static const char *const kept[] = {"nicht", "kein", "keine", "ohne", "sein", "weg", "hin"};

    (void)state;
    assert_true(n > 150);
    for (i = 0; i < sizeof kept / sizeof kept[0]; i++) {
        size_t k;
        for (k = 0; k < n; k++)
            if (strcmp(sw[k], kept[i]) == 0)
                fail_msg("'%s' must not be a stopword", kept[i]);
    }
    /* stopwords are dropped from queries ... */
    EXPECT("die Klausur auf der Burg", "burg");
    EXPECT("der Posteingang", "ki");
    /* ... but negations count */
    EXPECT("Anträge ohne Unterschrift", "ohne");
    REJECT("Anträge ohne Unterschrift", "mit");
    /* phrases keep every word */
    EXPECT("\"sein oder nicht sein\"", "hamlet");
    REJECT("\"sein oder nicht sein\"", "zustaendig");
    /* a query of stopwords only is kept */
    EXPECT("die", "burg");
}

static void test_spelling(void **state)
{
    struct wa_search_opts o;
    wa_mset *m = NULL;

    (void)state;
    wa_search_opts_init(&o);
    o.query = "Verwaltungsdigitalisirung";
    o.spelling = 1;
    assert_int_equal(wa_db_search(db, &o, &m), WA_OK);
    assert_int_equal(wa_mset_size(m), 0);
    assert_non_null(wa_mset_suggestion(m));
    assert_string_equal(wa_mset_suggestion(m), "Verwaltungsdigitalisierung");
    wa_mset_free(m);
    /* existing words are not "corrected" into other existing words */
    o.query = "sein oder nicht sein";
    assert_int_equal(wa_db_search(db, &o, &m), WA_OK);
    assert_null(wa_mset_suggestion(m));
    wa_mset_free(m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_gender_forms),
        cmocka_unit_test(test_exact_form_ranks_first),
        cmocka_unit_test(test_stem_exceptions),
        cmocka_unit_test(test_compounds),
        cmocka_unit_test(test_numbers_and_identifiers),
        cmocka_unit_test(test_long_words),
        cmocka_unit_test(test_concepts),
        cmocka_unit_test(test_stopwords),
        cmocka_unit_test(test_spelling),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
