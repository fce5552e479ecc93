// CPU memory (64-byte aligned, with glibc tuned not to mmap/munmap every large buffer) and the
// device switch. CUDA memory comes from the caching allocator in engine/cuda.
#include "engine/core/device.h"

#include <malloc.h>

#include <cstdlib>
#include <new>

#include "engine/core/error.h"
#include "engine/cuda/cuda_backend.h"

namespace gradlab {
namespace {

constexpr std::size_t kSmallBlock = 1024;  // glibc's tcache serves blocks up to 1032 bytes

void tuneMallocOnce() {
    // glibc otherwise serves buffers above 128 KiB with mmap and returns them with munmap, which
    // costs ~1000 page faults per training step of a small CNN. Keep them in the heap instead.
    static const bool done = [] {
        mallopt(M_MMAP_THRESHOLD, 32 * 1024 * 1024);
        mallopt(M_TRIM_THRESHOLD, 256 * 1024 * 1024);
        return true;
    }();
    (void)done;
}

}  // namespace

const char* deviceName(Device d) { return d == Device::CUDA ? "cuda" : "cpu"; }

Device parseDevice(std::string_view name) {
    if (name == "cpu") return Device::CPU;
    if (name == "cuda" || name == "gpu") return Device::CUDA;
    GL_FAIL("unknown device '", name, "' (expected cpu or cuda)");
}

bool builtWithCuda() { return cuda::compiledIn(); }
bool cudaAvailable() { return cuda::available(); }
std::string cudaStatus() { return cuda::statusLine(); }

Storage::Storage(int64_t numel, Device device) : m_numel(numel), m_device(device) {
    GL_CHECK(numel >= 0, "cannot allocate a negative number of elements (", numel, ")");
    if (device == Device::CUDA) {
        m_data = static_cast<float*>(cuda::allocate(std::size_t(numel) * sizeof(float)));
        return;
    }
    if (numel <= kInline) {
        m_data = m_inline;
        return;
    }
    tuneMallocOnce();
    std::size_t bytes = (std::size_t(std::max<int64_t>(numel, 1)) * sizeof(float) + 63) / 64 * 64;
    // Small blocks (scalars, parameters of a toy model) come from malloc's per-thread cache: an
    // aligned_alloc splits chunks and takes glibc's slow path, half the cost of a tiny op. The
    // kernels do not need the alignment; large buffers keep it for whole cache lines.
    m_data = static_cast<float*>(bytes <= kSmallBlock ? std::malloc(bytes) : std::aligned_alloc(64, bytes));
    if (!m_data) GL_FAIL("out of memory allocating ", bytes, " bytes on the CPU");
}

Storage::~Storage() {
    if (m_device == Device::CUDA)
        cuda::release(m_data, std::size_t(m_numel) * sizeof(float));
    else if (m_data != m_inline)
        std::free(m_data);
}

}  // namespace gradlab
