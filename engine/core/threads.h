// CPU threads the engine's kernels may use, per calling thread (an OpenMP setting). The GUI's
// worker leaves a core to the interface; the CLI uses them all.
#pragma once

namespace gradlab {

int hardwareThreads();        // logical CPUs of this machine
void setKernelThreads(int n); // for kernels called from this thread (n >= 1)
int kernelThreads();

}  // namespace gradlab
