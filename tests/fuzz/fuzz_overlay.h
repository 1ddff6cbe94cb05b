/* fuzz_overlay.h — a data folder for the harnesses that read a whole folder (world tables, KB):
 * <tmpdir>/<name> holds symbolic links to every entry of a real folder, except the one file the
 * fuzz input replaces (header-only; after fuzz_util.h). */
#ifndef FERRO_FUZZ_OVERLAY_H
#define FERRO_FUZZ_OVERLAY_H

#include <dirent.h>
#include <sys/stat.h>

/* Mirror src (links to its entries) at <tmpdir>/name once; returns the folder (static). */
static inline const char *fuzz_overlay(const char *src, const char *name)
{
    static char dirs[4][512];
    static int ndirs;
    char dst[512];
    snprintf(dst, sizeof dst, "%s/%s", fuzz_tmpdir(), name);
    for (int i = 0; i < ndirs; i++)
        if (strcmp(dirs[i], dst) == 0) return dirs[i];
    if (ndirs == 4 || (mkdir(dst, 0700) && access(dst, F_OK))) { perror(dst); abort(); }
    DIR *d = opendir(src);
    if (!d) { perror(src); abort(); }
    struct dirent *e;
    while ((e = readdir(d))) {
        if (e->d_name[0] == '.') continue;
        char from[1024], to[1024];
        snprintf(from, sizeof from, "%s/%s", src, e->d_name);
        snprintf(to, sizeof to, "%s/%s", dst, e->d_name);
        if (symlink(from, to) && access(to, F_OK)) { perror(to); abort(); }
    }
    closedir(d);
    snprintf(dirs[ndirs], sizeof dirs[ndirs], "%s", dst);
    return dirs[ndirs++];
}

/* Replace entry `file` of the overlay dir by the fuzz input; fuzz_overlay_restore puts the link back. */
static inline void fuzz_overlay_put(const char *dir, const char *file, const uint8_t *data, size_t size)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", dir, file);
    unlink(path);
    FILE *fp = fopen(path, "wb");
    if (!fp || (size && fwrite(data, 1, size, fp) != size) || fclose(fp)) { perror(path); abort(); }
}

static inline void fuzz_overlay_restore(const char *dir, const char *src, const char *file)
{
    char from[1024], to[1024];
    snprintf(from, sizeof from, "%s/%s", src, file);
    snprintf(to, sizeof to, "%s/%s", dir, file);
    unlink(to);
    if (symlink(from, to)) { perror(to); abort(); }
}

#endif
