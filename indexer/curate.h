/* Applying the office's curation file to the archive: at each run's start and by the curation
 * commands. */
#ifndef WA_CURATE_H
#define WA_CURATE_H

#include "wa_archive.h"
#include "wa_curation.h"
#include "wa_record.h"

struct indexer;

/*
 * Metadata key (in the public database) holding the hash of the curation
 * file that the archive follows completely. A run that finds another hash
 * (the file was edited, or a curation command stopped between writing the
 * file and the index) applies the whole file again.
 */
#define CURATE_APPLIED_KEY "curation.applied"

/* Read the archive's curation file into ix->curation. Prints the German error
 * and returns -1 when it cannot be read: a half-read file could republish a
 * withdrawn document. */
int curate_load(struct indexer *ix);

/* The database rec belongs in: withdrawn/ when the curation withdraws rec->id,
 * else as its visibility says. */
enum wa_side curate_side(const struct indexer *ix, const struct wa_record *rec);

/*
 * Apply ix->curation to the stored document idterm wherever it is: rebuild it
 * from its stored record and original values, and write or move it when its
 * metadata or its database changes (a copy left in a second database by an
 * interrupted move is deleted). *found (may be NULL) is 0 when the archive
 * does not hold idterm. Prints the error and returns -1 on failure.
 */
int curate_doc(struct indexer *ix, const char *idterm, int *found);

/* curate_doc for every document of the archive. */
int curate_all(struct indexer *ix);

/* Commit, then record that the index follows ix->curation, and commit that.
 * Prints the error and returns -1 on failure. */
int curate_mark_applied(struct indexer *ix);

/* At the start of a run: apply the whole file if the index does not follow it
 * yet (curate_all, curate_mark_applied). -1 on failure (printed). */
int curate_reconcile(struct indexer *ix);
/* The side to read a document from, given where it is (a bit per side, as
 * wa_archive_where reports it): the withdrawn copy when id is withdrawn, else
 * the first side holding a copy; -1 when none does. */
int curate_read_side(const struct indexer *ix, unsigned where, const char *id);

#endif
