// What every op implementation of the executor receives, and the checks they share: input
// presence and rank, attribute ranges, bounded shape arithmetic. Internal to src/eval.
#pragma once

#include <initializer_list>
#include <string>
#include <vector>

#include "eval/value.h"
#include "ir/graph.h"

namespace nngen::eval {

class OpContext {
 public:
  OpContext(const ir::Graph& g, const ir::Node& n, const std::vector<const Value*>& in)
      : g_(g), n_(n), in_(in) {}

  const ir::Graph& graph() const { return g_; }
  const ir::Node& node() const { return n_; }

  // Error(kBadInput): "FILE: node 'x' (Op): WHAT".
  [[noreturn]] void fail(const std::string& what) const;

  size_t input_count() const { return in_.size(); }
  // Input `i`, which must be present; `role` names it in messages ("input 0 (X)").
  const Value& input(size_t i, const std::string& role) const;
  // Input `i` or nullptr when absent (past the end or an empty name).
  const Value* optional(size_t i) const { return i < in_.size() ? in_[i] : nullptr; }
  // Fails unless `v` has rank `lo`..`hi`.
  void check_rank(const Value& v, const std::string& role, size_t lo, size_t hi) const;

  // A zero-filled value of `shape`: every dimension >= 0, at most kMaxElements elements.
  Value make(const std::vector<int64_t>& shape, const std::string& what) const;
  // The element count of `shape` with the same checks.
  int64_t count(const std::vector<int64_t>& shape, const std::string& what) const;

  // Fails when the product of `factors` (multiply-adds or comparisons of one node) exceeds
  // kMaxWork: sizes are bounded one by one, their product is not.
  void check_work(std::initializer_list<int64_t> factors) const;

  // An axis attribute/value in [-rank, rank) made non-negative.
  size_t axis(int64_t a, size_t rank, const std::string& what) const;
  // Integer values of a 0-d/1-D input (axes, pads, shape): each must be integral.
  std::vector<int64_t> ints(const Value& v, const std::string& role) const;

  // The element type of output `i` as the model declares it ("" when unknown).
  std::string output_type(size_t i) const;
  bool output_is_integer(size_t i) const;

 private:
  const ir::Graph& g_;
  const ir::Node& n_;
  const std::vector<const Value*>& in_;
};

// Row-major strides of `shape`.
std::vector<int64_t> strides_of(const std::vector<int64_t>& shape);
// "[1,3,4]".
std::string shape_text(const std::vector<int64_t>& shape);

using OpFn = std::vector<Value> (*)(const OpContext&);

// One function per op, defined in the op family files.
#define NNGEN_EVAL_OPS(X)                                                                        \
  X(Add)                                                                                         \
  X(Sub)                                                                                         \
  X(Mul) X(Div) X(Relu) X(Sigmoid) X(Tanh) X(LeakyRelu) X(Elu) X(Selu) X(HardSigmoid) X(Clip)    \
      X(PRelu) X(Softmax) X(BatchNormalization) X(Gemm) X(MatMul) X(Conv) X(MaxPool)             \
          X(AveragePool) X(GlobalAveragePool) X(GlobalMaxPool) X(Concat) X(Pad) X(Flatten)       \
              X(Reshape) X(Transpose) X(Identity) X(Dropout) X(Constant) X(Squeeze) X(Unsqueeze) \
                  X(Shape) X(Gather) X(Cast)

#define NNGEN_EVAL_DECLARE(op) std::vector<Value> eval_##op(const OpContext& c);
NNGEN_EVAL_OPS(NNGEN_EVAL_DECLARE)
#undef NNGEN_EVAL_DECLARE

}  // namespace nngen::eval
