#ifndef FUZZ_DRIVER_H
#define FUZZ_DRIVER_H

#include <stddef.h>
#include <stdint.h>

/// One input to a fuzz target; 0 to go on.
typedef int (*FuzzTarget)(const uint8_t *data, size_t size);

/// Runs libFuzzer's driver (LLVMFuzzerRunDriver) over `target` with the command line.
/// SwiftPM names an executable's entry `<Product>_main`, so each target defines that and
/// calls this, rather than relying on libFuzzer's own `main`.
int fuzz_driver_main(int argc, char **argv, FuzzTarget target);

#endif
