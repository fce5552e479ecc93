// Batches in a new random order every epoch, with a state that saves to JSON and comes back
// checked: for lessons whose batch size may change while they train (a DataLoader's may not).
#pragma once

#include <algorithm>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "engine/core/error.h"
#include "engine/core/rng.h"

namespace gradlab::lessons {

// A permutation of [0, n) drawn from `gen` (Fisher-Yates).
inline std::vector<int64_t> permutation(int64_t n, Generator& gen) {
    std::vector<int64_t> v(static_cast<std::size_t>(n));
    for (int64_t i = 0; i < n; ++i) v[std::size_t(i)] = i;
    for (int64_t i = n - 1; i > 0; --i) std::swap(v[std::size_t(i)], v[std::size_t(gen.below(uint64_t(i + 1)))]);
    return v;
}

// Batches of [0, n) in a new random order every epoch; `next` returns up to `batch` indices and
// never crosses an epoch's end.
struct Order {
    std::vector<int64_t> order;
    int64_t position = 0, epoch = 0;

    std::vector<int64_t> next(int64_t n, int64_t batch, Generator& gen) {
        if (int64_t(order.size()) != n || position >= n) {
            if (int64_t(order.size()) == n && position >= n) ++epoch;
            order = permutation(n, gen);
            position = 0;
        }
        const int64_t k = std::min(batch, n - position);
        std::vector<int64_t> out(order.begin() + position, order.begin() + position + k);
        position += k;
        return out;
    }
    bool epochDone() const { return !order.empty() && position >= int64_t(order.size()); }

    nlohmann::json toJson() const { return {{"order", order}, {"position", position}, {"epoch", epoch}}; }
    // `what` names the lesson and the part in messages ("generalization: plane").
    static Order fromJson(const nlohmann::json& j, int64_t n, const std::string& what) {
        GL_CHECK(j.is_object() && j.contains("order") && j.at("order").is_array() && j.contains("position") &&
                     j.at("position").is_number_integer() && j.contains("epoch") && j.at("epoch").is_number_integer(),
                 what, ": the checkpoint's batch order is damaged");
        Order o;
        std::vector<char> seen(static_cast<std::size_t>(n), 0);
        for (const auto& v : j.at("order")) {
            GL_CHECK(v.is_number_integer() && v.get<int64_t>() >= 0 && v.get<int64_t>() < n && !seen[v.get<std::size_t>()],
                     what, ": the checkpoint's batch order is not a permutation of its ", n, " items");
            seen[v.get<std::size_t>()] = 1;
            o.order.push_back(v.get<int64_t>());
        }
        GL_CHECK(o.order.empty() || int64_t(o.order.size()) == n, what, ": the checkpoint's batch order has ", o.order.size(), " items, not ", n);
        o.position = j.at("position").get<int64_t>();
        o.epoch = j.at("epoch").get<int64_t>();
        GL_CHECK(o.position >= 0 && o.position <= int64_t(o.order.size()) && o.epoch >= 0 && o.epoch <= int64_t(1'000'000'000'000),
                 what, ": the checkpoint's batch position is out of range");
        return o;
    }
};

}  // namespace gradlab::lessons
