/* The synonym table: parsing, concepts found in text, synonym keys in the database. */
#include "wa_german.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "wa_german_text.h"
#include "wa_schema.h"
#include "wa_utf8.h"

#define MAX_TOKENS        6 /* words in one synonym variant */
#define SYNONYM_KEYS_META "german:synonym-keys"

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
    while ((r = wa_german_next_token(p, n, &i, &tok, &caps)) == 1) {
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
static char *g_synonyms_file; /* wa_german_use_synonyms, or NULL */
static char g_default_path[4096];

const char *wa_german_synonyms_path(void)
{
    if (g_synonyms_file)
        return g_synonyms_file;
    snprintf(g_default_path, sizeof g_default_path, "%s/%s", wa_german_data_dir(),
             WA_GERMAN_SYNONYMS_FILE);
    return g_default_path;
}

wa_status wa_german_use_synonyms(const char *path)
{
    char *copy = NULL;

    if (path && !(copy = strdup(path)))
        return WA_ERR_NOMEM;
    free(g_synonyms_file);
    g_synonyms_file = copy;
    wa_synonyms_free(g_synonyms);
    g_synonyms = NULL;
    g_synonyms_tried = 0;
    return WA_OK;
}

const struct wa_synonyms *wa_german_synonyms(void)
{
    if (!g_synonyms_tried) {
        g_synonyms_tried = 1;
        if (wa_synonyms_load(&g_synonyms, wa_german_synonyms_path(), NULL) != WA_OK)
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
    while (st == WA_OK && (r = wa_german_next_token(t, len, &i, &tok, &caps)) == 1) {
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

/* Set seen[concept] for every concept with a variant in text. */
wa_status wa_synonyms_scan(const struct wa_synonyms *s, const char *text, size_t len,
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
    st = wa_synonyms_scan(s, text, len, seen);
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

/*
 * Does a multi-word synonym variant (künstliche Intelligenz, also inflected:
 * künstlicher Intelligenz) start at ws, its words separated by blanks only?
 * Returns the end of the longest such span (0 if none); *concept its concept.
 */
size_t wa_synonyms_span(const struct wa_synonyms *s, const char *q, size_t len, size_t ws,
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
        if (wa_german_next_token(q, len, &i, &b, &caps) != 1 || i == start ||
            b.len > WA_DICT_MAXWORD)
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

size_t wa_synonyms_nconcepts(const struct wa_synonyms *s)
{
    return s ? s->nconcepts : 0;
}

const char *wa_synonyms_concept(const struct wa_synonyms *s, size_t k)
{
    return s && k < s->nconcepts ? s->concepts[k] : NULL;
}

size_t wa_synonyms_variant_at(const struct wa_synonyms *s, const char *t, size_t len, size_t ws,
                              const unsigned char *want, size_t *concept)
{
    char tok[MAX_TOKENS][WA_DICT_MAXWORD + 1];
    int caps[MAX_TOKENS];
    size_t ends[MAX_TOKENS], nt = 0, i = ws, v, best = 0, nx;
    struct wa_buf b;

    wa_buf_init(&b, 0);
    while (nt < MAX_TOKENS) {
        size_t start = i, gap;
        /* the words of a variant stand apart by blanks or a hyphen, no more */
        while (i < len && !is_word(cp_at(t, len, i, &nx)) && t[i] != '\n')
            i = nx;
        gap = i - start;
        if (i >= len || (nt > 0 && (gap == 0 || gap > 3)) || (nt == 0 && gap > 0))
            break;
        if (!is_word(cp_at(t, len, i, &nx)))
            break;
        if (wa_german_next_token(t, len, &i, &b, &caps[nt]) != 1 || b.len > WA_DICT_MAXWORD)
            break;
        memcpy(tok[nt], b.p, b.len + 1);
        ends[nt++] = i;
    }
    wa_buf_release(&b);
    for (v = 0; v < s->nv; v++) {
        const struct variant *var = &s->v[v];
        size_t m;
        if (!want[var->concept] || var->ntok > nt || ends[var->ntok - 1] <= best)
            continue;
        if (var->caps && !caps[0])
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
