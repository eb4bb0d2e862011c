// Reads alarmgate.yaml (CONTRACT §2) into a Config, collecting every problem with its file and
// line: the top level and the order of problems here, each section in its own *_section.cc.

#include "gateway/config/config_loader.h"

#include <arpa/inet.h>

#include <algorithm>
#include <charconv>
#include <exception>
#include <filesystem>
#include <utility>

#include "core/yaml/yaml_map.h"
#include "core/yaml/yaml_reader.h"
#include "gateway/config/auth_section.h"
#include "gateway/config/config_chars.h"
#include "gateway/config/executor_section.h"
#include "gateway/config/file_list_section.h"
#include "gateway/config/integrations_section.h"
#include "gateway/config/log_section.h"
#include "gateway/config/server_section.h"
#include "gateway/config/storage_section.h"

namespace alarmgate {
namespace {

bool IsHostname(std::string_view h) {
  if (h.empty() || h.size() > 253) return false;
  size_t start = 0;
  while (start <= h.size()) {
    size_t dot = h.find('.', start);
    if (dot == std::string_view::npos) dot = h.size();
    std::string_view label = h.substr(start, dot - start);
    if (label.empty() || label.size() > 63 || label.front() == '-' || label.back() == '-') {
      return false;
    }
    for (char c : label) {
      if (!IsAsciiAlnum(c) && c != '-') return false;
    }
    start = dot + 1;
  }
  return true;
}

void ReadSections(const YamlMap& top, const std::string& base_dir, Config* cfg,
                  std::vector<FileProblem>* problems) {
  if (const YamlNode* v = top.Get("server")) ReadServerSection(*v, &cfg->server);
  if (const YamlNode* v = top.Get("storage")) ReadStorageSection(*v, &cfg->storage);
  if (const YamlNode* v = top.Get("auth")) ReadAuthSection(*v, &cfg->auth_tokens);
  if (const YamlNode* v = top.Get("integrations")) {
    ReadIntegrationsSection(*v, &cfg->integrations);
  }
  if (const YamlNode* v = top.Get("executor")) ReadExecutorSection(*v, &cfg->executor);
  if (const YamlNode* v = top.Get("log")) ReadLogSection(*v, &cfg->log);
  ReadFileListSection(top, "rules_files", "rules.yaml", base_dir, "rules file", problems,
                      &cfg->rules_files);
  ReadFileListSection(top, "inventory_files", "inventory.yaml", base_dir, "inventory file",
                      problems, &cfg->inventory_files);
}

LoadedConfig Load(const std::string& yaml, const std::string& file_name,
                  const std::string& base_dir) {
  std::vector<FileProblem> problems;
  auto cfg = std::make_shared<Config>();
  cfg->source_file = file_name;
  const std::optional<YamlNode> root =
      YamlReader(file_name, &problems).Parse(yaml, "the configuration");
  if (root) {
    auto top = root->Map({"server", "storage", "auth", "integrations", "rules_files",
                          "inventory_files", "executor", "log"});
    if (top) ReadSections(*top, base_dir, cfg.get(), &problems);
  }
  if (!problems.empty()) {
    // In file order, the config's own problems first, as an editor would list them.
    std::stable_sort(problems.begin(), problems.end(),
                     [&](const FileProblem& a, const FileProblem& b) {
                       const bool a_other = a.file != file_name;
                       const bool b_other = b.file != file_name;
                       if (a_other != b_other) return b_other;
                       return a.file == b.file && a.line < b.line;
                     });
    return {nullptr, std::move(problems)};
  }
  return {std::move(cfg), {}};
}

}  // namespace

LoadedConfig ConfigLoader::LoadFile(const std::string& path) {
  std::vector<FileProblem> problems;
  std::optional<std::string> text = YamlReader(path, &problems).ReadText("config file");
  if (!text) return {nullptr, std::move(problems)};
  return LoadString(*text, path, std::filesystem::path(path).parent_path().string());
}

LoadedConfig ConfigLoader::LoadString(const std::string& yaml, const std::string& file_name,
                                      const std::string& base_dir) {
  try {
    return Load(yaml, file_name, base_dir);
  } catch (const std::exception& e) {
    // The reader turns yaml-cpp's exceptions into problems; this is a safety net so a reload
    // can never take the process down.
    return {nullptr, {{file_name, 0, std::string("cannot load config: ") + e.what()}}};
  }
}

std::shared_ptr<const Config> ConfigLoader::Defaults() { return std::make_shared<const Config>(); }

std::optional<ListenAddress> ConfigLoader::ParseListenAddress(std::string_view text) {
  std::string_view host;
  std::string_view port;
  if (!text.empty() && text.front() == '[') {
    const size_t close = text.find(']');
    if (close == std::string_view::npos || close + 1 >= text.size() || text[close + 1] != ':') {
      return std::nullopt;
    }
    host = text.substr(1, close - 1);
    port = text.substr(close + 2);
    in6_addr a6;
    if (::inet_pton(AF_INET6, std::string(host).c_str(), &a6) != 1) return std::nullopt;
  } else {
    const size_t colon = text.rfind(':');
    if (colon == std::string_view::npos) return std::nullopt;
    host = text.substr(0, colon);
    port = text.substr(colon + 1);
    // A bare IPv6 address is ambiguous ("::1:8080"): it must be written in brackets.
    if (host.find(':') != std::string_view::npos) return std::nullopt;
    if (AllOf(host, [](char ch) { return IsAsciiDigit(ch) || ch == '.'; })) {
      in_addr a4;
      if (::inet_pton(AF_INET, std::string(host).c_str(), &a4) != 1) return std::nullopt;
    } else if (!IsHostname(host)) {
      return std::nullopt;
    }
  }
  if (port.empty() || port.size() > 5 || !AllOf(port, IsAsciiDigit)) return std::nullopt;
  int p = 0;
  std::from_chars(port.data(), port.data() + port.size(), p);
  if (p > 65535) return std::nullopt;
  return ListenAddress{std::string(host), static_cast<uint16_t>(p)};
}

}  // namespace alarmgate
