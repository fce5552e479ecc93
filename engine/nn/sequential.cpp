// Sequential container.
#include "engine/nn/sequential.h"

#include <string>

#include "engine/core/error.h"

namespace gradlab {

Sequential::Sequential(std::initializer_list<std::shared_ptr<Module>> modules) {
    for (const auto& m : modules) add(m);
}

Sequential& Sequential::add(std::shared_ptr<Module> m) {
    addChild(std::to_string(size()), std::move(m));
    return *this;
}

Sequential& Sequential::push_back(std::string name, std::shared_ptr<Module> m) {
    addChild(std::move(name), std::move(m));
    return *this;
}

std::shared_ptr<Module> Sequential::at(int64_t i) const {
    const int64_t n = int64_t(size());
    GL_CHECK(i >= -n && i < n, "Sequential: index ", i, " is out of range for ", n, " modules");
    return namedChildren()[std::size_t(i < 0 ? i + n : i)].second;
}

Tensor Sequential::forward(const Tensor& x) {
    Tensor y = x;
    for (const auto& [name, m] : namedChildren()) y = (*m)(y);
    return y;
}

}  // namespace gradlab
