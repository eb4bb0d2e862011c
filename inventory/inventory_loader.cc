// Reads inventory files: the top level and resource_id uniqueness here, each resource's keys in
// resource_section.cc.

#include "inventory/inventory_loader.h"

#include <filesystem>
#include <map>
#include <optional>
#include <utility>

#include "core/yaml/yaml_map.h"
#include "core/yaml/yaml_reader.h"
#include "inventory/resource_section.h"

namespace alarmgate {
namespace {

// Collects resources across files; resource_ids are unique across all of them.
class Loader {
 public:
  void LoadText(const std::string& yaml, const std::string& file);
  void LoadFile(const std::string& path);
  LoadedInventory Finish();

 private:
  void LoadTop(const YamlNode& root);
  void Add(Resource resource, const YamlNode& item);

  std::vector<FileProblem> problems_;
  std::vector<Resource> resources_;
  std::map<std::string, std::string, std::less<>> ids_;  // -> "file:line" of its first use
};

std::string BaseDir(const std::string& file) {
  return std::filesystem::path(file).parent_path().string();
}

void Loader::Add(Resource resource, const YamlNode& item) {
  if (resource.resource_id.empty()) return;  // missing or refused: already a problem
  // Both ends of a duplicate are named by the resource's own line (its "- " item).
  const std::string where = resource.file + ":" + std::to_string(resource.line);
  auto [it, inserted] = ids_.emplace(resource.resource_id, where);
  if (!inserted) {
    item.Problem("duplicate resource_id " + Quoted(resource.resource_id) + " (first defined at " +
                 it->second + ")");
    return;
  }
  resources_.push_back(std::move(resource));
}

void Loader::LoadTop(const YamlNode& root) {
  auto top = root.Map({"resources"});
  if (!top) return;
  const YamlNode* list = top->Require("resources");
  if (list == nullptr) return;
  auto items = list->Items("resources");
  if (!items) return;
  const std::string base_dir = BaseDir(root.file());
  for (const YamlNode& item : *items) {
    // Inside a resource, keys are named by themselves ("tags.env"): the line says which one.
    const YamlNode resource_node = item.Named("a resource", "");
    if (auto resource = LoadResourceSection(resource_node, base_dir)) {
      Add(std::move(*resource), resource_node);
    }
  }
}

void Loader::LoadText(const std::string& yaml, const std::string& file) {
  if (auto root = YamlReader(file, &problems_).Parse(yaml, "the inventory file")) LoadTop(*root);
}

void Loader::LoadFile(const std::string& path) {
  const YamlReader reader(path, &problems_);
  if (auto root = reader.ParseFile("inventory file", "the inventory file")) LoadTop(*root);
}

LoadedInventory Loader::Finish() {
  LoadedInventory out;
  out.problems = std::move(problems_);
  if (out.problems.empty())
    out.inventory = std::make_shared<const Inventory>(std::move(resources_));
  return out;
}

}  // namespace

LoadedInventory LoadInventoryFiles(const std::vector<std::string>& paths) {
  Loader loader;
  for (const std::string& path : paths) loader.LoadFile(path);
  return loader.Finish();
}

LoadedInventory LoadInventoryString(const std::string& yaml, const std::string& file_name) {
  Loader loader;
  loader.LoadText(yaml, file_name);
  return loader.Finish();
}

}  // namespace alarmgate
