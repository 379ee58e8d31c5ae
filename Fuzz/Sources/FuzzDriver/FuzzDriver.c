#include "FuzzDriver.h"

int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));

int fuzz_driver_main(int argc, char **argv, FuzzTarget target) {
    return LLVMFuzzerRunDriver(&argc, &argv, target);
}
