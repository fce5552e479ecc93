// Optimizer base: parameters, checked options, the step loop, state save/load, and the factory.
#include "engine/optim/optimizer.h"

#include <array>
#include <cmath>
#include <set>

#include "engine/autograd/autograd.h"
#include "engine/core/error.h"
#include "engine/optim/fused_update.h"
#include "engine/optim/optimizers.h"

namespace gradlab {

Optimizer::Optimizer(std::vector<Tensor> params, std::vector<OptionSpec> specs)
    : m_params(std::move(params)), m_options(std::move(specs)) {
    GL_CHECK(!m_params.empty(), "optimizer got an empty parameter list");
    std::set<const TensorImpl*> seen;
    for (std::size_t i = 0; i < m_params.size(); ++i) {
        const Tensor& p = m_params[i];
        GL_CHECK(p.defined(), "optimizer: parameter ", i, " is undefined");
        GL_CHECK(p.isLeaf(), "optimizer: parameter ", i, " is not a leaf tensor (optimizers can only update leaves)");
        GL_CHECK(seen.insert(p.impl()).second, "optimizer: parameter ", i, " appears more than once in the list");
    }
    m_state.resize(m_params.size());
}

// ---------------------------------------------------------------- options
void Optimizer::validateOptions(const std::map<std::string_view, double>& proposed) const {
    for (const OptionSpec& s : m_options) {
        double v = proposed.at(s.name);
        switch (s.kind) {
            case OptionKind::NonNegative:
                GL_CHECK(std::isfinite(v) && v >= 0.0, typeName(), ": invalid ", s.name, " value ", v,
                         " (must be a finite number >= 0)");
                break;
            case OptionKind::Real:
                GL_CHECK(std::isfinite(v), typeName(), ": invalid ", s.name, " value ", v, " (must be finite)");
                break;
            case OptionKind::Beta:
                GL_CHECK(v >= 0.0 && v < 1.0, typeName(), ": invalid ", s.name, " value ", v, " (must be in [0, 1))");
                break;
            case OptionKind::Flag:
                GL_CHECK(v == 0.0 || v == 1.0, typeName(), ": invalid ", s.name, " value ", v,
                         " (a flag: 0 or 1)");
                break;
        }
    }
    checkOptions(proposed);
}

void Optimizer::applyOptions(const std::map<std::string, double>& options) {
    std::map<std::string_view, double> proposed;
    for (const OptionSpec& s : m_options) proposed[s.name] = s.value;
    for (const auto& [name, value] : options) {
        auto it = proposed.find(name);
        if (it == proposed.end()) option(name);  // throws the "unknown option" error
        it->second = value;
    }
    validateOptions(proposed);
    for (OptionSpec& s : m_options) s.value = proposed.at(s.name);
}

void Optimizer::setOption(std::string_view name, double value) { applyOptions({{std::string(name), value}}); }

double Optimizer::option(std::string_view name) const {
    for (const OptionSpec& s : m_options)
        if (s.name == name) return s.value;
    std::string known;
    for (const OptionSpec& s : m_options) known += (known.empty() ? "" : ", ") + std::string(s.name);
    GL_FAIL(typeName(), " has no option '", name, "' (its options: ", known, ")");
}

bool Optimizer::hasOption(std::string_view name) const {
    for (const OptionSpec& s : m_options)
        if (s.name == name) return true;
    return false;
}

std::vector<std::string_view> Optimizer::optionNames() const {
    std::vector<std::string_view> out;
    for (const OptionSpec& s : m_options) out.push_back(s.name);
    return out;
}

// ---------------------------------------------------------------- stepping
void Optimizer::step() {
    NoGradGuard guard;
    for (std::size_t i = 0; i < m_params.size(); ++i) {
        Tensor g = m_params[i].grad();
        if (!g.defined()) continue;
        GL_CHECK(g.shape() == m_params[i].shape(), typeName(), ": gradient of parameter ", i, " has shape ",
                 shapeStr(g.shape()), ", the parameter ", shapeStr(m_params[i].shape()));
        // The gradient goes where the update runs: one fused kernel on CUDA for a contiguous CUDA
        // parameter, the host loop for everything else (a strided CUDA view is staged on the host).
        const Device where = detail::onCuda(m_params[i]) ? Device::CUDA : Device::CPU;
        if (g.device() != where) g = g.to(where);
        update(i, g.contiguous());
    }
}

void Optimizer::zeroGrad() {
    for (Tensor& p : m_params) p.zeroGrad();
}

void Optimizer::to(Device device) {
    for (ParamState& s : m_state)
        for (auto& [name, t] : s.buffers)
            if (t.device() != device) t = t.to(device);
}

Tensor& Optimizer::buffer(std::size_t index, std::string_view name, float init, bool* created) {
    auto& bufs = m_state[index].buffers;
    auto it = bufs.find(name);
    if (created) *created = it == bufs.end();
    const Tensor& p = m_params[index];
    if (it == bufs.end()) {
        it = bufs.emplace(std::string(name), full(p.shape(), init, p.device())).first;
    } else if (it->second.device() != p.device()) {
        // The parameters moved (module.to(device)) after this state was made: the state follows.
        it->second = it->second.to(p.device());
    }
    return it->second;
}

// ---------------------------------------------------------------- state
Optimizer::NamedTensors Optimizer::stateTensors() const {
    NamedTensors out;
    for (std::size_t i = 0; i < m_state.size(); ++i)
        for (std::string_view name : bufferNames()) {
            auto it = m_state[i].buffers.find(name);
            if (it != m_state[i].buffers.end()) out.emplace_back(str(i, ".", name), it->second);
        }
    return out;
}

nlohmann::json Optimizer::stateScalars() const {
    nlohmann::json j;
    j["type"] = std::string(typeName());
    nlohmann::json opts = nlohmann::json::object();
    for (const OptionSpec& s : m_options) opts[std::string(s.name)] = s.value;
    j["options"] = opts;
    nlohmann::json params = nlohmann::json::array();
    for (const ParamState& s : m_state) {
        nlohmann::json p = nlohmann::json::object();
        if (savesStep()) p["step"] = s.step;
        if (savesMuProduct()) p["mu_product"] = double(s.muProduct);  // float -> double is exact
        params.push_back(p);
    }
    j["params"] = params;
    return j;
}

void Optimizer::loadState(const NamedTensors& tensors, const nlohmann::json& scalars) {
    const std::string who = str(typeName(), ".loadState: ");
    GL_CHECK(scalars.is_object(), who, "the scalar state must be a JSON object");
    GL_CHECK(scalars.contains("type") && scalars["type"].is_string() && scalars["type"].get<std::string>() == typeName(),
             who, "the state was saved by ",
             scalars.contains("type") && scalars["type"].is_string() ? scalars["type"].get<std::string>() : "an unknown optimizer",
             ", not by ", typeName());

    // Options: every known one must be present and valid.
    std::map<std::string_view, double> proposed;
    GL_CHECK(scalars.contains("options") && scalars["options"].is_object(), who, "missing \"options\"");
    const auto& jo = scalars["options"];
    for (const auto& [key, value] : jo.items()) {
        GL_CHECK(hasOption(key), who, "unknown option '", key, "'");
        GL_CHECK(value.is_number(), who, "option '", key, "' is not a number");
    }
    for (const OptionSpec& s : m_options) {
        GL_CHECK(jo.contains(std::string(s.name)), who, "option '", s.name, "' is missing");
        proposed[s.name] = jo[std::string(s.name)].get<double>();
    }
    validateOptions(proposed);

    // Per-parameter scalars.
    GL_CHECK(scalars.contains("params") && scalars["params"].is_array(), who, "missing \"params\"");
    const auto& jp = scalars["params"];
    GL_CHECK(jp.size() == m_params.size(), who, "the state is for ", jp.size(), " parameters, this optimizer has ",
             m_params.size());
    std::vector<ParamState> fresh(m_params.size());
    for (std::size_t i = 0; i < jp.size(); ++i) {
        const auto& e = jp[i];
        GL_CHECK(e.is_object(), who, "params[", i, "] is not an object");
        if (savesStep()) {
            GL_CHECK(e.contains("step") && e["step"].is_number_integer() && e["step"].get<int64_t>() >= 0, who,
                     "params[", i, "].step must be a non-negative integer");
            fresh[i].step = e["step"].get<int64_t>();
        }
        if (savesMuProduct()) {
            GL_CHECK(e.contains("mu_product") && e["mu_product"].is_number(), who, "params[", i,
                     "].mu_product is missing");
            double mp = e["mu_product"].get<double>();
            GL_CHECK(std::isfinite(mp), who, "params[", i, "].mu_product is not finite");
            fresh[i].muProduct = float(mp);
        }
    }

    // Tensors: "<index>.<buffer name>", known names, matching shapes.
    const auto names = bufferNames();
    for (const auto& [key, t] : tensors) {
        auto dot = key.find('.');
        GL_CHECK(dot != std::string::npos && dot > 0, who, "state tensor name '", key,
                 "' is not of the form <index>.<name>");
        std::size_t idx = 0;
        try {
            std::size_t used = 0;
            idx = std::stoul(key.substr(0, dot), &used);
            GL_CHECK(used == dot, who, "bad parameter index in '", key, "'");
        } catch (const std::logic_error&) {
            GL_FAIL(who, "bad parameter index in '", key, "'");
        }
        GL_CHECK(idx < m_params.size(), who, "state tensor '", key, "' refers to parameter ", idx, " but there are only ",
                 m_params.size());
        std::string name = key.substr(dot + 1);
        bool known = false;
        for (auto n : names) known = known || n == name;
        GL_CHECK(known, who, "unknown state tensor '", key, "' for ", typeName());
        GL_CHECK(t.defined() && t.shape() == m_params[idx].shape(), who, "state tensor '", key, "' has shape ",
                 t.defined() ? shapeStr(t.shape()) : std::string("undefined"), ", the parameter ",
                 shapeStr(m_params[idx].shape()));
        GL_CHECK(!fresh[idx].buffers.count(name), who, "state tensor '", key, "' is given twice");
        fresh[idx].buffers.emplace(name, t);
    }
    for (std::size_t i = 0; i < fresh.size(); ++i) checkLoadedState(i, fresh[i]);

    // All checked: copy the tensors (the optimizer owns its state) and commit.
    NoGradGuard guard;
    for (std::size_t i = 0; i < fresh.size(); ++i)
        for (auto& [name, t] : fresh[i].buffers) {
            Tensor own = empty(m_params[i].shape(), m_params[i].device());
            own.copy_(t);
            t = own;
        }
    m_state = std::move(fresh);
    for (OptionSpec& s : m_options) s.value = proposed.at(s.name);
}

// ---------------------------------------------------------------- factory
namespace {
constexpr std::array<std::string_view, 6> kOptimizers = {"sgd", "rmsprop", "adagrad", "adam", "adamw", "nadam"};
}

std::span<const std::string_view> optimizerNames() { return kOptimizers; }

std::unique_ptr<Optimizer> makeOptimizer(std::string_view name, std::vector<Tensor> params,
                                         const std::map<std::string, double>& options) {
    if (name == "sgd") return std::make_unique<SGD>(std::move(params), options);
    if (name == "rmsprop") return std::make_unique<RMSprop>(std::move(params), options);
    if (name == "adagrad") return std::make_unique<Adagrad>(std::move(params), options);
    if (name == "adam") return std::make_unique<Adam>(std::move(params), options);
    if (name == "adamw") return std::make_unique<AdamW>(std::move(params), options);
    if (name == "nadam") return std::make_unique<NAdam>(std::move(params), options);
    GL_FAIL("unknown optimizer '", name, "' (expected one of sgd, rmsprop, adagrad, adam, adamw, nadam)");
}

}  // namespace gradlab
