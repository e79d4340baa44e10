#include "ir/graph.h"

#include "support/error.h"

namespace nngen::ir {

int64_t Tensor::num_elements() const {
  int64_t n = 1;
  for (int64_t d : shape) {
    if (d < 0) return -1;
    n *= d;
  }
  return n;
}

int64_t Node::attr_int(const std::string& key, int64_t fallback) const {
  auto it = attrs.find(key);
  if (it == attrs.end()) return fallback;
  if (auto v = std::get_if<int64_t>(&it->second)) return *v;
  fail_input(label() + ": attribute '" + key + "' must be an integer");
}

float Node::attr_float(const std::string& key, float fallback) const {
  auto it = attrs.find(key);
  if (it == attrs.end()) return fallback;
  if (auto v = std::get_if<float>(&it->second)) return *v;
  fail_input(label() + ": attribute '" + key + "' must be a float");
}

std::vector<int64_t> Node::attr_ints(const std::string& key) const {
  auto it = attrs.find(key);
  if (it == attrs.end()) return {};
  if (auto v = std::get_if<std::vector<int64_t>>(&it->second)) return *v;
  fail_input(label() + ": attribute '" + key + "' must be a list of integers");
}

std::string Node::attr_string(const std::string& key, const std::string& fallback) const {
  auto it = attrs.find(key);
  if (it == attrs.end()) return fallback;
  if (auto v = std::get_if<std::string>(&it->second)) return *v;
  fail_input(label() + ": attribute '" + key + "' must be a string");
}

std::string Node::label() const { return "node '" + name + "' (" + op + ")"; }

Tensor& Graph::tensor(const std::string& name) {
  auto it = tensors.find(name);
  if (it == tensors.end()) fail_input(source + ": tensor '" + name + "' is used but never defined");
  return it->second;
}

const Tensor& Graph::tensor(const std::string& name) const {
  auto it = tensors.find(name);
  if (it == tensors.end()) fail_input(source + ": tensor '" + name + "' is used but never defined");
  return it->second;
}

const Node* Graph::producer_of(const std::string& t) const {
  for (const Node& n : nodes) {
    for (const auto& o : n.outputs) {
      if (o == t) return &n;
    }
  }
  return nullptr;
}

int Graph::use_count(const std::string& t) const {
  int uses = t == output ? 1 : 0;
  for (const Node& n : nodes) {
    for (const auto& i : n.inputs) uses += i == t ? 1 : 0;
  }
  return uses;
}

}  // namespace nngen::ir
