// Devices and raw memory: where a tensor's storage lives (CPU or CUDA), the storage block itself,
// and what the runtime can offer (is a CUDA device usable here?).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

namespace gradlab {

enum class Device : uint8_t { CPU = 0, CUDA = 1 };

const char* deviceName(Device d);  // "cpu" / "cuda"
// Parses "cpu" / "cuda"; throws Error on anything else.
Device parseDevice(std::string_view name);

// True when the engine was built with CUDA and a working device and driver are present.
bool cudaAvailable();
// One line for users: the GPU's name and memory, or why CUDA is not usable.
std::string cudaStatus();
bool builtWithCuda();

// A block of float32 memory on one device. Freed through the device's allocator. A small CPU
// block (a scalar, a 2-D point) lives inside the Storage object itself: no allocation of its own.
class Storage {
public:
    Storage(int64_t numel, Device device);
    ~Storage();
    Storage(const Storage&) = delete;
    Storage& operator=(const Storage&) = delete;

    float* data() const { return m_data; }
    int64_t numel() const { return m_numel; }
    Device device() const { return m_device; }

private:
    static constexpr int64_t kInline = 16;
    float* m_data = nullptr;
    int64_t m_numel = 0;
    Device m_device = Device::CPU;
    alignas(16) float m_inline[kInline];  // the data when m_data points here
};

}  // namespace gradlab
