#pragma once
// Per-integration token buckets (contract §2 rate_limit_per_s, burst = 2 x rate). A batch may
// take the bucket into debt as long as one token is left, so a batch larger than the burst is
// never refused forever, while the long-run rate still holds.

#include <cstdint>
#include <mutex>
#include <string>
#include <unordered_map>

#include "core/clock.h"

namespace alarmgate {

class RateLimiter {
 public:
  explicit RateLimiter(const Clock& clock) : clock_(clock) {}

  struct Decision {
    bool allowed = true;
    int64_t retry_after_s = 0;  // when refused: whole seconds until a token is back (≥ 1)
  };

  // Takes `n` tokens from `bucket` refilled at `rate_per_s`; rate 0 = unlimited.
  Decision Acquire(const std::string& bucket, double rate_per_s, int64_t n);

 private:
  struct Bucket {
    double tokens = 0;
    int64_t updated_ms = 0;
  };

  const Clock& clock_;
  std::mutex mu_;
  std::unordered_map<std::string, Bucket> buckets_;
};

}  // namespace alarmgate
