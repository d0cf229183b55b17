/* German compound splitting over a memory-mapped dictionary built from Debian word lists. */
#ifndef WA_COMPOUND_H
#define WA_COMPOUND_H

#include <stddef.h>
#include <stdint.h>

#include "wa_status.h"

#ifdef __cplusplus
extern "C" {
#endif

/*
 * Dictionary file format (native byte order, written by tools/wa_mkdict):
 *   struct wa_dict_header, then nslots uint32 slots (0 = empty, else
 *   1 + offset of an entry in the pool), then the pool of entries
 *   { uint8 flags, uint8 len, len bytes of the lower-case UTF-8 word }.
 * Slots are addressed by wa_dict_hash(word) & (nslots - 1) with linear
 * probing; nslots is a power of two at least twice the word count.
 */
#define WA_DICT_MAGIC   "WADICT1"
#define WA_DICT_VERSION 1u
#define WA_DICT_WORD    1u /* the lower-case form is a German word */
#define WA_DICT_NOUN    2u /* ... and it is spelt capitalised (a noun) */
#define WA_DICT_MAXWORD 64 /* longest entry in bytes */
#define WA_DICT_FILE    "german-compounds.dict"

struct wa_dict_header {
    char magic[8];
    uint32_t version;
    uint32_t nslots;
    uint32_t nwords;
    uint32_t pool_size;
};

/* FNV-1a over the bytes; the generator and the reader must agree. Cannot fail. */
uint32_t wa_dict_hash(const char *p, size_t len);

typedef struct wa_splitter wa_splitter;

/* Longest word (in bytes) that is tried at all. */
#define WA_COMPOUND_MAXINPUT 128

/* At most this many parts are returned for one word. */
#define WA_COMPOUND_MAXPARTS 6

/* One part of a split word: bytes [off, off+len) of the lower-case input,
 * without its linking element; base is the dictionary form to index
 * (borrowed from the splitter or the input, valid until the next split). */
struct wa_part {
    const char *base;
    size_t base_len;
};

/*
 * Map the dictionary at path (read-only, shared). On success *out is a
 * splitter to free with wa_splitter_free. WA_ERR_NOT_FOUND / WA_ERR_IO if the
 * file is missing or unreadable, WA_ERR_FORMAT if it is not a dictionary.
 * A splitter keeps a memo cache and is not safe for concurrent use.
 */
wa_status wa_splitter_open(wa_splitter **out, const char *path);
/* Unmap and free; accepts NULL. */
void wa_splitter_free(wa_splitter *s);
/* Number of words in the dictionary. */
size_t wa_splitter_words(const wa_splitter *s);
/* Dictionary flags of the lower-case word (0 if unknown). */
unsigned wa_splitter_lookup(const wa_splitter *s, const char *w, size_t len);

/*
 * Split the lower-case word w[0..len) into parts (fewest parts, then fewest
 * linking letters, then longest head). Returns the number of parts (>= 2)
 * and fills parts[0..n), or 0 if the word is not a compound. Only words of
 * at least 8 characters are tried; modifier parts need 4 characters (or a
 * short whitelisted word), the head must be a noun and not suffix-like, and
 * parts plus linking elements must rebuild the word. Results are memoised.
 */
size_t wa_splitter_split(wa_splitter *s, const char *w, size_t len,
                         struct wa_part parts[WA_COMPOUND_MAXPARTS]);
/* Same without the memo cache (for measuring it). */
size_t wa_splitter_split_nocache(wa_splitter *s, const char *w, size_t len,
                                 struct wa_part parts[WA_COMPOUND_MAXPARTS]);

#ifdef __cplusplus
}
#endif
#endif
