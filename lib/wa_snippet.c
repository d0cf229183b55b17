/* Snippets: find every query match in a text, choose the passages with the most and closest, mark
 * them. */
#include "wa_snippet.h"

#include <stdlib.h>
#include <string.h>

#include "wa_escape.h"
#include "wa_german.h"
#include "wa_german_text.h"
#include "wa_utf8.h"

#define MAX_TERMS    96   /* query terms a snippet looks for */
#define MAX_GROUPS   128  /* query words and concepts told apart */
#define TERM_MAX     128  /* longer query terms and words are not looked for */
#define MAX_MATCHES  4096 /* matches collected; the scan stops there */
#define WORD_FOLD    (2 * TERM_MAX + 1)
#define NEXT_MATCH   24  /* a match starting this close after a passage is taken in */
#define FRAG_MIN     120 /* bytes of a passage when several are shown */
#define ELLIPSIS     "\xE2\x80\xA6"
#define ELLIPSIS_SEP " \xE2\x80\xA6 "

enum term_kind { T_WORD, T_STEM, T_IDENT };

struct term {
    enum term_kind kind;
    int part;       /* a compound part's stem */
    unsigned group; /* terms of one query word share it */
    size_t n, fn;
    char s[TERM_MAX + 1];  /* word, stem or identifier */
    char f[WORD_FOLD + 1]; /* s folded (umlauts, ß, ae/oe/ue) for the cheap pre-check */
};

struct match {
    size_t a, b;
    unsigned group;
    int weak; /* through a compound: weighs less than a word's own form or stem */
};

struct snippet {
    const struct wa_snippet_opts *o;
    const char *t;
    size_t len;
    struct term *terms;
    size_t nt;
    unsigned ngroups;
    const struct wa_synonyms *syn;
    unsigned char *want; /* concepts looked for, one byte per concept */
    unsigned *concept_group;
    int any_concept, any_ident, any_stem;
    struct match *m;
    size_t nm;
    int weak; /* the last match_word matched through a compound */
    struct wa_buf low, stem, fem, masc, id;
};

/* Append the fold of lower-case w[0..n) to f (at most WORD_FOLD bytes): ä ö ü → a o u, ß → ss,
 * ae oe ue → a o u (not "ue" after q), as german2 folds inside stems. Returns its length. */
static size_t fold(const char *w, size_t n, char *f)
{
    size_t i = 0, k = 0;

    while (i < n && k + 2 < WORD_FOLD) {
        unsigned char c = (unsigned char)w[i];
        if (c == 0xC3 && i + 1 < n) {
            unsigned char d = (unsigned char)w[i + 1];
            char r = d == 0xA4 ? 'a' : d == 0xB6 ? 'o' : d == 0xBC ? 'u' : 0;
            if (r) {
                f[k++] = r;
                i += 2;
                continue;
            }
            if (d == 0x9F) {
                f[k++] = 's';
                f[k++] = 's';
                i += 2;
                continue;
            }
        }
        f[k++] = (char)c;
        i++;
        if ((c == 'a' || c == 'o' || (c == 'u' && !(i >= 2 && w[i - 2] == 'q'))) && i < n &&
            w[i] == 'e')
            i++;
    }
    f[k] = '\0';
    return k;
}

static int all_digits(const char *s, size_t n)
{
    size_t i;
    for (i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9')
            return 0;
    return n > 0;
}

/* A new group; past MAX_GROUPS the last one is shared. */
static unsigned new_group(struct snippet *sn)
{
    if (sn->ngroups < MAX_GROUPS)
        sn->ngroups++;
    return sn->ngroups - 1;
}

/* The group of the stem s among the terms so far, or a new one. */
static unsigned group_of(struct snippet *sn, const char *s, size_t n)
{
    size_t i;
    for (i = 0; i < sn->nt; i++)
        if (sn->terms[i].kind == T_STEM && sn->terms[i].n == n && memcmp(sn->terms[i].s, s, n) == 0)
            return sn->terms[i].group;
    return new_group(sn);
}

static void add_term(struct snippet *sn, enum term_kind kind, int part, const char *s, size_t n,
                     unsigned group)
{
    struct term *t;
    size_t i;

    if (n == 0 || n > TERM_MAX || sn->nt == MAX_TERMS)
        return;
    for (i = 0; i < sn->nt; i++) {
        t = &sn->terms[i];
        if (t->kind == kind && t->n == n && memcmp(t->s, s, n) == 0) {
            t->part |= part;
            return;
        }
    }
    t = &sn->terms[sn->nt++];
    t->kind = kind;
    t->part = part;
    t->group = group;
    t->n = n;
    memcpy(t->s, s, n);
    t->s[n] = '\0';
    t->fn = fold(s, n, t->f);
}

static wa_status prepare(struct snippet *sn, const struct wa_qword *w, size_t n)
{
    size_t i, k, nc;
    int ident = 0;
    wa_status st = WA_OK;

    for (i = 0; i < n; i++)
        ident |= w[i].kind == WA_QWORD_IDENT;
    /* stems first, so that words and parts join their stem's group */
    for (i = 0; i < n; i++) {
        /* the words of an identifier's phrase (12 345 2021) mark only the identifier */
        if (w[i].kind != WA_QWORD_STEM || (ident && all_digits(w[i].p, w[i].len)))
            continue;
        add_term(sn, T_STEM, 0, w[i].p, w[i].len, group_of(sn, w[i].p, w[i].len));
    }
    for (i = 0; i < n; i++) {
        if (w[i].kind == WA_QWORD_PART) {
            add_term(sn, T_STEM, 1, w[i].p, w[i].len, group_of(sn, w[i].p, w[i].len));
        } else if (w[i].kind == WA_QWORD_WORD && !(ident && all_digits(w[i].p, w[i].len))) {
            wa_buf_reset(&sn->stem);
            st = wa_stem(w[i].p, w[i].len, &sn->stem);
            if (st != WA_OK)
                return st;
            add_term(sn, T_WORD, 0, w[i].p, w[i].len, group_of(sn, sn->stem.p, sn->stem.len));
        } else if (w[i].kind == WA_QWORD_IDENT) {
            add_term(sn, T_IDENT, 0, w[i].p, w[i].len, new_group(sn));
        }
    }
    sn->syn = wa_german_synonyms();
    nc = wa_synonyms_nconcepts(sn->syn);
    for (i = 0; i < n && nc; i++) {
        if (w[i].kind != WA_QWORD_CONCEPT)
            continue;
        if (!sn->want) {
            sn->want = calloc(nc, 1);
            sn->concept_group = calloc(nc, sizeof *sn->concept_group);
            if (!sn->want || !sn->concept_group)
                return WA_ERR_NOMEM;
        }
        for (k = 0; k < nc; k++) {
            const char *c = wa_synonyms_concept(sn->syn, k);
            if (strlen(c) == w[i].len && memcmp(c, w[i].p, w[i].len) == 0 && !sn->want[k]) {
                sn->want[k] = 1;
                sn->concept_group[k] = new_group(sn);
                sn->any_concept = 1;
            }
        }
    }
    /* the parts of a query compound (daten, schutz) count as that word (datenschutz) */
    for (i = 0; i < sn->nt; i++) {
        struct term *t = &sn->terms[i], *whole = NULL;
        for (k = 0; k < sn->nt; k++) {
            const struct term *u = &sn->terms[k];
            if (u->kind == T_IDENT || u->fn <= t->fn || (whole && whole->fn >= u->fn))
                continue;
            if (t->kind == T_STEM && strstr(u->f, t->f))
                whole = &sn->terms[k];
        }
        if (whole)
            t->group = whole->group;
    }
    for (i = 0; i < sn->nt; i++) {
        sn->any_ident |= sn->terms[i].kind == T_IDENT;
        sn->any_stem |= sn->terms[i].kind != T_IDENT;
    }
    return st;
}

/* 1 if the stem s of a word (stem of low) is a compound whose head is the term's stem. */
static int tail_of(const struct snippet *sn, const struct term *t, const char *s, size_t n)
{
    return t->n >= sn->o->min_stem && n >= t->n + sn->o->min_modifier &&
           memcmp(s + n - t->n, t->s, t->n) == 0;
}

/* The group the word w[0..wn) (as in the text) matches, or -1. caps: it begins with a capital. */
static long match_word(struct snippet *sn, const char *w, size_t wn, int caps, wa_status *st)
{
    char f[WORD_FOLD + 1];
    struct wa_part parts[WA_COMPOUND_MAXPARTS];
    wa_splitter *sp;
    size_t i, fn, k, np;
    int cand = 0;

    sn->weak = 0;
    if (wn > TERM_MAX)
        return -1;
    wa_buf_reset(&sn->low);
    *st = wa_utf8_lower(w, wn, &sn->low);
    if (*st != WA_OK)
        return -1;
    for (i = 0; i < sn->nt; i++) {
        const struct term *t = &sn->terms[i];
        if (t->kind == T_WORD && t->n == sn->low.len && memcmp(t->s, sn->low.p, t->n) == 0)
            return t->group;
    }
    /* only a word whose fold holds a query stem's fold can match it: stem no other */
    fn = fold(sn->low.p, sn->low.len, f);
    for (i = 0; i < sn->nt && !cand; i++)
        cand = sn->terms[i].kind == T_STEM && sn->terms[i].fn <= fn && strstr(f, sn->terms[i].f);
    if (!cand)
        return -1;
    wa_buf_reset(&sn->stem);
    *st = wa_stem(sn->low.p, sn->low.len, &sn->stem);
    if (*st != WA_OK)
        return -1;
    for (i = 0; i < sn->nt; i++) {
        const struct term *t = &sn->terms[i];
        if (t->kind == T_STEM && t->n == sn->stem.len && memcmp(t->s, sn->stem.p, t->n) == 0)
            return t->group;
    }
    sn->weak = 1;
    for (i = 0; i < sn->nt; i++)
        if (sn->terms[i].kind == T_STEM && tail_of(sn, &sn->terms[i], sn->stem.p, sn->stem.len))
            return sn->terms[i].group;
    /* a compound with the query word among its parts (Digitalisierungsstrategie) */
    sp = caps && wn >= MIN_COMPOUND_BYTES ? wa_german_splitter() : NULL;
    np = sp && all_letters(w, 0, wn) ? wa_splitter_split(sp, sn->low.p, sn->low.len, parts) : 0;
    for (k = 0; k < np; k++) {
        wa_buf_reset(&sn->stem);
        *st = wa_stem(parts[k].base, parts[k].base_len, &sn->stem);
        if (*st != WA_OK)
            return -1;
        for (i = 0; i < sn->nt; i++) {
            const struct term *t = &sn->terms[i];
            if (t->kind == T_STEM && t->n >= sn->o->min_stem && t->n == sn->stem.len &&
                memcmp(t->s, sn->stem.p, t->n) == 0)
                return t->group;
        }
    }
    return -1;
}

static long match_ident(const struct snippet *sn, const char *s, size_t n)
{
    size_t i;
    for (i = 0; i < sn->nt; i++)
        if (sn->terms[i].kind == T_IDENT && sn->terms[i].n == n &&
            memcmp(sn->terms[i].s, s, n) == 0)
            return sn->terms[i].group;
    return -1;
}

static void add_match(struct snippet *sn, size_t a, size_t b, long g)
{
    int weak = sn->weak;

    sn->weak = 0;
    if (g < 0 || sn->nm == MAX_MATCHES)
        return;
    sn->m[sn->nm].weak = weak;
    sn->m[sn->nm].a = a;
    sn->m[sn->nm].b = b;
    sn->m[sn->nm].group = (unsigned)g;
    sn->nm++;
}

/* Collect the matches in the first o->scan bytes, in text order. */
static wa_status scan(struct snippet *sn)
{
    const char *t = sn->t;
    size_t len = sn->len, limit = len < sn->o->scan ? len : sn->o->scan, i = 0, n, e, w2;
    wa_status st = WA_OK;

    while (i < limit && sn->nm < MAX_MATCHES && st == WA_OK) {
        int32_t cp = cp_at(t, len, i, &n);
        size_t ws, we, concept;
        struct wa_gender_form g;
        long grp;

        if (!is_word(cp)) {
            if (sn->any_ident && cp == 0xA7 && (e = wa_german_paragraph_at(t, len, i, &sn->id))) {
                add_match(sn, i, e, match_ident(sn, sn->id.p, sn->id.len));
                i = e;
                continue;
            }
            i = n;
            continue;
        }
        ws = i;
        we = run_end(t, len, ws);
        i = we;
        if (sn->any_concept &&
            (e = wa_synonyms_variant_at(sn->syn, t, len, ws, sn->want, &concept))) {
            add_match(sn, ws, e, (long)sn->concept_group[concept]);
            i = e;
            continue;
        }
        if (is_digit(cp) && sn->any_ident && (e = wa_german_number_at(t, len, ws)) != 0) {
            add_match(sn, ws, e, match_ident(sn, t + ws, e - ws));
            i = e;
            continue;
        }
        if (!sn->any_stem)
            continue;
        if (wa_german_gender_at(t, len, ws, we, &g)) {
            wa_buf_reset(&sn->fem);
            wa_buf_reset(&sn->masc);
            st = wa_german_gender_forms(t, &g, &sn->fem, &sn->masc);
            grp = st == WA_OK ? match_word(sn, sn->fem.p, sn->fem.len, 1, &st) : -1;
            if (grp < 0 && st == WA_OK)
                grp = match_word(sn, sn->masc.p, sn->masc.len, 1, &st);
            add_match(sn, ws, g.end, grp);
            i = g.end;
            continue;
        }
        if ((e = wa_german_eword_at(t, len, ws, we, &w2)) != 0) {
            wa_buf_reset(&sn->fem);
            st = wa_buf_addch(&sn->fem, 'e');
            if (st == WA_OK)
                st = wa_buf_add(&sn->fem, t + w2, e - w2);
            grp = st == WA_OK ? match_word(sn, sn->fem.p, sn->fem.len, 0, &st) : -1;
            if (grp < 0 && st == WA_OK)
                grp = match_word(sn, t + w2, e - w2, 1, &st);
            add_match(sn, ws, e, grp);
            i = e;
            continue;
        }
        add_match(sn, ws, we, match_word(sn, t + ws, we - ws, starts_upper(t, len, ws), &st));
    }
    return st;
}

struct frag {
    size_t a, b;
};

/*
 * The window of matches [*bi, *bj] spanning at most span bytes with the
 * most groups not in covered, then the most groups, the most matches and
 * the smallest span; windows touching a chosen passage (frags) are skipped.
 * Returns its number of new groups, or -1 if there is no window.
 */
static long best_window(const struct snippet *sn, size_t span, const unsigned char *covered,
                        const struct frag *frags, size_t nf, size_t *bi, size_t *bj)
{
    unsigned char seen[MAX_GROUPS];
    double best = -1.0;
    long best_new = -1;
    size_t i, j, k;

    for (i = 0; i < sn->nm; i++) {
        long distinct = 0, fresh = 0, weight = 0;
        memset(seen, 0, sn->ngroups);
        for (j = i; j < sn->nm && sn->m[j].b - sn->m[i].a <= span; j++) {
            int clash = 0;
            double score;
            size_t gap;
            for (k = 0; k < nf && !clash; k++)
                clash = sn->m[i].a < frags[k].b + 2 && sn->m[j].b + 2 > frags[k].a;
            if (clash)
                break;
            if (!seen[sn->m[j].group]) {
                seen[sn->m[j].group] = 1;
                distinct++;
                fresh += !covered[sn->m[j].group];
            }
            weight += sn->m[j].weak ? 1 : 2;
            /* closeness: the gaps between the matches, a fraction of one match's weight */
            gap = j > i ? sn->m[j].a - sn->m[i].b : 0;
            score = (double)fresh * 1e8 + (double)distinct * 1e6 + (double)weight * 1e3 -
                    (double)gap * 1e3 / (double)(span + 1);
            if (score > best) {
                best = score;
                best_new = fresh;
                *bi = i;
                *bj = j;
            }
        }
    }
    return best_new;
}

static int space_at(const char *t, size_t i)
{
    return is_space(t[i]);
}

/* The passage of about w bytes around the text span [ma, mb). */
static struct frag place(const struct snippet *sn, size_t ma, size_t mb, size_t w)
{
    const char *t = sn->t;
    size_t len = sn->len, slack = w > mb - ma ? w - (mb - ma) : 0, lead = slack * 2 / 5, k, r;
    struct frag f;

    if (mb <= w) {
        f.a = 0; /* the text's start, if the span fits after it */
    } else {
        f.a = ma > lead ? ma - lead : 0;
        /* start at a sentence if one begins before the match, else at a word */
        for (k = ma; k > f.a; k--) {
            if (t[k - 1] == '\n' || (k >= 2 && t[k - 1] == ' ' && strchr(".!?", t[k - 2]))) {
                f.a = k;
                break;
            }
        }
        if (k == f.a)
            while (f.a > 0 && f.a < ma && !space_at(t, f.a - 1))
                f.a++;
    }
    while (f.a < ma && space_at(t, f.a))
        f.a++;
    f.b = f.a + w > mb ? f.a + w : mb;
    if (f.b >= len) {
        f.b = len;
    } else {
        while (f.b > mb && !space_at(t, f.b))
            f.b--;
    }
    /* never end just before a match: take in one that starts right after */
    for (r = 0; r < 3; r++) {
        size_t next = f.b;
        while (next < len && space_at(t, next))
            next++;
        for (k = 0; k < sn->nm; k++) {
            if (sn->m[k].a >= f.b && sn->m[k].a <= next + NEXT_MATCH &&
                sn->m[k].b - f.a <= w + 2 * NEXT_MATCH) {
                f.b = sn->m[k].b;
                break;
            }
        }
        if (k == sn->nm)
            break;
    }
    while (f.b > f.a && space_at(t, f.b - 1))
        f.b--;
    return f;
}

static int frag_cmp(const void *x, const void *y)
{
    const struct frag *a = x, *b = y;
    return a->a < b->a ? -1 : a->a > b->a;
}

static wa_status put_text(struct snippet *sn, const char *p, size_t n, struct wa_buf *out)
{
    return sn->o->html ? wa_escape_html(out, p, n) : wa_buf_add(out, p, n);
}

static wa_status emit(struct snippet *sn, const struct frag *f, size_t nf, struct wa_buf *out)
{
    size_t k, at, mi = 0, end;
    wa_status st = WA_OK;

    for (k = 0; k < nf && st == WA_OK; k++) {
        if (k > 0)
            st = wa_buf_adds(out, ELLIPSIS_SEP);
        else if (f[k].a > 0)
            st = wa_buf_adds(out, ELLIPSIS);
        at = f[k].a;
        while (mi < sn->nm && sn->m[mi].a < f[k].a)
            mi++;
        for (; mi < sn->nm && sn->m[mi].b <= f[k].b && st == WA_OK; mi++) {
            st = put_text(sn, sn->t + at, sn->m[mi].a - at, out);
            if (st == WA_OK)
                st = wa_buf_adds(out, sn->o->hl_start);
            if (st == WA_OK)
                st = put_text(sn, sn->t + sn->m[mi].a, sn->m[mi].b - sn->m[mi].a, out);
            if (st == WA_OK)
                st = wa_buf_adds(out, sn->o->hl_end);
            at = sn->m[mi].b;
        }
        if (st == WA_OK)
            st = put_text(sn, sn->t + at, f[k].b - at, out);
    }
    end = sn->len;
    while (end > 0 && space_at(sn->t, end - 1))
        end--;
    if (st == WA_OK && nf && f[nf - 1].b < end)
        st = wa_buf_adds(out, ELLIPSIS);
    return st;
}

/* The passages to show: one of o->maxlen bytes, or several shorter ones that have more groups. */
static size_t choose(struct snippet *sn, struct frag *f)
{
    const struct wa_snippet_opts *o = sn->o;
    unsigned char covered[MAX_GROUPS], all[MAX_GROUPS];
    size_t i, j, k, nf = 0, total = 0, wfrag;
    long fresh;

    if (sn->nm == 0) {
        /* no match: the text's start */
        f[0] = place(sn, 0, 0, o->maxlen);
        return 1;
    }
    memset(covered, 0, sizeof covered);
    memset(all, 0, sizeof all);
    for (k = 0; k < sn->nm; k++) {
        total += !all[sn->m[k].group];
        all[sn->m[k].group] = 1;
    }
    fresh = best_window(sn, o->maxlen * 3 / 4, covered, f, 0, &i, &j);
    f[0] = place(sn, sn->m[i].a, sn->m[j].b, o->maxlen);
    nf = 1;
    wfrag = o->maxlen / 2 > FRAG_MIN ? o->maxlen / 2 : FRAG_MIN;
    if ((size_t)fresh == total || o->fragments < 2 || sn->len < 2 * o->maxlen)
        return 1;
    /* several shorter passages, each adding query words the others lack */
    nf = 0;
    while (nf < o->fragments && nf < WA_SNIPPET_MAX_FRAGMENTS) {
        fresh = best_window(sn, wfrag * 3 / 4, covered, f, nf, &i, &j);
        if (fresh <= 0)
            break;
        for (k = i; k <= j; k++)
            covered[sn->m[k].group] = 1;
        f[nf++] = place(sn, sn->m[i].a, sn->m[j].b, wfrag);
    }
    if (nf <= 1) {
        fresh = best_window(sn, o->maxlen * 3 / 4, all, f, 0, &i, &j);
        f[0] = place(sn, sn->m[i].a, sn->m[j].b, o->maxlen);
        return 1;
    }
    qsort(f, nf, sizeof *f, frag_cmp);
    /* passages that grew into each other become one */
    for (i = 1, k = 0; i < nf; i++) {
        if (f[i].a <= f[k].b + 1) {
            if (f[i].b > f[k].b)
                f[k].b = f[i].b;
        } else {
            f[++k] = f[i];
        }
    }
    return k + 1;
}

wa_status wa_snippet_make(const struct wa_snippet_opts *o, const char *text, size_t len,
                          const struct wa_qword *words, size_t n, struct wa_buf *out)
{
    struct snippet sn;
    struct frag f[WA_SNIPPET_MAX_FRAGMENTS];
    size_t nf;
    wa_status st = WA_OK;

    memset(&sn, 0, sizeof sn);
    sn.o = o;
    sn.t = text;
    sn.len = len;
    wa_buf_init(&sn.low, 0);
    wa_buf_init(&sn.stem, 0);
    wa_buf_init(&sn.fem, 0);
    wa_buf_init(&sn.masc, 0);
    wa_buf_init(&sn.id, 0);
    sn.terms = calloc(MAX_TERMS, sizeof *sn.terms);
    sn.m = malloc(MAX_MATCHES * sizeof *sn.m);
    if (!sn.terms || !sn.m) {
        st = WA_ERR_NOMEM;
        goto cleanup;
    }
    st = prepare(&sn, words, n);
    if (st == WA_OK && len)
        st = scan(&sn);
    if (st != WA_OK || !len)
        goto cleanup;
    nf = choose(&sn, f);
    st = emit(&sn, f, nf, out);
cleanup:
    free(sn.terms);
    free(sn.m);
    free(sn.want);
    free(sn.concept_group);
    wa_buf_release(&sn.low);
    wa_buf_release(&sn.stem);
    wa_buf_release(&sn.fem);
    wa_buf_release(&sn.masc);
    wa_buf_release(&sn.id);
    return st;
}
