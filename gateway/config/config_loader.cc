// Reads alarmgate.yaml (contract §2) into a Config, collecting every problem with its file and
// line: the top level and the order of problems here, each section in its own *_section.cc.

#include "gateway/config/config_loader.h"


#include <algorithm>
#include <exception>
#include <filesystem>
#include <utility>

#include "core/yaml/yaml_map.h"
#include "core/yaml/yaml_reader.h"
#include "gateway/config/auth_section.h"
#include "core/ascii.h"
#include "gateway/config/executor_section.h"
#include "gateway/config/file_list_section.h"
#include "gateway/config/integrations_section.h"
#include "gateway/config/log_section.h"
#include "gateway/config/server_section.h"
#include "gateway/config/storage_section.h"

namespace alarmgate {
namespace {

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

}  // namespace alarmgate
