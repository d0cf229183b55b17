/* The field table shared by the indexer and the search programs. */
#include "wa_schema.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

static const struct wa_field fields[] = {
    {"title", "titel", "title", "Titel", "dc.title|dcterms.title", "S", NULL, -1,
     WA_F_TEXT | WA_F_QUERY},
    {"authors", "autor", "author", "Autor:innen",
     "autoren|authors|creator|dc.creator|dcterms.creator", "A", "XAU", WA_SLOT_AUTHORS,
     WA_F_TEXT | WA_F_BOOL | WA_F_MULTI | WA_F_QUERY},
    {"date", "datum", "date", "Datum",
     "dc.date|dcterms.date|dcterms.issued|dcterms.created|dc.date.issued|created", NULL, NULL,
     WA_SLOT_DATE, WA_F_RANGE | WA_F_QUERY},
    {"year", "jahr", "year", "Jahr", NULL, NULL, "XY", WA_SLOT_YEAR,
     WA_F_BOOL | WA_F_FACET | WA_F_RANGE | WA_F_QUERY},
    {"type", "typ", "type", "Typ", "dokumenttyp|art|dc.type|dcterms.type", "XT", "XTE",
     WA_SLOT_TYPE, WA_F_TEXT | WA_F_BOOL | WA_F_FACET | WA_F_QUERY},
    {"werkstatt", "werkstatt", "community", "Werkstatt/Community",
     "werkarchiv.werkstatt|gruppe|group", "XW", "XWE", WA_SLOT_WERKSTATT,
     WA_F_TEXT | WA_F_BOOL | WA_F_FACET | WA_F_QUERY},
    {"tags", "schlagwort", "tag", "Schlagworte", "schlagworte|tags|keywords|stichworte", "K",
     "XTAG", WA_SLOT_TAGS, WA_F_TEXT | WA_F_BOOL | WA_F_FACET | WA_F_MULTI | WA_F_QUERY},
    {"visibility", "sichtbarkeit", "visibility", "Sichtbarkeit", "werkarchiv.visibility", NULL,
     "XV", -1, WA_F_BOOL | WA_F_QUERY},
    {"language", "sprache", "language", "Sprache", "lang|dc.language|dcterms.language", NULL, "L",
     -1, WA_F_BOOL | WA_F_QUERY},
    {"format", "format", "format", "Format", NULL, NULL, "T", WA_SLOT_FORMAT,
     WA_F_BOOL | WA_F_FACET | WA_F_QUERY},
    {"summary", "zusammenfassung", "summary", "Zusammenfassung",
     "description|dc.description|dcterms.description|dcterms.abstract", NULL, NULL, -1, 0},
    {NULL, NULL, NULL, NULL, NULL, NULL, NULL, -1, 0},
};

const struct wa_field *wa_schema_fields(void)
{
    return fields;
}

static int alias_match(const char *aliases, const char *name, size_t len)
{
    const char *p = aliases;

    while (p && *p) {
        const char *bar = strchr(p, '|');
        size_t n = bar ? (size_t)(bar - p) : strlen(p);
        if (n == len && strncasecmp(p, name, len) == 0)
            return 1;
        p = bar ? bar + 1 : NULL;
    }
    return 0;
}

const struct wa_field *wa_schema_field(const char *name, size_t len)
{
    const struct wa_field *f;

    for (f = fields; f->key; f++) {
        if ((strlen(f->key) == len && strncasecmp(f->key, name, len) == 0) ||
            (strlen(f->name_de) == len && strncasecmp(f->name_de, name, len) == 0) ||
            (strlen(f->name_en) == len && strncasecmp(f->name_en, name, len) == 0) ||
            alias_match(f->aliases, name, len))
            return f;
    }
    return NULL;
}

unsigned long long wa_hash64(const char *p, size_t len)
{
    unsigned long long h = 1469598103934665603ULL;
    size_t i;

    for (i = 0; i < len; i++) {
        h ^= (unsigned char)p[i];
        h *= 1099511628211ULL;
    }
    return h;
}

/* Xapian terms may hold 245 bytes; leave room for prefixes. */
#define WA_MAX_ID_TERM 200

static char *unique_term(const char *prefix, const char *id, char *out, size_t outlen)
{
    size_t len = strlen(id);

    if (len + 1 <= WA_MAX_ID_TERM && len + 2 <= outlen) {
        snprintf(out, outlen, "%s%s", prefix, id);
    } else {
        /* two independent 64-bit hashes: collisions are practically impossible */
        unsigned long long h1 = wa_hash64(id, len);
        unsigned long long h2 = wa_hash64(id, len) ^ (len * 0x9E3779B97F4A7C15ULL);
        size_t half = len / 2;
        h2 ^= wa_hash64(id + half, len - half) * 31;
        snprintf(out, outlen, "%s#%016llx%016llx", prefix, h1, h2);
    }
    return out;
}

char *wa_schema_idterm(const char *id, char *out, size_t outlen)
{
    return unique_term(WA_PREFIX_ID, id, out, outlen);
}

char *wa_schema_pathterm(const char *path, char *out, size_t outlen)
{
    return unique_term(WA_PREFIX_PATH, path, out, outlen);
}
