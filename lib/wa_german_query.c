/* German query syntax: the rewrite into Xapian syntax and spelling-correction clean-up. */
#include "wa_german.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "wa_german_text.h"
#include "wa_utf8.h"

/* Is the token at i a proximity operator (NEAR, NAHE, ADJ, maybe with /n)? */
static int near_op_at(const char *q, size_t len, size_t i)
{
    static const char *const ops[] = {"NEAR", "NAHE", "ADJ", NULL};
    size_t k;

    for (k = 0; ops[k]; k++) {
        size_t n = strlen(ops[k]);
        if (has_at(q, len, i, ops[k]) && (i + n == len || q[i + n] == ' ' || q[i + n] == '/'))
            return 1;
    }
    return 0;
}

/* Is the word [ws, we) an operand of NEAR/NAHE/ADJ? Then it must stay one term. */
static int near_context(const char *q, size_t len, size_t ws, size_t we)
{
    size_t j = we, k = ws;

    while (j < len && is_space(q[j]))
        j++;
    if (j < len && near_op_at(q, len, j))
        return 1;
    while (k > 0 && is_space(q[k - 1]))
        k--;
    while (k > 0 && ((q[k - 1] >= '0' && q[k - 1] <= '9') || q[k - 1] == '/'))
        k--;
    while (k > 0 && q[k - 1] >= 'A' && q[k - 1] <= 'Z')
        k--;
    return k < ws && (k == 0 || is_space(q[k - 1])) && near_op_at(q, len, k);
}

/*
 * A wildcard over a transliterated spelling (Muench*) also expands over the
 * umlaut spelling (Münch*): "ae"/"oe"/"ue" become ä/ö/ü unless a vowel or
 * "q" precedes them (Quelle, Bauer). Returns 1 if anything was replaced.
 */
static int umlaut_form(const char *w, size_t n, struct wa_buf *out)
{
    static const char *const lower[] = {"\xC3\xA4", "\xC3\xB6", "\xC3\xBC"};
    static const char *const upper[] = {"\xC3\x84", "\xC3\x96", "\xC3\x9C"};
    size_t k;
    int changed = 0;

    wa_buf_reset(out);
    for (k = 0; k < n; k++) {
        char c = w[k], lc = (char)(c | 0x20);
        int prev_vowel = k > 0 && strchr("aeiouqAEIOUQ", w[k - 1]) != NULL;
        if (k + 1 < n && w[k + 1] == 'e' && (lc == 'a' || lc == 'o' || lc == 'u') && !prev_vowel) {
            int idx = lc == 'a' ? 0 : lc == 'o' ? 1 : 2;
            if (wa_buf_adds(out, c == lc ? lower[idx] : upper[idx]) != WA_OK)
                return 0;
            k++;
            changed = 1;
            continue;
        }
        if (wa_buf_addch(out, c) != WA_OK)
            return 0;
    }
    return changed;
}

wa_status wa_german_umlaut_variant(const char *q, size_t len, struct wa_buf *out)
{
    struct wa_buf res, w;
    size_t i = 0, n;
    int changed = 0;
    wa_status st = WA_OK;

    wa_buf_init(&res, 0);
    wa_buf_init(&w, 0);
    while (i < len && st == WA_OK) {
        size_t we;
        if (!is_word(cp_at(q, len, i, &n))) {
            st = wa_buf_add(&res, q + i, n - i);
            i = n;
            continue;
        }
        we = run_end(q, len, i);
        if (umlaut_form(q + i, we - i, &w)) {
            changed = 1;
            st = wa_buf_add(&res, w.p, w.len);
        } else {
            st = wa_buf_add(&res, q + i, we - i);
        }
        i = we;
    }
    if (st == WA_OK && changed)
        st = wa_buf_add(out, res.p, res.len);
    wa_buf_release(&res);
    wa_buf_release(&w);
    return st;
}

static const char *const operators[][2] = {{"UND", "AND"},   {"ODER", "OR"}, {"NICHT", "NOT"},
                                           {"NAHE", "NEAR"}, {"AND", "AND"}, {"OR", "OR"},
                                           {"NOT", "NOT"},   {"XOR", "XOR"}, {"NEAR", "NEAR"},
                                           {"ADJ", "ADJ"},   {NULL, NULL}};

/* 1 if only blanks (or an opening bracket) stand before ws. */
static int nothing_before(const char *q, size_t ws)
{
    while (ws > 0 && is_space(q[ws - 1]))
        ws--;
    return ws == 0 || q[ws - 1] == '(';
}

/* 1 if only blanks (or a closing bracket) follow we. */
static int nothing_after(const char *q, size_t len, size_t we)
{
    while (we < len && is_space(q[we]))
        we++;
    return we == len || q[we] == ')';
}

/* 1 if the operator op at [ws, we) lacks what it joins ("Chatbot ODER",
 * "UND Chatbot", "NICHT" alone): it is then read as a plain word. A leading
 * NICHT is fine: it excludes from all documents. */
static int dangling(const char *q, size_t len, size_t ws, size_t we, const char *op)
{
    if (nothing_after(q, len, we))
        return 1;
    return strcmp(op, "NOT") != 0 && nothing_before(q, ws);
}

/*
 * Append "(word OR (part AND part))" if word is a compound, else just word:
 * its parts may stand apart ("Löschung der Fristen" for Löschfristen) or in
 * a longer compound (Haushaltsüberwachungsliste for Überwachungsliste). A
 * part in front may also stand as its -ung noun: (lösch OR löschung).
 */
static wa_status add_compound(const char *t, size_t ws, size_t we, struct wa_buf *out)
{
    wa_splitter *sp = wa_german_splitter();
    struct wa_buf low;
    struct wa_part parts[WA_COMPOUND_MAXPARTS];
    size_t n = 0, k;
    wa_status st;

    wa_buf_init(&low, 0);
    st = wa_utf8_lower(t + ws, we - ws, &low);
    if (st == WA_OK && sp)
        n = wa_splitter_split(sp, low.p, low.len, parts);
    if (st == WA_OK && n >= 2) {
        st = wa_buf_addch(out, '(');
        if (st == WA_OK)
            st = wa_buf_add(out, t + ws, we - ws);
        if (st == WA_OK)
            st = wa_buf_adds(out, " OR (");
        for (k = 0; st == WA_OK && k < n; k++) {
            const char *b = parts[k].base;
            size_t bl = parts[k].base_len;
            if (k)
                st = wa_buf_adds(out, " AND ");
            /* a verb stem in front also stands as its noun: Lösch|fristen, "Löschung der Fristen"
             */
            if (st == WA_OK && k + 1 < n && !(bl >= 3 && memcmp(b + bl - 3, "ung", 3) == 0) &&
                !(bl >= 1 && b[bl - 1] == 'e'))
                st = wa_buf_addf(out, "(%.*s OR %.*sung)", (int)bl, b, (int)bl, b);
            else if (st == WA_OK)
                st = wa_buf_add(out, b, bl);
        }
        if (st == WA_OK)
            st = wa_buf_adds(out, "))");
    } else if (st == WA_OK) {
        st = wa_buf_add(out, t + ws, we - ws);
    }
    wa_buf_release(&low);
    return st;
}

static wa_status rewrite(const char *q, size_t len, int parts, struct wa_buf *out)
{
    struct wa_buf fem, masc, id;
    size_t i = 0, n;
    int in_quote = 0, prev_word = 0;
    wa_status st = WA_OK;

    wa_buf_init(&fem, 0);
    wa_buf_init(&masc, 0);
    wa_buf_init(&id, 0);
    while (i < len && st == WA_OK) {
        int32_t cp = cp_at(q, len, i, &n);
        size_t ws, we, w2, e, k;
        int plain, spaced;
        struct wa_gender_form g;
        const struct wa_synonyms *syn;

        if (q[i] == '"' && !in_quote && (i == 0 || q[i - 1] != ':') &&
            (e = run_end(q, len, i + 1)) > i + 1 && e < len && q[e] == '"') {
            /* one quoted word: exactly that word, no compound parts */
            st = wa_buf_addf(out, "%s:%.*s", WA_GERMAN_EXACT_FIELD, (int)(e - i - 1), q + i + 1);
            i = e + 1;
            prev_word = 1;
            continue;
        }
        if (q[i] == '"') {
            in_quote = !in_quote;
            prev_word = 0;
            st = wa_buf_addch(out, '"');
            i++;
            continue;
        }
        if (!in_quote && (e = wa_german_paragraph_at(q, len, i, &id)) != 0) {
            st = wa_buf_addf(out, "%s:%s", WA_GERMAN_IDENT_FIELD, id.p);
            i = e;
            prev_word = 1;
            continue;
        }
        if (!is_word(cp) || prev_word) {
            prev_word = is_word(cp);
            st = wa_buf_add(out, q + i, n - i);
            i = n;
            continue;
        }
        ws = i;
        we = run_end(q, len, ws);
        plain = !in_quote &&
                !(ws > 0 && (q[ws - 1] == ':' || q[ws - 1] == '+' || q[ws - 1] == '-')) &&
                !near_context(q, len, ws, we);
        spaced = (ws == 0 || is_space(q[ws - 1]) || q[ws - 1] == '(') &&
                 (we == len || is_space(q[we]) || q[we] == ')' || q[we] == '/');
        prev_word = 1;
        i = we;
        if (!in_quote && spaced) {
            for (k = 0; operators[k][0]; k++)
                if (strlen(operators[k][0]) == we - ws &&
                    memcmp(q + ws, operators[k][0], we - ws) == 0)
                    break;
            if (operators[k][0] && !dangling(q, len, ws, we, operators[k][1])) {
                st = wa_buf_adds(out, operators[k][1]);
                continue;
            }
            if (operators[k][0]) {
                /* a dangling operator is a word: lower case, so the parser agrees */
                st = wa_utf8_lower(q + ws, we - ws, out);
                continue;
            }
        }
        if (plain && (syn = wa_german_synonyms()) != NULL &&
            (e = wa_synonyms_span(syn, q, len, ws, &k)) != 0 && !near_context(q, len, ws, e)) {
            /* a multi-word synonym: its words, or its concept term */
            st = wa_buf_addf(out, "((%.*s) OR %s:%s)", (int)(e - ws), q + ws,
                             WA_GERMAN_CONCEPT_FIELD, wa_synonyms_concept(syn, k));
            i = e;
            continue;
        }
        if (wa_german_gender_at(q, len, ws, we, &g)) {
            wa_buf_reset(&fem);
            wa_buf_reset(&masc);
            st = wa_german_gender_forms(q, &g, &fem, &masc);
            if (st == WA_OK && plain && !near_context(q, len, ws, g.end))
                st = wa_buf_addf(out, "(%s OR %s)", fem.p, masc.p);
            else if (st == WA_OK)
                st = wa_buf_add(out, fem.p, fem.len);
            i = g.end;
            continue;
        }
        if ((e = wa_german_eword_at(q, len, ws, we, &w2)) != 0) {
            st = wa_buf_addch(out, 'E');
            if (st == WA_OK)
                st = wa_buf_add(out, q + w2, e - w2);
            i = e;
            continue;
        }
        /* file numbers with a slash (12-345/2021, 18/1234) become identifier
         * filters; "2020-2021" stays a phrase, which also matches 2020–2021 */
        if (plain && (e = wa_german_number_at(q, len, ws)) != 0 && memchr(q + ws, '/', e - ws)) {
            st = wa_buf_addf(out, "%s:%.*s", WA_GERMAN_IDENT_FIELD, (int)(e - ws), q + ws);
            i = e;
            continue;
        }
        if (plain && we - ws >= 2 && we < len && q[we] == '-') {
            /*
             * IT-PLR, DS-GVO, Datenschutz-Grundverordnung: also the joined
             * form, a synonym key and the solid spelling (Projektmanagement)
             */
            size_t end = we;
            int caps = starts_upper(q, len, ws);
            while (caps && end + 1 < len && q[end] == '-' && is_word(cp_at(q, len, end + 1, &n)))
                end = run_end(q, len, end + 1);
            if (end < len && (q[end] == '*' || q[end] == '-'))
                caps = 0;
            if (caps && end > we) {
                wa_buf_reset(&id);
                for (k = ws; k < end && st == WA_OK; k++)
                    if (q[k] != '-')
                        st = wa_buf_addch(&id, q[k]);
                wa_buf_reset(&fem);
                if (st == WA_OK)
                    st = wa_utf8_lower(id.p, id.len, &fem);
                if (st == WA_OK)
                    st = wa_buf_addf(out, "(%.*s OR %s)", (int)(end - ws), q + ws, fem.p);
                i = end;
                continue;
            }
        }
        if (plain && we < len && q[we] == '*' && umlaut_form(q + ws, we - ws, &id)) {
            st = wa_buf_addf(out, "(%.*s* OR %s*)", (int)(we - ws), q + ws, id.p);
            i = we + 1;
            continue;
        }
        if (plain && we - ws >= MIN_COMPOUND_BYTES && starts_upper(q, len, ws) &&
            all_letters(q, ws, we) && (we == len || (q[we] != '*' && q[we] != '-')) &&
            (ws == 0 || q[ws - 1] != '-') && parts) {
            st = add_compound(q, ws, we, out);
            continue;
        }
        st = wa_buf_add(out, q + ws, we - ws);
    }
    wa_buf_release(&fem);
    wa_buf_release(&masc);
    wa_buf_release(&id);
    return st;
}

wa_status wa_german_query(const char *q, size_t len, struct wa_buf *out)
{
    return rewrite(q, len, 1, out);
}

wa_status wa_german_query_whole(const char *q, size_t len, struct wa_buf *out)
{
    return rewrite(q, len, 0, out);
}

/* Split s at spaces into at most max words; returns the count or max + 1. */
static size_t split_words(const char *s, const char **w, size_t *wl, size_t max)
{
    size_t n = 0;

    while (*s) {
        const char *e;
        while (*s == ' ')
            s++;
        if (!*s)
            break;
        for (e = s; *e && *e != ' '; e++)
            ;
        if (n == max)
            return max + 1;
        w[n] = s;
        wl[n++] = (size_t)(e - s);
        s = e;
    }
    return n;
}

/* The lower-case form of query word w[0..len) without surrounding
 * punctuation, as the archive's terms have it, into low (reset first). */
static wa_status plain_lower(const char *w, size_t len, struct wa_buf *low)
{
    size_t a = 0, b = len, n;

    while (a < b && !is_word(cp_at(w, b, a, &n)))
        a++;
    while (b > a && !(((unsigned char)w[b - 1] & 0x80) || is_word(w[b - 1])))
        b--;
    wa_buf_reset(low);
    return wa_utf8_lower(w + a, b - a, low);
}

int wa_german_known_words(const char *orig, int (*exists)(void *ctx, const char *w, size_t len),
                          void *ctx)
{
    enum { MAXW = 64 };
    const char *ow[MAXW];
    size_t ol[MAXW], no, k;
    struct wa_buf low;
    int known = 1;

    no = split_words(orig, ow, ol, MAXW);
    if (no > MAXW)
        return 0;
    wa_buf_init(&low, 0);
    for (k = 0; k < no && known; k++)
        known = plain_lower(ow[k], ol[k], &low) == WA_OK && low.len && exists(ctx, low.p, low.len);
    wa_buf_release(&low);
    return known;
}

wa_status wa_german_fix_correction(const char *orig, const char *corrected,
                                   int (*exists)(void *ctx, const char *w, size_t len), void *ctx,
                                   struct wa_buf *out)
{
    enum { MAXW = 64 };
    const char *ow[MAXW], *cw[MAXW];
    size_t ol[MAXW], cl[MAXW], no, nc, k;
    struct wa_buf low, res;
    int changed = 0;
    wa_status st = WA_OK;

    no = split_words(orig, ow, ol, MAXW);
    nc = split_words(corrected, cw, cl, MAXW);
    if (no != nc || no > MAXW)
        return wa_buf_adds(out, corrected);
    wa_buf_init(&low, 0);
    wa_buf_init(&res, 0);
    for (k = 0; k < no && st == WA_OK; k++) {
        if (k)
            st = wa_buf_addch(&res, ' ');
        if (st != WA_OK)
            break;
        if (ol[k] == cl[k] && memcmp(ow[k], cw[k], ol[k]) == 0) {
            st = wa_buf_add(&res, ow[k], ol[k]);
            continue;
        }
        /* the word without surrounding punctuation */
        st = plain_lower(ow[k], ol[k], &low);
        if (st != WA_OK)
            break;
        if (low.len && exists(ctx, low.p, low.len)) {
            st = wa_buf_add(&res, ow[k], ol[k]); /* the archive has it: not a typo */
            continue;
        }
        changed = 1;
        if (starts_upper(ow[k], ol[k], 0) && cl[k] && cw[k][0] >= 'a' && cw[k][0] <= 'z') {
            st = wa_buf_addch(&res, (char)(cw[k][0] - 'a' + 'A'));
            if (st == WA_OK)
                st = wa_buf_add(&res, cw[k] + 1, cl[k] - 1);
        } else if (starts_upper(ow[k], ol[k], 0) && cl[k] >= 2 && (unsigned char)cw[k][0] == 0xC3 &&
                   (unsigned char)cw[k][1] >= 0xA0 && (unsigned char)cw[k][1] <= 0xBE) {
            char up[2] = {(char)0xC3, (char)(cw[k][1] - 0x20)}; /* ä -> Ä etc. */
            st = wa_buf_add(&res, up, 2);
            if (st == WA_OK)
                st = wa_buf_add(&res, cw[k] + 2, cl[k] - 2);
        } else {
            st = wa_buf_add(&res, cw[k], cl[k]);
        }
    }
    if (st == WA_OK && changed)
        st = wa_buf_add(out, res.p, res.len);
    wa_buf_release(&low);
    wa_buf_release(&res);
    return st;
}
