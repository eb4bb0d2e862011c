// The `server:` section: each key checked against its own range; what is not set keeps the
// contract's default.

#include "gateway/config/server_section.h"

#include <optional>

#include "core/yaml/yaml_map.h"
#include "gateway/config/config_loader.h"

namespace alarmgate {

void ReadServerSection(const YamlNode& node, ServerConfig* s) {
  constexpr int64_t kNoMax = YamlNode::kNoMax;
  auto f = node.Map({"listen", "threads", "body_limit_bytes", "header_limit_bytes",
                     "read_timeout_ms", "idle_timeout_ms", "max_connections", "shutdown_grace_ms"});
  if (!f) return;
  for (const auto& [key, val] : f->entries()) {
    if (key == "listen") {
      std::optional<ListenAddress> address;
      if (val.IsScalar()) address = ConfigLoader::ParseListenAddress(val.Scalar());
      if (address) {
        s->listen_host = address->host;
        s->listen_port = address->port;
      } else {
        val.Problem(val.name() + " must be HOST:PORT with a port 0..65535 (IPv6 as [::1]:8080)" +
                    val.Got());
      }
    } else if (key == "threads") {
      if (auto n = val.Int(0, 1024)) s->threads = static_cast<int>(*n);
    } else if (key == "body_limit_bytes") {
      if (auto n = val.Int(1, kNoMax)) s->body_limit_bytes = static_cast<uint64_t>(*n);
    } else if (key == "header_limit_bytes") {
      if (auto n = val.Int(1, kNoMax)) s->header_limit_bytes = static_cast<uint64_t>(*n);
    } else if (key == "read_timeout_ms") {
      if (auto n = val.Int(1, kNoMax)) s->read_timeout_ms = *n;
    } else if (key == "idle_timeout_ms") {
      if (auto n = val.Int(1, kNoMax)) s->idle_timeout_ms = *n;
    } else if (key == "max_connections") {
      if (auto n = val.Int(1, kNoMax)) s->max_connections = *n;
    } else if (key == "shutdown_grace_ms") {
      if (auto n = val.Int(0, kNoMax)) s->shutdown_grace_ms = *n;
    }
  }
}

}  // namespace alarmgate
