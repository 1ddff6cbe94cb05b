/* fuzz_network.c — interaction network edge lists (src/network graph.c, `hubs --network`); a
 * network that loads is cut to the subnetwork of its first nodes. */
#include "fuzz_util.h"
#include "ferrosim/network.h"

FUZZ_QUIET_INIT

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1) return 0;
    const char *path = fuzz_file(data + 1, size - 1, "network.tsv");
    ferro_network_t *net = NULL;
    ferro_error_clear();
    int rc = ferro_network_read(path, (double)(data[0] % 5) * 100.0, &net);
    fuzz_check_file(rc, "ferro_network_read", path);
    if (!rc) {
        ferro_network_t *sub = NULL;
        int nmissing = 0, n = net->nnode < 6 ? net->nnode : 6;
        ferro_error_clear();
        fuzz_check(ferro_network_induced(net, net->node, n, &sub, &nmissing), "ferro_network_induced");
        ferro_network_free(sub);
        ferro_network_free(net);
    }
    return 0;
}
