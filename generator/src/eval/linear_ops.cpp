// Gemm and MatMul.
#include <algorithm>

#include "eval/op_context.h"

namespace nngen::eval {

std::vector<Value> eval_Gemm(const OpContext& c) {
  const Value& a = c.input(0, "A");
  const Value& b = c.input(1, "B");
  c.check_rank(a, "input 0 (A)", 2, 2);
  c.check_rank(b, "input 1 (B)", 2, 2);
  const bool ta = c.node().attr_int("transA", 0) != 0, tb = c.node().attr_int("transB", 0) != 0;
  const double alpha = c.node().attr_float("alpha", 1.0f), beta = c.node().attr_float("beta", 1.0f);
  const int64_t m = ta ? a.shape[1] : a.shape[0], k = ta ? a.shape[0] : a.shape[1];
  const int64_t kb = tb ? b.shape[1] : b.shape[0], n = tb ? b.shape[0] : b.shape[1];
  if (k != kb) {
    c.fail("A" + std::string(ta ? "'" : "") + " is " + std::to_string(m) + "x" + std::to_string(k) +
           " but B" + (tb ? "'" : "") + " is " + std::to_string(kb) + "x" + std::to_string(n));
  }
  c.check_work({m, n, k});  // before the output is allocated
  Value y = c.make({m, n}, "the output");
  if (const Value* cv = c.optional(2)) {
    // C broadcasts unidirectionally to [M, N].
    const auto& s = cv->shape;
    if (s.size() > 2 || (s.size() == 2 && ((s[0] != m && s[0] != 1) || (s[1] != n && s[1] != 1))) ||
        (s.size() == 1 && s[0] != n && s[0] != 1)) {
      c.fail("input 2 (C) of shape " + shape_text(s) + " does not broadcast to [" +
             std::to_string(m) + "," + std::to_string(n) + "]");
    }
    const int64_t r0 = s.size() == 2 && s[0] != 1 ? s[1] : 0;
    const int64_t c0 = (!s.empty() && s.back() != 1) ? 1 : 0;
    for (int64_t i = 0; i < m; ++i) {
      for (int64_t j = 0; j < n; ++j) {
        y.data[static_cast<size_t>(i * n + j)] =
            beta * cv->data[static_cast<size_t>(i * r0 + j * c0)];
      }
    }
  }
  for (int64_t i = 0; i < m; ++i) {
    for (int64_t j = 0; j < n; ++j) {
      double acc = 0;
      for (int64_t p = 0; p < k; ++p) {
        const double av = a.data[static_cast<size_t>(ta ? p * m + i : i * k + p)];
        const double bv = b.data[static_cast<size_t>(tb ? j * k + p : p * n + j)];
        acc += av * bv;
      }
      y.data[static_cast<size_t>(i * n + j)] += alpha * acc;
    }
  }
  return {y};
}

std::vector<Value> eval_MatMul(const OpContext& c) {
  Value a = c.input(0, "A"), b = c.input(1, "B");
  if (a.shape.empty() || b.shape.empty()) c.fail("MatMul needs inputs of rank >= 1");
  // numpy.matmul: a 1-D A is a row vector, a 1-D B a column vector; the added axis is removed
  // from the result.
  const bool a1 = a.shape.size() == 1, b1 = b.shape.size() == 1;
  if (a1) a.shape.insert(a.shape.begin(), 1);
  if (b1) b.shape.push_back(1);
  const int64_t m = a.shape[a.shape.size() - 2], k = a.shape.back();
  const int64_t kb = b.shape[b.shape.size() - 2], n = b.shape.back();
  if (k != kb) {
    c.fail("inner dimensions differ: A " + shape_text(a.shape) + ", B " + shape_text(b.shape));
  }
  // Broadcast the batch dimensions.
  const std::vector<int64_t> ba(a.shape.begin(), a.shape.end() - 2),
      bb(b.shape.begin(), b.shape.end() - 2);
  const size_t r = std::max(ba.size(), bb.size());
  std::vector<int64_t> batch(r);
  for (size_t i = 0; i < r; ++i) {
    const int64_t da = i + ba.size() >= r ? ba[i + ba.size() - r] : 1;
    const int64_t db = i + bb.size() >= r ? bb[i + bb.size() - r] : 1;
    if (da != db && da != 1 && db != 1) {
      c.fail("batch dimensions of A " + shape_text(a.shape) + " and B " + shape_text(b.shape) +
             " do not broadcast");
    }
    batch[i] = da == 1 ? db : da;
  }
  std::vector<int64_t> shape = batch;
  shape.push_back(m);
  shape.push_back(n);
  // The work is checked before the output is allocated.
  const int64_t nb = c.count(batch, "the output's batch dimensions");
  c.check_work({nb, m, n, k});
  Value y = c.make(shape, "the output");
  std::vector<int64_t> idx(r, 0);
  for (int64_t t = 0; t < nb; ++t) {
    // Offsets of this batch element in A and B (broadcast dimensions read index 0).
    int64_t oa = 0, ob = 0, sa = m * k, sb = k * n;
    for (size_t d = r; d-- > 0;) {
      if (d + ba.size() >= r) {
        const size_t i = d + ba.size() - r;
        if (ba[i] != 1) oa += idx[d] * sa;
        sa *= ba[i];
      }
      if (d + bb.size() >= r) {
        const size_t i = d + bb.size() - r;
        if (bb[i] != 1) ob += idx[d] * sb;
        sb *= bb[i];
      }
    }
    for (int64_t i = 0; i < m; ++i) {
      for (int64_t j = 0; j < n; ++j) {
        double acc = 0;
        for (int64_t p = 0; p < k; ++p) {
          acc += a.data[static_cast<size_t>(oa + i * k + p)] *
                 b.data[static_cast<size_t>(ob + p * n + j)];
        }
        y.data[static_cast<size_t>(t * m * n + i * n + j)] = acc;
      }
    }
    for (size_t d = r; d-- > 0;) {
      if (++idx[d] < batch[d]) break;
      idx[d] = 0;
    }
  }
  if (b1) y.shape.pop_back();
  if (a1) y.shape.erase(y.shape.end() - (b1 ? 1 : 2));
  return {y};
}

}  // namespace nngen::eval
