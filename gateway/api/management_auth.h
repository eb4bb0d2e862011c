#pragma once
// X-Auth-Token for management APIs (contract §3): the token's SHA-256 against the configured
// hashes, compared in constant time.

#include <functional>

#include "gateway/config/config_holder.h"
#include "gateway/http/http_types.h"

namespace alarmgate {

class ManagementAuth {
 public:
  explicit ManagementAuth(const ConfigHolder& config) : config_(config) {}

  bool Authorized(const HttpRequest& request) const;

  // Wraps a handler: requests without a valid token get the contract's 401.
  Handler Protect(Handler handler) const;

 private:
  const ConfigHolder& config_;
};

}  // namespace alarmgate
