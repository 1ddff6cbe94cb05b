/* kb_lookup.c — the knowledge-base API without the CLI: resolve names to entities and print their
 * canonical identifiers (with verified/uncertain status) and the evidence that names them.
 *   example_kb_lookup [NAME]...   (default: FSP1 erastin RS4;11)
 */
#include <stdio.h>
#include <string.h>
#include "ferrosim/kb.h"

int main(int argc, char **argv)
{
    const char *defaults[] = {"FSP1", "erastin", "RS4;11"};
    int n = argc > 1 ? argc - 1 : 3;
    const char *const *names = argc > 1 ? (const char *const *)argv + 1 : defaults;
    ferro_kb_t *kb;
    if (ferro_kb_load(NULL, &kb)) { /* compile data/kb in memory */
        fprintf(stderr, "%s\n", ferro_error_message());
        return 1;
    }
    int status = 0;
    for (int i = 0; i < n; i++) {
        ferro_kb_table_t *t;
        if (ferro_kb_show(kb, names[i], &t)) {
            fprintf(stderr, "%s\n", ferro_error_message());
            status = 2;
            continue;
        }
        printf("%s:\n", names[i]);
        for (int r = 0; r < t->nrow; r++) {
            const char *section = ferro_kb_table_get(t, r, 0), *key = ferro_kb_table_get(t, r, 1);
            const char *value = ferro_kb_table_get(t, r, 2), *note = ferro_kb_table_get(t, r, 3);
            if (!strcmp(section, "identifier"))
                printf("  %-16s %-14s %.*s\n", key, value, note ? (int)strcspn(note, ":") : 0, note ? note : "");
            else if (!strcmp(section, "evidence"))
                printf("  evidence %s: %s\n", key, value);
        }
        ferro_kb_table_free(t);
    }
    ferro_kb_close(kb);
    return status;
}
