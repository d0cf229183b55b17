/* Unit tests of snippet making (lib/wa_snippet.c): matches of every kind, passages, bounds. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "wa_snippet.h"

#define W(kind, s)                                                                                 \
    {                                                                                              \
        kind, s, sizeof s - 1                                                                      \
    }
#define N(a) (sizeof a / sizeof a[0])

static struct wa_snippet_opts opts(void)
{
    struct wa_snippet_opts o;
    o.maxlen = 300;
    o.scan = 1024 * 1024;
    o.fragments = 3;
    o.min_stem = 4;
    o.min_modifier = 3;
    o.hl_start = "[";
    o.hl_end = "]";
    o.html = 0;
    return o;
}

/* The snippet of text for words with o, as a string to free. */
static char *snip_with(const struct wa_snippet_opts *o, const char *text, const struct wa_qword *w,
                       size_t n)
{
    struct wa_buf out;
    wa_buf_init(&out, 0);
    assert_int_equal(wa_snippet_make(o, text, strlen(text), w, n, &out), WA_OK);
    return wa_buf_detach(&out, NULL);
}

static char *snip(const char *text, const struct wa_qword *w, size_t n)
{
    struct wa_snippet_opts o = opts();
    return snip_with(&o, text, w, n);
}

static void expect(const char *text, const struct wa_qword *w, size_t n, const char *want)
{
    char *s = snip(text, w, n);
    if (strcmp(s, want) != 0)
        fail_msg("'%s': got '%s', want '%s'", text, s, want);
    free(s);
}

static size_t count(const char *s, const char *sub)
{
    size_t k = 0;
    for (s = strstr(s, sub); s; s = strstr(s + 1, sub))
        k++;
    return k;
}

/* A long text of len bytes: filler words. */
static char *filler(size_t len)
{
    static const char *const words[] = {"Zeile ", "Absatz ", "Inhalt ", "Thema ", "Bericht "};
    char *t = malloc(len + 1);
    size_t k = 0, i = 0;

    assert_non_null(t);
    while (k < len) {
        size_t n = strlen(words[i % 5]);
        if (k + n > len)
            n = len - k;
        memcpy(t + k, words[i++ % 5], n);
        k += n;
    }
    t[len] = '\0';
    return t;
}

/* Overwrite t at at with s (which begins with a blank, so that it starts a word). */
static void put(char *t, size_t at, const char *s)
{
    memcpy(t + at, s, strlen(s));
}

static void test_stems_and_compounds(void **state)
{
    static const struct wa_qword sitzung[] = {W(WA_QWORD_WORD, "sitzung"),
                                              W(WA_QWORD_STEM, "sitzung")};
    static const struct wa_qword digit[] = {W(WA_QWORD_STEM, "digitalisier"),
                                            W(WA_QWORD_WORD, "digitalisierung"),
                                            W(WA_QWORD_PART, "digitalisier")};
    static const struct wa_qword gemeind[] = {W(WA_QWORD_STEM, "gemeind")};
    static const struct wa_qword buro[] = {W(WA_QWORD_STEM, "buro")};
    static const struct wa_qword kommun[] = {W(WA_QWORD_STEM, "kommun")};
    static const struct wa_qword amt[] = {W(WA_QWORD_STEM, "amt")};
    static const struct wa_qword other[] = {W(WA_QWORD_OTHER, "cloud")};
    static const struct wa_qword stem[] = {W(WA_QWORD_STEM, "digitalisier")};
    static const struct wa_qword liste[] = {W(WA_QWORD_STEM, "uberwachungslist")};

    (void)state;
    /* inflected forms through their stem, any case */
    expect("Die Sitzungen und die SITZUNG.", sitzung, N(sitzung),
           "Die [Sitzungen] und die [SITZUNG].");
    /* the head of a compound, and a compound that begins with a matched part */
    expect("Digitalisierung, Verwaltungsdigitalisierung und Digitalisierungsstrategie.", digit,
           N(digit),
           "[Digitalisierung], [Verwaltungsdigitalisierung] und [Digitalisierungsstrategie].");
    expect("mit Nachbargemeinden,", gemeind, N(gemeind), "mit [Nachbargemeinden],");
    /* umlauts: the stems have none */
    expect("im Bürgerbüro", buro, N(buro), "im [Bürgerbüro]");
    /* a word that merely begins like the stem is no match */
    expect("Kommunikation der Kommunen", kommun, N(kommun), "Kommunikation der [Kommunen]");
    /* short stems would match inside too many words */
    expect("im Hauptamt das Amt", amt, N(amt), "im Hauptamt das [Amt]");
    /* field terms mark nothing */
    expect("Verwaltungscloud", other, N(other), "Verwaltungscloud");
    /* a query compound that is the tail of a longer one */
    expect("die Haushaltsüberwachungsliste", liste, N(liste), "die [Haushaltsüberwachungsliste]");
    /* a compound the dictionary splits, with the stem as its first part */
    expect("Digitalisierungsstrategie", stem, N(stem), "[Digitalisierungsstrategie]");
    /* no query words: the start of the text, unmarked */
    expect("Verwaltungsdigitalisierung", NULL, 0, "Verwaltungsdigitalisierung");
}

static void test_tunable(void **state)
{
    static const struct wa_qword amt[] = {W(WA_QWORD_STEM, "amt")};
    struct wa_snippet_opts o = opts();
    char *s;

    (void)state;
    /* with a lower minimum, "amt" marks "Hauptamt" */
    o.min_stem = 3;
    s = snip_with(&o, "im Hauptamt", amt, N(amt));
    assert_string_equal(s, "im [Hauptamt]");
    free(s);
}

static void test_gender_forms(void **state)
{
    /* what the query Bürger gives */
    static const struct wa_qword burger[] = {W(WA_QWORD_WORD, "bürger"),
                                             W(WA_QWORD_STEM, "bürger")};
    /* what Lehrerinnen gives */
    static const struct wa_qword lehrerin[] = {W(WA_QWORD_STEM, "lehrerinn")};

    (void)state;
    expect("Viele Bürger_innen fragten.", burger, N(burger), "Viele [Bürger_innen] fragten.");
    expect("alle BürgerInnen, die", burger, N(burger), "alle [BürgerInnen], die");
    expect("Die Bürger*innen wollten", burger, N(burger), "Die [Bürger*innen] wollten");
    expect("Die Bürger:innen und Bürger/-innen", burger, N(burger),
           "Die [Bürger:innen] und [Bürger/-innen]");
    /* the feminine form matches too */
    expect("alle Lehrer*innen", lehrerin, N(lehrerin), "alle [Lehrer*innen]");
}

static void test_identifiers(void **state)
{
    /* what "§ 34" gives: the identifier term and the phrase's number */
    static const struct wa_qword para[] = {W(WA_QWORD_IDENT, "\xC2\xA7"
                                                             "34"),
                                           W(WA_QWORD_STEM, "34")};
    static const struct wa_qword az[] = {W(WA_QWORD_IDENT, "12-345/2021"), W(WA_QWORD_STEM, "12"),
                                         W(WA_QWORD_STEM, "345"), W(WA_QWORD_STEM, "2021")};

    (void)state;
    /* the identifier is marked, not every 34 */
    expect("Seite 34: nach \xC2\xA7 34 BauGB", para, N(para), "Seite 34: nach [\xC2\xA7 34] BauGB");
    expect("nach \xC2\xA7"
           "34 BauGB",
           para, N(para),
           "nach [\xC2\xA7"
           "34] BauGB");
    expect("im Jahr 2021 unter Az. 12-345/2021 und 12-345/2020", az, N(az),
           "im Jahr 2021 unter Az. [12-345/2021] und 12-345/2020");
}

static void test_concepts(void **state)
{
    static const struct wa_qword ki[] = {W(WA_QWORD_WORD, "ki"), W(WA_QWORD_CONCEPT, "ki")};
    static const struct wa_qword ozg[] = {W(WA_QWORD_CONCEPT, "ozg")};

    (void)state;
    /* synonyms from data/synonyms.txt: the variants of the concept, inflected too */
    expect("Mit künstlicher Intelligenz und KI.", ki, N(ki),
           "Mit [künstlicher Intelligenz] und [KI].");
    expect("Das Onlinezugangsgesetz (OZG) gilt.", ozg, N(ozg),
           "Das [Onlinezugangsgesetz] ([OZG]) gilt.");
}

static void test_best_passage_far(void **state)
{
    static const struct wa_qword w[] = {W(WA_QWORD_STEM, "sitzung"), W(WA_QWORD_STEM, "protokoll")};
    char *t = filler(200000), *s;

    (void)state;
    /* one word alone near the start, both words close together far away */
    put(t, 500, " Sitzung ");
    put(t, 150000, " Sitzungen Protokolle ");
    put(t, 180000, " Sitzung ");
    s = snip(t, w, N(w));
    assert_non_null(strstr(s, "[Sitzungen] [Protokolle]"));
    assert_int_equal(count(s, "["), 2);
    assert_true(strncmp(s, "\xE2\x80\xA6", 3) == 0); /* not the document's head */
    assert_true(strlen(s) <= 300 + 2 * 24 + 10 + 6);
    free(s);
    free(t);
}

static void test_whole_word_first(void **state)
{
    static const struct wa_qword w[] = {W(WA_QWORD_WORD, "förderprogramm"),
                                        W(WA_QWORD_STEM, "forderprogramm"),
                                        W(WA_QWORD_PART, "ford")};
    char *t = filler(3000), *s;

    (void)state;
    /* the word itself beats a compound that merely shares a part, and a
     * shorter word wins nothing for being short */
    put(t, 400, " Förderprogramm ");
    put(t, 2000, " Förderportal ");
    s = snip(t, w, N(w));
    assert_non_null(strstr(s, "[Förderprogramm]"));
    assert_null(strstr(s, "Förderportal"));
    free(s);
    free(t);
}

static void test_fragments(void **state)
{
    static const struct wa_qword w[] = {W(WA_QWORD_STEM, "sitzung"), W(WA_QWORD_STEM, "protokoll"),
                                        W(WA_QWORD_STEM, "haushalt")};
    char *t = filler(100000), *s;

    (void)state;
    /* no passage has all three words: three passages, in text order */
    put(t, 80000, " Haushalt ");
    put(t, 20000, " Sitzung ");
    put(t, 50000, " Protokoll ");
    s = snip(t, w, N(w));
    assert_int_equal(count(s, " \xE2\x80\xA6 "), 2);
    assert_true(strstr(s, "[Sitzung]") < strstr(s, "[Protokoll]"));
    assert_true(strstr(s, "[Protokoll]") < strstr(s, "[Haushalt]"));
    free(s);
    /* one fragment only when asked so */
    {
        struct wa_snippet_opts o = opts();
        o.fragments = 1;
        s = snip_with(&o, t, w, N(w));
        assert_int_equal(count(s, " \xE2\x80\xA6 "), 0);
        assert_int_equal(count(s, "["), 1);
        free(s);
    }
    /* two words close together make one passage of full length */
    put(t, 50020, " Sitzung ");
    put(t, 50040, " Haushalt ");
    s = snip(t, w, N(w));
    assert_int_equal(count(s, " \xE2\x80\xA6 "), 0);
    assert_int_equal(count(s, "["), 3);
    free(s);
    free(t);
}

static void test_never_ends_before_match(void **state)
{
    static const struct wa_qword w[] = {W(WA_QWORD_STEM, "sitzung")};
    size_t at;

    (void)state;
    /* wherever the second match falls, the passage does not stop right before it */
    for (at = 250; at < 360; at += 3) {
        char *t = filler(5000), *s;
        put(t, 1000, " Sitzung ");
        put(t, 1000 + at, " vorher Sitzung ");
        s = snip(t, w, N(w));
        if (strstr(s, "vorher\xE2\x80\xA6") || strstr(s, "vorher \xE2\x80\xA6"))
            fail_msg("offset %zu: ends before the match: '%s'", at, s);
        free(s);
        free(t);
    }
}

static void test_bounds(void **state)
{
    static const struct wa_qword w[] = {W(WA_QWORD_STEM, "sitzung")};
    struct wa_snippet_opts o = opts();
    char *t = filler(50000), *s;

    (void)state;
    put(t, 40000, " Sitzung ");
    /* beyond the scanned part a match is not looked for: the start is shown */
    o.scan = 10000;
    s = snip_with(&o, t, w, N(w));
    assert_int_equal(count(s, "["), 0);
    assert_true(strncmp(s, "Zeile Absatz", 12) == 0);
    assert_true(strlen(s) <= 300 + 3);
    /* ends at a word with "…" */
    assert_non_null(strstr(s + strlen(s) - 4, "\xE2\x80\xA6"));
    free(s);
    o.scan = 50000;
    s = snip_with(&o, t, w, N(w));
    assert_int_equal(count(s, "[Sitzung]"), 1);
    free(s);
    free(t);
}

static void test_utf8_and_html(void **state)
{
    static const struct wa_qword w[] = {W(WA_QWORD_STEM, "sitzung")};
    struct wa_snippet_opts o = opts();
    char t[4001], *s;
    size_t i;

    (void)state;
    /* "ä" is two bytes, and no blank: the edges never cut one in half */
    for (i = 0; i + 1 < sizeof t; i += 2)
        memcpy(t + i, "\xc3\xa4", 2);
    t[sizeof t - 1] = '\0';
    memcpy(t + 2001, " Sitzung ", 9);
    s = snip(t, w, N(w));
    assert_non_null(strstr(s, "[Sitzung]"));
    for (i = 0; s[i]; i++)
        if ((unsigned char)s[i] == 0xC3)
            assert_true((unsigned char)s[i + 1] == 0xA4 || (unsigned char)s[i + 1] == 0x83);
    free(s);
    /* HTML escaping of the text, markers kept */
    o.html = 1;
    s = snip_with(&o, "a <b> & \"Sitzung\"", w, N(w));
    assert_string_equal(s, "a &lt;b&gt; &amp; &quot;[Sitzung]&quot;");
    free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_stems_and_compounds),
        cmocka_unit_test(test_tunable),
        cmocka_unit_test(test_gender_forms),
        cmocka_unit_test(test_identifiers),
        cmocka_unit_test(test_concepts),
        cmocka_unit_test(test_best_passage_far),
        cmocka_unit_test(test_whole_word_first),
        cmocka_unit_test(test_fragments),
        cmocka_unit_test(test_never_ends_before_match),
        cmocka_unit_test(test_bounds),
        cmocka_unit_test(test_utf8_and_html),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
