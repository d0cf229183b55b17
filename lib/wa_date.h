/* Date parsing: ISO and German formats, partial dates and dates in text. */
#ifndef WA_DATE_H
#define WA_DATE_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

struct wa_date {
    int year;  /* 1000..9999 */
    int month; /* 1..12, or 0 when only the year is known */
    int day;   /* 1..31, or 0 when not known */
};

/*
 * Parse a whole string as a date: "2021", "2021-03", "2021-03-12",
 * "2021-03-12T10:00:00Z", "12.03.2021", "12.3.21", "3.2021", "03/2021",
 * "12. März 2021", "März 2021", "12 March 2021". Leading and trailing spaces
 * are ignored. Returns 0 on success, -1 if s is not a valid date.
 */
int wa_date_parse(const char *s, size_t len, struct wa_date *out);

/*
 * Write the first (end=0) or last (end=1) day covered by d as "YYYYMMDD"
 * into out[9]. Cannot fail for a date returned by wa_date_parse.
 */
void wa_date_bound(const struct wa_date *d, int end, char out[9]);

/* Write d as "YYYY-MM-DD" (or "YYYY-MM", "YYYY") into out[11]. */
void wa_date_iso(const struct wa_date *d, char out[11]);

/*
 * Find a clearly stated document date in the first part of a text, such as
 * "Protokoll der Sitzung vom 12. März 2021", "Datum: 03.05.2021" or
 * "Stand: 1. Juni 2020". Only full dates introduced by such a cue count.
 * Returns 0 and fills *out on success, -1 if none is found.
 */
int wa_date_find_in_text(const char *text, size_t len, struct wa_date *out);

/*
 * Find a full date in a title: one introduced by a cue as above, or any
 * full date standing on its own ("Protokoll 12.03.2021", "Sitzung
 * 2021-03-12"). Returns 0 and fills *out on success, -1 if none is found.
 */
int wa_date_find_in_title(const char *title, size_t len, struct wa_date *out);

#ifdef __cplusplus
}
#endif
#endif
