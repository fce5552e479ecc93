// Sequential: runs its children in order, each one's output the next one's input (torch.nn.Sequential).
#pragma once

#include <memory>

#include "engine/nn/module.h"

namespace gradlab {

class Sequential : public Module {
public:
    Sequential() = default;
    Sequential(std::initializer_list<std::shared_ptr<Module>> modules);

    // Appends a module named by its position ("0", "1", ...), or by the given name.
    Sequential& add(std::shared_ptr<Module> m);
    Sequential& push_back(std::shared_ptr<Module> m) { return add(std::move(m)); }
    Sequential& push_back(std::string name, std::shared_ptr<Module> m);

    std::size_t size() const { return namedChildren().size(); }
    bool empty() const { return size() == 0; }
    // The i-th module (negative i counts from the end, like Python); throws when out of range.
    Module& operator[](int64_t i) const { return *at(i); }
    std::shared_ptr<Module> at(int64_t i) const;

    Tensor forward(const Tensor& x) override;
    std::string_view typeName() const override { return "Sequential"; }
};

}  // namespace gradlab
