/* Collecting the files below the paths given on the command line. */
#ifndef WA_WALK_H
#define WA_WALK_H

#include <stddef.h>

#include "wa_status.h"

struct wa_file {
    char *path; /* absolute path */
    char *id;   /* path relative to the folder given (the file name for a file given) */
};

struct wa_filelist {
    struct wa_file *v;
    size_t n, cap;
};

/*
 * Append the files below path (recursively, sorted, regular files only, no
 * symlinks followed, hidden entries, sidecar *.meta files and Xapian database
 * folders left out).
 * Unreadable directories (also one whose reading fails half-way) are
 * reported through warn(ctx, path, reason) and skipped. WA_ERR_NOT_FOUND if path itself does not
 * exist.
 */
wa_status wa_walk(const char *path, struct wa_filelist *out,
                  void (*warn)(void *ctx, const char *path, const char *reason), void *ctx);
void wa_filelist_release(struct wa_filelist *l);

#endif
