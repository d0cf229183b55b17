/* werkarchiv-index list and show: what the archive holds, with its curation, for the office. */
#include <jansson.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "command.h"
#include "indexer.h"
#include "office.h"
#include "wa_schema.h"
#include "wa_xapian_admin.h"

/* The fields list and show print, in this order (the keys of the curation file). */
static const char *const shown[] = {"titel",        "datum",   "typ",
                                    "werkstatt",    "autoren", "schlagworte",
                                    "sichtbarkeit", "sprache", "zusammenfassung"};
#define NSHOWN (sizeof shown / sizeof shown[0])

/* German names of the databases, as list and show print them. */
static const char *side_name(enum wa_side s)
{
    return s == WA_SIDE_WITHDRAWN  ? "zurückgezogen"
           : s == WA_SIDE_INTERNAL ? "intern"
                                   : "öffentlich";
}

struct item {
    char *id;
    char *original; /* JSON text of the values the curation replaced, or NULL */
    enum wa_side side;
    struct wa_record rec;
};

struct items {
    struct item *v;
    size_t n, cap;
    enum wa_side side; /* while loading */
    int nomem;
};

static int collect(const char *idterm, const char *data, size_t len, const struct wa_buf *values,
                   void *ctx)
{
    struct items *l = ctx;
    struct item *it;

    if (l->n == l->cap) {
        size_t cap = l->cap ? 2 * l->cap : 64;
        struct item *nv = realloc(l->v, cap * sizeof *nv);
        if (!nv)
            return l->nomem = 1;
        l->v = nv;
        l->cap = cap;
    }
    it = &l->v[l->n];
    memset(it, 0, sizeof *it);
    wa_record_init(&it->rec);
    it->side = l->side;
    if (wa_record_from_json(&it->rec, data, len) != WA_OK) {
        wa_record_release(&it->rec);
        return 0; /* unreadable record: check reports it */
    }
    /* the list needs the metadata only */
    free(it->rec.text);
    it->rec.text = NULL;
    it->id = strdup(wa_idterm_id(idterm) ? wa_idterm_id(idterm) : it->rec.id ? it->rec.id : "");
    it->original = values[0].len ? strndup(values[0].p, values[0].len) : NULL;
    if (!it->id) {
        wa_record_release(&it->rec);
        return l->nomem = 1;
    }
    l->n++;
    return 0;
}

static void items_release(struct items *l)
{
    size_t i;
    for (i = 0; i < l->n; i++) {
        free(l->v[i].id);
        free(l->v[i].original);
        wa_record_release(&l->v[i].rec);
    }
    free(l->v);
}

static int cmp_item(const void *a, const void *b)
{
    return strcmp(((const struct item *)a)->id, ((const struct item *)b)->id);
}

/* Read the documents of all three databases (no lock: readers see the last commit). */
static int load(const char *archive, struct items *l)
{
    static const unsigned slots[] = {WA_SLOT_ORIGINAL};
    char path[PATH_MAX + 16], err[512];
    int side;

    for (side = 0; side < WA_SIDES; side++) {
        snprintf(path, sizeof path, "%s/%s", archive, wa_archive_side_dir((enum wa_side)side));
        l->side = (enum wa_side)side;
        if (wa_admin_each_doc(path, slots, 1, collect, l, err, sizeof err) != WA_OK || l->nomem) {
            fprintf(stderr, "%s: '%s' nicht lesbar: %s\n", PROG, path,
                    l->nomem ? "out of memory" : err);
            return -1;
        }
    }
    qsort(l->v, l->n, sizeof *l->v, cmp_item);
    return 0;
}

static wa_curation *load_curation(const char *archive)
{
    wa_curation *c = wa_curation_new();
    if (!c || wa_curation_load(c, archive) != WA_OK) {
        fprintf(stderr, "%s: Kurationsdatei nicht lesbar: %s\n", PROG, wa_curation_errmsg(c));
        wa_curation_free(c);
        return NULL;
    }
    return c;
}

/* The document as a JSON object: metadata, database, withdrawal, overrides, original values. */
static json_t *item_json(const struct item *it, const wa_curation *c)
{
    json_t *o = json_object(), *meta = json_object(), *ov = json_object(), *orig = NULL;
    struct wa_buf v;
    struct wa_curation_entry e;
    const char *when, *reason;
    size_t i;

    wa_buf_init(&v, 0);
    json_object_set_new(o, "id", json_string(it->id));
    json_object_set_new(o, "path", it->rec.path ? json_string(it->rec.path) : json_null());
    json_object_set_new(o, "format", it->rec.format ? json_string(it->rec.format) : json_null());
    json_object_set_new(o, "database", json_string(wa_archive_side_dir(it->side)));
    for (i = 0; i < NSHOWN; i++) {
        wa_buf_reset(&v);
        office_field_value(&it->rec, shown[i], &v);
        json_object_set_new(meta, shown[i], v.len ? json_string(v.p) : json_null());
    }
    json_object_set_new(o, "metadata", meta);
    if (wa_curation_withdrawn(c, it->id, &when, &reason))
        json_object_set_new(o, "withdrawn",
                            json_pack("{s:s, s:s}", "when", when, "reason", reason));
    else
        json_object_set_new(o, "withdrawn", json_null());
    for (i = 0; wa_curation_entry(c, i, &e); i++)
        if (e.kind == WA_CUR_META && strcmp(e.a, it->id) == 0)
            json_object_set_new(ov, e.b, json_string(e.c));
    json_object_set_new(o, "overrides", ov);
    if (it->original)
        orig = json_loads(it->original, 0, NULL);
    json_object_set_new(o, "original", json_is_object(orig) ? orig : json_object());
    if (orig && !json_is_object(orig))
        json_decref(orig);
    json_object_set_new(o, "size", json_integer(it->rec.size));
    json_object_set_new(o, "mtime", json_integer(it->rec.mtime));
    wa_buf_release(&v);
    return o;
}

static int print_json(json_t *o)
{
    char *s = json_dumps(o, JSON_INDENT(2) | JSON_SORT_KEYS);
    int rc = s && puts(s) >= 0 ? 0 : -1;
    free(s);
    json_decref(o);
    return rc;
}

/* ---- list ------------------------------------------------------------------ */

struct list_opts {
    const char *werkstatt, *type, *year, *visibility;
    int withdrawn;    /* 1: only withdrawn, -1: none withdrawn, 0: all */
    unsigned missing; /* bits: 1 date, 2 title, 4 werkstatt */
};

enum {
    OPT_WERKSTATT = 330,
    OPT_TYPE,
    OPT_YEAR,
    OPT_VISIBILITY,
    OPT_WITHDRAWN,
    OPT_ACTIVE,
    OPT_MISSING
};

static int list_handle(void *ctx, int c, const char *arg)
{
    struct list_opts *o = ctx;

    switch (c) {
    case OPT_WERKSTATT:
        o->werkstatt = arg;
        return 0;
    case OPT_TYPE:
        o->type = arg;
        return 0;
    case OPT_YEAR:
        if (strlen(arg) != 4 || strspn(arg, "0123456789") != 4) {
            fprintf(stderr, "%s list: --year erwartet ein Jahr wie 2021, nicht '%s'\n", PROG, arg);
            return 2;
        }
        o->year = arg;
        return 0;
    case OPT_VISIBILITY: {
        struct wa_record r;
        wa_record_init(&r);
        if (wa_record_set(&r, "visibility", arg, strlen(arg)) != WA_OK || !r.visibility) {
            fprintf(stderr, "%s list: ungültige Sichtbarkeit '%s'; erlaubt: öffentlich, intern\n",
                    PROG, arg);
            wa_record_release(&r);
            return 2;
        }
        o->visibility = strcmp(r.visibility, WA_VISIBILITY_INTERNAL) == 0 ? WA_VISIBILITY_INTERNAL
                                                                          : WA_VISIBILITY_PUBLIC;
        wa_record_release(&r);
        return 0;
    }
    case OPT_WITHDRAWN:
        o->withdrawn = 1;
        return 0;
    case OPT_ACTIVE:
        o->withdrawn = -1;
        return 0;
    case OPT_MISSING:
        if (strcmp(arg, "datum") == 0 || strcmp(arg, "date") == 0)
            o->missing |= 1;
        else if (strcmp(arg, "titel") == 0 || strcmp(arg, "title") == 0)
            o->missing |= 2;
        else if (strcmp(arg, "werkstatt") == 0 || strcmp(arg, "community") == 0)
            o->missing |= 4;
        else {
            fprintf(stderr, "%s list: --missing erwartet datum, titel oder werkstatt, nicht '%s'\n",
                    PROG, arg);
            return 2;
        }
        return 0;
    default:
        return 2;
    }
}

static int empty(const char *s)
{
    return !s || !*s;
}

static int matches(const struct list_opts *o, const struct item *it, const wa_curation *c)
{
    const struct wa_record *r = &it->rec;
    int wd = wa_curation_withdrawn(c, it->id, NULL, NULL) || it->side == WA_SIDE_WITHDRAWN;

    if (o->werkstatt && (!r->werkstatt || strcmp(r->werkstatt, o->werkstatt) != 0))
        return 0;
    if (o->type && (!r->type || strcmp(r->type, o->type) != 0))
        return 0;
    if (o->year && (!r->date || strncmp(r->date, o->year, 4) != 0))
        return 0;
    if (o->visibility &&
        strcmp(r->visibility ? r->visibility : WA_VISIBILITY_DEFAULT, o->visibility) != 0)
        return 0;
    if ((o->withdrawn == 1 && !wd) || (o->withdrawn == -1 && wd))
        return 0;
    if (((o->missing & 1) && !empty(r->date)) || ((o->missing & 2) && !empty(r->title)) ||
        ((o->missing & 4) && !empty(r->werkstatt)))
        return 0;
    return 1;
}

static const char *or_dash(const char *s)
{
    return empty(s) ? "–" : s;
}

int cmd_list(struct indexer *ix, int argc, char **argv)
{
    static const struct option longopts[] = {
        {"werkstatt", required_argument, NULL, OPT_WERKSTATT},
        {"type", required_argument, NULL, OPT_TYPE},
        {"year", required_argument, NULL, OPT_YEAR},
        {"visibility", required_argument, NULL, OPT_VISIBILITY},
        {"withdrawn", no_argument, NULL, OPT_WITHDRAWN},
        {"active", no_argument, NULL, OPT_ACTIVE},
        {"missing", required_argument, NULL, OPT_MISSING},
        {NULL, 0, NULL, 0},
    };
    struct list_opts o;
    struct command_options own = {longopts, "", list_handle, &o};
    struct items l;
    wa_curation *c;
    json_t *docs = NULL;
    size_t i, n = 0;
    int rc, first;

    memset(&o, 0, sizeof o);
    memset(&l, 0, sizeof l);
    rc = command_parse_options(ix, argc, argv, &own, &first);
    if (rc != COMMAND_CONTINUE)
        return rc;
    if (first < argc) {
        fprintf(stderr, "%s list: nimmt keine Operanden ('%s')\ntry '%s list --help'\n", PROG,
                argv[first], PROG);
        return 2;
    }
    c = load_curation(ix->archive);
    if (!c)
        return 2;
    if (load(ix->archive, &l) != 0) {
        items_release(&l);
        wa_curation_free(c);
        return 2;
    }
    if (ix->json)
        docs = json_array();
    for (i = 0; i < l.n; i++) {
        const struct item *it = &l.v[i];
        if (!matches(&o, it, c))
            continue;
        n++;
        if (docs) {
            json_array_append_new(docs, item_json(it, c));
            continue;
        }
        printf(
            "%s\t%s\t%s\t%s\t%s\t%s\n", it->id, or_dash(it->rec.date),
            side_name(wa_curation_withdrawn(c, it->id, NULL, NULL) ? WA_SIDE_WITHDRAWN : it->side),
            or_dash(it->rec.werkstatt), or_dash(it->rec.type), or_dash(it->rec.title));
    }
    if (docs) {
        json_t *out = json_pack("{s:i, s:I, s:o}", "format_version", 1, "count", (json_int_t)n,
                                "documents", docs);
        if (print_json(out) != 0)
            rc = 2;
    } else if (!ix->quiet) {
        fprintf(stderr, "%zu Dokument%s\n", n, n == 1 ? "" : "e");
    }
    items_release(&l);
    wa_curation_free(c);
    return rc == 2 ? 2 : n ? 0 : 1;
}

/* ---- show ------------------------------------------------------------------ */

/* The item arg names: an id, else a source path (absolute or from the working directory). */
static const struct item *find(const struct items *l, const char *arg)
{
    char abs[2 * PATH_MAX + 2], cwd[PATH_MAX];
    size_t i;

    for (i = 0; i < l->n; i++)
        if (strcmp(l->v[i].id, arg) == 0)
            return &l->v[i];
    if (arg[0] == '/' || !realpath(arg, abs)) {
        if (arg[0] == '/' || !getcwd(cwd, sizeof cwd))
            snprintf(abs, sizeof abs, "%s", arg);
        else
            snprintf(abs, sizeof abs, "%s/%s", cwd, arg);
    }
    for (i = 0; i < l->n; i++)
        if (l->v[i].rec.path && strcmp(l->v[i].rec.path, abs) == 0)
            return &l->v[i];
    return NULL;
}

/* Characters (not bytes) of the UTF-8 string s, for padding. */
static size_t chars(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        n += ((unsigned char)*s & 0xc0) != 0x80;
    return n;
}

/* One "Label:  value" line, values aligned (the longest label is "Werkstatt/Community"). */
static void row(const char *label, const char *value)
{
    size_t k;
    printf("%s:", label);
    for (k = chars(label) + 1; k < 22; k++)
        putchar(' ');
    printf(" %s", value);
}

static void show_text(const struct item *it, const wa_curation *c)
{
    json_t *orig = it->original ? json_loads(it->original, 0, NULL) : NULL;
    struct wa_buf v;
    const char *when, *reason, *ov;
    size_t i;

    wa_buf_init(&v, 0);
    row("ID", it->id);
    putchar('\n');
    row("Quelle", or_dash(it->rec.path));
    putchar('\n');
    row("Format", or_dash(it->rec.format));
    putchar('\n');
    row("Datenbank", side_name(it->side));
    printf(" (%s/)\n", wa_archive_side_dir(it->side));
    if (wa_curation_withdrawn(c, it->id, &when, &reason)) {
        row("Zurückgezogen", when);
        printf(", Grund: %s\n", reason);
    } else {
        row("Zurückgezogen", "nein");
        putchar('\n');
    }
    for (i = 0; i < NSHOWN; i++) {
        const struct wa_field *f = wa_schema_field(shown[i], strlen(shown[i]));
        json_t *o = json_object_get(orig, shown[i]);
        wa_buf_reset(&v);
        office_field_value(&it->rec, shown[i], &v);
        row(f && f->label_de ? f->label_de : shown[i], or_dash(v.len ? v.p : NULL));
        ov = wa_curation_meta(c, it->id, shown[i]);
        if (ov)
            printf("  [Korrektur; eigener Wert: %s]",
                   json_is_string(o) ? json_string_value(o) : "–");
        putchar('\n');
    }
    json_decref(orig);
    wa_buf_release(&v);
}

int cmd_show(struct indexer *ix, int argc, char **argv)
{
    struct items l;
    const struct item *it;
    wa_curation *c;
    int rc, first;

    memset(&l, 0, sizeof l);
    rc = command_parse_options(ix, argc, argv, NULL, &first);
    if (rc != COMMAND_CONTINUE)
        return rc;
    if (argc - first != 1) {
        fprintf(stderr,
                "%s show: erwartet eine Dokument-ID oder einen Pfad\ntry '%s show --help'\n", PROG,
                PROG);
        return 2;
    }
    c = load_curation(ix->archive);
    if (!c)
        return 2;
    if (load(ix->archive, &l) != 0) {
        items_release(&l);
        wa_curation_free(c);
        return 2;
    }
    it = find(&l, argv[first]);
    if (!it) {
        fprintf(stderr, "%s: kein Dokument '%s' im Archiv\n", PROG, argv[first]);
        rc = 1;
    } else if (ix->json) {
        json_t *o = item_json(it, c);
        json_object_set_new(o, "format_version", json_integer(1));
        rc = print_json(o) ? 2 : 0;
    } else {
        show_text(it, c);
        rc = 0;
    }
    items_release(&l);
    wa_curation_free(c);
    return rc;
}
