/* fuzz_testworld.h — for harnesses whose parsers resolve names (cells, agents, genes) against a
 * world: the small test world of tests/data/population, loaded once in LLVMFuzzerInitialize as
 * `world`, with library logging quiet (header-only; after fuzz_util.h). */
#ifndef FERRO_FUZZ_TESTWORLD_H
#define FERRO_FUZZ_TESTWORLD_H

#include "ferrosim/population.h"

static ferro_world_t *world;

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc; (void)argv;
    ferro_log_set_level(FERRO_LOG_QUIET);
    if (ferro_world_load(FERRO_SOURCE_DIR "/tests/data/population", NULL, &world)) {
        fprintf(stderr, "fuzz: the test world: %s\n", ferro_error_message());
        abort();
    }
    return 0;
}

#endif
