// The CUDA runtime layer: device detection (once, with a kernel that must really run), the
// caching allocator and host <-> device copies (pinned staging for large ones). CUDA errors
// become gradlab::Error, never an abort.
#include <cuda_runtime.h>

#include <atomic>
#include <cstdlib>
#include <cstring>
#include <map>
#include <mutex>
#include <vector>

#include "engine/core/error.h"
#include "engine/cuda/cuda_backend.h"
#include "engine/cuda/cuda_util.h"
#include "engine/ops/backend.h"
#include "kernels/device_query.cuh"

namespace gradlab::cuda {

void check(cudaError_t e, const char* what) {
    if (e != cudaSuccess) {
        cudaGetLastError();  // clear a non-sticky error so that the next call starts clean
        GL_FAIL("CUDA error in ", what, ": ", cudaGetErrorString(e));
    }
}

void checkLaunch(cudaError_t e, const char* kernel) {
    static const bool syncEach = [] {
        const char* v = std::getenv("GRADLAB_CUDA_SYNC");
        return v && *v && std::strcmp(v, "0") != 0;
    }();
    check(e, kernel);
    if (syncEach) check(cudaStreamSynchronize(stream()), kernel);
}

namespace {

std::atomic<bool> g_poison{false};

struct Probe {
    bool ok = false;
    std::string line;
};

// Runs once: is there a device of compute capability >= 7.5 on which our kernels run?
const Probe& probe() {
    static const Probe p = [] {
        Probe r;
        int count = 0;
        // Without a driver, statically linked cudart reports cudaErrorInsufficientDriver (or
        // another error): any error means "no CUDA device".
        cudaError_t e = cudaGetDeviceCount(&count);
        if (e != cudaSuccess || count == 0) {
            r.line = std::string("CUDA: not available (") +
                     (e != cudaSuccess ? cudaGetErrorString(e) : "no CUDA device found") + ")";
            cudaGetLastError();
            return r;
        }
        cudaDeviceProp prop{};
        if (cudaGetDeviceProperties(&prop, 0) != cudaSuccess) {
            r.line = "CUDA: not available (the device's properties cannot be read)";
            return r;
        }
        if (prop.major * 10 + prop.minor < 75) {
            r.line = std::string("CUDA: ") + prop.name + " is not supported (compute capability " +
                     std::to_string(prop.major) + "." + std::to_string(prop.minor) + ", need 7.5 or newer)";
            return r;
        }
        // Prove that code compiled here runs there: write 0..31 on the device and read it back.
        float* d = nullptr;
        float h[32] = {};
        bool ran = cudaMalloc(&d, sizeof h) == cudaSuccess && kernels::launchIota(d, 32, nullptr) == cudaSuccess &&
                   cudaMemcpy(h, d, sizeof h, cudaMemcpyDeviceToHost) == cudaSuccess;
        if (d) cudaFree(d);
        for (int i = 0; ran && i < 32; ++i) ran = h[i] == float(i);
        if (!ran) {
            cudaGetLastError();
            r.line = std::string("CUDA: ") + prop.name + " found, but our kernels do not run on it";
            return r;
        }
        r.ok = true;
        r.line = std::string("CUDA: ") + prop.name + " (" + std::to_string(prop.totalGlobalMem >> 30) + " GB, sm_" +
                 std::to_string(prop.major) + std::to_string(prop.minor) + ")";
        return r;
    }();
    return p;
}

// A caching allocator in the spirit of PyTorch's: freed blocks are kept by rounded size and
// handed out again, so a training loop in steady state never calls cudaMalloc.
class Cache {
public:
    static std::size_t round(std::size_t bytes) {
        if (bytes <= 512) return 512;
        if (bytes <= (1u << 20)) return (bytes + 511) / 512 * 512;
        return (bytes + (1u << 20) - 1) / (1u << 20) * (1u << 20);
    }
    void* take(std::size_t bytes) {
        std::size_t size = round(bytes);
        {
            std::lock_guard lock(m_mutex);
            auto it = m_free.find(size);
            if (it != m_free.end() && !it->second.empty()) {
                void* p = it->second.back();
                it->second.pop_back();
                return p;
            }
        }
        void* p = nullptr;
        cudaError_t e = cudaMalloc(&p, size);
        if (e == cudaErrorMemoryAllocation) {
            cudaGetLastError();
            emptyCache();  // give cached blocks back and try once more
            e = cudaMalloc(&p, size);
        }
        if (e != cudaSuccess) {
            cudaGetLastError();
            GL_FAIL("out of memory on the GPU: ", bytes, " bytes were asked for (", cudaGetErrorString(e), ")");
        }
        return p;
    }
    // Test mode: every block handed out is first filled with NaN (all bits set), so a kernel that
    // leaves an output element unwritten shows up as a NaN in the results.
    void* takePoisoned(std::size_t bytes) {
        void* p = take(bytes);
        if (g_poison.load(std::memory_order_relaxed)) check(cudaMemsetAsync(p, 0xFF, round(bytes), stream()), "poison");
        return p;
    }
    void give(void* p, std::size_t bytes) {
        if (!p) return;
        std::lock_guard lock(m_mutex);
        m_free[round(bytes)].push_back(p);
    }
    void emptyCache() {
        std::lock_guard lock(m_mutex);
        for (auto& [size, blocks] : m_free)
            for (void* p : blocks) cudaFree(p);
        m_free.clear();
    }

private:
    std::mutex m_mutex;
    std::map<std::size_t, std::vector<void*>> m_free;
};

Cache& cache() {
    static Cache* c = new Cache;  // never destroyed: tensors may outlive static destruction
    return *c;
}

}  // namespace

bool compiledIn() { return true; }
bool available() { return probe().ok; }
std::string statusLine() { return probe().line; }

void* allocate(std::size_t bytes) {
    GL_CHECK(available(), statusLine());
    return cache().takePoisoned(bytes);
}
void release(void* p, std::size_t bytes) { cache().give(p, bytes); }
void setPoison(bool on) { g_poison.store(on); }

void synchronize() {
    if (available()) check(cudaStreamSynchronize(stream()), "synchronize (an earlier kernel failed)");
}

namespace {

// Copies of at least this many bytes go through a pinned staging buffer of the calling thread:
// pageable memory would be staged by the driver in small pieces, at a fraction of the bus speed.
constexpr std::size_t kStagingMin = 256 * 1024;

struct Staging {
    void* p = nullptr;
    std::size_t size = 0;
    ~Staging() {
        if (p) cudaFreeHost(p);
    }
    // A pinned block of at least `bytes`, or null when pinned memory cannot be had (then the
    // copy goes directly from pageable memory).
    void* get(std::size_t bytes) {
        if (bytes <= size) return p;
        if (p) cudaFreeHost(p);
        p = nullptr, size = 0;
        if (cudaMallocHost(&p, bytes) != cudaSuccess) {
            cudaGetLastError();
            p = nullptr;
            return nullptr;
        }
        size = bytes;
        return p;
    }
};
thread_local Staging t_staging;

}  // namespace

// Both wait for the copy (and so for every kernel queued before it on this thread's stream).
void toHost(const float* src, float* dst, int64_t n) {
    if (n <= 0) return;
    const std::size_t bytes = std::size_t(n) * sizeof(float);
    void* pinned = bytes >= kStagingMin ? t_staging.get(bytes) : nullptr;
    check(cudaMemcpyAsync(pinned ? pinned : dst, src, bytes, cudaMemcpyDeviceToHost, stream()), "copy to host");
    check(cudaStreamSynchronize(stream()), "copy to host (or a kernel queued before it)");
    if (pinned) std::memcpy(dst, pinned, bytes);
}
void fromHost(const float* src, float* dst, int64_t n) {
    if (n <= 0) return;
    const std::size_t bytes = std::size_t(n) * sizeof(float);
    void* pinned = bytes >= kStagingMin ? t_staging.get(bytes) : nullptr;
    if (pinned) std::memcpy(pinned, src, bytes);
    check(cudaMemcpyAsync(dst, pinned ? pinned : src, bytes, cudaMemcpyHostToDevice, stream()), "copy to device");
    // The source (or the staging buffer, reused by the next copy) must stay put until the copy is done.
    check(cudaStreamSynchronize(stream()), "copy to device (or a kernel queued before it)");
}

}  // namespace gradlab::cuda
