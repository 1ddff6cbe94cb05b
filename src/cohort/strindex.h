/* strindex.h — (private) exact-string lookup over an array of IDs: sorted index + binary search.
 * Used by the cohort, geneset and network modules to map names to rows. */
#ifndef FERRO_STRINDEX_H
#define FERRO_STRINDEX_H

typedef struct {
    const char *key;
    int i;
} ferro_strindex_entry_t;

typedef struct {
    int n;
    ferro_strindex_entry_t *e; /* (key, index) sorted by key, ties by index; keys borrowed */
} ferro_strindex_t;

/* Build over key[0..n-1] (borrowed; must outlive the index). */
int ferro_strindex_build(char *const *key, int n, ferro_strindex_t **out);
/* First index i (smallest) with key[i] == s, or -1. */
int ferro_strindex_find(const ferro_strindex_t *ix, const char *s);
/* Index of the first duplicated key (the second occurrence), or -1 if all keys are unique. */
int ferro_strindex_first_dup(const ferro_strindex_t *ix);
void ferro_strindex_free(ferro_strindex_t *ix);

#endif
