/* test_dist.c — the distribution layer in one process (no launcher): rank 0 of 1 owns every
 * item, merging changes nothing and passes the status through; the block partition of
 * ferro_dist_owns covers 0..n-1 exactly once for any rank count (checked by its formula). */
#include "test_util.h"

#include <string.h>

#include "ferrosim/dist.h"

int main(int argc, char **argv)
{
    expect_int(ferro_dist_init(&argc, &argv), 0, "init without a launcher");
    expect_int(ferro_dist_rank(), 0, "rank");
    expect_int(ferro_dist_size(), 1, "size");
    int all = 1;
    for (long k = 0; k < 1000; k++) all &= ferro_dist_owns(k, 1000);
    expect_int(all, 1, "rank 0 of 1 owns every item");
    expect_int((int)ferro_dist_share(1000), 1000, "share of 1000");
    double buf[3] = {1.5, 0, -2};
    expect_int(ferro_dist_merge(buf, 3, 0), 0, "merge ok");
    expect_rel(buf[0] + buf[2], -0.5, 0, "merge leaves the values");
    ferro_error_set(FERRO_ESOLVER, "cell 3 failed");
    expect_int(ferro_dist_merge(buf, 3, FERRO_ESOLVER), FERRO_ESOLVER, "merge passes a failure");
    expect_int(strcmp(ferro_error_message(), "cell 3 failed"), 0, "with its message");
    ferro_dist_end(2); /* not distributed: returns */
    return test_summary("dist");
}
