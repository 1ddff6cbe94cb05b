/* compiled_none.c — no compiled models: the table tools/gen_compiled.c links against. */
#include "formula/compiled.h"

const fxm_compiled_t fxm_compiled_models[] = {{0, 0, 0, 0, 0, 0}};
