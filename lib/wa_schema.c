/* The field table shared by the indexer and the search programs. */
#include "wa_schema.h"

#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "wa_record.h"

#define M(name) offsetof(struct wa_record, name)

/*
 * One row per field. The order of the rows is the order of the query names
 * in messages and of the facets; pos gives the order in each output:
 *     {stored, show --json, search --json, show, csv}
 */
static const struct wa_field fields[] = {
    {.key = "title",
     .name_de = "titel",
     .name_en = "title",
     .label_de = "Titel",
     .aliases = "dc.title|dcterms.title",
     .text_prefix = "S",
     .slot = -1,
     .flags = WA_F_TEXT | WA_F_QUERY,
     .member = M(title),
     .type = WA_TYPE_STR,
     .body_wdf = 3,
     .missing_de = "(ohne Titel)",
     .pos = {3, 3, 3, 1, 2},
     .doc_note = "its words count three times in the body text"},
    {.key = "authors",
     .name_de = "autor",
     .name_en = "author",
     .label_de = "Autor:innen",
     .aliases = "autoren|authors|creator|dc.creator|dcterms.creator",
     .text_prefix = "A",
     .bool_prefix = "XAU",
     .slot = WA_SLOT_AUTHORS,
     .flags = WA_F_TEXT | WA_F_BOOL | WA_F_MULTI | WA_F_QUERY,
     .member = M(authors),
     .type = WA_TYPE_LIST,
     .seps = ";",
     .pos = {7, 7, 7, 5, 6},
     .doc_note = "several values, `;`-separated in metadata"},
    {.key = "date",
     .name_de = "datum",
     .name_en = "date",
     .label_de = "Datum",
     .aliases = "dc.date|dcterms.date|dcterms.issued|dcterms.created|dc.date.issued|created",
     .slot = WA_SLOT_DATE,
     .flags = WA_F_RANGE | WA_F_QUERY,
     .member = M(date),
     .type = WA_TYPE_DATE,
     .pos = {4, 4, 4, 2, 3},
     .doc_note = "ranges, sorting"},
    {.key = "year",
     .name_de = "jahr",
     .name_en = "year",
     .label_de = "Jahr",
     .bool_prefix = "XY",
     .slot = WA_SLOT_YEAR,
     .flags = WA_F_BOOL | WA_F_FACET | WA_F_RANGE | WA_F_QUERY,
     .member = M(date),
     .type = WA_TYPE_YEAR,
     .doc_note = "from the date; ranges like `jahr:2019..2021`"},
    {.key = "type",
     .name_de = "typ",
     .name_en = "type",
     .label_de = "Typ",
     .aliases = "dokumenttyp|art|dc.type|dcterms.type",
     .text_prefix = "XT",
     .bool_prefix = "XTE",
     .slot = WA_SLOT_TYPE,
     .flags = WA_F_TEXT | WA_F_BOOL | WA_F_FACET | WA_F_QUERY,
     .member = M(type),
     .type = WA_TYPE_STR,
     .pos = {5, 5, 5, 3, 4},
     .doc_note = "Ergebnis, Artikel, Protokoll, ..."},
    {.key = "werkstatt",
     .name_de = "werkstatt",
     .name_en = "community",
     .label_de = "Werkstatt/Community",
     .aliases = "werkarchiv.werkstatt|gruppe|group",
     .text_prefix = "XW",
     .bool_prefix = "XWE",
     .slot = WA_SLOT_WERKSTATT,
     .flags = WA_F_TEXT | WA_F_BOOL | WA_F_FACET | WA_F_QUERY,
     .member = M(werkstatt),
     .type = WA_TYPE_STR,
     .pos = {6, 6, 6, 4, 5},
     .doc_note = "Werkstatt or Community of Practice"},
    {.key = "tags",
     .name_de = "schlagwort",
     .name_en = "tag",
     .label_de = "Schlagworte",
     .aliases = "schlagworte|tags|keywords|stichworte",
     .text_prefix = "K",
     .bool_prefix = "XTAG",
     .slot = WA_SLOT_TAGS,
     .flags = WA_F_TEXT | WA_F_BOOL | WA_F_FACET | WA_F_MULTI | WA_F_QUERY,
     .member = M(tags),
     .type = WA_TYPE_LIST,
     .seps = ",;",
     .body_wdf = 1,
     .pos = {8, 8, 8, 6, 7},
     .doc_note = "several values, `,` or `;`-separated in metadata"},
    {.key = "visibility",
     .name_de = "sichtbarkeit",
     .name_en = "visibility",
     .label_de = "Sichtbarkeit",
     .aliases = "werkarchiv.visibility",
     .bool_prefix = "XV",
     .slot = -1,
     .flags = WA_F_BOOL | WA_F_QUERY,
     .member = M(visibility),
     .type = WA_TYPE_VISIBILITY,
     .pos = {9, 9, 9, 7, 8},
     .doc_note = "`öffentlich` or `intern`"},
    {.key = "language",
     .name_de = "sprache",
     .name_en = "language",
     .label_de = "Sprache",
     .aliases = "lang|dc.language|dcterms.language",
     .bool_prefix = "L",
     .slot = -1,
     .flags = WA_F_BOOL | WA_F_QUERY,
     .member = M(language),
     .type = WA_TYPE_STR,
     .pos = {10, 10, 10, 8, 0},
     .doc_note = "ISO 639-1 code"},
    {.key = "format",
     .name_de = "format",
     .name_en = "format",
     .label_de = "Format",
     .bool_prefix = "T",
     .slot = WA_SLOT_FORMAT,
     .flags = WA_F_BOOL | WA_F_FACET | WA_F_QUERY,
     .member = M(format),
     .type = WA_TYPE_STR,
     .pos = {11, 11, 11, 9, 9},
     .doc_note = "txt, html, md, xml, odt, docx, pdf"},
    {.key = "summary",
     .name_de = "zusammenfassung",
     .name_en = "summary",
     .label_de = "Zusammenfassung",
     .aliases = "description|dc.description|dcterms.description|dcterms.abstract",
     .slot = -1,
     .member = M(summary),
     .type = WA_TYPE_STR,
     .body_wdf = 1,
     .pos = {12, 12, 0, 12, 0},
     .doc_note = "description or abstract"},
    /* fields the indexer sets, never metadata */
    {.key = "id",
     .label_de = "ID",
     .slot = -1,
     .flags = WA_F_KEY,
     .member = M(id),
     .type = WA_TYPE_STR,
     .unique_prefix = WA_PREFIX_ID,
     .pos = {1, 1, 1, 10, 1},
     .doc_note = "path relative to the folder given to `add`; ids longer than 200 bytes "
                 "become `Q#` + 32 hex digits of a hash"},
    {.key = "path",
     .label_de = "Pfad",
     .slot = WA_SLOT_PATH,
     .member = M(path),
     .type = WA_TYPE_STR,
     .unique_prefix = WA_PREFIX_PATH,
     .pos = {2, 2, 2, 11, 10},
     .doc_note = "absolute path of the source file (`P#` + hash when long): a file keeps its "
                 "id however it is added"},
    {.key = "size",
     .label_de = "Größe",
     .slot = WA_SLOT_SIZE,
     .member = M(size),
     .type = WA_TYPE_INT,
     .pos = {13, 0, 0, 0, 0},
     .doc_note = "source size in bytes: the incremental indexer's change check"},
    {.key = "mtime",
     .label_de = "Geändert",
     .slot = WA_SLOT_MTIME,
     .member = M(mtime),
     .type = WA_TYPE_INT,
     .pos = {14, 0, 0, 0, 0},
     .doc_note = "source mtime in seconds: the incremental indexer's change check"},
    {.key = NULL, .slot = -1},
};

static const struct wa_schema_extra extras[] = {
    {"Z", -1,
     "stemmed form of a word, before the field prefix (`Zdigitalisier`, `ZSdigitalisier`)"},
    {WA_PREFIX_COMPOUND, -1, "parts of compound words, stemmed as `ZXC` (see docs/german.md)"},
    {WA_PREFIX_CONCEPT, -1, "concepts of the synonym table (abbreviations, see docs/german.md)"},
    {WA_PREFIX_IDENT, -1, "identifiers such as `§ 34` or `12-345/2021`, queried as `kennung:`"},
    {NULL, WA_SLOT_HASH,
     "hash of the text's letters and digits: documents with identical text "
     "collapse"},
    {NULL, WA_SLOT_SOURCE_HASH,
     "hash of the source file and its sidecar, `:`, the time it was "
     "indexed: the content check after size or mtime changed "
     "(docs/indexer.md)"},
    {NULL, WA_SLOT_ORIGINAL,
     "the document's own values of the fields the office's curation changed, as a JSON "
     "object, so that a changed curation starts again from them (docs/office.md)"},
    {NULL, -1, NULL},
};

const struct wa_schema_extra *wa_schema_extras(void)
{
    return extras;
}

const struct wa_field *wa_schema_output(enum wa_output out, size_t i)
{
    const struct wa_field *f;

    for (f = fields; f->key; f++)
        if (f->pos[out] == i + 1)
            return f;
    return NULL;
}

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
        if (!f->name_de)
            continue;
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
