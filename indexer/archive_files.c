/* Files of an archive directory for backup and compact: copying, removing, swapping folders. */
#define _GNU_SOURCE /* renameat2, nftw */
#include "archive_files.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Bytes read and written at a time while copying. */
#define COPY_BLOCK 65536

static int copy_file(const char *from, const char *to)
{
    char buf[COPY_BLOCK];
    int in, out, rc = 0, e = 0;
    ssize_t n;

    in = open(from, O_RDONLY | O_CLOEXEC);
    if (in < 0)
        return -1;
    out = open(to, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    if (out < 0) {
        e = errno;
        close(in);
        errno = e;
        return -1;
    }
    while (rc == 0 && (n = read(in, buf, sizeof buf)) != 0) {
        ssize_t off = 0;
        if (n < 0) {
            if (errno != EINTR)
                rc = -1;
            continue;
        }
        while (rc == 0 && off < n) {
            ssize_t w = write(out, buf + off, (size_t)(n - off));
            if (w < 0 && errno != EINTR)
                rc = -1;
            else if (w > 0)
                off += w;
        }
    }
    if (rc == 0 && fsync(out) != 0)
        rc = -1;
    e = errno;
    if (close(out) != 0 && rc == 0) {
        rc = -1;
        e = errno;
    }
    close(in);
    errno = e;
    return rc;
}

int archive_copy_files(const char *src, const char *dst, const char **culprit)
{
    static char name[NAME_MAX + 1];
    DIR *d = opendir(src);
    struct dirent *e;
    int rc = 0;

    *culprit = src;
    if (!d)
        return -1;
    while (rc == 0 && (e = readdir(d)) != NULL) {
        char from[PATH_MAX], to[PATH_MAX];
        struct stat sb;
        int a = snprintf(from, sizeof from, "%s/%s", src, e->d_name);
        int b = snprintf(to, sizeof to, "%s/%s", dst, e->d_name);
        if (a < 0 || (size_t)a >= sizeof from || b < 0 || (size_t)b >= sizeof to) {
            errno = ENAMETOOLONG;
            rc = -1;
        } else if (lstat(from, &sb) == 0 && S_ISREG(sb.st_mode) && copy_file(from, to) != 0) {
            rc = -1;
        }
        if (rc) {
            snprintf(name, sizeof name, "%s", e->d_name);
            *culprit = name;
        }
    }
    if (rc == 0)
        rc = archive_sync_dir(dst);
    closedir(d);
    return rc;
}

static int remove_entry(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
    (void)sb;
    (void)flag;
    (void)ftw;
    return remove(path);
}

int archive_remove_tree(const char *path)
{
    /* depth first, so that folders are empty when they are removed */
    return nftw(path, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
}

int archive_swap_dirs(const char *a, const char *b, int *atomic)
{
    *atomic = 1;
    if (renameat2(AT_FDCWD, a, AT_FDCWD, b, RENAME_EXCHANGE) == 0)
        return 0;
    if (errno != EINVAL && errno != ENOSYS && errno != ENOTSUP)
        return -1;
    /* no exchange on this file system: b's path is missing for a moment */
    *atomic = 0;
    {
        char aside[PATH_MAX];
        int n = snprintf(aside, sizeof aside, "%s.aside", a);
        if (n < 0 || (size_t)n >= sizeof aside) {
            errno = ENAMETOOLONG;
            return -1;
        }
        if (rename(a, aside) != 0)
            return -1;
        if (rename(b, a) != 0) {
            int e = errno;
            rename(aside, a);
            errno = e;
            return -1;
        }
        if (rename(aside, b) != 0) {
            int e = errno;
            rename(a, b);
            rename(aside, a);
            errno = e;
            return -1;
        }
    }
    return 0;
}

int archive_sync_dir(const char *path)
{
    int fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC), rc;

    if (fd < 0)
        return -1;
    rc = fsync(fd);
    close(fd);
    return rc;
}
