/* werkarchiv-index backup: a consistent, checked copy of the archive while searches go on. */
#include <errno.h>
#include <jansson.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "archive_files.h"
#include "command.h"
#include "indexer.h"
#include "wa_audit.h"
#include "wa_xapian_admin.h"

/* 1 if path is missing or an empty folder (removed: the copy takes its place). */
static int free_target(const char *path)
{
    struct stat sb;

    if (lstat(path, &sb) != 0)
        return errno == ENOENT;
    return S_ISDIR(sb.st_mode) && rmdir(path) == 0;
}

/* arg as an absolute path without a trailing '/', and its parent folder. */
static int absolute(const char *arg, char *dest, size_t len, char *parent, size_t plen)
{
    char cwd[PATH_MAX];
    char *slash;
    size_t n;
    int r;

    if (arg[0] == '/')
        r = snprintf(dest, len, "%s", arg);
    else if (getcwd(cwd, sizeof cwd))
        r = snprintf(dest, len, "%s/%s", cwd, arg);
    else
        return -1;
    if (r < 0 || (size_t)r >= len) {
        errno = ENAMETOOLONG;
        return -1;
    }
    n = strlen(dest);
    while (n > 1 && dest[n - 1] == '/')
        dest[--n] = '\0';
    slash = strrchr(dest, '/');
    if (!slash || !slash[1] || strcmp(slash + 1, ".") == 0 || strcmp(slash + 1, "..") == 0) {
        errno = EINVAL;
        return -1;
    }
    snprintf(parent, plen, "%.*s", slash == dest ? 1 : (int)(slash - dest), dest);
    return 0;
}

/*
 * Compact every database into tmp, copy the archive's files, check the
 * copies. Holds the writer lock meanwhile, so that the copy shows one state;
 * readers go on. docs[] receives the copies' document counts. Prints the
 * error and returns -1 on failure.
 */
static int copy_archive(struct indexer *ix, const char *tmp, unsigned long docs[WA_SIDES])
{
    char err[512];
    const char *culprit;
    int side;

    if (mkdir(tmp, 0755) != 0) {
        fprintf(stderr, "%s: '%s' lässt sich nicht anlegen: %s\n", PROG, tmp, strerror(errno));
        return -1;
    }
    for (side = 0; side < WA_SIDES; side++) {
        const char *dir = wa_archive_side_dir((enum wa_side)side);
        char src[PATH_MAX], dst[PATH_MAX + 64];
        unsigned long long bytes = 0;
        unsigned long problems = 0;
        struct wa_buf report;
        wa_status st;
        snprintf(src, sizeof src, "%s/%s", ix->archive, dir);
        snprintf(dst, sizeof dst, "%s/%s", tmp, dir);
        err[0] = '\0';
        st = wa_admin_compact(src, dst, err, sizeof err);
        if (st != WA_OK) {
            fprintf(stderr, "%s: '%s' lässt sich nicht kopieren: %s\n", PROG, src,
                    *err ? err : wa_strerror(st));
            return -1;
        }
        wa_buf_init(&report, 1 << 20);
        st = wa_admin_check(dst, &report, &problems, err, sizeof err);
        wa_buf_release(&report);
        if (st != WA_OK || problems) {
            fprintf(stderr, "%s: die Kopie '%s' ist nicht in Ordnung: %s\n", PROG, dst,
                    st != WA_OK ? err : "Xapians Prüfung meldet Fehler");
            return -1;
        }
        if (wa_admin_size(dst, &docs[side], &bytes, err, sizeof err) != WA_OK) {
            fprintf(stderr, "%s: '%s': %s\n", PROG, dst, err);
            return -1;
        }
    }
    if (archive_copy_files(ix->archive, tmp, &culprit) != 0) {
        fprintf(stderr, "%s: '%s' lässt sich nicht kopieren: %s\n", PROG, culprit, strerror(errno));
        return -1;
    }
    return 0;
}

int cmd_backup(struct indexer *ix, int argc, char **argv)
{
    char dest[PATH_MAX], tmp[PATH_MAX + 32], parent[PATH_MAX];
    unsigned long docs[WA_SIDES] = {0};
    struct wa_audit_entry e = {0};
    int rc, first;

    rc = command_parse_options(ix, argc, argv, NULL, &first);
    if (rc != COMMAND_CONTINUE)
        return rc;
    if (argc - first != 1) {
        fprintf(stderr, "%s: backup needs one destination folder\ntry '%s backup --help'\n", PROG,
                PROG);
        return 2;
    }
    if (!wa_archive_is_archive(ix->archive)) {
        fprintf(stderr, "%s: '%s' ist kein Archiv\n", PROG, ix->archive);
        return 2;
    }
    /* the copy is made beside the destination and renamed when complete */
    if (absolute(argv[first], dest, sizeof dest, parent, sizeof parent) != 0) {
        fprintf(stderr, "%s: der Zielordner '%s' geht nicht: %s\n", PROG, argv[first],
                strerror(errno));
        return 2;
    }
    snprintf(tmp, sizeof tmp, "%s.unfertig-%ld", dest, (long)getpid());
    if (indexer_open(ix))
        return 2;
    if (!free_target(dest)) {
        fprintf(stderr, "%s: '%s' gibt es schon (und ist kein leerer Ordner); nichts kopiert\n",
                PROG, argv[first]);
        indexer_close(ix);
        return 2;
    }
    rc = copy_archive(ix, tmp, docs);
    /* whole or not at all: the copy gets its name only when it is complete */
    if (rc == 0 && rename(tmp, dest) != 0) {
        fprintf(stderr, "%s: '%s' lässt sich nicht anlegen: %s\n", PROG, dest, strerror(errno));
        rc = -1;
    }
    if (rc == 0 && archive_sync_dir(parent) != 0)
        rc = -1;
    if (rc != 0)
        archive_remove_tree(tmp);
    if (rc == 0) {
        e.who = ix->by;
        e.action = "backup";
        e.new_value = dest;
        if (wa_audit_append(ix->archive, &e) != WA_OK)
            fprintf(stderr, "%s: warning: das Protokoll '%s/%s' lässt sich nicht schreiben: %s\n",
                    PROG, ix->archive, WA_AUDIT_FILE, strerror(errno));
    }
    if (indexer_close(ix) || rc != 0)
        return 2;
    if (ix->json) {
        json_t *o = json_object();
        char *s;
        json_object_set_new(o, "format_version", json_integer(1));
        json_object_set_new(o, "backup", json_string(dest));
        json_object_set_new(o, "public", json_integer((json_int_t)docs[0]));
        json_object_set_new(o, "internal", json_integer((json_int_t)docs[1]));
        json_object_set_new(o, "withdrawn", json_integer((json_int_t)docs[2]));
        json_object_set_new(o, "checked", json_true());
        s = json_dumps(o, JSON_INDENT(2));
        if (s)
            puts(s);
        free(s);
        json_decref(o);
    } else if (!ix->quiet) {
        printf("Sicherung in '%s': %lu öffentliche, %lu interne und %lu zurückgezogene "
               "Dokumente, geprüft\n",
               dest, docs[0], docs[1], docs[2]);
    }
    return 0;
}
