// The `executor:` section and its `ssh:` block. ssh.options replaces the default list whole,
// and only when every item is valid, so a typo never leaves half the safety options.

#include "gateway/config/executor_section.h"

#include <utility>

#include "core/yaml/yaml_map.h"

namespace alarmgate {
namespace {

void ReadSsh(const YamlNode& node, SshConfig* ssh) {
  auto f = node.Map({"binary", "options"});
  if (!f) return;
  if (const YamlNode* v = f->Get("binary")) {
    if (auto binary = v->NonEmptyString()) ssh->binary = *binary;
  }
  if (const YamlNode* v = f->Get("options")) {
    if (auto options = v->StringList()) ssh->options = std::move(*options);
  }
}

}  // namespace

void ReadExecutorSection(const YamlNode& node, ExecutorConfig* e) {
  constexpr int64_t kNoMax = YamlNode::kNoMax;
  auto f = node.Map({"max_parallel_instances", "auto_remediation", "max_runs_per_hour_per_resource",
                     "work_dir", "ssh"});
  if (!f) return;
  if (const YamlNode* v = f->Get("max_parallel_instances")) {
    if (auto n = v->Int(1, kNoMax)) e->max_parallel_instances = *n;
  }
  if (const YamlNode* v = f->Get("auto_remediation")) {
    if (auto b = v->Bool()) e->auto_remediation = *b;
  }
  if (const YamlNode* v = f->Get("max_runs_per_hour_per_resource")) {
    if (auto n = v->Int(0, kNoMax)) e->max_runs_per_hour_per_resource = *n;
  }
  if (const YamlNode* v = f->Get("work_dir")) {
    if (auto dir = v->NonEmptyString()) e->work_dir = *dir;
  }
  if (const YamlNode* v = f->Get("ssh")) ReadSsh(*v, &e->ssh);
}

}  // namespace alarmgate
