/* Date parsing for metadata, query ranges and document text. */
#include "wa_date.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

static const struct {
    const char *name;
    int month;
} month_names[] = {
    {"januar", 1},    {"jänner", 1},    {"jan", 1},      {"january", 1},   {"februar", 2},
    {"feb", 2},       {"february", 2},  {"märz", 3},     {"maerz", 3},     {"mär", 3},
    {"march", 3},     {"mar", 3},       {"april", 4},    {"apr", 4},       {"mai", 5},
    {"may", 5},       {"juni", 6},      {"jun", 6},      {"june", 6},      {"juli", 7},
    {"jul", 7},       {"july", 7},      {"august", 8},   {"aug", 8},       {"september", 9},
    {"sept", 9},      {"sep", 9},       {"oktober", 10}, {"okt", 10},      {"october", 10},
    {"oct", 10},      {"november", 11}, {"nov", 11},     {"dezember", 12}, {"dez", 12},
    {"december", 12}, {"dec", 12},
};

static int days_in_month(int y, int m)
{
    static const int dm[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
        return 29;
    return dm[m - 1];
}

static int valid(const struct wa_date *d)
{
    if (d->year < 1000 || d->year > 9999)
        return 0;
    if (d->month == 0)
        return d->day == 0;
    if (d->month < 1 || d->month > 12)
        return 0;
    return d->day == 0 || (d->day >= 1 && d->day <= days_in_month(d->year, d->month));
}

/* Read up to maxd digits; returns the count read and the value in *v. */
static size_t digits(const char *p, const char *end, size_t maxd, int *v)
{
    size_t n = 0;
    *v = 0;
    while (p + n < end && n < maxd && p[n] >= '0' && p[n] <= '9') {
        *v = *v * 10 + (p[n] - '0');
        n++;
    }
    return n;
}

/* Match a month name at p (case-insensitive, ASCII/UTF-8 umlaut as written). */
static size_t month_name(const char *p, const char *end, int *month)
{
    size_t best = 0, i;

    for (i = 0; i < sizeof month_names / sizeof month_names[0]; i++) {
        size_t n = strlen(month_names[i].name);
        if ((size_t)(end - p) >= n && strncasecmp(p, month_names[i].name, n) == 0) {
            /* "Mär" must also match "MÄRZ": compare the umlaut bytes case-insensitively */
            if (n > best &&
                (p + n == end || !((p[n] >= 'a' && p[n] <= 'z') || (p[n] >= 'A' && p[n] <= 'Z') ||
                                   (unsigned char)p[n] >= 0x80))) {
                best = n;
                *month = month_names[i].month;
            }
        }
    }
    if (best && p + best < end && p[best] == '.')
        best++;
    return best;
}

/* "März 2021" at p: set month and year, return the end, or NULL. */
static const char *month_year(const char *p, const char *end, struct wa_date *d)
{
    int m = 0, y;
    size_t k = month_name(p, end, &m);

    if (!k)
        return NULL;
    p += k;
    while (p < end && *p == ' ')
        p++;
    if (digits(p, end, 4, &y) != 4)
        return NULL;
    d->month = m;
    d->year = y;
    return p + 4;
}

/* Parse a date at p; returns bytes consumed (0 if none). */
static size_t parse_at(const char *p, const char *end, struct wa_date *d)
{
    const char *s = p;
    int a, b, c;
    size_t n;

    memset(d, 0, sizeof *d);
    n = digits(p, end, 4, &a);
    if (n == 4) {
        /* ISO: YYYY, YYYY-MM, YYYY-MM-DD[Tanything] */
        d->year = a;
        p += 4;
        if (p < end && p[0] == '-' && digits(p + 1, end, 2, &b) == 2) {
            d->month = b;
            p += 3;
            if (p < end && p[0] == '-' && digits(p + 1, end, 2, &c) == 2) {
                d->day = c;
                p += 3;
                if (p < end && (p[0] == 'T' || p[0] == ' ') && p + 1 < end && p[1] >= '0' &&
                    p[1] <= '9')
                    while (p < end && p[0] != ' ' && p[0] != '\n')
                        p++;
            }
        }
        return valid(d) ? (size_t)(p - s) : 0;
    }
    if (n == 0) {
        /* "März 2021" */
        p = month_year(p, end, d);
        return p && valid(d) ? (size_t)(p - s) : 0;
    }
    /* n is 1..2 digits (3 digits is no date) */
    if (n > 2)
        return 0;
    p += n;
    if (p < end && (*p == '.' || *p == '/')) {
        char sep = *p;
        p++;
        while (p < end && *p == ' ')
            p++;
        n = digits(p, end, 4, &b);
        if (n == 4 && sep == '/') {
            /* "03/2021" */
            d->month = a;
            d->year = b;
            p += 4;
            return valid(d) ? (size_t)(p - s) : 0;
        }
        if (n == 4) {
            /* "3.2021" */
            d->month = a;
            d->year = b;
            p += 4;
            return valid(d) ? (size_t)(p - s) : 0;
        }
        if (n >= 1 && n <= 2 && sep == '.' && p + n < end && p[n] == '.') {
            /* "12.03.2021" or "12.3.21" */
            p += n + 1;
            n = digits(p, end, 4, &c);
            if (n == 2)
                c += c < 70 ? 2000 : 1900;
            else if (n != 4)
                return 0;
            d->day = a;
            d->month = b;
            d->year = c;
            p += n;
            return valid(d) ? (size_t)(p - s) : 0;
        }
        if (n == 0 && sep == '.') {
            /* "12. März 2021" */
            d->day = a;
            p = month_year(p, end, d);
            return p && valid(d) ? (size_t)(p - s) : 0;
        }
        return 0;
    }
    if (p < end && *p == ' ') {
        /* "12 March 2021" */
        d->day = a;
        p = month_year(p + 1, end, d);
        return p && valid(d) ? (size_t)(p - s) : 0;
    }
    return 0;
}

int wa_date_parse(const char *s, size_t len, struct wa_date *out)
{
    const char *end = s + len;
    size_t n;

    while (s < end && (*s == ' ' || *s == '\t'))
        s++;
    while (end > s && (end[-1] == ' ' || end[-1] == '\t' || end[-1] == '\n' || end[-1] == '\r'))
        end--;
    if (s == end)
        return -1;
    n = parse_at(s, end, out);
    return n && s + n == end ? 0 : -1;
}

void wa_date_bound(const struct wa_date *d, int end, char out[9])
{
    int m = d->month ? d->month : (end ? 12 : 1);
    int day = d->day ? d->day : (end ? days_in_month(d->year, m) : 1);
    snprintf(out, 9, "%04u%02u%02u", (unsigned)d->year % 10000u, (unsigned)m % 100u,
             (unsigned)day % 100u);
}

void wa_date_iso(const struct wa_date *d, char out[11])
{
    if (!d->month)
        snprintf(out, 11, "%04u", (unsigned)d->year % 10000u);
    else if (!d->day)
        snprintf(out, 11, "%04u-%02u", (unsigned)d->year % 10000u, (unsigned)d->month % 100u);
    else
        snprintf(out, 11, "%04u-%02u-%02u", (unsigned)d->year % 10000u, (unsigned)d->month % 100u,
                 (unsigned)d->day % 100u);
}

int wa_date_find_in_text(const char *text, size_t len, struct wa_date *out)
{
    static const char *const cues[] = {"vom ",    "am ",    "datum: ",      "datum ",
                                       "stand: ", "stand ", "sitzung vom ", "dated "};
    size_t limit = len < 4000 ? len : 4000;
    const char *end = text + limit;
    const char *p;

    for (p = text; p < end; p++) {
        size_t i;
        if (p > text && ((p[-1] >= 'a' && p[-1] <= 'z') || (p[-1] >= 'A' && p[-1] <= 'Z')))
            continue;
        for (i = 0; i < sizeof cues / sizeof cues[0]; i++) {
            size_t n = strlen(cues[i]);
            if ((size_t)(end - p) > n && strncasecmp(p, cues[i], n) == 0) {
                struct wa_date d;
                const char *q = p + n;
                while (q < end && *q == ' ')
                    q++;
                if (parse_at(q, end, &d) && d.day) {
                    *out = d;
                    return 0;
                }
            }
        }
    }
    return -1;
}

int wa_date_find_in_title(const char *title, size_t len, struct wa_date *out)
{
    const char *end = title + len;
    const char *p;

    if (wa_date_find_in_text(title, len, out) == 0)
        return 0;
    for (p = title; p < end; p++) {
        struct wa_date d;
        if (*p < '0' || *p > '9' || (p > title && p[-1] >= '0' && p[-1] <= '9'))
            continue;
        if (parse_at(p, end, &d) && d.day) {
            *out = d;
            return 0;
        }
    }
    return -1;
}
