#include "pipeline/rate_limiter.h"

#include <algorithm>
#include <cmath>

namespace alarmgate {

RateLimiter::Decision RateLimiter::Acquire(const std::string& bucket, double rate_per_s,
                                           int64_t n) {
  if (rate_per_s <= 0) return {};
  const double burst = 2 * rate_per_s;
  const int64_t now = clock_.NowMs();
  std::lock_guard<std::mutex> lock(mu_);
  auto [it, inserted] = buckets_.try_emplace(bucket, Bucket{burst, now});
  Bucket& b = it->second;
  if (!inserted) {
    const double elapsed_s = static_cast<double>(std::max<int64_t>(0, now - b.updated_ms)) / 1000;
    b.tokens = std::min(burst, b.tokens + elapsed_s * rate_per_s);
    b.updated_ms = now;
  }
  // A bucket whose rate was lowered on reload must not keep a burst larger than the new one.
  b.tokens = std::min(b.tokens, burst);
  if (b.tokens >= 1) {
    b.tokens -= static_cast<double>(n);
    return {};
  }
  const double missing = 1 - b.tokens;
  return {false, std::max<int64_t>(1, static_cast<int64_t>(std::ceil(missing / rate_per_s)))};
}

}  // namespace alarmgate
