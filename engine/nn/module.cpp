// Module bookkeeping: registration, recursive traversal with dotted names, hooks and state dicts.
#include "engine/nn/module.h"

#include <algorithm>
#include <set>

#include "engine/autograd/autograd.h"
#include "engine/core/error.h"

namespace gradlab {

Tensor Module::operator()(const Tensor& x) {
    Tensor y = forward(x);
    if (!m_hooks.empty()) {
        // A hook may remove itself (or others) while running: iterate over a copy.
        auto hooks = m_hooks;
        for (auto& [id, hook] : hooks) hook(*this, x, y);
    }
    return y;
}

void Module::checkNewName(const std::string& name) const {
    GL_CHECK(!name.empty(), typeName(), ": a parameter, buffer or child needs a non-empty name");
    GL_CHECK(name.find('.') == std::string::npos, typeName(), ": the name '", name, "' must not contain '.'");
    auto taken = [&](const auto& list) {
        return std::any_of(list.begin(), list.end(), [&](const auto& e) { return e.first == name; });
    };
    GL_CHECK(!taken(m_params) && !taken(m_buffers) && !taken(m_children), typeName(), ": the name '", name,
             "' is already used in this module");
}

Tensor& Module::registerParameter(std::string name, Tensor t) {
    checkNewName(name);
    GL_CHECK(t.defined(), typeName(), ": parameter '", name, "' is undefined");
    GL_CHECK(t.isLeaf(), typeName(), ": parameter '", name, "' must be a leaf tensor (detach it first)");
    t.setRequiresGrad(true);
    m_params.emplace_back(std::move(name), std::move(t));
    return m_params.back().second;
}

Tensor& Module::registerBuffer(std::string name, Tensor t) {
    checkNewName(name);
    GL_CHECK(t.defined(), typeName(), ": buffer '", name, "' is undefined");
    m_buffers.emplace_back(std::move(name), std::move(t));
    return m_buffers.back().second;
}

void Module::addChild(std::string name, std::shared_ptr<Module> m) {
    checkNewName(name);
    GL_CHECK(m != nullptr, typeName(), ": child module '", name, "' is null");
    GL_CHECK(m.get() != this, typeName(), ": a module cannot be its own child");
    m_children.emplace_back(std::move(name), std::move(m));
}

void Module::collect(const std::string& prefix, bool params, NamedTensors& out) const {
    for (const auto& [name, t] : params ? m_params : m_buffers) out.emplace_back(prefix + name, t);
    for (const auto& [name, m] : m_children) m->collect(prefix + name + ".", params, out);
}

Module::NamedTensors Module::namedParameters() const {
    NamedTensors out;
    collect("", true, out);
    return out;
}

std::vector<Tensor> Module::parameters() const {
    std::vector<Tensor> out;
    for (auto& [name, t] : namedParameters()) out.push_back(t);
    return out;
}

int64_t Module::numParameters() const {
    int64_t n = 0;
    for (auto& [name, t] : namedParameters()) n += t.numel();
    return n;
}

Module::NamedTensors Module::namedBuffers() const {
    NamedTensors out;
    collect("", false, out);
    return out;
}

std::shared_ptr<Module> Module::child(std::string_view path) const {
    std::string_view head = path.substr(0, path.find('.'));
    for (const auto& [name, m] : m_children) {
        if (name != head) continue;
        if (head.size() == path.size()) return m;
        return m->child(path.substr(head.size() + 1));
    }
    GL_FAIL(typeName(), ": no child module named '", head, "'");
}

void Module::train(bool on) {
    m_training = on;
    for (auto& [name, m] : m_children) m->train(on);
}

void Module::zeroGrad() {
    for (auto& [name, t] : namedParameters()) t.zeroGrad();
}

int Module::addForwardHook(ForwardHook hook) {
    GL_CHECK(bool(hook), typeName(), ": addForwardHook needs a callable");
    int id = m_nextHookId++;
    m_hooks.emplace_back(id, std::move(hook));
    return id;
}

void Module::removeForwardHook(int id) {
    std::erase_if(m_hooks, [id](const auto& h) { return h.first == id; });
}

std::map<std::string, Tensor> Module::stateDict() const {
    std::map<std::string, Tensor> out;
    for (auto& [name, t] : namedParameters()) out.emplace(name, t.detach());
    for (auto& [name, t] : namedBuffers()) out.emplace(name, t.detach());
    return out;
}

void Module::loadStateDict(const std::map<std::string, Tensor>& dict, bool strict) {
    NamedTensors own = namedParameters();
    NamedTensors buffers = namedBuffers();
    own.insert(own.end(), buffers.begin(), buffers.end());

    // Validate everything first: nothing may change when the dict does not fit.
    std::vector<std::string> missing, unexpected, mismatched;
    std::set<std::string> ownNames;
    std::vector<std::pair<Tensor, Tensor>> copies;  // (destination, source)
    for (auto& [name, t] : own) {
        ownNames.insert(name);
        auto it = dict.find(name);
        if (it == dict.end()) {
            missing.push_back(name);
            continue;
        }
        const Tensor& src = it->second;
        if (!src.defined() || src.shape() != t.shape()) {
            mismatched.push_back(str(name, " (expected ", shapeStr(t.shape()), ", got ",
                                     src.defined() ? shapeStr(src.shape()) : std::string("undefined"), ")"));
            continue;
        }
        copies.emplace_back(t, src);
    }
    for (auto& [name, t] : dict)
        if (!ownNames.count(name)) unexpected.push_back(name);

    auto join = [](const std::vector<std::string>& v) {
        std::string s;
        for (const auto& x : v) s += (s.empty() ? "" : ", ") + x;
        return s;
    };
    bool bad = !mismatched.empty() || (strict && (!missing.empty() || !unexpected.empty()));
    if (bad) {
        std::string msg = str("loadStateDict for ", typeName(), " failed (nothing was changed):");
        if (strict && !missing.empty()) msg += str(" missing keys: ", join(missing), ".");
        if (strict && !unexpected.empty()) msg += str(" unexpected keys: ", join(unexpected), ".");
        if (!mismatched.empty()) msg += str(" size mismatch: ", join(mismatched), ".");
        GL_FAIL(msg);
    }
    NoGradGuard guard;
    for (auto& [dst, src] : copies) dst.copy_(src);
}

namespace {

// Points t's handle (and its gradient's) at copies on `device`, keeping the handle itself. Both
// copies are made before either is installed: a failed copy (no GPU, out of memory) changes nothing.
void moveInPlace(Tensor& t, Device device) {
    if (!t.defined()) return;
    TensorImpl* impl = t.impl();
    Tensor moved = t.device() != device ? t.detach().to(device) : Tensor();
    Tensor movedGrad = impl->grad && impl->grad->storage->device() != device ? Tensor(impl->grad).detach().to(device)
                                                                           : Tensor();
    if (moved.defined()) {
        impl->storage = moved.storage();
        impl->strides = moved.strides();
        impl->offset = moved.offset();
    }
    if (movedGrad.defined()) impl->grad = movedGrad.implPtr();
}

}  // namespace

void Module::to(Device device) {
    NoGradGuard guard;
    for (auto& [name, t] : m_params) moveInPlace(t, device);
    for (auto& [name, t] : m_buffers) moveInPlace(t, device);
    for (auto& [name, child] : m_children) child->to(device);
}

Device Module::device() const {
    if (!m_params.empty()) return m_params.front().second.device();
    if (!m_buffers.empty()) return m_buffers.front().second.device();
    for (const auto& [name, child] : m_children)
        if (!child->namedParameters().empty() || !child->namedBuffers().empty()) return child->device();
    return Device::CPU;
}

}  // namespace gradlab
