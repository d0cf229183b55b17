/* German compound splitting: dictionary lookups over an mmap'ed hash table, memoised. */
#include "wa_compound.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#define CACHE_SLOTS 16384u /* memo entries, a power of two */
#define MAX_INPUT   WA_COMPOUND_MAXINPUT
#define MIN_CHARS   8 /* shorter words are never split */
#define MIN_PART    4 /* shorter parts only from the whitelist */

/* Parts shorter than MIN_PART characters that are still good compound parts. */
static const char *const short_ok[] = {"amt", "bau", "rat", "tag", "weg", "ort", "zug", "not",
                                       "akt", "bad", "hof", "see", "eis", "öl",  "bus", "gas",
                                       "rad", "tür", "uhr", "tee", "zoo", "fax", "typ", "box",
                                       "app", "web", "kfz", "lkw", "pkw", "dom", NULL};

/* Suffix-like strings that must never be the final part of a split. */
static const char *const bad_heads[] = {
    "schaft", "schaften", "samt",   "ende",   "enden",  "heit",     "heiten", "keit",     "keiten",
    "ungen",  "ung",      "tion",   "tionen", "lich",   "isierung", "ierung", "ierungen", "ling",
    "linge",  "nis",      "nisse",  "tum",    "tümer",  "igkeit",   "ismus",  "ation",    "ationen",
    "erei",   "ereien",   "chen",   "lein",   "sam",    "bar",      "haft",   "ten",      "tung",
    "tungen", "nung",     "nungen", "rung",   "rungen", "lung",     "lungen", "sung",     "sungen",
    "gung",   "gungen",   "dung",   "dungen", "ende",   "ender",    "enden",  "ernd",     "ieren",
    "ion",    "ionen",    NULL};

/* Linking elements between a modifier and the rest, tried in this order. */
static const char *const links[] = {"", "s", "es", "n", "en", "er", "e", "ens", "ns", NULL};

/* Inflection endings a head may carry beyond its dictionary form. */
static const char *const endings[] = {"e", "en", "n", "s", "es", "er", "ern", "nen", NULL};

struct cache_entry {
    uint8_t keylen; /* 0: empty */
    uint8_t nparts;
    uint8_t base_len[WA_COMPOUND_MAXPARTS];
    char key[MAX_INPUT];
    char bases[MAX_INPUT + 2 * WA_COMPOUND_MAXPARTS];
};

/* Best split of the suffix starting at a byte position (dynamic programming). */
struct best {
    int8_t state; /* 0 unknown, 1 none, 2 found */
    uint8_t parts;
    uint8_t linkchars;
    uint8_t headlen;
    uint8_t next;    /* end of the modifier (0: this suffix is the head) */
    uint8_t linklen; /* bytes of linking element after the modifier */
    uint8_t elided;  /* modifier base = modifier + "e" */
};

struct wa_splitter {
    void *map;
    size_t map_len;
    const struct wa_dict_header *hdr;
    const uint32_t *slots;
    const unsigned char *pool;
    struct cache_entry *cache; /* lazily allocated */
    char scratch[MAX_INPUT + 2 * WA_COMPOUND_MAXPARTS];
};

uint32_t wa_dict_hash(const char *p, size_t len)
{
    uint32_t h = 2166136261u;
    size_t i;

    for (i = 0; i < len; i++) {
        h ^= (unsigned char)p[i];
        h *= 16777619u;
    }
    return h;
}

wa_status wa_splitter_open(wa_splitter **out, const char *path)
{
    wa_splitter *s;
    struct stat sb;
    const struct wa_dict_header *h;
    size_t need;
    int fd;

    *out = NULL;
    fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return errno == ENOENT ? WA_ERR_NOT_FOUND : WA_ERR_IO;
    if (fstat(fd, &sb) != 0 || (size_t)sb.st_size < sizeof *h) {
        close(fd);
        return WA_ERR_FORMAT;
    }
    s = calloc(1, sizeof *s);
    if (!s) {
        close(fd);
        return WA_ERR_NOMEM;
    }
    s->map_len = (size_t)sb.st_size;
    s->map = mmap(NULL, s->map_len, PROT_READ, MAP_SHARED, fd, 0);
    close(fd);
    if (s->map == MAP_FAILED) {
        free(s);
        return WA_ERR_IO;
    }
    h = s->map;
    need = sizeof *h + (size_t)h->nslots * 4u + h->pool_size;
    if (memcmp(h->magic, WA_DICT_MAGIC, sizeof WA_DICT_MAGIC) != 0 ||
        h->version != WA_DICT_VERSION || h->nslots == 0 || (h->nslots & (h->nslots - 1)) != 0 ||
        need != s->map_len) {
        munmap(s->map, s->map_len);
        free(s);
        return WA_ERR_FORMAT;
    }
    s->hdr = h;
    s->slots = (const uint32_t *)(h + 1);
    s->pool = (const unsigned char *)(s->slots + h->nslots);
    *out = s;
    return WA_OK;
}

void wa_splitter_free(wa_splitter *s)
{
    if (!s)
        return;
    munmap(s->map, s->map_len);
    free(s->cache);
    free(s);
}

size_t wa_splitter_words(const wa_splitter *s)
{
    return s->hdr->nwords;
}

unsigned wa_splitter_lookup(const wa_splitter *s, const char *w, size_t len)
{
    uint32_t mask = s->hdr->nslots - 1, i, off;

    if (len == 0 || len > WA_DICT_MAXWORD)
        return 0;
    for (i = wa_dict_hash(w, len) & mask;; i = (i + 1) & mask) {
        off = s->slots[i];
        if (off == 0)
            return 0;
        off--;
        if (off + 2u > s->hdr->pool_size)
            return 0; /* damaged file: treat as unknown */
        if (s->pool[off + 1] == len && off + 2u + len <= s->hdr->pool_size &&
            memcmp(s->pool + off + 2, w, len) == 0)
            return s->pool[off];
    }
}

static size_t nchars(const char *p, size_t len)
{
    size_t i, n = 0;

    for (i = 0; i < len; i++)
        if (((unsigned char)p[i] & 0xC0) != 0x80)
            n++;
    return n;
}

static int in_list(const char *const *list, const char *p, size_t len)
{
    size_t i;

    for (i = 0; list[i]; i++)
        if (strlen(list[i]) == len && memcmp(list[i], p, len) == 0)
            return 1;
    return 0;
}

static int long_enough(const char *p, size_t len)
{
    return nchars(p, len) >= MIN_PART || in_list(short_ok, p, len);
}

/* A final part: a noun (maybe inflected), not suffix-like, long enough. */
static int is_head(const wa_splitter *s, const char *p, size_t len)
{
    size_t i;

    if (!long_enough(p, len) || in_list(bad_heads, p, len))
        return 0;
    if (wa_splitter_lookup(s, p, len) & WA_DICT_NOUN)
        return 1;
    for (i = 0; endings[i]; i++) {
        size_t e = strlen(endings[i]);
        if (len > e && memcmp(p + len - e, endings[i], e) == 0 && long_enough(p, len - e) &&
            !in_list(bad_heads, p, len - e) && (wa_splitter_lookup(s, p, len - e) & WA_DICT_NOUN))
            return 1;
    }
    return 0;
}

/* A left part: a known word, or a word whose final "e" was elided. */
static int is_modifier(const wa_splitter *s, const char *p, size_t len, int *elided)
{
    char tmp[WA_DICT_MAXWORD + 1];

    *elided = 0;
    if (long_enough(p, len) && (wa_splitter_lookup(s, p, len) & WA_DICT_WORD))
        return 1;
    /* e-elision (Schul(e)buch) only for nouns of 5+ letters: not "ein(e)" */
    if (len + 1 <= WA_DICT_MAXWORD && nchars(p, len) >= MIN_PART && p[len - 1] != 'e') {
        memcpy(tmp, p, len);
        tmp[len] = 'e';
        if (wa_splitter_lookup(s, tmp, len + 1) & WA_DICT_NOUN) {
            *elided = 1;
            return 1;
        }
    }
    return 0;
}

/* Is candidate a better than b: fewer parts, fewer linking letters, longer head. */
static int better(const struct best *a, const struct best *b)
{
    if (b->state != 2)
        return 1;
    if (a->parts != b->parts)
        return a->parts < b->parts;
    if (a->linkchars != b->linkchars)
        return a->linkchars < b->linkchars;
    return a->headlen > b->headlen;
}

static void solve(const wa_splitter *s, const char *w, size_t len, size_t pos, struct best *memo)
{
    struct best cur = {1, 0, 0, 0, 0, 0, 0};
    size_t i;

    if (memo[pos].state)
        return;
    memo[pos].state = 1;
    if (pos > 0 && is_head(s, w + pos, len - pos)) {
        cur.state = 2;
        cur.parts = 1;
        cur.headlen = (uint8_t)(len - pos);
    }
    for (i = pos + 1; i < len; i++) {
        int elided, k;
        if (((unsigned char)w[i] & 0xC0) == 0x80)
            continue; /* not a character boundary */
        if (nchars(w + pos, i - pos) < 2)
            continue;
        if (nchars(w + i, len - i) < 2)
            break;
        if (!is_modifier(s, w + pos, i - pos, &elided))
            continue;
        for (k = 0; links[k]; k++) {
            size_t ll = strlen(links[k]);
            struct best c;
            if (i + ll >= len || memcmp(w + i, links[k], ll) != 0)
                continue;
            if (elided && ll > 0)
                continue; /* an elided "e" takes no linking element */
            solve(s, w, len, i + ll, memo);
            if (memo[i + ll].state != 2 || memo[i + ll].parts + 1 > WA_COMPOUND_MAXPARTS)
                continue;
            c.state = 2;
            c.parts = (uint8_t)(memo[i + ll].parts + 1);
            c.linkchars = (uint8_t)(memo[i + ll].linkchars + ll);
            c.headlen = memo[i + ll].headlen;
            c.next = (uint8_t)i;
            c.linklen = (uint8_t)ll;
            c.elided = (uint8_t)elided;
            if (better(&c, &cur))
                cur = c;
        }
    }
    memo[pos] = cur;
}

/* Split into bases written to buf; returns the part count (0: no split). */
static size_t split_into(const wa_splitter *s, const char *w, size_t len, char *buf,
                         uint8_t base_len[WA_COMPOUND_MAXPARTS])
{
    struct best memo[MAX_INPUT + 1];
    size_t pos = 0, n = 0, o = 0, k;
    unsigned flags;
    static const char *const feminine[] = {"innen", "in", NULL};

    if (len > MAX_INPUT || nchars(w, len) < MIN_CHARS)
        return 0;
    /* a known word that is never a noun (Aktivieren, Allerdings at the start
     * of a sentence) is no compound noun */
    flags = wa_splitter_lookup(s, w, len);
    if ((flags & WA_DICT_WORD) && !(flags & WA_DICT_NOUN))
        return 0;
    /*
     * A feminine form of a known word (Bürgerinnen, Sachbearbeiterin) is a
     * derivation, not a compound: split its base and put the ending back on
     * the head, so that "bürge|rinnen" can never happen.
     */
    for (k = 0; feminine[k]; k++) {
        size_t fl = strlen(feminine[k]);
        if (len > fl + 3 && memcmp(w + len - fl, feminine[k], fl) == 0 &&
            (wa_splitter_lookup(s, w, len - fl) & WA_DICT_NOUN)) {
            n = split_into(s, w, len - fl, buf, base_len);
            if (n > 0) {
                size_t j;
                for (j = 0, o = 0; j < n; j++)
                    o += base_len[j];
                memcpy(buf + o, feminine[k], fl);
                base_len[n - 1] = (uint8_t)(base_len[n - 1] + fl);
            }
            return n;
        }
    }
    memset(memo, 0, sizeof(struct best) * (len + 1));
    solve(s, w, len, 0, memo);
    if (memo[0].state != 2 || memo[0].parts < 2)
        return 0;
    while (n < WA_COMPOUND_MAXPARTS) {
        const struct best *b = &memo[pos];
        size_t end = b->next ? b->next : len;
        memcpy(buf + o, w + pos, end - pos);
        base_len[n] = (uint8_t)(end - pos);
        o += end - pos;
        if (b->elided) {
            buf[o++] = 'e';
            base_len[n]++;
        }
        n++;
        if (!b->next)
            break;
        pos = b->next + b->linklen;
    }
    return n;
}

static size_t to_parts(const char *buf, const uint8_t *base_len, size_t n,
                       struct wa_part parts[WA_COMPOUND_MAXPARTS])
{
    size_t i, o = 0;

    for (i = 0; i < n; i++) {
        parts[i].base = buf + o;
        parts[i].base_len = base_len[i];
        o += base_len[i];
    }
    return n;
}

size_t wa_splitter_split_nocache(wa_splitter *s, const char *w, size_t len,
                                 struct wa_part parts[WA_COMPOUND_MAXPARTS])
{
    uint8_t bl[WA_COMPOUND_MAXPARTS];
    size_t n = split_into(s, w, len, s->scratch, bl);

    return to_parts(s->scratch, bl, n, parts);
}

size_t wa_splitter_split(wa_splitter *s, const char *w, size_t len,
                         struct wa_part parts[WA_COMPOUND_MAXPARTS])
{
    struct cache_entry *e;

    if (len == 0 || len > MAX_INPUT)
        return 0;
    if (!s->cache) {
        s->cache = calloc(CACHE_SLOTS, sizeof *s->cache);
        if (!s->cache)
            return wa_splitter_split_nocache(s, w, len, parts);
    }
    e = &s->cache[wa_dict_hash(w, len) & (CACHE_SLOTS - 1)];
    if (e->keylen != len || memcmp(e->key, w, len) != 0) {
        e->nparts = (uint8_t)split_into(s, w, len, e->bases, e->base_len);
        memcpy(e->key, w, len);
        e->keylen = (uint8_t)len;
    }
    return to_parts(e->bases, e->base_len, e->nparts, parts);
}
