/* Files of an archive directory for backup and compact: copying, removing, swapping folders. */
#ifndef WA_ARCHIVE_FILES_H
#define WA_ARCHIVE_FILES_H

/*
 * Copy the regular files directly in the folder src (the audit log, the
 * curation file; not the database folders) into the existing folder dst,
 * each written and synced. -1 on failure with errno set and the file's
 * name in *culprit (static until the next call).
 */
int archive_copy_files(const char *src, const char *dst, const char **culprit);

/* Remove the folder path and everything in it (symlinks are not followed).
 * -1 on failure with errno set. */
int archive_remove_tree(const char *path);

/*
 * Exchange the folders a and b in one step (renameat2 RENAME_EXCHANGE), so
 * that a reader opening either path always finds a whole folder. Where the
 * file system cannot exchange, b is moved aside to a and a put in b's place
 * by two renames, and *atomic is cleared. -1 on failure with errno set
 * (nothing moved).
 */
int archive_swap_dirs(const char *a, const char *b, int *atomic);

/* fsync the folder path, so that renames in it are durable. -1 on failure. */
int archive_sync_dir(const char *path);

#endif
