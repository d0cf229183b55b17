/* Checks shared by the table-driven extractor tests (include after cmocka.h). */
#ifndef WA_EXTRACT_CHECK_H
#define WA_EXTRACT_CHECK_H

#include <string.h>

#include "extract.h"

/*
 * Compare an extraction's outcome with a case: the status, then the reason
 * (on failure) or the text (on success) must contain want and never
 * not_want (either may be NULL). Returns 1 when the extraction succeeded, so
 * that the caller goes on to the metadata.
 */
static inline int check_outcome(const char *desc, wa_status st, wa_status want_st,
                                const struct wa_record *rec, const struct wa_buf *reason,
                                const char *want, const char *not_want)
{
    if (st != want_st)
        fail_msg("%s: status %d, want %d (%s)", desc, st, want_st, reason->p);
    if (st != WA_OK) {
        if (want && !strstr(reason->p, want))
            fail_msg("%s: reason '%s' lacks '%s'", desc, reason->p, want);
        return 0;
    }
    if (want && !strstr(rec->text, want))
        fail_msg("%s: text '%s' lacks '%s'", desc, rec->text, want);
    if (not_want && strstr(rec->text, not_want))
        fail_msg("%s: text '%s' has '%s'", desc, rec->text, not_want);
    return 1;
}

/* A metadata field equals want (want NULL: not checked). */
static inline void check_str(const char *desc, const char *what, const char *got, const char *want)
{
    if (want && (!got || strcmp(got, want) != 0))
        fail_msg("%s: %s is '%s', want '%s'", desc, what, got ? got : "(null)", want);
}

/* A list field (authors, tags) holds want (want NULL: not checked). */
static inline void check_list(const char *desc, const char *what, const struct wa_strlist *l,
                              const char *want)
{
    size_t i;

    if (!want)
        return;
    for (i = 0; i < l->n; i++)
        if (strcmp(l->v[i], want) == 0)
            return;
    fail_msg("%s: %s lacks '%s'", desc, what, want);
}

#endif
