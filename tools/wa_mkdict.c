/* Build the compound-splitting dictionary from Debian's German word lists (run at build time). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "wa_buf.h"
#include "wa_compound.h"
#include "wa_utf8.h"

#define PROG "wa_mkdict"

struct word {
    char *w;
    size_t len;
    unsigned flags;
};

struct table {
    struct word *v;
    size_t n, cap;
    uint32_t *slots; /* index + 1 into v, 0 empty */
    uint32_t nslots;
};

static int grow_slots(struct table *t);

static uint32_t *find_slot(struct table *t, const char *w, size_t len)
{
    uint32_t mask = t->nslots - 1, i;

    for (i = wa_dict_hash(w, len) & mask;; i = (i + 1) & mask) {
        uint32_t k = t->slots[i];
        if (k == 0)
            return &t->slots[i];
        if (t->v[k - 1].len == len && memcmp(t->v[k - 1].w, w, len) == 0)
            return &t->slots[i];
    }
}

static int add_word(struct table *t, const char *w, size_t len, unsigned flags)
{
    uint32_t *slot;

    if ((t->n + 1) * 2 > t->nslots && grow_slots(t) != 0)
        return -1;
    slot = find_slot(t, w, len);
    if (*slot) {
        t->v[*slot - 1].flags |= flags;
        return 0;
    }
    if (t->n == t->cap) {
        size_t nc = t->cap ? t->cap * 2 : 65536;
        struct word *nv = realloc(t->v, nc * sizeof *nv);
        if (!nv)
            return -1;
        t->v = nv;
        t->cap = nc;
    }
    t->v[t->n].w = malloc(len);
    if (!t->v[t->n].w)
        return -1;
    memcpy(t->v[t->n].w, w, len);
    t->v[t->n].len = len;
    t->v[t->n].flags = flags;
    t->n++;
    *slot = (uint32_t)t->n;
    return 0;
}

static int grow_slots(struct table *t)
{
    uint32_t ns = t->nslots ? t->nslots * 2 : 1u << 20, i;
    uint32_t *old = t->slots, oldn = t->nslots;

    t->slots = calloc(ns, sizeof *t->slots);
    if (!t->slots)
        return -1;
    t->nslots = ns;
    for (i = 0; i < oldn; i++)
        if (old[i])
            *find_slot(t, t->v[old[i] - 1].w, t->v[old[i] - 1].len) = old[i];
    free(old);
    return 0;
}

/* Only words made of letters are useful parts; returns 1 for those. */
static int letters_only(const char *p, size_t len)
{
    const char *end = p + len;

    if (!wa_utf8_valid(p, len))
        return 0;
    while (p < end) {
        int32_t cp = wa_utf8_next(&p, end);
        if (!wa_utf8_isalnum(cp) || (cp >= '0' && cp <= '9'))
            return 0;
    }
    return 1;
}

/* A noun is spelt with a capital first letter followed by a small letter. */
static int capitalised(const char *p, size_t len)
{
    const char *q = p, *end = p + len;
    int32_t a = wa_utf8_next(&q, end), b = q < end ? wa_utf8_next(&q, end) : 'x';

    return wa_utf8_isupper(a) && !wa_utf8_isupper(b);
}

/*
 * The spelling without umlaut keys (ä→ae, ö→oe, ü→ue, ß→ss) of a lower-case
 * word, so that "Fussballplatz" splits like "Fußballplatz". Returns 1 if it
 * differs from the word.
 */
static int transliterate(const char *p, size_t len, struct wa_buf *out)
{
    static const char *const from[] = {"\xC3\xA4", "\xC3\xB6", "\xC3\xBC", "\xC3\x9F", NULL};
    static const char *const to[] = {"ae", "oe", "ue", "ss"};
    size_t i, k;
    int changed = 0;

    wa_buf_reset(out);
    for (i = 0; i < len; i++) {
        for (k = 0; from[k]; k++)
            if (i + 1 < len && memcmp(p + i, from[k], 2) == 0)
                break;
        if (from[k]) {
            if (wa_buf_add(out, to[k], 2) != WA_OK)
                return 0;
            i++;
            changed = 1;
        } else if (wa_buf_addch(out, p[i]) != WA_OK) {
            return 0;
        }
    }
    return changed;
}

static int read_list(struct table *t, const char *path, int hunspell)
{
    FILE *f = fopen(path, "r");
    char line[512];
    struct wa_buf low, alt;
    long lineno = 0;

    if (!f) {
        fprintf(stderr, PROG ": cannot read '%s': %s\n", path, strerror(errno));
        return -1;
    }
    wa_buf_init(&low, 0);
    wa_buf_init(&alt, 0);
    while (fgets(line, sizeof line, f)) {
        unsigned flags;
        size_t len = strcspn(line, hunspell ? "/\t \r\n" : "\r\n");
        lineno++;
        if (hunspell && lineno == 1)
            continue; /* the entry count */
        if (len == 0 || len > WA_DICT_MAXWORD || !letters_only(line, len))
            continue;
        wa_buf_reset(&low);
        flags = WA_DICT_WORD | (capitalised(line, len) ? WA_DICT_NOUN : 0u);
        if (wa_utf8_lower(line, len, &low) != WA_OK || low.len > WA_DICT_MAXWORD ||
            add_word(t, low.p, low.len, flags) != 0 ||
            (transliterate(low.p, low.len, &alt) && alt.len <= WA_DICT_MAXWORD &&
             add_word(t, alt.p, alt.len, flags) != 0)) {
            fprintf(stderr, PROG ": out of memory\n");
            fclose(f);
            wa_buf_release(&low);
            wa_buf_release(&alt);
            return -1;
        }
    }
    wa_buf_release(&low);
    wa_buf_release(&alt);
    if (ferror(f)) {
        fprintf(stderr, PROG ": cannot read '%s': %s\n", path, strerror(errno));
        fclose(f);
        return -1;
    }
    fclose(f);
    return 0;
}

/* Nouns that the word lists miss (nominalised participles and common office words). */
static const char *const extra_nouns[] = {"beauftragte",
                                          "beauftragter",
                                          "beauftragten",
                                          "bevollmächtigte",
                                          "bevollmächtigter",
                                          "angestellte",
                                          "angestellter",
                                          "angestellten",
                                          "beschäftigte",
                                          "beschäftigten",
                                          "verfahren",
                                          "plan",
                                          "management",
                                          "digitalisierung",
                                          "modernisierung",
                                          "steuerung",
                                          "gebühr",
                                          "gebühren",
                                          "zugang",
                                          "portal",
                                          "anwendung",
                                          "schnittstelle",
                                          "cloud",
                                          "software",
                                          "hardware",
                                          "server",
                                          "plattform",
                                          "chatbot",
                                          "community",
                                          "workshop",
                                          "scrum",
                                          "kanban",
                                          "meeting",
                                          "team",
                                          "website",
                                          "service",
                                          NULL};

static int write_dict(const struct table *t, const char *path)
{
    struct wa_dict_header h;
    uint32_t nslots = 1, i;
    uint32_t *slots;
    unsigned char *pool;
    size_t pool_size = 0, o = 0;
    FILE *f;
    char tmp[4096];
    int rc = -1;

    while (nslots < t->n * 2)
        nslots *= 2;
    for (i = 0; i < t->n; i++)
        pool_size += 2 + t->v[i].len;
    slots = calloc(nslots, sizeof *slots);
    pool = malloc(pool_size ? pool_size : 1);
    if (!slots || !pool) {
        fprintf(stderr, PROG ": out of memory\n");
        goto cleanup;
    }
    for (i = 0; i < t->n; i++) {
        uint32_t j, mask = nslots - 1;
        for (j = wa_dict_hash(t->v[i].w, t->v[i].len) & mask; slots[j]; j = (j + 1) & mask)
            ;
        slots[j] = (uint32_t)o + 1;
        pool[o] = (unsigned char)t->v[i].flags;
        pool[o + 1] = (unsigned char)t->v[i].len;
        memcpy(pool + o + 2, t->v[i].w, t->v[i].len);
        o += 2 + t->v[i].len;
    }
    memset(&h, 0, sizeof h);
    memcpy(h.magic, WA_DICT_MAGIC, sizeof WA_DICT_MAGIC);
    h.version = WA_DICT_VERSION;
    h.nslots = nslots;
    h.nwords = (uint32_t)t->n;
    h.pool_size = (uint32_t)pool_size;
    /* write to a temporary name and rename, so readers never see half a file */
    snprintf(tmp, sizeof tmp, "%s.tmp", path);
    f = fopen(tmp, "wb");
    if (!f) {
        fprintf(stderr, PROG ": cannot write '%s': %s\n", tmp, strerror(errno));
        goto cleanup;
    }
    if (fwrite(&h, sizeof h, 1, f) != 1 || fwrite(slots, sizeof *slots, nslots, f) != nslots ||
        fwrite(pool, 1, pool_size, f) != pool_size) {
        fprintf(stderr, PROG ": cannot write '%s': %s\n", tmp, strerror(errno));
        fclose(f);
        goto cleanup;
    }
    if (fclose(f) != 0 || rename(tmp, path) != 0) {
        fprintf(stderr, PROG ": cannot write '%s': %s\n", path, strerror(errno));
        goto cleanup;
    }
    rc = 0;
cleanup:
    free(slots);
    free(pool);
    return rc;
}

int main(int argc, char **argv)
{
    struct table t;
    size_t i;
    int k, rc;

    if (argc < 3) {
        fprintf(stderr, "usage: " PROG " OUTPUT WORDLIST [--hunspell DICT]...\n");
        return 2;
    }
    memset(&t, 0, sizeof t);
    if (grow_slots(&t) != 0)
        return 2;
    for (k = 2; k < argc; k++) {
        int hun = strcmp(argv[k], "--hunspell") == 0;
        if (hun && ++k >= argc) {
            fprintf(stderr, PROG ": --hunspell needs a file\n");
            return 2;
        }
        if (read_list(&t, argv[k], hun) != 0)
            return 2;
    }
    for (i = 0; extra_nouns[i]; i++)
        if (add_word(&t, extra_nouns[i], strlen(extra_nouns[i]), WA_DICT_WORD | WA_DICT_NOUN))
            return 2;
    rc = write_dict(&t, argv[1]) == 0 ? 0 : 2;
    for (i = 0; i < t.n; i++)
        free(t.v[i].w);
    free(t.v);
    free(t.slots);
    return rc;
}
