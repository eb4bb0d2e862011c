// The `storage:` section. data_dir is kept as written: relative paths are relative to the
// working directory, as an operator running alarmgate by hand expects.

#include "gateway/config/storage_section.h"

#include "core/yaml/yaml_map.h"

namespace alarmgate {

void ReadStorageSection(const YamlNode& node, StorageConfig* s) {
  auto f = node.Map({"data_dir", "durability", "retention_days"});
  if (!f) return;
  if (const YamlNode* v = f->Get("data_dir")) {
    if (auto dir = v->NonEmptyString()) s->data_dir = *dir;
  }
  if (const YamlNode* v = f->Get("durability")) {
    if (auto d = v->OneOf({"process", "machine"})) {
      s->durability = *d == "machine" ? Durability::kMachine : Durability::kProcess;
    }
  }
  if (const YamlNode* v = f->Get("retention_days")) {
    if (auto days = v->Int(1, YamlNode::kNoMax)) s->retention_days = *days;
  }
}

}  // namespace alarmgate
