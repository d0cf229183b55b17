/* The archive directory: opening it for the public, members or the writer; routing by visibility.
 */
#include "wa_archive.h"

#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "wa_german.h"
#include "wa_record.h"
#include "wa_schema.h"

struct wa_archive {
    wa_wdb *db[WA_SIDES]; /* indexed by enum wa_side */
    char errmsg[1024];
};

const char *wa_archive_default(const char *arg)
{
    const char *env;

    if (arg && *arg)
        return arg;
    env = getenv(WA_ARCHIVE_ENV);
    if (env && *env)
        return env;
    return WA_ARCHIVE_DEFAULT;
}

/* 1 if p is a database of an archive side: a database directory, or a
 * Xapian stub file naming local and remote shards (docs/shards.md). */
static int is_side(const char *p)
{
    struct stat sb;
    return stat(p, &sb) == 0 && (S_ISDIR(sb.st_mode) || S_ISREG(sb.st_mode));
}

static char *join(const char *a, const char *b)
{
    size_t n = strlen(a) + strlen(b) + 2;
    char *r = malloc(n);
    if (r)
        snprintf(r, n, "%s/%s", a, b);
    return r;
}

int wa_archive_is_archive(const char *dir)
{
    char *p = join(dir, WA_ARCHIVE_PUBLIC), *q = join(dir, WA_ARCHIVE_INTERNAL);
    int r = p && q && (is_side(p) || is_side(q));
    free(p);
    free(q);
    return r;
}

wa_status wa_archive_default_visibility(struct wa_record *rec)
{
    if (rec->visibility)
        return WA_OK;
    return wa_record_set_str(&rec->visibility, WA_VISIBILITY_DEFAULT,
                             strlen(WA_VISIBILITY_DEFAULT));
}

enum wa_side wa_archive_side(const struct wa_record *rec)
{
    const char *v = rec->visibility ? rec->visibility : WA_VISIBILITY_DEFAULT;
    return strcmp(v, WA_VISIBILITY_INTERNAL) == 0 ? WA_SIDE_INTERNAL : WA_SIDE_PUBLIC;
}

/* ---- reading --------------------------------------------------------- */

struct pathlist {
    char **v;
    size_t n;
};

static wa_status push(struct pathlist *l, char *s)
{
    char **nv;

    if (!s)
        return WA_ERR_NOMEM;
    nv = realloc(l->v, (l->n + 1) * sizeof *nv);
    if (!nv) {
        free(s);
        return WA_ERR_NOMEM;
    }
    nv[l->n++] = s;
    l->v = nv;
    return WA_OK;
}

/* 1 if a and b name the same file (after symlinks). */
static int same_file(const char *a, const char *b)
{
    struct stat sa, sb;
    return stat(a, &sa) == 0 && stat(b, &sb) == 0 && sa.st_dev == sb.st_dev &&
           sa.st_ino == sb.st_ino;
}

/* The database paths arg stands for, appended to l. */
static wa_status resolve(const char *arg, enum wa_audience who, struct pathlist *l)
{
    struct stat sb;
    char *pub, *in;
    wa_status st = WA_OK;

    if (stat(arg, &sb) != 0)
        return WA_ERR_NOT_FOUND;
    if (!S_ISDIR(sb.st_mode) || !wa_archive_is_archive(arg)) {
        /* a stub file or a bare database may name anything, internal ones too */
        if (who == WA_AUDIENCE_PUBLIC)
            return WA_ERR_INVALID;
        return push(l, strdup(arg));
    }
    pub = join(arg, WA_ARCHIVE_PUBLIC);
    in = join(arg, WA_ARCHIVE_INTERNAL);
    if (!pub || !in) {
        st = WA_ERR_NOMEM;
        goto cleanup;
    }
    if (who == WA_AUDIENCE_PUBLIC && is_side(pub) && same_file(pub, in)) {
        st = WA_ERR_INVALID; /* public/ is a link to the internal database */
        goto cleanup;
    }
    /* each side a database or a stub file of shards: the public stub lists
     * the public shards only, so the public never reaches an internal one */
    if (is_side(pub)) {
        st = push(l, pub);
        pub = NULL;
    }
    if (st == WA_OK && who == WA_AUDIENCE_MEMBERS && is_side(in)) {
        st = push(l, in);
        in = NULL;
    }
cleanup:
    free(pub);
    free(in);
    return st;
}

wa_status wa_archive_use_synonyms(const char *const *dirs, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++) {
        char *p;
        wa_status st;
        if (!wa_archive_is_archive(dirs[i]))
            continue;
        p = join(dirs[i], WA_ARCHIVE_SYNONYMS);
        if (!p)
            return WA_ERR_NOMEM;
        if (access(p, F_OK) == 0) {
            st = wa_german_use_synonyms(p);
            free(p);
            return st;
        }
        free(p);
    }
    return WA_OK;
}

wa_status wa_archive_open_read(wa_db **out, const char *const *args, size_t n, enum wa_audience who,
                               const char **culprit)
{
    struct pathlist l = {NULL, 0};
    const char *bad = NULL;
    wa_status st = WA_OK;
    size_t i;

    *out = NULL;
    for (i = 0; i < n && st == WA_OK; i++) {
        st = resolve(args[i], who, &l);
        if (st != WA_OK)
            bad = args[i];
    }
    if (st == WA_OK && l.n == 0)
        st = WA_ERR_NOT_FOUND;
    if (st == WA_OK)
        st = wa_archive_use_synonyms(args, n);
    if (st == WA_OK)
        st = wa_db_open(out, (const char *const *)l.v, l.n);
    for (i = 0; i < l.n; i++)
        free(l.v[i]);
    free(l.v);
    if (culprit)
        *culprit = st == WA_ERR_NOMEM ? NULL : bad;
    return st;
}

wa_status wa_archive_add_dictionary(wa_db *db, const char *const *args, size_t n,
                                    enum wa_audience who, const char **culprit)
{
    struct pathlist l = {NULL, 0};
    const char *bad = NULL;
    wa_status st = WA_OK;
    size_t i;

    for (i = 0; i < n && st == WA_OK; i++) {
        st = resolve(args[i], who, &l);
        if (st != WA_OK)
            bad = args[i];
    }
    if (st == WA_OK && l.n == 0)
        st = WA_ERR_NOT_FOUND;
    for (i = 0; i < l.n && st == WA_OK; i++)
        st = wa_db_add_dictionary(db, l.v[i]);
    for (i = 0; i < l.n; i++)
        free(l.v[i]);
    free(l.v);
    if (culprit)
        *culprit = bad;
    return st;
}

/* ---- writing --------------------------------------------------------- */

static void set_err(wa_archive *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void set_err(wa_archive *a, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(a->errmsg, sizeof a->errmsg, fmt, ap);
    va_end(ap);
}

static int mkdir_p(const char *dir)
{
    char tmp[PATH_MAX];
    size_t i, n = strlen(dir);

    if (n >= sizeof tmp) {
        errno = ENAMETOOLONG;
        return -1;
    }
    memcpy(tmp, dir, n + 1);
    for (i = 1; i <= n; i++) {
        if (tmp[i] == '/' || tmp[i] == '\0') {
            char c = tmp[i];
            tmp[i] = '\0';
            if (mkdir(tmp, 0755) != 0 && errno != EEXIST)
                return -1;
            tmp[i] = c;
        }
    }
    return 0;
}

static const char *const side_dir[WA_SIDES] = {WA_ARCHIVE_PUBLIC, WA_ARCHIVE_INTERNAL,
                                               WA_ARCHIVE_WITHDRAWN};

const char *wa_archive_side_dir(enum wa_side side)
{
    return side_dir[side];
}

/* Close (committing) and free side's database; its message is kept on a
 * when closing fails. */
static wa_status close_side(wa_archive *a, int side)
{
    wa_status st = WA_OK;

    if (a->db[side]) {
        st = wa_wdb_close(a->db[side]);
        if (st != WA_OK)
            set_err(a, "cannot close '%s': %s", side_dir[side], wa_wdb_errmsg(a->db[side]));
        wa_wdb_destroy(a->db[side]);
    }
    a->db[side] = NULL;
    return st;
}

wa_status wa_archive_open_write(wa_archive **out, const char *dir)
{
    wa_archive *a = calloc(1, sizeof *a);
    wa_status st = WA_OK;
    int side;

    *out = a;
    if (!a)
        return WA_ERR_NOMEM;
    if (mkdir_p(dir) != 0) {
        set_err(a, "cannot create archive '%s': %s", dir, strerror(errno));
        return WA_ERR_IO;
    }
    /* documents get the concepts of the archive's own synonym list */
    if (wa_archive_use_synonyms(&dir, 1) != WA_OK) {
        set_err(a, "%s", wa_strerror(WA_ERR_NOMEM));
        return WA_ERR_NOMEM;
    }
    for (side = 0; side < WA_SIDES && st == WA_OK; side++) {
        char *path = join(dir, side_dir[side]);
        if (!path) {
            set_err(a, "%s", wa_strerror(WA_ERR_NOMEM));
            st = WA_ERR_NOMEM;
            break;
        }
        st = wa_wdb_open(&a->db[side], path, 1);
        if (st == WA_ERR_LOCKED)
            set_err(a, "archive '%s' is being written by another process", dir);
        else if (st != WA_OK)
            set_err(a, "cannot open '%s': %s", path, wa_wdb_errmsg(a->db[side]));
        if (st != WA_OK) {
            wa_wdb_destroy(a->db[side]); /* the failed handle: nothing to commit */
            a->db[side] = NULL;
        }
        free(path);
    }
    if (st != WA_OK)
        for (side = 0; side < WA_SIDES; side++)
            close_side(a, side);
    return st;
}

const char *wa_archive_errmsg(const wa_archive *a)
{
    if (!a)
        return wa_strerror(WA_ERR_NOMEM);
    return a->errmsg;
}

wa_wdb *wa_archive_wdb(wa_archive *a, enum wa_side side)
{
    return a->db[side];
}

int wa_archive_holds(wa_archive *a, enum wa_side side, const char *idterm)
{
    struct wa_buf v;
    int r;
    wa_wdb *w = wa_archive_wdb(a, side);

    if (!w)
        return 0;
    wa_buf_init(&v, 64);
    /* any value slot will do: WA_ERR_NOT_FOUND means there is no such document */
    r = wa_wdb_get_value(w, idterm, 0, &v) == WA_OK;
    wa_buf_release(&v);
    return r;
}

/* Delete idterm from one side if it is there; counts it in *n. */
static wa_status delete_side(wa_archive *a, int side, const char *idterm, unsigned *n)
{
    wa_wdb *w = a->db[side];
    wa_status st;

    if (!w) {
        set_err(a, "the archive is closed");
        return WA_ERR_INVALID;
    }
    if (!wa_archive_holds(a, (enum wa_side)side, idterm))
        return WA_OK;
    st = wa_wdb_delete(w, idterm);
    if (st != WA_OK) {
        set_err(a, "cannot delete '%s' from '%s': %s", idterm + 1, side_dir[side],
                wa_wdb_errmsg(w));
        return st;
    }
    (*n)++;
    return WA_OK;
}

/* Delete idterm from every side but keep. */
static wa_status delete_others(wa_archive *a, int keep, const char *idterm)
{
    unsigned n = 0;
    wa_status st = WA_OK;
    int side;

    for (side = 0; side < WA_SIDES && st == WA_OK; side++)
        if (side != keep)
            st = delete_side(a, side, idterm, &n);
    return st;
}

size_t wa_archive_shard(const char *idterm, size_t n)
{
    if (n < 2)
        return 0;
    return (size_t)(wa_hash64(idterm, strlen(idterm)) % n);
}

/* Write doc into side's database, into the shard the rule picks. */
static wa_status write_side(wa_archive *a, int side, const char *idterm, wa_doc *doc)
{
    wa_wdb *w = a->db[side];
    wa_status st;

    if (!w) {
        set_err(a, "the archive is closed");
        return WA_ERR_INVALID;
    }
    st = wa_wdb_replace_in(w, wa_archive_shard(idterm, wa_wdb_shards(w)), idterm, doc);
    if (st != WA_OK)
        set_err(a, "%s", wa_wdb_errmsg(w));
    return st;
}

wa_status wa_archive_put(wa_archive *a, const char *idterm, enum wa_side side, wa_doc *doc)
{
    /* the other sides first: a failed write leaves the document nowhere,
     * never an internal or withdrawn one in the public database */
    wa_status st = delete_others(a, side, idterm);

    if (st != WA_OK)
        return st;
    return write_side(a, side, idterm, doc);
}

wa_status wa_archive_move(wa_archive *a, const char *idterm, enum wa_side side, wa_doc *doc)
{
    wa_status st = write_side(a, side, idterm, doc);

    /* the new copy is on disk before any old one goes */
    if (st == WA_OK && wa_wdb_commit(a->db[side]) != WA_OK) {
        set_err(a, "commit failed: %s", wa_wdb_errmsg(a->db[side]));
        st = WA_ERR_INDEX;
    }
    if (st == WA_OK)
        st = delete_others(a, side, idterm);
    return st;
}

unsigned wa_archive_where(wa_archive *a, const char *idterm)
{
    unsigned bits = 0;
    int side;

    for (side = 0; side < WA_SIDES; side++)
        if (wa_archive_holds(a, (enum wa_side)side, idterm))
            bits |= 1u << side;
    return bits;
}

wa_status wa_archive_put_at(wa_archive *a, const char *idterm, enum wa_side side, wa_doc *doc,
                            unsigned docid)
{
    wa_status st = delete_others(a, side, idterm);

    if (st != WA_OK)
        return st;
    if (!a->db[side]) {
        set_err(a, "the archive is closed");
        return WA_ERR_INVALID;
    }
    st = wa_wdb_replace_at(a->db[side], docid, idterm, doc);
    if (st != WA_OK)
        set_err(a, "%s", wa_wdb_errmsg(a->db[side]));
    return st;
}

wa_status wa_archive_delete(wa_archive *a, const char *idterm, unsigned *removed)
{
    unsigned n = 0;
    wa_status st = WA_OK;
    int side;

    for (side = 0; side < WA_SIDES && st == WA_OK; side++)
        st = delete_side(a, side, idterm, &n);
    if (removed)
        *removed = n;
    return st;
}

wa_status wa_archive_commit(wa_archive *a)
{
    int side;

    for (side = 0; side < WA_SIDES; side++) {
        if (a->db[side] && wa_wdb_commit(a->db[side]) != WA_OK) {
            set_err(a, "commit failed: %s", wa_wdb_errmsg(a->db[side]));
            return WA_ERR_INDEX;
        }
    }
    return WA_OK;
}

wa_status wa_archive_close(wa_archive *a)
{
    wa_status st, st2;
    int side;

    if (!a)
        return WA_OK;
    st = wa_archive_commit(a);
    for (side = 0; side < WA_SIDES; side++) {
        st2 = close_side(a, side);
        if (st == WA_OK)
            st = st2;
    }
    return st;
}

void wa_archive_destroy(wa_archive *a)
{
    int side;

    if (!a)
        return;
    for (side = 0; side < WA_SIDES; side++)
        wa_wdb_destroy(a->db[side]);
    free(a);
}
