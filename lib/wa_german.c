/* German text analysis for indexing and querying (see docs/german.md). */
#include "wa_german.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "wa_schema.h"
#include "wa_utf8.h"

#ifndef WA_BUILD_DATA_DIR
#define WA_BUILD_DATA_DIR ""
#endif
#ifndef WA_INSTALL_DATA_DIR
#define WA_INSTALL_DATA_DIR "/usr/local/share/werkarchiv"
#endif

#define MAX_TOKENS         6 /* words in one synonym variant */
#define MIN_COMPOUND_BYTES 8 /* cheap pre-check before counting characters */
#define SYNONYM_KEYS_META  "german:synonym-keys"

extern const char *const wa_german_stopword_table[];
extern const size_t wa_german_stopword_count;

/* ---- data directory and dictionary ---------------------------------- */

static wa_splitter *g_splitter;
static int g_splitter_tried;
static wa_status g_status = WA_OK;

const char *wa_german_data_dir(void)
{
    const char *e = getenv(WA_GERMAN_DATA_ENV);

    if (e && *e)
        return e;
    if (*WA_BUILD_DATA_DIR && access(WA_BUILD_DATA_DIR "/" WA_DICT_FILE, R_OK) == 0)
        return WA_BUILD_DATA_DIR;
    return WA_INSTALL_DATA_DIR;
}

wa_splitter *wa_german_splitter(void)
{
    char path[4096];

    if (!g_splitter_tried) {
        g_splitter_tried = 1;
        snprintf(path, sizeof path, "%s/%s", wa_german_data_dir(), WA_DICT_FILE);
        g_status = wa_splitter_open(&g_splitter, path);
    }
    return g_splitter;
}

wa_status wa_german_status(void)
{
    return g_status;
}

const char *const *wa_german_stopwords(size_t *n)
{
    if (n)
        *n = wa_german_stopword_count;
    return wa_german_stopword_table;
}

/* ---- character helpers ---------------------------------------------- */

static int32_t cp_at(const char *t, size_t len, size_t i, size_t *next)
{
    const char *p = t + i;
    int32_t cp = wa_utf8_next(&p, t + len);

    *next = (size_t)(p - t);
    return cp;
}

static int is_word(int32_t cp)
{
    return wa_utf8_isalnum(cp);
}

static int is_digit(int32_t cp)
{
    return cp >= '0' && cp <= '9';
}

static int is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static int is_lower_letter(int32_t cp)
{
    return wa_utf8_isalnum(cp) && !wa_utf8_isupper(cp) && !is_digit(cp);
}

/* End of the run of word characters starting at i. */
static size_t run_end(const char *t, size_t len, size_t i)
{
    size_t n;

    while (i < len && is_word(cp_at(t, len, i, &n)))
        i = n;
    return i;
}

/* End of the run of lower-case letters starting at i. */
static size_t lower_end(const char *t, size_t len, size_t i)
{
    size_t n;

    while (i < len && is_lower_letter(cp_at(t, len, i, &n)))
        i = n;
    return i;
}

static int starts_upper(const char *t, size_t len, size_t i)
{
    size_t n;

    return i < len && wa_utf8_isupper(cp_at(t, len, i, &n));
}

static int all_letters(const char *t, size_t a, size_t b)
{
    size_t n;

    while (a < b) {
        int32_t cp = cp_at(t, b, a, &n);
        if (!is_word(cp) || is_digit(cp))
            return 0;
        a = n;
    }
    return 1;
}

static size_t count_chars(const char *t, size_t a, size_t b)
{
    size_t n = 0;

    for (; a < b; a++)
        if (((unsigned char)t[a] & 0xC0) != 0x80)
            n++;
    return n;
}

/* ---- gender forms and e-words --------------------------------------- */

/* A recognised gender form: stem + "innen"/"in" + continuation. */
struct gform {
    size_t stem_a, stem_b; /* masculine stem */
    const char *suffix;    /* "innen" or "in" */
    size_t cont_a, cont_b; /* continuation of a compound (Besucher:innenzentrum) */
    size_t end;            /* end of the whole token */
};

static int has_at(const char *t, size_t len, size_t i, const char *s)
{
    size_t n = strlen(s);
    return i + n <= len && memcmp(t + i, s, n) == 0;
}

/*
 * Is the word run [ws, we) the start of a gender form? Recognises
 * Bürger*innen, Bürger:innen, Bürger_innen, Bürger/innen, Bürger/-innen,
 * Bürger·innen (and the singular "in"), and Binnen-I (BürgerInnen, LehrerIn).
 */
static int gender_at(const char *t, size_t len, size_t ws, size_t we, struct gform *g)
{
    static const char *const markers[] = {"/-", "*", ":", "_", "/", "\xC2\xB7", NULL};
    size_t k, n;
    int32_t lastcp = 0;

    if (!starts_upper(t, len, ws))
        return 0;
    /* the last character of the run must be a small letter */
    for (k = ws; k < we; k = n)
        lastcp = cp_at(t, len, k, &n);
    for (k = 0; markers[k] && is_lower_letter(lastcp); k++) {
        size_t m = we + strlen(markers[k]);
        if (!has_at(t, len, we, markers[k]))
            continue;
        if (has_at(t, len, m, "innen")) {
            g->suffix = "innen";
            g->cont_a = m + 5;
            g->cont_b = lower_end(t, len, m + 5);
        } else if (has_at(t, len, m, "in") && run_end(t, len, m + 2) == m + 2) {
            g->suffix = "in";
            g->cont_a = g->cont_b = m + 2;
        } else {
            continue;
        }
        if (g->cont_b < len && is_word(cp_at(t, len, g->cont_b, &n)))
            return 0; /* Bürger*innenXyz with a capital inside: leave it */
        g->stem_a = ws;
        g->stem_b = we;
        g->end = g->cont_b;
        return 1;
    }
    /* Binnen-I: a small letter, then "Innen" (maybe continued) or "In" at the end */
    for (k = ws + 1; k + 2 <= we; k++) {
        int32_t prev;
        size_t p = k, q;
        if (t[k] != 'I')
            continue;
        /* the character before k */
        do
            p--;
        while (p > ws && ((unsigned char)t[p] & 0xC0) == 0x80);
        prev = cp_at(t, len, p, &q);
        if (!is_lower_letter(prev))
            continue;
        if (has_at(t, we, k, "Innen") && lower_end(t, len, k + 5) == we) {
            g->suffix = "innen";
            g->cont_a = k + 5;
        } else if (k + 2 == we && t[k + 1] == 'n' && count_chars(t, ws, k) >= 4) {
            g->suffix = "in";
            g->cont_a = we;
        } else {
            continue;
        }
        g->stem_a = ws;
        g->stem_b = k;
        g->cont_b = we;
        g->end = we;
        return 1;
    }
    return 0;
}

static wa_status gender_forms(const char *t, const struct gform *g, struct wa_buf *fem,
                              struct wa_buf *masc)
{
    wa_status st = wa_buf_add(fem, t + g->stem_a, g->stem_b - g->stem_a);

    if (st == WA_OK)
        st = wa_buf_adds(fem, g->suffix);
    if (st == WA_OK)
        st = wa_buf_add(fem, t + g->cont_a, g->cont_b - g->cont_a);
    if (st == WA_OK)
        st = wa_buf_add(masc, t + g->stem_a, g->stem_b - g->stem_a);
    if (st == WA_OK)
        st = wa_buf_add(masc, t + g->cont_a, g->cont_b - g->cont_a);
    return st;
}

/* E-Akte, e-Akte: a single "e" before a hyphen and a capitalised word.
 * Returns the end of that word (0 if not an e-word); *word receives its start. */
static size_t eword_at(const char *t, size_t len, size_t ws, size_t we, size_t *word)
{
    if (we != ws + 1 || (t[ws] != 'e' && t[ws] != 'E') || !has_at(t, len, we, "-") ||
        !starts_upper(t, len, we + 1))
        return 0;
    *word = we + 1;
    return run_end(t, len, we + 1);
}

/* ---- tokens (for concepts) ------------------------------------------ */

/* Next word token at or after *i: lower-cased into out, e-words joined.
 * Returns 0 at the end of the text. *caps is set if it was all upper case. */
static int next_token(const char *t, size_t len, size_t *i, struct wa_buf *out, int *caps)
{
    size_t n, ws, we, w2, e;

    while (*i < len && !is_word(cp_at(t, len, *i, &n)))
        *i = n;
    if (*i >= len)
        return 0;
    ws = *i;
    we = run_end(t, len, ws);
    wa_buf_reset(out);
    e = eword_at(t, len, ws, we, &w2);
    *caps = 1;
    for (n = ws; n < we; n++)
        if (t[n] >= 'a' && t[n] <= 'z')
            *caps = 0;
    if (e) {
        if (wa_buf_addch(out, 'e') != WA_OK || wa_utf8_lower(t + w2, e - w2, out) != WA_OK)
            return -1;
        *caps = 0;
        *i = e;
        return 1;
    }
    if (wa_utf8_lower(t + ws, we - ws, out) != WA_OK)
        return -1;
    *i = we;
    return 1;
}

/* ---- synonyms --------------------------------------------------------- */

struct variant {
    char *text; /* as written in the table */
    char *tok[MAX_TOKENS];
    size_t ntok;
    size_t concept;
    int caps; /* an abbreviation in capitals: match capitals only */
};

struct wa_synonyms {
    char **concepts;
    size_t nconcepts;
    struct variant *v;
    size_t nv;
};

void wa_synonyms_free(struct wa_synonyms *s)
{
    size_t i, k;

    if (!s)
        return;
    for (i = 0; i < s->nconcepts; i++)
        free(s->concepts[i]);
    for (i = 0; i < s->nv; i++) {
        free(s->v[i].text);
        for (k = 0; k < s->v[i].ntok; k++)
            free(s->v[i].tok[k]);
    }
    free(s->concepts);
    free(s->v);
    free(s);
}

static char *dupn(const char *p, size_t n)
{
    char *c = malloc(n + 1);

    if (c) {
        memcpy(c, p, n);
        c[n] = '\0';
    }
    return c;
}

static void trim(const char **p, size_t *n)
{
    while (*n && (**p == ' ' || **p == '\t'))
        (*p)++, (*n)--;
    while (*n && ((*p)[*n - 1] == ' ' || (*p)[*n - 1] == '\t' || (*p)[*n - 1] == '\r' ||
                  (*p)[*n - 1] == '\n'))
        (*n)--;
}

static int cmp_variant(const void *a, const void *b)
{
    return strcmp(((const struct variant *)a)->tok[0], ((const struct variant *)b)->tok[0]);
}

static wa_status add_variant(struct wa_synonyms *s, const char *p, size_t n, size_t concept)
{
    struct variant v;
    struct wa_buf tok;
    size_t i = 0;
    int caps, r;
    wa_status st = WA_OK;

    memset(&v, 0, sizeof v);
    wa_buf_init(&tok, 0);
    v.concept = concept;
    v.caps = 1;
    while ((r = next_token(p, n, &i, &tok, &caps)) == 1) {
        if (v.ntok == MAX_TOKENS) {
            st = WA_ERR_FORMAT;
            goto cleanup;
        }
        if (!caps || tok.len < 2)
            v.caps = 0;
        v.tok[v.ntok] = dupn(tok.p, tok.len);
        if (!v.tok[v.ntok++]) {
            st = WA_ERR_NOMEM;
            goto cleanup;
        }
    }
    if (r < 0 || v.ntok == 0) {
        st = r < 0 ? WA_ERR_NOMEM : WA_ERR_FORMAT;
        goto cleanup;
    }
    if (v.ntok > 1)
        v.caps = 0;
    v.text = dupn(p, n);
    if (!v.text) {
        st = WA_ERR_NOMEM;
        goto cleanup;
    }
    if (s->nv % 64 == 0) {
        struct variant *nv = realloc(s->v, (s->nv + 64) * sizeof *nv);
        if (!nv) {
            st = WA_ERR_NOMEM;
            goto cleanup;
        }
        s->v = nv;
    }
    s->v[s->nv++] = v;
    memset(&v, 0, sizeof v);
cleanup:
    free(v.text);
    for (i = 0; i < v.ntok; i++)
        free(v.tok[i]);
    wa_buf_release(&tok);
    return st;
}

wa_status wa_synonyms_load(struct wa_synonyms **out, const char *path, long *bad_line)
{
    FILE *f;
    char line[2048];
    struct wa_synonyms *s;
    wa_status st = WA_OK;
    long lineno = 0;

    *out = NULL;
    if (bad_line)
        *bad_line = 0;
    f = fopen(path, "r");
    if (!f)
        return WA_ERR_NOT_FOUND;
    s = calloc(1, sizeof *s);
    if (!s) {
        fclose(f);
        return WA_ERR_NOMEM;
    }
    while (st == WA_OK && fgets(line, sizeof line, f)) {
        const char *p = line, *eq, *id;
        size_t n = strlen(line), idn, k;
        char **nc;
        lineno++;
        trim(&p, &n);
        if (n == 0 || *p == '#')
            continue;
        eq = memchr(p, '=', n);
        if (!eq || !wa_utf8_valid(p, n)) {
            st = WA_ERR_FORMAT;
            break;
        }
        id = p;
        idn = (size_t)(eq - p);
        trim(&id, &idn);
        for (k = 0; k < idn; k++)
            if (!((id[k] >= 'a' && id[k] <= 'z') || (id[k] >= '0' && id[k] <= '9')))
                idn = 0;
        if (idn == 0) {
            st = WA_ERR_FORMAT;
            break;
        }
        nc = realloc(s->concepts, (s->nconcepts + 1) * sizeof *nc);
        if (!nc) {
            st = WA_ERR_NOMEM;
            break;
        }
        s->concepts = nc;
        s->concepts[s->nconcepts] = dupn(id, idn);
        if (!s->concepts[s->nconcepts]) {
            st = WA_ERR_NOMEM;
            break;
        }
        s->nconcepts++;
        p = eq + 1;
        n = (size_t)(line + strlen(line) - p);
        while (st == WA_OK && n) {
            const char *semi = memchr(p, ';', n);
            const char *v = p;
            size_t vn = semi ? (size_t)(semi - p) : n;
            trim(&v, &vn);
            if (vn)
                st = add_variant(s, v, vn, s->nconcepts - 1);
            if (!semi)
                break;
            n -= (size_t)(semi + 1 - p);
            p = semi + 1;
        }
    }
    fclose(f);
    if (st != WA_OK) {
        if (bad_line)
            *bad_line = lineno;
        wa_synonyms_free(s);
        return st;
    }
    if (s->nv)
        qsort(s->v, s->nv, sizeof *s->v, cmp_variant);
    *out = s;
    return WA_OK;
}

static struct wa_synonyms *g_synonyms;
static int g_synonyms_tried;

const struct wa_synonyms *wa_german_synonyms(void)
{
    char path[4096];

    if (!g_synonyms_tried) {
        g_synonyms_tried = 1;
        snprintf(path, sizeof path, "%s/%s", wa_german_data_dir(), WA_GERMAN_SYNONYMS_FILE);
        if (wa_synonyms_load(&g_synonyms, path, NULL) != WA_OK)
            g_synonyms = NULL;
    }
    return g_synonyms;
}

/* German inflection endings a text word may add to a variant word. */
static const char *const word_endings[] = {"e",  "en",  "n",  "s", "es", "er",
                                           "em", "ern", "ns", "r", "m",  NULL};

static int word_matches(const char *text, size_t tn, const char *var)
{
    size_t vn = strlen(var), k;

    if (tn == vn)
        return memcmp(text, var, tn) == 0;
    if (tn < vn || vn < 4 || memcmp(text, var, vn) != 0)
        return 0;
    for (k = 0; word_endings[k]; k++)
        if (strlen(word_endings[k]) == tn - vn && memcmp(text + vn, word_endings[k], tn - vn) == 0)
            return 1;
    return 0;
}

struct tokens {
    struct wa_buf arena; /* lower-case tokens, NUL-separated */
    size_t *off;
    unsigned char *caps;
    size_t n, cap;
};

static wa_status tokenize(const char *t, size_t len, struct tokens *tk)
{
    struct wa_buf tok;
    size_t i = 0;
    int caps, r;
    wa_status st = WA_OK;

    wa_buf_init(&tok, 0);
    while (st == WA_OK && (r = next_token(t, len, &i, &tok, &caps)) == 1) {
        if (tk->n == tk->cap) {
            size_t nc = tk->cap ? tk->cap * 2 : 256;
            size_t *no = realloc(tk->off, nc * sizeof *no);
            unsigned char *ncp;
            if (!no) {
                st = WA_ERR_NOMEM;
                break;
            }
            tk->off = no;
            ncp = realloc(tk->caps, nc);
            if (!ncp) {
                st = WA_ERR_NOMEM;
                break;
            }
            tk->caps = ncp;
            tk->cap = nc;
        }
        tk->off[tk->n] = tk->arena.len;
        tk->caps[tk->n] = (unsigned char)caps;
        st = wa_buf_add(&tk->arena, tok.p, tok.len + 1); /* with its NUL */
        if (st == WA_OK)
            tk->n++;
    }
    if (st == WA_OK && r < 0)
        st = WA_ERR_NOMEM;
    wa_buf_release(&tok);
    return st;
}

static void tokens_release(struct tokens *tk)
{
    wa_buf_release(&tk->arena);
    free(tk->off);
    free(tk->caps);
}

/* Index of the first variant whose first token is >= key. */
static size_t lower_bound(const struct wa_synonyms *s, const char *key, size_t kn)
{
    size_t lo = 0, hi = s->nv;

    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        const char *v = s->v[mid].tok[0];
        size_t vn = strlen(v);
        int c = memcmp(v, key, vn < kn ? vn : kn);
        if (c < 0 || (c == 0 && vn < kn))
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* Calls found(concept) for every variant occurrence; found returns non-zero on error. */
static wa_status find_concepts(const struct wa_synonyms *s, const char *text, size_t len,
                               unsigned char *seen)
{
    struct tokens tk;
    size_t j, k, v;
    wa_status st;

    memset(&tk, 0, sizeof tk);
    wa_buf_init(&tk.arena, 0);
    st = tokenize(text, len, &tk);
    for (j = 0; st == WA_OK && j < tk.n; j++) {
        const char *w = tk.arena.p + tk.off[j];
        size_t wn = strlen(w);
        /* the first word may carry an inflection ending: try each shorter key */
        for (k = 0; k <= 3 && k < wn; k++) {
            for (v = lower_bound(s, w, wn - k); v < s->nv; v++) {
                const struct variant *var = &s->v[v];
                size_t m;
                if (strlen(var->tok[0]) != wn - k || memcmp(var->tok[0], w, wn - k) != 0)
                    break;
                if (seen[var->concept] || j + var->ntok > tk.n)
                    continue;
                if (var->caps && !tk.caps[j])
                    continue;
                if (!word_matches(w, wn, var->tok[0]))
                    continue;
                for (m = 1; m < var->ntok; m++) {
                    const char *x = tk.arena.p + tk.off[j + m];
                    if (!word_matches(x, strlen(x), var->tok[m]))
                        break;
                }
                if (m == var->ntok)
                    seen[var->concept] = 1;
            }
        }
    }
    tokens_release(&tk);
    return st;
}

wa_status wa_german_concepts(const struct wa_synonyms *s, const char *text, size_t len,
                             struct wa_buf *out)
{
    unsigned char *seen;
    size_t c;
    wa_status st;

    if (!s || !s->nconcepts)
        return WA_OK;
    seen = calloc(s->nconcepts, 1);
    if (!seen)
        return WA_ERR_NOMEM;
    st = find_concepts(s, text, len, seen);
    for (c = 0; st == WA_OK && c < s->nconcepts; c++) {
        if (!seen[c])
            continue;
        if (out->len)
            st = wa_buf_addch(out, ' ');
        if (st == WA_OK)
            st = wa_buf_adds(out, s->concepts[c]);
    }
    free(seen);
    return st;
}

/* Append the synonym keys of one variant (NUL-separated) to keys. */
static wa_status variant_keys(const struct variant *v, struct wa_buf *keys)
{
    struct wa_buf k, stem;
    size_t i;
    wa_status st = WA_OK;

    wa_buf_init(&k, 0);
    wa_buf_init(&stem, 0);
    for (i = 0; i < v->ntok && st == WA_OK; i++) {
        if (i)
            st = wa_buf_addch(&k, ' ');
        if (st == WA_OK)
            st = wa_buf_adds(&k, v->tok[i]);
    }
    if (st == WA_OK)
        st = wa_buf_add(keys, k.p, k.len + 1);
    /* a hyphenated abbreviation (IT-PLR, DS-GVO) is also queried joined */
    if (st == WA_OK && !strchr(v->text, ' ') && strchr(v->text, '-') && v->ntok > 1) {
        wa_buf_reset(&k);
        for (i = 0; i < v->ntok && st == WA_OK; i++)
            st = wa_buf_adds(&k, v->tok[i]);
        if (st == WA_OK)
            st = wa_buf_add(keys, k.p, k.len + 1);
    }
    /* single words also under their stem, so inflected forms find the concept */
    if (st == WA_OK && !strchr(k.p, ' ')) {
        st = wa_stem(k.p, k.len, &stem);
        if (st == WA_OK) {
            st = wa_buf_addch(keys, 'Z');
            if (st == WA_OK)
                st = wa_buf_add(keys, stem.p, stem.len + 1);
        }
    }
    wa_buf_release(&k);
    wa_buf_release(&stem);
    return st;
}

wa_status wa_german_register_synonyms(wa_wdb *w)
{
    const struct wa_synonyms *s = wa_german_synonyms();
    struct wa_buf old, keys, term;
    size_t i;
    wa_status st = WA_OK;

    if (!s)
        return WA_ERR_NOT_FOUND;
    wa_buf_init(&old, 0);
    wa_buf_init(&keys, 0);
    wa_buf_init(&term, 0);
    /* drop the keys registered from an earlier table */
    st = wa_wdb_get_metadata(w, SYNONYM_KEYS_META, &old);
    for (i = 0; st == WA_OK && i < old.len; i += strlen(old.p + i) + 1)
        st = wa_wdb_clear_synonyms(w, old.p + i);
    for (i = 0; st == WA_OK && i < s->nv; i++) {
        size_t start = keys.len, k;
        st = variant_keys(&s->v[i], &keys);
        wa_buf_reset(&term);
        if (st == WA_OK)
            st = wa_buf_addf(&term, "%s%s", WA_PREFIX_CONCEPT, s->concepts[s->v[i].concept]);
        for (k = start; st == WA_OK && k < keys.len; k += strlen(keys.p + k) + 1)
            st = wa_wdb_add_synonym(w, keys.p + k, term.p);
    }
    if (st == WA_OK)
        st = wa_wdb_set_metadata(w, SYNONYM_KEYS_META, keys.p, keys.len);
    wa_buf_release(&old);
    wa_buf_release(&keys);
    wa_buf_release(&term);
    return st;
}

/* ---- identifiers ------------------------------------------------------ */

/* "§ 34", "§§ 34a", "§34": returns the end and writes "§34a" to out, or 0. */
static size_t paragraph_at(const char *t, size_t len, size_t i, struct wa_buf *out)
{
    size_t j = i, d, n;

    while (has_at(t, len, j, "\xC2\xA7"))
        j += 2;
    if (j == i)
        return 0;
    while (j < len && (t[j] == ' ' || t[j] == '\t' || has_at(t, len, j, "\xC2\xA0")))
        j += t[j] == ' ' || t[j] == '\t' ? 1 : 2;
    for (d = j; d < len && t[d] >= '0' && t[d] <= '9'; d++)
        ;
    if (d == j || d - j > 6)
        return 0;
    if (d < len && t[d] >= 'a' && t[d] <= 'z' &&
        (d + 1 == len || !is_word(cp_at(t, len, d + 1, &n))))
        d++;
    if (d < len && is_word(cp_at(t, len, d, &n)))
        return 0;
    wa_buf_reset(out);
    if (wa_buf_add(out, "\xC2\xA7", 2) != WA_OK || wa_buf_add(out, t + j, d - j) != WA_OK)
        return 0;
    return d;
}

/* "12-345/2021", "18/1234": digits joined by - or /; returns the end, or 0. */
static size_t number_id_at(const char *t, size_t len, size_t i)
{
    size_t j = i, seps = 0, n;

    for (;;) {
        size_t d = j;
        while (d < len && t[d] >= '0' && t[d] <= '9')
            d++;
        if (d == j)
            return 0;
        j = d;
        if (j + 1 < len && (t[j] == '-' || t[j] == '/') && t[j + 1] >= '0' && t[j + 1] <= '9') {
            j++;
            seps++;
            continue;
        }
        break;
    }
    if (!seps || (j < len && is_word(cp_at(t, len, j, &n))))
        return 0;
    return j;
}

/* ---- query rewriting -------------------------------------------------- */

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

static const char *const operators[][2] = {
    {"UND", "AND"}, {"ODER", "OR"}, {"NICHT", "NOT"}, {"NAHE", "NEAR"}, {NULL, NULL}};

/*
 * Does a multi-word synonym variant (künstliche Intelligenz, also inflected:
 * künstlicher Intelligenz) start at ws, its words separated by blanks only?
 * Returns the end of the longest such span (0 if none); *concept its concept.
 */
static size_t concept_span(const struct wa_synonyms *s, const char *q, size_t len, size_t ws,
                           size_t *concept)
{
    char tok[MAX_TOKENS][WA_DICT_MAXWORD + 1];
    size_t ends[MAX_TOKENS], nt = 0, i = ws, v, best = 0, nx;
    struct wa_buf b;
    int caps;

    wa_buf_init(&b, 0);
    while (nt < MAX_TOKENS) {
        size_t start = i;
        while (i < len && (q[i] == ' ' || q[i] == '\t'))
            i++;
        if (nt > 0 && (i == start || i >= len))
            break;
        if (i >= len || !is_word(cp_at(q, len, i, &nx)))
            break; /* punctuation or syntax between the words */
        start = i;
        if (next_token(q, len, &i, &b, &caps) != 1 || i == start || b.len > WA_DICT_MAXWORD)
            break;
        memcpy(tok[nt], b.p, b.len + 1);
        ends[nt++] = i;
        if (i < len && q[i] != ' ' && q[i] != '\t')
            break;
    }
    wa_buf_release(&b);
    for (v = 0; v < s->nv; v++) {
        const struct variant *var = &s->v[v];
        size_t m;
        if (var->ntok < 2 || var->ntok > nt || ends[var->ntok - 1] <= best)
            continue;
        for (m = 0; m < var->ntok; m++)
            if (!word_matches(tok[m], strlen(tok[m]), var->tok[m]))
                break;
        if (m == var->ntok) {
            best = ends[var->ntok - 1];
            *concept = var->concept;
        }
    }
    return best;
}

/* Append "(word OR \"part part\")" if word is a compound, else just word. */
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
            st = wa_buf_adds(out, " OR \"");
        for (k = 0; st == WA_OK && k < n; k++) {
            if (k)
                st = wa_buf_addch(out, ' ');
            if (st == WA_OK)
                st = wa_buf_add(out, parts[k].base, parts[k].base_len);
        }
        if (st == WA_OK)
            st = wa_buf_adds(out, "\")");
    } else if (st == WA_OK) {
        st = wa_buf_add(out, t + ws, we - ws);
    }
    wa_buf_release(&low);
    return st;
}

wa_status wa_german_query(const char *q, size_t len, struct wa_buf *out)
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
        struct gform g;
        const struct wa_synonyms *syn;

        if (q[i] == '"' && !in_quote && (e = run_end(q, len, i + 1)) > i + 1 && e < len &&
            q[e] == '"') {
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
        if (!in_quote && (e = paragraph_at(q, len, i, &id)) != 0) {
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
            if (operators[k][0]) {
                st = wa_buf_adds(out, operators[k][1]);
                continue;
            }
        }
        if (plain && (syn = wa_german_synonyms()) != NULL &&
            (e = concept_span(syn, q, len, ws, &k)) != 0 && !near_context(q, len, ws, e)) {
            /* a multi-word synonym: its words, or its concept term */
            st = wa_buf_addf(out, "((%.*s) OR %s:%s)", (int)(e - ws), q + ws,
                             WA_GERMAN_CONCEPT_FIELD, syn->concepts[k]);
            i = e;
            continue;
        }
        if (gender_at(q, len, ws, we, &g)) {
            wa_buf_reset(&fem);
            wa_buf_reset(&masc);
            st = gender_forms(q, &g, &fem, &masc);
            if (st == WA_OK && plain && !near_context(q, len, ws, g.end))
                st = wa_buf_addf(out, "(%s OR %s)", fem.p, masc.p);
            else if (st == WA_OK)
                st = wa_buf_add(out, fem.p, fem.len);
            i = g.end;
            continue;
        }
        if ((e = eword_at(q, len, ws, we, &w2)) != 0) {
            st = wa_buf_addch(out, 'E');
            if (st == WA_OK)
                st = wa_buf_add(out, q + w2, e - w2);
            i = e;
            continue;
        }
        if (plain && (e = number_id_at(q, len, ws)) != 0) {
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
            (ws == 0 || q[ws - 1] != '-')) {
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

/* ---- indexing --------------------------------------------------------- */

/* Add term (prefix + lower-case word) and its stem at position pos. */
static wa_status add_alt_posting(wa_doc *doc, const char *prefix, const char *w, size_t wn,
                                 unsigned pos)
{
    struct wa_buf low, term;
    wa_status st;

    wa_buf_init(&low, 0);
    wa_buf_init(&term, 0);
    st = wa_utf8_lower(w, wn, &low);
    if (st == WA_OK)
        st = wa_buf_addf(&term, "%s%s", prefix, low.p);
    if (st == WA_OK && term.len <= 245)
        st = wa_doc_add_posting(doc, term.p, term.len, pos);
    wa_buf_reset(&term);
    if (st == WA_OK)
        st = wa_buf_addf(&term, "Z%s", prefix);
    if (st == WA_OK)
        st = wa_stem(low.p, low.len, &term);
    if (st == WA_OK && term.len <= 245)
        st = wa_doc_add_posting(doc, term.p, term.len, pos);
    wa_buf_release(&low);
    wa_buf_release(&term);
    return st;
}

/* Add Z + prefix + lower-case token at position pos. */
static wa_status add_z_posting(wa_doc *doc, const char *prefix, const char *w, size_t wn,
                               unsigned pos)
{
    struct wa_buf term;
    wa_status st;

    wa_buf_init(&term, 0);
    st = wa_buf_addf(&term, "Z%s", prefix);
    if (st == WA_OK)
        st = wa_utf8_lower(w, wn, &term);
    if (st == WA_OK && term.len <= 245)
        st = wa_doc_add_posting(doc, term.p, term.len, pos);
    wa_buf_release(&term);
    return st;
}

/* Add ZXC<stem of the lower-case word> (a compound part). */
static wa_status add_part(wa_doc *doc, const char *w, size_t wn, struct wa_buf *term)
{
    wa_status st;

    wa_buf_reset(term);
    st = wa_buf_addf(term, "Z%s", WA_PREFIX_COMPOUND);
    if (st == WA_OK)
        st = wa_stem(w, wn, term);
    if (st == WA_OK && term->len > 3 && term->len <= 245)
        st = wa_doc_add_term(doc, term->p, term->len, 1);
    return st;
}

/* Compound parts, identifiers and concepts of body text. */
static wa_status index_extras(wa_doc *doc, const char *t, size_t len)
{
    wa_splitter *sp = wa_german_splitter();
    const struct wa_synonyms *syn = wa_german_synonyms();
    struct wa_buf low, term, id;
    struct wa_part parts[WA_COMPOUND_MAXPARTS];
    size_t i = 0, n, k, e;
    int prev_word = 0;
    wa_status st = WA_OK;

    wa_buf_init(&low, 0);
    wa_buf_init(&term, 0);
    wa_buf_init(&id, 0);
    while (i < len && st == WA_OK) {
        int32_t cp = cp_at(t, len, i, &n);
        size_t we;
        if ((e = paragraph_at(t, len, i, &id)) != 0) {
            wa_buf_reset(&term);
            st = wa_buf_addf(&term, "%s%s", WA_PREFIX_IDENT, id.p);
            if (st == WA_OK)
                st = wa_doc_add_term(doc, term.p, term.len, 1);
            i = e;
            prev_word = 1;
            continue;
        }
        if (!is_word(cp) || prev_word) {
            prev_word = is_word(cp);
            i = n;
            continue;
        }
        we = run_end(t, len, i);
        prev_word = 1;
        if (is_digit(cp) && (e = number_id_at(t, len, i)) != 0 && e - i < 100) {
            wa_buf_reset(&term);
            st = wa_buf_addf(&term, "%s%.*s", WA_PREFIX_IDENT, (int)(e - i), t + i);
            if (st == WA_OK)
                st = wa_doc_add_term(doc, term.p, term.len, 1);
            i = e;
            continue;
        }
        if (sp && we - i >= MIN_COMPOUND_BYTES && we - i <= WA_COMPOUND_MAXINPUT &&
            starts_upper(t, len, i) && all_letters(t, i, we)) {
            wa_buf_reset(&low);
            st = wa_utf8_lower(t + i, we - i, &low);
            n = st == WA_OK ? wa_splitter_split(sp, low.p, low.len, parts) : 0;
            for (k = 0; k < n && st == WA_OK; k++)
                st = add_part(doc, parts[k].base, parts[k].base_len, &term);
        }
        i = we;
    }
    if (st == WA_OK && syn && syn->nconcepts) {
        unsigned char *seen = calloc(syn->nconcepts, 1);
        if (!seen)
            st = WA_ERR_NOMEM;
        if (st == WA_OK)
            st = find_concepts(syn, t, len, seen);
        for (k = 0; st == WA_OK && k < syn->nconcepts; k++) {
            if (!seen[k])
                continue;
            wa_buf_reset(&term);
            st = wa_buf_addf(&term, "%s%s", WA_PREFIX_CONCEPT, syn->concepts[k]);
            if (st == WA_OK && term.len <= 245)
                st = wa_doc_add_term(doc, term.p, term.len, 1);
        }
        free(seen);
    }
    wa_buf_release(&low);
    wa_buf_release(&term);
    wa_buf_release(&id);
    return st;
}

wa_status wa_german_index_text(wa_doc *doc, const char *t, size_t len, unsigned wdf_inc,
                               const char *prefix)
{
    struct wa_buf fem, masc, term;
    size_t i = 0, done = 0, n;
    int prev_word = 0;
    wa_status st = WA_OK;

    if (!prefix)
        prefix = "";
    wa_buf_init(&fem, 0);
    wa_buf_init(&masc, 0);
    wa_buf_init(&term, 0);
    while (i < len && st == WA_OK) {
        int32_t cp = cp_at(t, len, i, &n);
        size_t ws, we, w2, e;
        struct gform g;

        if (!is_word(cp) || prev_word) {
            prev_word = is_word(cp);
            i = n;
            continue;
        }
        ws = i;
        we = run_end(t, len, ws);
        prev_word = 1;
        i = we;
        if (gender_at(t, len, ws, we, &g)) {
            wa_buf_reset(&fem);
            wa_buf_reset(&masc);
            st = gender_forms(t, &g, &fem, &masc);
            if (st == WA_OK && ws > done)
                st = wa_doc_index_text(doc, t + done, ws - done, wdf_inc, prefix);
            if (st == WA_OK)
                st = wa_doc_index_text(doc, fem.p, fem.len, wdf_inc, prefix);
            if (st == WA_OK)
                st = add_alt_posting(doc, prefix, masc.p, masc.len, wa_doc_termpos(doc));
            done = i = g.end;
            continue;
        }
        if (is_digit(cp)) {
            /*
             * TermGenerator gives numbers no stemmed Z term, but the query
             * parser stems every word: add Z<number> at the number's position
             * so that numbers and phrases with numbers ("12-345/2021") match.
             */
            size_t te = we;
            while (te + 1 < len && (t[te] == '.' || t[te] == ',') &&
                   is_digit((unsigned char)t[te + 1]))
                te = run_end(t, len, te + 1);
            if (ws > done)
                st = wa_doc_index_text(doc, t + done, ws - done, wdf_inc, prefix);
            if (st == WA_OK)
                st = wa_doc_index_text(doc, t + ws, te - ws, wdf_inc, prefix);
            if (st == WA_OK)
                st = add_z_posting(doc, prefix, t + ws, te - ws, wa_doc_termpos(doc));
            done = i = te;
            continue;
        }
        if ((e = eword_at(t, len, ws, we, &w2)) != 0) {
            wa_buf_reset(&fem);
            st = wa_buf_addch(&fem, 'e');
            if (st == WA_OK)
                st = wa_buf_add(&fem, t + w2, e - w2);
            if (st == WA_OK && ws > done)
                st = wa_doc_index_text(doc, t + done, ws - done, wdf_inc, prefix);
            if (st == WA_OK)
                st = wa_doc_index_text(doc, fem.p, fem.len, wdf_inc, prefix);
            if (st == WA_OK && !*prefix) {
                wa_buf_reset(&masc);
                st = wa_utf8_lower(t + w2, e - w2, &masc);
                if (st == WA_OK)
                    st = add_part(doc, masc.p, masc.len, &term);
            }
            done = i = e;
            continue;
        }
    }
    if (st == WA_OK && len > done)
        st = wa_doc_index_text(doc, t + done, len - done, wdf_inc, prefix);
    if (st == WA_OK && !*prefix)
        st = index_extras(doc, t, len);
    wa_buf_release(&fem);
    wa_buf_release(&masc);
    wa_buf_release(&term);
    return st;
}

/* ---- spelling corrections --------------------------------------------- */

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
        size_t a = 0, b = ol[k], n;
        if (k)
            st = wa_buf_addch(&res, ' ');
        if (st != WA_OK)
            break;
        if (ol[k] == cl[k] && memcmp(ow[k], cw[k], ol[k]) == 0) {
            st = wa_buf_add(&res, ow[k], ol[k]);
            continue;
        }
        /* the word without surrounding punctuation */
        while (a < b && !is_word(cp_at(ow[k], b, a, &n)))
            a++;
        while (b > a && !(((unsigned char)ow[k][b - 1] & 0x80) || is_word(ow[k][b - 1])))
            b--;
        wa_buf_reset(&low);
        st = wa_utf8_lower(ow[k] + a, b - a, &low);
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
