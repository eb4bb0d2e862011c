#include "gateway/config_reloader.h"

#include <memory>

#include "core/logger.h"

namespace alarmgate {
namespace {

std::string JoinProblems(const std::vector<std::string>& problems) {
  std::string out;
  for (const auto& p : problems) {
    if (!out.empty()) out += " | ";
    out += p;
  }
  return out;
}

}  // namespace

void ConfigReloader::AddPart(std::string name, Prepare prepare) {
  parts_.push_back({std::move(name), std::move(prepare)});
}

Status ConfigReloader::Reload() {
  std::lock_guard<std::mutex> lock(mu_);
  LoadedConfiguration loaded = load_();
  if (!loaded.loaded) {
    return Refuse(StatusCode::kInvalidArgument, JoinProblems(loaded.problems));
  }
  auto next = std::make_shared<const RuntimeConfig>(std::move(*loaded.loaded));
  const std::shared_ptr<const RuntimeConfig> current = runtime_.Get();

  std::vector<Apply> applies;
  for (const Part& part : parts_) {
    Result<Apply> apply = part.prepare(*next, *current);
    if (!apply.ok()) {
      return Refuse(apply.status().code(), part.name + ": " + apply.status().message());
    }
    applies.push_back(std::move(*apply));
  }

  runtime_.Set(next);
  for (const Apply& apply : applies) {
    if (apply) apply();
  }
  last_reload_ok_.Set(1);
  LogInfo("config_reloaded", {{"integrations", next->config->integrations.size()},
                              {"rules", next->rules->rules().size()}});
  LogIntegrations(*next->config);
  return Status::Ok();
}

Status ConfigReloader::Refuse(StatusCode code, const std::string& problems) {
  last_reload_ok_.Set(0);
  LogError("config_reload_failed", {{"problems", problems}});
  return Status(code, "config refused, the previous one keeps serving: " + problems);
}

}  // namespace alarmgate
