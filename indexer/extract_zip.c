/* ODT and DOCX: known entries of the ZIP container, streamed with byte caps, parsed as XML. */
#include <fnmatch.h>
#include <string.h>
#include <zip.h>

#include "extract.h"
#include "wa_date.h"
#include "wa_utf8.h"
#include "xml_util.h"

#define ZIP_MAX_ENTRIES 5000
#define ZIP_MAX_ENTRY   ((size_t)32 << 20) /* inflated bytes of one entry */
#define ZIP_MAX_TOTAL   ((size_t)64 << 20) /* inflated bytes of one document */
#define ZIP_MAX_RATIO   200                /* inflated/compressed beyond this is a bomb */

struct container {
    zip_t *za;
    size_t total; /* bytes inflated so far */
    struct wa_buf *reason;
};

static wa_status open_container(struct container *c, const char *data, size_t len,
                                struct wa_buf *reason)
{
    zip_error_t err;
    zip_source_t *src;
    zip_int64_t n;

    memset(c, 0, sizeof *c);
    c->reason = reason;
    zip_error_init(&err);
    src = zip_source_buffer_create(data, len, 0, &err);
    if (src)
        c->za = zip_open_from_source(src, ZIP_RDONLY, &err);
    if (!c->za) {
        wa_buf_addf(reason, "not a valid ZIP container (damaged or truncated?): %s",
                    zip_error_strerror(&err));
        zip_source_free(src);
        zip_error_fini(&err);
        return WA_ERR_FORMAT;
    }
    zip_error_fini(&err);
    n = zip_get_num_entries(c->za, 0);
    if (n < 0 || n > ZIP_MAX_ENTRIES) {
        wa_buf_addf(reason, "ZIP container with more than %d entries", ZIP_MAX_ENTRIES);
        zip_discard(c->za);
        c->za = NULL;
        return WA_ERR_TOOBIG;
    }
    return WA_OK;
}

static void close_container(struct container *c)
{
    if (c->za)
        zip_discard(c->za);
    c->za = NULL;
}

/*
 * Inflate entry idx into out, streaming, never past the per-entry and
 * per-document caps and never beyond a plausible compression ratio.
 */
static wa_status read_entry(struct container *c, zip_uint64_t idx, struct wa_buf *out)
{
    zip_stat_t zs;
    zip_file_t *zf;
    char chunk[65536];
    wa_status st = WA_OK;
    zip_uint64_t comp = 0;

    zip_stat_init(&zs);
    if (zip_stat_index(c->za, idx, 0, &zs) != 0) {
        wa_buf_addf(c->reason, "cannot read ZIP entry: %s", zip_strerror(c->za));
        return WA_ERR_FORMAT;
    }
    if (zs.valid & ZIP_STAT_COMP_SIZE)
        comp = zs.comp_size;
    if ((zs.valid & ZIP_STAT_SIZE) && zs.size > ZIP_MAX_ENTRY) {
        wa_buf_addf(c->reason, "ZIP entry '%s' inflates to more than %zu MiB", zs.name,
                    ZIP_MAX_ENTRY >> 20);
        return WA_ERR_TOOBIG;
    }
    zf = zip_fopen_index(c->za, idx, 0);
    if (!zf) {
        wa_buf_addf(c->reason, "cannot open ZIP entry '%s': %s", zs.name, zip_strerror(c->za));
        return WA_ERR_FORMAT;
    }
    for (;;) {
        zip_int64_t n = zip_fread(zf, chunk, sizeof chunk);
        size_t got;
        if (n < 0) {
            wa_buf_addf(c->reason, "damaged ZIP entry '%s': %s", zs.name,
                        zip_error_strerror(zip_file_get_error(zf)));
            st = WA_ERR_FORMAT;
            break;
        }
        if (n == 0)
            break;
        got = (size_t)n;
        c->total += got;
        /* the declared sizes may lie: check what actually comes out */
        if (out->len + got > ZIP_MAX_ENTRY || c->total > ZIP_MAX_TOTAL) {
            wa_buf_addf(c->reason, "ZIP entry '%s' inflates past the size cap (zip bomb?)",
                        zs.name);
            st = WA_ERR_TOOBIG;
            break;
        }
        if (out->len + got > ((size_t)1 << 20) && comp && (out->len + got) / comp > ZIP_MAX_RATIO) {
            wa_buf_addf(c->reason, "ZIP entry '%s' has a compression ratio above %d (zip bomb?)",
                        zs.name, ZIP_MAX_RATIO);
            st = WA_ERR_TOOBIG;
            break;
        }
        st = wa_buf_add(out, chunk, got);
        if (st != WA_OK)
            break;
    }
    zip_fclose(zf);
    return st;
}

/* Parse the entry called name (NULL doc and WA_OK if the entry is absent). */
static wa_status parse_entry(struct container *c, const char *name, int required, xmlDocPtr *doc)
{
    zip_int64_t idx = zip_name_locate(c->za, name, 0);
    struct wa_buf b;
    wa_status st;

    *doc = NULL;
    if (idx < 0) {
        if (!required)
            return WA_OK;
        wa_buf_addf(c->reason, "'%s' missing from the container", name);
        return WA_ERR_FORMAT;
    }
    wa_buf_init(&b, 0);
    st = read_entry(c, (zip_uint64_t)idx, &b);
    if (st == WA_OK) {
        struct wa_buf why;
        wa_buf_init(&why, 1024);
        *doc = wa_xml_parse(b.p, b.len, &why);
        if (!*doc) {
            wa_buf_addf(c->reason, "'%s': %s", name, why.p);
            st = WA_ERR_FORMAT;
        }
        wa_buf_release(&why);
    }
    wa_buf_release(&b);
    return st;
}

/*
 * Set a record field from the element called name among the properties
 * (ODT: office:document-meta/office:meta/NAME, DOCX: cp:coreProperties/NAME):
 * the first one, or with all set every one (for lists).
 */
static wa_status meta_field(struct wa_record *rec, const char *key, xmlNodePtr root,
                            const char *name, int all)
{
    xmlNodePtr lvl1, f;
    wa_status st = WA_OK;
    struct wa_buf b;

    wa_buf_init(&b, 64 * 1024);
    for (lvl1 = root ? root->children : NULL; lvl1 && st == WA_OK; lvl1 = lvl1->next) {
        int container = wa_xml_is(lvl1, "meta");
        xmlNodePtr stop = container ? NULL : lvl1->next;
        for (f = container ? lvl1->children : lvl1; f != stop && st == WA_OK; f = f->next) {
            if (!wa_xml_is(f, name))
                continue;
            wa_buf_reset(&b);
            if (wa_xml_node_text(f, &b) != WA_OK || !b.len)
                continue;
            if (!strcmp(key, "language") && b.len > 2)
                wa_buf_truncate(&b, 2);
            if (all && !strcmp(key, "tags"))
                st = wa_strlist_add(&rec->tags, b.p, b.len);
            else
                st = wa_record_set(rec, key, b.p, b.len);
            if (st == WA_ERR_FORMAT)
                st = WA_OK; /* an unreadable date in the properties is just ignored */
            if (!all)
                goto done;
        }
    }
done:
    wa_buf_release(&b);
    return st;
}

static wa_status finish_text(struct wa_buf *text, struct wa_record *rec)
{
    struct wa_buf norm;
    wa_status st;

    wa_xml_collapse_space(text);
    wa_buf_init(&norm, 0);
    st = wa_utf8_normalize(text->p, text->len, &norm);
    if (st == WA_OK) {
        rec->text = wa_buf_detach(&norm, &rec->text_len);
        if (!rec->text)
            st = WA_ERR_NOMEM;
    }
    wa_buf_release(&norm);
    return st;
}

/* ---- ODT ------------------------------------------------------------------ */

static enum wa_xml_action classify_odt(xmlNodePtr n, void *ctx)
{
    static const char *const blocks[] = {"p", "h", "list-item", "table-cell", "note-body", NULL};
    static const char *const skip[] = {
        "tracked-changes", "annotation", "note-citation", "sequence-decls", "automatic-styles",
        "font-face-decls", NULL};
    size_t i;
    (void)ctx;
    for (i = 0; blocks[i]; i++)
        if (wa_xml_is(n, blocks[i]))
            return WA_XML_BLOCK;
    for (i = 0; skip[i]; i++)
        if (wa_xml_is(n, skip[i]))
            return WA_XML_SKIP;
    if (wa_xml_is(n, "s") || wa_xml_is(n, "tab"))
        return WA_XML_SPACE;
    if (wa_xml_is(n, "line-break"))
        return WA_XML_BREAK;
    return WA_XML_INLINE;
}

/* The first element called name in document order (iterative). */
static xmlNodePtr find_first(xmlNodePtr root, const char *name)
{
    xmlNodePtr n = root;
    while (n) {
        if (wa_xml_is(n, name))
            return n;
        if (n->type == XML_ELEMENT_NODE && n->children) {
            n = n->children;
            continue;
        }
        n = wa_xml_after(n, root);
    }
    return NULL;
}

static wa_status title_from(xmlNodePtr heading, struct wa_record *rec)
{
    struct wa_buf b, norm;
    wa_status st;

    if (!heading || rec->title)
        return WA_OK;
    wa_buf_init(&b, 4096);
    wa_buf_init(&norm, 0);
    st = wa_xml_node_text(heading, &b);
    if (st == WA_OK && b.len)
        st = wa_utf8_normalize(b.p, b.len, &norm);
    if (st == WA_OK && norm.len)
        st = wa_record_set_str(&rec->title, norm.p, norm.len);
    wa_buf_release(&b);
    wa_buf_release(&norm);
    return st == WA_ERR_TOOBIG ? WA_OK : st;
}

static xmlNodePtr odt_title(xmlNodePtr root)
{
    return find_first(root, "h");
}

/* ---- DOCX ----------------------------------------------------------------- */

static enum wa_xml_action classify_docx(xmlNodePtr n, void *ctx)
{
    (void)ctx;
    if (wa_xml_is(n, "p") || wa_xml_is(n, "tc") || wa_xml_is(n, "txbxContent"))
        return WA_XML_BLOCK;
    /* deleted text, field codes, properties and the duplicate fallback of
     * alternate content are not part of the visible text */
    if (wa_xml_is(n, "delText") || wa_xml_is(n, "instrText") || wa_xml_is(n, "Fallback") ||
        wa_xml_is(n, "rPr") || wa_xml_is(n, "pPr") || wa_xml_is(n, "del"))
        return WA_XML_SKIP;
    if (wa_xml_is(n, "tab"))
        return WA_XML_SPACE;
    if (wa_xml_is(n, "br") || wa_xml_is(n, "cr"))
        return WA_XML_BREAK;
    return WA_XML_INLINE;
}

/* The first paragraph styled as a title or top-level heading. */
static xmlNodePtr docx_title(xmlNodePtr root)
{
    static const char *const styles[] = {"Title",
                                         "Titel",
                                         "Heading1",
                                         "berschrift1",
                                         "\xC3\x9C"
                                         "berschrift1",
                                         NULL};
    xmlNodePtr n = root;
    while (n) {
        if (wa_xml_is(n, "pStyle")) {
            xmlChar *v = xmlGetNsProp(n, (const xmlChar *)"val", n->ns ? n->ns->href : NULL);
            size_t i;
            int hit = 0;
            if (v) {
                for (i = 0; styles[i]; i++)
                    hit |= strcmp((const char *)v, styles[i]) == 0;
                xmlFree(v);
            }
            /* pStyle → pPr → p */
            if (hit && n->parent && n->parent->parent)
                return n->parent->parent;
        }
        if (n->type == XML_ELEMENT_NODE && n->children) {
            n = n->children;
            continue;
        }
        n = wa_xml_after(n, root);
    }
    return NULL;
}

/* Headers, footers, footnotes and endnotes: their text follows the body. */
static wa_status docx_parts(struct container *c, struct wa_buf *text)
{
    zip_int64_t i, n = zip_get_num_entries(c->za, 0);
    wa_status st = WA_OK;

    for (i = 0; i < n && st == WA_OK; i++) {
        const char *name = zip_get_name(c->za, (zip_uint64_t)i, 0);
        xmlDocPtr doc;
        if (!name ||
            (fnmatch("word/header*.xml", name, FNM_PATHNAME) != 0 &&
             fnmatch("word/footer*.xml", name, FNM_PATHNAME) != 0 &&
             strcmp(name, "word/footnotes.xml") != 0 && strcmp(name, "word/endnotes.xml") != 0))
            continue;
        st = parse_entry(c, name, 1, &doc);
        if (st == WA_OK) {
            st = wa_buf_addch(text, '\n');
            if (st == WA_OK)
                st = wa_xml_text(xmlDocGetRootElement(doc), classify_docx, NULL, text);
            xmlFreeDoc(doc);
        }
    }
    return st;
}

/* ---- both packages ---------------------------------------------------------- */

/* One element of a package's properties file and the record field it fills. */
struct meta_map {
    const char *key;     /* record field */
    const char *element; /* element name without namespace */
    int all;             /* every occurrence (keywords), not just the first */
    int if_empty;        /* only when the field is still empty (a fallback) */
};

/* What differs between ODT and DOCX; the reading itself is shared. */
struct package_format {
    const char *body;  /* entry holding the text (required) */
    const char *props; /* entry holding the properties (optional) */
    const struct meta_map *meta;
    size_t nmeta;
    wa_xml_classify classify;
    xmlNodePtr (*title_node)(xmlNodePtr root);
    /* text of further entries (headers, footnotes), or NULL */
    wa_status (*more_text)(struct container *c, struct wa_buf *text);
};

static const struct meta_map odt_meta[] = {
    {"title", "title", 0, 0},       {"authors", "initial-creator", 0, 0},
    {"authors", "creator", 0, 1},   {"date", "creation-date", 0, 0},
    {"tags", "keyword", 1, 0},      {"summary", "description", 0, 0},
    {"language", "language", 0, 0},
};

static const struct meta_map docx_meta[] = {
    {"title", "title", 0, 0},   {"authors", "creator", 0, 0},     {"date", "created", 0, 0},
    {"tags", "keywords", 0, 0}, {"summary", "description", 0, 0}, {"language", "language", 0, 0},
    {"type", "category", 0, 0},
};

static const struct package_format odt_format = {
    "content.xml", "meta.xml", odt_meta, sizeof odt_meta / sizeof odt_meta[0],
    classify_odt,  odt_title,  NULL,
};

static const struct package_format docx_format = {
    "word/document.xml", "docProps/core.xml", docx_meta,  sizeof docx_meta / sizeof docx_meta[0],
    classify_docx,       docx_title,          docx_parts,
};

/*
 * The properties' date is when the file was created, often from a template
 * long before the meeting: a date stated in the title or the first lines
 * ("Protokoll der Sitzung vom 12. März 2021") is the document's date.
 */
static wa_status prefer_stated_date(struct wa_record *rec)
{
    struct wa_date d;
    size_t head = 0, lines = 0;
    char iso[11];
    int found = rec->title && wa_date_find_in_title(rec->title, strlen(rec->title), &d) == 0;

    if (!found && rec->text) {
        while (head < rec->text_len && head < 600 && lines < 5)
            if (rec->text[head++] == '\n')
                lines++;
        found = wa_date_find_in_title(rec->text, head, &d) == 0;
    }
    if (!found)
        return WA_OK;
    wa_date_iso(&d, iso);
    return wa_record_set_str(&rec->date, iso, strlen(iso));
}

static wa_status extract_package(const struct package_format *f, const char *data, size_t len,
                                 struct wa_record *rec, struct wa_buf *reason)
{
    struct container c;
    xmlDocPtr body = NULL, props = NULL;
    struct wa_buf text;
    wa_status st;
    xmlNodePtr root;
    size_t i;

    wa_buf_init(&text, 0);
    st = open_container(&c, data, len, reason);
    if (st != WA_OK)
        return st;
    st = parse_entry(&c, f->body, 1, &body);
    if (st == WA_OK)
        st = parse_entry(&c, f->props, 0, &props);
    if (st != WA_OK)
        goto cleanup;
    if (props) {
        xmlNodePtr m = xmlDocGetRootElement(props);
        for (i = 0; i < f->nmeta && st == WA_OK; i++) {
            const struct meta_map *mm = &f->meta[i];
            if (mm->if_empty && !strcmp(mm->key, "authors") && rec->authors.n)
                continue;
            st = meta_field(rec, mm->key, m, mm->element, mm->all);
        }
        if (st != WA_OK)
            goto cleanup;
    }
    root = xmlDocGetRootElement(body);
    st = title_from(f->title_node(root), rec);
    if (st == WA_OK)
        st = wa_xml_text(root, f->classify, NULL, &text);
    if (st == WA_OK && f->more_text)
        st = f->more_text(&c, &text);
    if (st == WA_OK)
        st = finish_text(&text, rec);
    if (st == WA_OK && rec->date)
        st = prefer_stated_date(rec);
cleanup:
    if (st != WA_OK && !reason->len)
        wa_buf_adds(reason, wa_strerror(st));
    xmlFreeDoc(body);
    xmlFreeDoc(props);
    close_container(&c);
    wa_buf_release(&text);
    return st;
}

static wa_status extract_odt(const char *path, const char *data, size_t len, struct wa_record *rec,
                             struct wa_buf *reason)
{
    (void)path;
    return extract_package(&odt_format, data, len, rec, reason);
}

static wa_status extract_docx(const char *path, const char *data, size_t len, struct wa_record *rec,
                              struct wa_buf *reason)
{
    (void)path;
    return extract_package(&docx_format, data, len, rec, reason);
}

static const char *const odt_exts[] = {"odt", "ott", NULL};
static const char *const docx_exts[] = {"docx", "docm", "dotx", NULL};
const struct wa_extractor wa_extractor_odt = {"odt", odt_exts, extract_odt};
const struct wa_extractor wa_extractor_docx = {"docx", docx_exts, extract_docx};
