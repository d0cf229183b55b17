/* Recursive directory walk with an explicit stack (no recursion, no symlinks). */
#include "walk.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static wa_status push(struct wa_filelist *l, const char *path, const char *id)
{
    if (l->n == l->cap) {
        size_t ncap = l->cap ? l->cap * 2 : 256;
        struct wa_file *nv = realloc(l->v, ncap * sizeof *nv);
        if (!nv)
            return WA_ERR_NOMEM;
        l->v = nv;
        l->cap = ncap;
    }
    l->v[l->n].path = strdup(path);
    l->v[l->n].id = strdup(id);
    if (!l->v[l->n].path || !l->v[l->n].id) {
        free(l->v[l->n].path);
        free(l->v[l->n].id);
        return WA_ERR_NOMEM;
    }
    l->n++;
    return WA_OK;
}

void wa_filelist_release(struct wa_filelist *l)
{
    size_t i;
    for (i = 0; i < l->n; i++) {
        free(l->v[i].path);
        free(l->v[i].id);
    }
    free(l->v);
    memset(l, 0, sizeof *l);
}

static int is_sidecar(const char *name)
{
    size_t n = strlen(name);
    return n > 5 && strcmp(name + n - 5, ".meta") == 0;
}

/* A Xapian database (an archive kept inside the folder it indexes, say) is
 * never walked into: its files are not documents. */
static int is_xapian_db(const char *dir)
{
    static const char *const marks[] = {"iamglass", "iamchert", "flintlock"};
    char p[PATH_MAX];
    struct stat sb;
    size_t i;

    for (i = 0; i < sizeof marks / sizeof marks[0]; i++) {
        int r = snprintf(p, sizeof p, "%s/%s", dir, marks[i]);
        if (r > 0 && (size_t)r < sizeof p && lstat(p, &sb) == 0)
            return 1;
    }
    return 0;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

wa_status wa_walk(const char *path, struct wa_filelist *out,
                  void (*warn)(void *ctx, const char *path, const char *reason), void *ctx)
{
    char root[PATH_MAX];
    struct stat sb;
    char **stack = NULL;
    size_t sn = 0, scap = 0, rootlen;
    wa_status st = WA_OK;

    if (!realpath(path, root))
        return errno == ENOENT ? WA_ERR_NOT_FOUND : WA_ERR_IO;
    if (lstat(root, &sb) != 0)
        return WA_ERR_IO;
    if (S_ISREG(sb.st_mode)) {
        const char *base = strrchr(root, '/');
        return push(out, root, base ? base + 1 : root);
    }
    if (!S_ISDIR(sb.st_mode))
        return WA_ERR_UNSUPPORTED;
    rootlen = strlen(root);
    stack = malloc(sizeof *stack);
    if (!stack || !(stack[0] = strdup(root))) {
        free(stack);
        return WA_ERR_NOMEM;
    }
    sn = scap = 1;
    while (sn && st == WA_OK) {
        char *dir = stack[--sn];
        DIR *d = opendir(dir);
        struct dirent *e;
        char **names = NULL;
        size_t nn = 0, ncap = 0, i;

        if (!d) {
            if (warn)
                warn(ctx, dir, strerror(errno));
            free(dir);
            continue;
        }
        for (;;) {
            errno = 0;
            e = readdir(d);
            if (!e) {
                /* a read error half-way (a flaky share): report the folder, so
                 * that sync keeps the documents below it it did not see */
                if (errno && warn)
                    warn(ctx, dir, strerror(errno));
                break;
            }
            if (e->d_name[0] == '.')
                continue; /* ., .., hidden files and folders such as .git */
            if (nn == ncap) {
                size_t c2 = ncap ? ncap * 2 : 64;
                char **nv = realloc(names, c2 * sizeof *nv);
                if (!nv) {
                    st = WA_ERR_NOMEM;
                    break;
                }
                names = nv;
                ncap = c2;
            }
            if (!(names[nn] = strdup(e->d_name))) {
                st = WA_ERR_NOMEM;
                break;
            }
            nn++;
        }
        closedir(d);
        if (nn)
            qsort(names, nn, sizeof *names, cmp_str);
        /* files in order; subfolders pushed in reverse so they pop in order */
        for (i = 0; i < nn && st == WA_OK; i++) {
            char full[PATH_MAX];
            int r = snprintf(full, sizeof full, "%s/%s", dir, names[i]);
            if (r < 0 || (size_t)r >= sizeof full) {
                if (warn)
                    warn(ctx, names[i], "path too long");
                continue;
            }
            if (lstat(full, &sb) != 0)
                continue;
            if (S_ISREG(sb.st_mode) && !is_sidecar(names[i]))
                st = push(out, full, full + rootlen + 1);
        }
        for (i = nn; i-- > 0 && st == WA_OK;) {
            char full[PATH_MAX];
            int r = snprintf(full, sizeof full, "%s/%s", dir, names[i]);
            if (r < 0 || (size_t)r >= sizeof full || lstat(full, &sb) != 0 ||
                !S_ISDIR(sb.st_mode) || is_xapian_db(full))
                continue;
            if (sn == scap) {
                size_t c2 = scap * 2;
                char **nv = realloc(stack, c2 * sizeof *nv);
                if (!nv) {
                    st = WA_ERR_NOMEM;
                    break;
                }
                stack = nv;
                scap = c2;
            }
            if (!(stack[sn] = strdup(full))) {
                st = WA_ERR_NOMEM;
                break;
            }
            sn++;
        }
        for (i = 0; i < nn; i++)
            free(names[i]);
        free(names);
        free(dir);
    }
    while (sn)
        free(stack[--sn]);
    free(stack);
    return st;
}
