/* Unit tests for the German query rewrite: operators, gender forms, e-words, identifiers,
 * compounds. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "wa_german.h"

/* Table: user query, expected QueryParser string. */
static const char *const cases[][2] = {
    /* German operators, upper case only and outside quotes */
    {"Sitzung UND Protokoll", "Sitzung AND Protokoll"},
    {"Sitzung ODER Protokoll", "Sitzung OR Protokoll"},
    {"Sitzung NICHT Protokoll", "Sitzung NOT Protokoll"},
    {"Sitzung NAHE Protokoll", "Sitzung NEAR Protokoll"},
    {"Sitzung NAHE/3 Protokoll", "Sitzung NEAR/3 Protokoll"},
    {"(Sitzung ODER Termin) UND Protokoll", "(Sitzung OR Termin) AND Protokoll"},
    {"und oder nicht", "und oder nicht"},
    {"\"Sitzung UND Protokoll\"", "\"Sitzung UND Protokoll\""},
    {"UNDINE", "UNDINE"},
    /* a dangling operator is read as a word (lower case: the parser agrees) */
    {"Chatbot ODER", "Chatbot oder"},
    {"Chatbot OR", "Chatbot or"},
    {"UND Chatbot", "und Chatbot"},
    {"(Chatbot ODER) Sitzung", "(Chatbot oder) Sitzung"},
    {"NICHT", "nicht"},
    {"Chatbot NICHT", "Chatbot nicht"},
    /* a leading NICHT excludes from everything */
    {"NICHT Chatbot", "NOT Chatbot"},
    /* gender forms: one word meeting the feminine and the masculine form */
    {"Bürger*innen", "(Bürgerinnen OR Bürger)"},
    {"Bürger:innen", "(Bürgerinnen OR Bürger)"},
    {"Bürger_innen", "(Bürgerinnen OR Bürger)"},
    {"BürgerInnen", "(Bürgerinnen OR Bürger)"},
    {"Bürger/-innen", "(Bürgerinnen OR Bürger)"},
    {"Bürger/innen", "(Bürgerinnen OR Bürger)"},
    {"Lehrer*in", "(Lehrerin OR Lehrer)"},
    {"Besucher:innenzentrum", "(Besucherinnenzentrum OR Besucherzentrum)"},
    {"\"die Bürger*innen der Stadt\"", "\"die Bürgerinnen der Stadt\""},
    {"titel:Bürger*innen", "titel:Bürgerinnen"},
    {"Bürger*innen NAHE Stadt", "Bürgerinnen NEAR Stadt"},
    /* e-words */
    {"E-Akte", "EAkte"},
    {"e-Akte Einführung", "EAkte Einführung"},
    {"\"die E-Akte\"", "\"die EAkte\""},
    /* identifiers */
    {"§ 34 BauGB", "kennung:§34 BauGB"},
    {"§34a", "kennung:§34a"},
    {"Az. 12-345/2021", "Az. kennung:12-345/2021"},
    {"\"12-345/2021\"", "\"12-345/2021\""},
    {"Drs. 18/1234", "Drs. kennung:18/1234"},
    {"2020-2021", "2020-2021"},
    /* hyphenated abbreviations also as the joined synonym key */
    {"IT-PLR", "(IT-PLR OR itplr)"},
    {"DS-GVO Auskunft", "(DS-GVO OR dsgvo) Auskunft"},
    {"Datenschutz-Grundverordnung", "(Datenschutz-Grundverordnung OR datenschutzgrundverordnung)"},
    {"Projekt-Management", "(Projekt-Management OR projektmanagement)"},
    {"open-source", "open-source"},
    {"Open-Sour*", "Open-Sour*"},
    /* compounds: the whole word or all its parts, anywhere */
    {"Projektmanagement", "(Projektmanagement OR ((projekt OR projektung) AND management))"},
    {"\"Projektmanagement\"", "exakt:Projektmanagement"},
    {"titel:\"Projektmanagement\"", "titel:\"Projektmanagement\""},
    {"Projektmanagement*", "Projektmanagement*"},
    {"Projektmanagement NAHE Kosten", "Projektmanagement NEAR Kosten"},
    {"Digitalisierung", "Digitalisierung"},
    /* wildcards over transliterated spellings also expand over umlauts */
    {"Muench*", "(Muench* OR Münch*)"},
    {"Quell*", "Quell*"},
    {"Bauer*", "Bauer*"},
    /* multi-word synonyms: the words, or the concept term */
    {"künstliche Intelligenz", "((künstliche Intelligenz) OR konzept:ki)"},
    {"Einsatz künstlicher Intelligenz", "Einsatz ((künstlicher Intelligenz) OR konzept:ki)"},
    {"\"künstliche Intelligenz\"", "\"künstliche Intelligenz\""},
    {"künstliche, Intelligenz", "künstliche, Intelligenz"},
    {"künstliche NAHE Intelligenz", "künstliche NEAR Intelligenz"},
    /* other syntax passes unchanged */
    {"+Sitzung -Protokoll jahr:2019..2021", "+Sitzung -Protokoll jahr:2019..2021"},
    {"", ""},
};

static void test_table(void **state)
{
    size_t i;

    (void)state;
    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct wa_buf out;
        wa_buf_init(&out, 0);
        assert_int_equal(wa_german_query(cases[i][0], strlen(cases[i][0]), &out), WA_OK);
        if (strcmp(out.p, cases[i][1]) != 0)
            fail_msg("'%s': got '%s', expected '%s'", cases[i][0], out.p, cases[i][1]);
        wa_buf_release(&out);
    }
}

static void test_whole(void **state)
{
    struct wa_buf out;

    (void)state;
    /* the ranking rewrite keeps compounds whole, the rest as wa_german_query */
    wa_buf_init(&out, 0);
    assert_int_equal(wa_german_query_whole("Projektmanagement ODER Bürger*innen", 36, &out), WA_OK);
    assert_string_equal(out.p, "Projektmanagement OR (Bürgerinnen OR Bürger)");
    wa_buf_release(&out);
}

static void test_invalid_utf8_is_kept(void **state)
{
    const char q[] = "Sitzung \xff\xfe UND Bürger*innen";
    struct wa_buf out;

    (void)state;
    wa_buf_init(&out, 0);
    assert_int_equal(wa_german_query(q, sizeof q - 1, &out), WA_OK);
    assert_non_null(strstr(out.p, "AND (Bürgerinnen OR Bürger)"));
    assert_non_null(strstr(out.p, "\xff\xfe"));
    wa_buf_release(&out);
}

static void test_umlaut_variant(void **state)
{
    static const char *const variants[][2] = {
        {"Muenchen Schluessel", "München Schlüssel"},
        {"Das Menue Ebene", "Das Menü Ebene"},
        {"Auswaehlen", "Auswählen"},
        {"Oeffnungszeiten", "Öffnungszeiten"},
        {"Bauer Quelle", ""}, /* nothing to change: vowel or q before "ue" */
        {"München", ""},
    };
    size_t i;

    (void)state;
    for (i = 0; i < sizeof variants / sizeof variants[0]; i++) {
        struct wa_buf out;
        wa_buf_init(&out, 0);
        assert_int_equal(wa_german_umlaut_variant(variants[i][0], strlen(variants[i][0]), &out),
                         WA_OK);
        if (strcmp(out.p, variants[i][1]) != 0)
            fail_msg("'%s': got '%s', expected '%s'", variants[i][0], out.p, variants[i][1]);
        wa_buf_release(&out);
    }
}

static int exists(void *ctx, const char *w, size_t n)
{
    const char *const *known = ctx;
    size_t k;
    for (k = 0; known[k]; k++)
        if (strlen(known[k]) == n && memcmp(known[k], w, n) == 0)
            return 1;
    return 0;
}

static void test_fix_correction(void **state)
{
    static const char *const known[] = {"sein", "oder", "nicht", "anträge", NULL};
    struct wa_buf out;

    (void)state;
    wa_buf_init(&out, 0);
    /* words the archive has are no typos */
    assert_int_equal(wa_german_fix_correction("sein oder nicht sein", "ein der nicht ein", exists,
                                              (void *)known, &out),
                     WA_OK);
    assert_int_equal(out.len, 0);
    /* capitalised words get their capital back, umlauts included */
    assert_int_equal(wa_german_fix_correction("Anträge Verwaltungsdigitalisirung",
                                              "anträge verwaltungsdigitalisierung", exists,
                                              (void *)known, &out),
                     WA_OK);
    assert_string_equal(out.p, "Anträge Verwaltungsdigitalisierung");
    wa_buf_reset(&out);
    assert_int_equal(
        wa_german_fix_correction("Ubersicht", "übersicht", exists, (void *)known, &out), WA_OK);
    assert_string_equal(out.p, "Übersicht");
    wa_buf_release(&out);
}

static void test_known_words(void **state)
{
    static const char *const known[] = {"sein", "oder", "nicht", "anträge", NULL};

    (void)state;
    /* every word known, in any case and with punctuation: nothing to correct */
    assert_int_equal(wa_german_known_words("Sein oder  nicht (sein)?", exists, (void *)known), 1);
    assert_int_equal(wa_german_known_words("\"Anträge\"", exists, (void *)known), 1);
    /* one unknown word is enough to ask for a correction */
    assert_int_equal(
        wa_german_known_words("sein oder Verwaltungsdigitalisirung", exists, (void *)known), 0);
    /* a word of punctuation only, or a field, is not a known word */
    assert_int_equal(wa_german_known_words("sein ???", exists, (void *)known), 0);
    assert_int_equal(wa_german_known_words("titel:sein", exists, (void *)known), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_table),
        cmocka_unit_test(test_whole),
        cmocka_unit_test(test_invalid_utf8_is_kept),
        cmocka_unit_test(test_umlaut_variant),
        cmocka_unit_test(test_fix_correction),
        cmocka_unit_test(test_known_words),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
