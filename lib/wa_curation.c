/* The office's curation file: parsing, atomic writing, editing, applying it to records. */
#include "wa_curation.h"

#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "wa_schema.h"
#include "wa_utf8.h"

struct entry {
    enum wa_curation_kind kind;
    char *a, *b, *c;
};

struct wa_curation {
    struct entry *v; /* sorted by kind, a, b */
    size_t n, cap;
    char err[512];
};

/* The fields an override may set: the key written in the file, the schema key. */
static const struct okey {
    const char *file;
    const char *schema;
    int list;
    size_t off; /* offset of the char * or struct wa_strlist in struct wa_record */
} okeys[] = {
    {"titel", "title", 0, offsetof(struct wa_record, title)},
    {"datum", "date", 0, offsetof(struct wa_record, date)},
    {"typ", "type", 0, offsetof(struct wa_record, type)},
    {"werkstatt", "werkstatt", 0, offsetof(struct wa_record, werkstatt)},
    {"autoren", "authors", 1, offsetof(struct wa_record, authors)},
    {"schlagworte", "tags", 1, offsetof(struct wa_record, tags)},
    {"sichtbarkeit", "visibility", 0, offsetof(struct wa_record, visibility)},
    {"sprache", "language", 0, offsetof(struct wa_record, language)},
    {"zusammenfassung", "summary", 0, offsetof(struct wa_record, summary)},
};
#define NKEYS (sizeof okeys / sizeof okeys[0])
#define KEYS_TEXT                                                                                  \
    "titel, datum, typ, werkstatt, autoren, schlagworte, sichtbarkeit, sprache, zusammenfassung"

static void seterr(wa_curation *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void seterr(wa_curation *c, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(c->err, sizeof c->err, fmt, ap);
    va_end(ap);
}

wa_curation *wa_curation_new(void)
{
    return calloc(1, sizeof(wa_curation));
}

static void clear(wa_curation *c)
{
    size_t i;
    for (i = 0; i < c->n; i++) {
        free(c->v[i].a);
        free(c->v[i].b);
        free(c->v[i].c);
    }
    free(c->v);
    c->v = NULL;
    c->n = c->cap = 0;
}

void wa_curation_free(wa_curation *c)
{
    if (!c)
        return;
    clear(c);
    free(c);
}

const char *wa_curation_errmsg(const wa_curation *c)
{
    return c ? c->err : "out of memory";
}

const char *wa_curation_keys(void)
{
    return KEYS_TEXT;
}

static const struct okey *okey_for(const char *name)
{
    const struct wa_field *f;
    size_t i;

    if (!name)
        return NULL;
    for (i = 0; i < NKEYS; i++)
        if (strcmp(okeys[i].file, name) == 0)
            return &okeys[i];
    f = wa_schema_field(name, strlen(name));
    for (i = 0; f && i < NKEYS; i++)
        if (strcmp(okeys[i].schema, f->key) == 0)
            return &okeys[i];
    return NULL;
}

const char *wa_curation_key(const char *name)
{
    const struct okey *k = okey_for(name);
    return k ? k->file : NULL;
}

/* The alias fields: file name and record offset. */
static const char *alias_field(const char *name)
{
    const struct okey *k = okey_for(name);
    if (k && (strcmp(k->file, "werkstatt") == 0 || strcmp(k->file, "typ") == 0))
        return k->file;
    return NULL;
}

/* ---- the sorted entry array ------------------------------------------------ */

static int cmp3(enum wa_curation_kind k, const char *a, const char *b, const struct entry *e)
{
    int r;
    if (k != e->kind)
        return k < e->kind ? -1 : 1;
    r = strcmp(a, e->a);
    if (r || !b)
        return r;
    return strcmp(b, e->b);
}

/* Index of the entry (kind, a, b) (b NULL: the first with kind, a), or where it would go. */
static size_t find(const wa_curation *c, enum wa_curation_kind k, const char *a, const char *b,
                   int *found)
{
    size_t lo = 0, hi = c->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (cmp3(k, a, b, &c->v[mid]) > 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    *found = lo < c->n && cmp3(k, a, b, &c->v[lo]) == 0;
    return lo;
}

static void entry_free(struct entry *e)
{
    free(e->a);
    free(e->b);
    free(e->c);
}

/* Insert or (with replace) overwrite; WA_ERR_INVALID for a duplicate without replace. */
static wa_status put(wa_curation *c, enum wa_curation_kind k, const char *a, const char *b,
                     const char *val, int replace)
{
    int found;
    size_t i = find(c, k, a, b, &found);
    struct entry e = {k, strdup(a), strdup(b), strdup(val)};

    if (!e.a || !e.b || !e.c) {
        entry_free(&e);
        seterr(c, "out of memory");
        return WA_ERR_NOMEM;
    }
    if (found) {
        if (!replace) {
            entry_free(&e);
            return WA_ERR_INVALID;
        }
        entry_free(&c->v[i]);
        c->v[i] = e;
        return WA_OK;
    }
    if (c->n == c->cap) {
        size_t cap = c->cap ? c->cap * 2 : 16;
        struct entry *nv = realloc(c->v, cap * sizeof *nv);
        if (!nv) {
            entry_free(&e);
            seterr(c, "out of memory");
            return WA_ERR_NOMEM;
        }
        c->v = nv;
        c->cap = cap;
    }
    memmove(&c->v[i + 1], &c->v[i], (c->n - i) * sizeof *c->v);
    c->v[i] = e;
    c->n++;
    return WA_OK;
}

static wa_status drop(wa_curation *c, enum wa_curation_kind k, const char *a, const char *b)
{
    int found;
    size_t i = find(c, k, a, b, &found);
    if (!found)
        return WA_ERR_NOT_FOUND;
    entry_free(&c->v[i]);
    memmove(&c->v[i], &c->v[i + 1], (c->n - i - 1) * sizeof *c->v);
    c->n--;
    return WA_OK;
}

static const struct entry *get(const wa_curation *c, enum wa_curation_kind k, const char *a,
                               const char *b)
{
    int found;
    size_t i;
    if (!a || !b)
        return NULL;
    i = find(c, k, a, b, &found);
    return found ? &c->v[i] : NULL;
}

/* ---- values ----------------------------------------------------------------- */

/* 1 if s is valid UTF-8 without control characters (TAB and newline only
 * where allow_nl is set). */
static int clean_text(const char *s, int allow_nl)
{
    const unsigned char *p;
    if (!wa_utf8_valid(s, strlen(s)))
        return 0;
    for (p = (const unsigned char *)s; *p; p++)
        if ((*p < 0x20 && !(allow_nl && (*p == '\n' || *p == '\t'))) || *p == 0x7f)
            return 0;
    return 1;
}

static int check_text(wa_curation *c, const char *what, const char *s, int allow_nl)
{
    if (!s || !*s) {
        seterr(c, "%s ist leer", what);
        return -1;
    }
    if (strlen(s) > WA_CURATION_MAX_FIELD) {
        seterr(c, "%s ist länger als %zu Bytes", what, WA_CURATION_MAX_FIELD);
        return -1;
    }
    if (!clean_text(s, allow_nl)) {
        seterr(c, "%s enthält Steuerzeichen oder kein gültiges UTF-8", what);
        return -1;
    }
    return 0;
}

static wa_status join_list(const struct wa_strlist *l, const char *sep, struct wa_buf *out)
{
    wa_status st = WA_OK;
    size_t i;
    for (i = 0; i < l->n && st == WA_OK; i++) {
        if (i)
            st = wa_buf_adds(out, sep);
        if (st == WA_OK)
            st = wa_buf_adds(out, l->v[i]);
    }
    return st;
}

/* Check value for key k as an index run would read it; normalised into out. */
static wa_status normalise(wa_curation *c, const struct okey *k, const char *value,
                           struct wa_buf *out)
{
    struct wa_record r;
    wa_status st;

    wa_record_init(&r);
    st = wa_record_set(&r, k->schema, value, strlen(value));
    if (st == WA_ERR_FORMAT) {
        if (strcmp(k->file, "datum") == 0)
            seterr(c,
                   "ungültiges Datum '%s'; erlaubt: JJJJ-MM-TT, JJJJ-MM, JJJJ, TT.MM.JJJJ, "
                   "'12. März 2021', 'März 2021'",
                   value);
        else
            seterr(c, "ungültige Sichtbarkeit '%s'; erlaubt: öffentlich, intern", value);
    } else if (st == WA_OK) {
        if (k->list)
            st = join_list((const struct wa_strlist *)((char *)&r + k->off),
                           strcmp(k->file, "autoren") == 0 ? "; " : ", ", out);
        else
            st = wa_buf_adds(out, *(char **)((char *)&r + k->off));
        if (st == WA_OK && out->len == 0) {
            seterr(c, "leerer Wert für '%s'", k->file);
            st = WA_ERR_FORMAT;
        }
    }
    wa_record_release(&r);
    return st;
}

wa_status wa_curation_set_meta(wa_curation *c, const char *id, const char *key, const char *value)
{
    const struct okey *k = okey_for(key);
    struct wa_buf norm;
    wa_status st;

    if (!k) {
        seterr(c, "unbekanntes Feld '%s'; erlaubt: %s", key ? key : "", KEYS_TEXT);
        return WA_ERR_NOT_FOUND;
    }
    if (check_text(c, "die Dokument-ID", id, 1) || check_text(c, "der Wert", value, 1))
        return WA_ERR_FORMAT;
    wa_buf_init(&norm, WA_CURATION_MAX_FIELD);
    st = normalise(c, k, value, &norm);
    if (st == WA_OK)
        st = put(c, WA_CUR_META, id, k->file, norm.p, 1);
    wa_buf_release(&norm);
    return st;
}

wa_status wa_curation_unset_meta(wa_curation *c, const char *id, const char *key)
{
    const struct okey *k = okey_for(key);
    if (!k) {
        seterr(c, "unbekanntes Feld '%s'; erlaubt: %s", key ? key : "", KEYS_TEXT);
        return WA_ERR_NOT_FOUND;
    }
    if (drop(c, WA_CUR_META, id, k->file) != WA_OK) {
        seterr(c, "'%s' hat keine Korrektur für '%s'", id, k->file);
        return WA_ERR_NOT_FOUND;
    }
    return WA_OK;
}

const char *wa_curation_meta(const wa_curation *c, const char *id, const char *key)
{
    const struct okey *k = okey_for(key);
    const struct entry *e = k ? get(c, WA_CUR_META, id, k->file) : NULL;
    return e ? e->c : NULL;
}

/* 1 if value is the canonical value of some alias of field. */
static int is_canonical(const wa_curation *c, const char *field, const char *value)
{
    size_t i;
    for (i = 0; i < c->n; i++)
        if (c->v[i].kind == WA_CUR_ALIAS && strcmp(c->v[i].a, field) == 0 &&
            strcmp(c->v[i].c, value) == 0)
            return 1;
    return 0;
}

wa_status wa_curation_alias_add(wa_curation *c, const char *field, const char *variant,
                                const char *canonical)
{
    const char *f = alias_field(field);

    if (!f) {
        seterr(c, "Aliase gibt es nur für werkstatt und typ, nicht für '%s'", field ? field : "");
        return WA_ERR_NOT_FOUND;
    }
    if (check_text(c, "die Schreibweise", variant, 0) ||
        check_text(c, "der gemeinsame Wert", canonical, 0))
        return WA_ERR_FORMAT;
    if (strcmp(variant, canonical) == 0) {
        seterr(c, "'%s' wäre ein Alias von sich selbst", variant);
        return WA_ERR_INVALID;
    }
    if (get(c, WA_CUR_ALIAS, f, canonical)) {
        seterr(c, "'%s' ist selbst ein Alias von '%s'; nenne den gemeinsamen Wert", canonical,
               get(c, WA_CUR_ALIAS, f, canonical)->c);
        return WA_ERR_INVALID;
    }
    if (is_canonical(c, f, variant)) {
        seterr(c, "'%s' ist schon der gemeinsame Wert anderer Schreibweisen", variant);
        return WA_ERR_INVALID;
    }
    return put(c, WA_CUR_ALIAS, f, variant, canonical, 1);
}

wa_status wa_curation_alias_remove(wa_curation *c, const char *field, const char *variant)
{
    const char *f = alias_field(field);
    if (!f || drop(c, WA_CUR_ALIAS, f, variant) != WA_OK) {
        seterr(c, "kein Alias '%s' für %s", variant ? variant : "", field ? field : "");
        return WA_ERR_NOT_FOUND;
    }
    return WA_OK;
}

const char *wa_curation_alias(const wa_curation *c, const char *field, const char *variant)
{
    const char *f = alias_field(field);
    const struct entry *e = f ? get(c, WA_CUR_ALIAS, f, variant) : NULL;
    return e ? e->c : NULL;
}

static int valid_when(const char *w)
{
    static const char pat[] = "dddd-dd-ddTdd:dd:ddZ";
    size_t i;
    if (!w || strlen(w) != sizeof pat - 1)
        return 0;
    for (i = 0; pat[i]; i++)
        if (pat[i] == 'd' ? !(w[i] >= '0' && w[i] <= '9') : w[i] != pat[i])
            return 0;
    return 1;
}

wa_status wa_curation_withdraw(wa_curation *c, const char *id, const char *when, const char *reason)
{
    if (check_text(c, "die Dokument-ID", id, 1) || check_text(c, "der Grund", reason, 1))
        return WA_ERR_FORMAT;
    if (!valid_when(when)) {
        seterr(c, "ungültige Zeit '%s'; erwartet: JJJJ-MM-TTTHH:MM:SSZ", when ? when : "");
        return WA_ERR_FORMAT;
    }
    /* one withdrawal per id: a new one replaces the old (whatever its time) */
    if (wa_curation_withdrawn(c, id, NULL, NULL))
        wa_curation_restore(c, id);
    return put(c, WA_CUR_WITHDRAWN, id, when, reason, 0);
}

wa_status wa_curation_restore(wa_curation *c, const char *id)
{
    int found;
    size_t i = find(c, WA_CUR_WITHDRAWN, id, NULL, &found);
    if (!found) {
        seterr(c, "'%s' ist nicht zurückgezogen", id);
        return WA_ERR_NOT_FOUND;
    }
    entry_free(&c->v[i]);
    memmove(&c->v[i], &c->v[i + 1], (c->n - i - 1) * sizeof *c->v);
    c->n--;
    return WA_OK;
}

int wa_curation_withdrawn(const wa_curation *c, const char *id, const char **when,
                          const char **reason)
{
    int found;
    size_t i;
    if (!id)
        return 0;
    i = find(c, WA_CUR_WITHDRAWN, id, NULL, &found);
    if (!found)
        return 0;
    if (when)
        *when = c->v[i].b;
    if (reason)
        *reason = c->v[i].c;
    return 1;
}

size_t wa_curation_count(const wa_curation *c)
{
    return c->n;
}

int wa_curation_entry(const wa_curation *c, size_t i, struct wa_curation_entry *e)
{
    if (i >= c->n)
        return 0;
    e->kind = c->v[i].kind;
    e->a = c->v[i].a;
    e->b = c->v[i].b;
    e->c = c->v[i].c;
    return 1;
}

/* ---- the file ---------------------------------------------------------------- */

static const char *const kind_names[] = {"alias", "meta", "withdrawn"};

static wa_status add_escaped(struct wa_buf *out, const char *s)
{
    wa_status st = WA_OK;
    for (; *s && st == WA_OK; s++) {
        if (*s == '\\')
            st = wa_buf_add(out, "\\\\", 2);
        else if (*s == '\t')
            st = wa_buf_add(out, "\\t", 2);
        else if (*s == '\n')
            st = wa_buf_add(out, "\\n", 2);
        else
            st = wa_buf_addch(out, *s);
    }
    return st;
}

wa_status wa_curation_serialise(const wa_curation *c, struct wa_buf *out)
{
    wa_status st = wa_buf_adds(out, WA_CURATION_HEADER
                               "\n"
                               "# Werkarchiv: Korrekturen, Aliase und Rücknahmen der "
                               "Geschäftsstelle (docs/office.md).\n"
                               "# Felder durch TAB getrennt; \\t, \\n, \\\\ maskiert.\n");
    size_t i;

    for (i = 0; i < c->n && st == WA_OK; i++) {
        const struct entry *e = &c->v[i];
        st = wa_buf_adds(out, kind_names[e->kind]);
        if (st == WA_OK)
            st = wa_buf_addch(out, '\t');
        if (st == WA_OK)
            st = add_escaped(out, e->a);
        if (st == WA_OK)
            st = wa_buf_addch(out, '\t');
        if (st == WA_OK)
            st = add_escaped(out, e->b);
        if (st == WA_OK)
            st = wa_buf_addch(out, '\t');
        if (st == WA_OK)
            st = add_escaped(out, e->c);
        if (st == WA_OK)
            st = wa_buf_addch(out, '\n');
    }
    return st;
}

wa_status wa_curation_hash(const wa_curation *c, char out[17])
{
    struct wa_buf b;
    wa_status st = WA_OK;

    wa_buf_init(&b, 0);
    st = wa_curation_serialise(c, &b);
    snprintf(out, 17, "%016llx", st == WA_OK ? wa_hash64(b.p, b.len) : 0ULL);
    wa_buf_release(&b);
    return st;
}

/* Split and unescape one line into at most 4 fields; -1 on a bad escape or too many fields. */
static int split_line(const char *p, size_t len, struct wa_buf f[4], size_t *nf)
{
    size_t i;
    *nf = 1;
    for (i = 0; i < len; i++) {
        char ch = p[i];
        if (ch == '\t') {
            if (*nf == 4)
                return -1;
            (*nf)++;
            continue;
        }
        if (ch == '\\') {
            if (++i == len)
                return -1;
            if (p[i] == 't')
                ch = '\t';
            else if (p[i] == 'n')
                ch = '\n';
            else if (p[i] == '\\')
                ch = '\\';
            else
                return -1;
        } else if (ch == '\0') {
            return -1;
        }
        if (wa_buf_addch(&f[*nf - 1], ch) != WA_OK)
            return -1;
    }
    return 0;
}

static wa_status parse_line(wa_curation *c, struct wa_buf f[4], size_t nf)
{
    const char *kind = f[0].p;
    wa_status st = WA_OK;

    if (strcmp(kind, "alias") != 0 && strcmp(kind, "meta") != 0 && strcmp(kind, "withdrawn") != 0) {
        seterr(c, "unbekannte Art '%.40s'; erlaubt: alias, meta, withdrawn", kind);
        return WA_ERR_FORMAT;
    }
    if (nf != 4) {
        seterr(c, "%zu Felder statt 4", nf);
        return WA_ERR_FORMAT;
    }
    if (strcmp(kind, "alias") == 0) {
        if (wa_curation_alias(c, f[1].p, f[2].p)) {
            seterr(c, "doppelter Alias '%s'", f[2].p);
            return WA_ERR_FORMAT;
        }
        st = wa_curation_alias_add(c, f[1].p, f[2].p, f[3].p);
    } else if (strcmp(kind, "meta") == 0) {
        if (wa_curation_meta(c, f[1].p, f[2].p)) {
            seterr(c, "doppelte Korrektur '%s' für '%s'", f[2].p, f[1].p);
            return WA_ERR_FORMAT;
        }
        st = wa_curation_set_meta(c, f[1].p, f[2].p, f[3].p);
    } else if (strcmp(kind, "withdrawn") == 0) {
        if (wa_curation_withdrawn(c, f[1].p, NULL, NULL)) {
            seterr(c, "'%s' ist zweimal zurückgezogen", f[1].p);
            return WA_ERR_FORMAT;
        }
        st = wa_curation_withdraw(c, f[1].p, f[2].p, f[3].p);
    }
    return st == WA_ERR_NOMEM ? st : st != WA_OK ? WA_ERR_FORMAT : WA_OK;
}

wa_status wa_curation_parse(wa_curation *c, const char *p, size_t len)
{
    const char *end = p + len;
    struct wa_buf f[4];
    size_t line = 0, i;
    int header = 0;
    wa_status st = WA_OK;

    clear(c);
    c->err[0] = '\0';
    if (len > WA_CURATION_MAX_FILE) {
        seterr(c, "die Datei ist größer als %zu Bytes", WA_CURATION_MAX_FILE);
        return WA_ERR_TOOBIG;
    }
    for (i = 0; i < 4; i++)
        wa_buf_init(&f[i], WA_CURATION_MAX_FIELD);
    while (p < end && st == WA_OK) {
        const char *eol = memchr(p, '\n', (size_t)(end - p));
        size_t n = eol ? (size_t)(eol - p) : (size_t)(end - p), nf;
        const char *l = p;

        p = eol ? eol + 1 : end;
        line++;
        if (n && l[n - 1] == '\r') /* edited on Windows */
            n--;
        if (n == 0 || l[0] == '#')
            continue;
        if (!header) {
            if (n != strlen(WA_CURATION_HEADER) || memcmp(l, WA_CURATION_HEADER, n) != 0) {
                seterr(c, "Zeile %zu: erwartet '%s' als erste Zeile", line, WA_CURATION_HEADER);
                st = WA_ERR_FORMAT;
            }
            header = 1;
            continue;
        }
        for (i = 0; i < 4; i++)
            wa_buf_reset(&f[i]);
        if (split_line(l, n, f, &nf) != 0) {
            seterr(c, "Zeile %zu: ungültige Maskierung, zu viele Felder oder zu lang", line);
            st = WA_ERR_FORMAT;
            break;
        }
        st = parse_line(c, f, nf);
        if (st != WA_OK) {
            char msg[sizeof c->err];
            memcpy(msg, c->err, sizeof msg);
            seterr(c, "Zeile %zu: %s", line, msg);
        }
    }
    for (i = 0; i < 4; i++)
        wa_buf_release(&f[i]);
    if (st != WA_OK)
        clear(c);
    return st;
}

static wa_status read_all(const char *path, struct wa_buf *out, int *missing)
{
    char chunk[65536];
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    ssize_t r;

    *missing = 0;
    if (fd < 0) {
        *missing = errno == ENOENT;
        return *missing ? WA_OK : WA_ERR_IO;
    }
    while ((r = read(fd, chunk, sizeof chunk)) > 0)
        if (wa_buf_add(out, chunk, (size_t)r) != WA_OK) {
            close(fd);
            return WA_ERR_TOOBIG;
        }
    close(fd);
    return r < 0 ? WA_ERR_IO : WA_OK;
}

wa_status wa_curation_load(wa_curation *c, const char *dir)
{
    char path[4096];
    struct wa_buf b;
    int missing;
    wa_status st;

    snprintf(path, sizeof path, "%s/%s", dir, WA_CURATION_FILE);
    wa_buf_init(&b, WA_CURATION_MAX_FILE);
    st = read_all(path, &b, &missing);
    if (st != WA_OK) {
        seterr(c, "'%s' nicht lesbar: %s", path, st == WA_ERR_TOOBIG ? "zu groß" : strerror(errno));
        clear(c);
    } else if (missing) {
        clear(c);
    } else {
        st = wa_curation_parse(c, b.p, b.len);
        if (st != WA_OK) {
            char msg[sizeof c->err];
            memcpy(msg, c->err, sizeof msg);
            seterr(c, "'%s': %s", path, msg);
        }
    }
    wa_buf_release(&b);
    return st;
}

static int write_all(int fd, const char *p, size_t len)
{
    while (len) {
        ssize_t w = write(fd, p, len);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return -1;
        p += w;
        len -= (size_t)w;
    }
    return 0;
}

wa_status wa_curation_save(const wa_curation *cc, const char *dir)
{
    wa_curation *c = (wa_curation *)cc; /* only its message buffer changes */
    char path[4096], tmp[4160];
    struct wa_buf b;
    int fd = -1, dfd;
    wa_status st;

    snprintf(path, sizeof path, "%s/%s", dir, WA_CURATION_FILE);
    snprintf(tmp, sizeof tmp, "%s.tmp.%ld", path, (long)getpid());
    wa_buf_init(&b, 0);
    st = wa_curation_serialise(c, &b);
    if (st != WA_OK) {
        seterr(c, "out of memory");
        goto cleanup;
    }
    fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0 || write_all(fd, b.p, b.len) != 0 || fsync(fd) != 0) {
        seterr(c, "'%s' nicht schreibbar: %s", tmp, strerror(errno));
        st = WA_ERR_IO;
        goto cleanup;
    }
    if (close(fd) != 0 || rename(tmp, path) != 0) {
        fd = -1;
        seterr(c, "'%s' nicht schreibbar: %s", path, strerror(errno));
        st = WA_ERR_IO;
        goto cleanup;
    }
    fd = -1;
    /* the rename itself must reach the disk too */
    dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dfd >= 0) {
        fsync(dfd);
        close(dfd);
    }
cleanup:
    if (fd >= 0)
        close(fd);
    if (st != WA_OK)
        unlink(tmp);
    wa_buf_release(&b);
    return st;
}

/* ---- applying ------------------------------------------------------------------- */

static json_t *field_json(const struct wa_record *r, const struct okey *k)
{
    if (k->list) {
        const struct wa_strlist *l = (const struct wa_strlist *)((const char *)r + k->off);
        json_t *a = json_array();
        size_t i;
        for (i = 0; a && i < l->n; i++)
            json_array_append_new(a, json_string(l->v[i]));
        return a;
    }
    {
        const char *s = *(char *const *)((const char *)r + k->off);
        return s ? json_string(s) : json_null();
    }
}

/* Set field k of r to the JSON value v (string, array of strings or null). */
static wa_status field_set_json(struct wa_record *r, const struct okey *k, json_t *v)
{
    if (k->list) {
        struct wa_strlist *l = (struct wa_strlist *)((char *)r + k->off);
        json_t *x;
        size_t i;
        wa_status st = WA_OK;
        wa_strlist_release(l);
        json_array_foreach(v, i, x)
        {
            if (json_is_string(x) && st == WA_OK)
                st = wa_strlist_add(l, json_string_value(x), json_string_length(x));
        }
        return st;
    }
    if (json_is_string(v))
        return wa_record_set_str((char **)((char *)r + k->off), json_string_value(v),
                                 json_string_length(v));
    return wa_record_set_str((char **)((char *)r + k->off), NULL, 0);
}

/* All curatable fields of r as one JSON object (to tell whether anything changed). */
static json_t *snapshot(const struct wa_record *r)
{
    json_t *o = json_object();
    size_t i;
    for (i = 0; o && i < NKEYS; i++)
        json_object_set_new(o, okeys[i].file, field_json(r, &okeys[i]));
    return o;
}

/* Remember field k's current value in orig (once) before it is changed. */
static void remember(json_t *orig, const struct wa_record *r, const struct okey *k)
{
    if (!json_object_get(orig, k->file))
        json_object_set_new(orig, k->file, field_json(r, k));
}

wa_status wa_curation_apply(const wa_curation *c, struct wa_record *r, struct wa_buf *orig,
                            int *changed)
{
    json_t *before = snapshot(r), *now = json_object(), *old = NULL, *v;
    const char *key, *alias;
    wa_status st = WA_OK;
    size_t i;
    int found;

    if (!before || !now) {
        st = WA_ERR_NOMEM;
        goto cleanup;
    }
    /* undo the earlier curation */
    if (orig->len) {
        json_error_t jerr;
        old = json_loadb(orig->p, orig->len, 0, &jerr);
        if (!json_is_object(old)) {
            st = WA_ERR_FORMAT;
            goto cleanup;
        }
        json_object_foreach(old, key, v)
        {
            const struct okey *k = okey_for(key);
            if (k && st == WA_OK)
                st = field_set_json(r, k, v);
        }
    }
    /* the overrides of this document */
    i = r->id ? find(c, WA_CUR_META, r->id, NULL, &found) : c->n;
    for (; st == WA_OK && i < c->n && c->v[i].kind == WA_CUR_META && strcmp(c->v[i].a, r->id) == 0;
         i++) {
        const struct okey *k = okey_for(c->v[i].b);
        if (!k)
            continue;
        remember(now, r, k);
        if (k->list)
            wa_strlist_release((struct wa_strlist *)((char *)r + k->off));
        st = wa_record_set(r, k->schema, c->v[i].c, strlen(c->v[i].c));
    }
    /* the aliases */
    if (st == WA_OK && r->werkstatt && (alias = wa_curation_alias(c, "werkstatt", r->werkstatt))) {
        remember(now, r, okey_for("werkstatt"));
        st = wa_record_set_str(&r->werkstatt, alias, strlen(alias));
    }
    if (st == WA_OK && r->type && (alias = wa_curation_alias(c, "typ", r->type))) {
        remember(now, r, okey_for("typ"));
        st = wa_record_set_str(&r->type, alias, strlen(alias));
    }
    if (st != WA_OK)
        goto cleanup;
    wa_buf_reset(orig);
    if (json_object_size(now)) {
        char *s = json_dumps(now, JSON_COMPACT | JSON_SORT_KEYS);
        st = s ? wa_buf_adds(orig, s) : WA_ERR_NOMEM;
        free(s);
    }
    if (changed) {
        json_t *after = snapshot(r);
        *changed = !after || !json_equal(before, after);
        json_decref(after);
    }
cleanup:
    json_decref(before);
    json_decref(now);
    json_decref(old);
    return st;
}
