#include "gateway/api/management_auth.h"

#include "core/crypto.h"
#include "gateway/api/envelope.h"

namespace alarmgate {

bool ManagementAuth::Authorized(const HttpRequest& request) const {
  auto token = request.Header("x-auth-token");
  if (!token || token->empty()) return false;
  const std::string hash = Sha256Hex(*token);
  bool match = false;
  // Compare against every configured hash, without stopping early, so timing says nothing.
  for (const AuthToken& t : config_.Get()->auth_tokens) {
    match |= ConstantTimeEquals(hash, t.sha256);
  }
  return match;
}

Handler ManagementAuth::Protect(Handler handler) const {
  return [this, handler = std::move(handler)](HttpRequest& request, Reply reply) {
    if (!Authorized(request)) {
      reply(JsonError(401, kTokenInvalidCode, kTokenInvalidMsg));
      return;
    }
    handler(request, std::move(reply));
  };
}

}  // namespace alarmgate
