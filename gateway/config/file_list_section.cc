// rules_files / inventory_files: glob expansion, existence checks, and a parse of each named file
// so that --check-config reports its syntax errors with their own file and line.

#include "gateway/config/file_list_section.h"

#include <glob.h>
#include <sys/stat.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <set>
#include <utility>

#include "core/yaml/yaml_reader.h"

namespace alarmgate {
namespace {

std::string Resolve(const std::string& base_dir, const std::string& p) {
  if (base_dir.empty() || std::filesystem::path(p).is_absolute()) return p;
  return (std::filesystem::path(base_dir) / p).string();
}

bool IsRegularFile(const std::string& p) {
  struct stat st;
  return ::stat(p.c_str(), &st) == 0 && S_ISREG(st.st_mode);
}

bool HasGlobChars(std::string_view p) { return p.find_first_of("*?[") != std::string_view::npos; }

// The regular files a glob matches, sorted; matching nothing is fine.
void Expand(const YamlNode& item, const std::string& pattern, std::vector<std::string>* out) {
  glob_t g{};
  const int rc = ::glob(pattern.c_str(), 0, nullptr, &g);
  if (rc == 0) {
    for (size_t j = 0; j < g.gl_pathc; ++j) {
      // A pattern like rules.d/* may also match directories: they are not rule files.
      if (IsRegularFile(g.gl_pathv[j])) out->emplace_back(g.gl_pathv[j]);
    }
  } else if (rc != GLOB_NOMATCH) {
    item.Problem(item.name() + ": cannot expand " + Quoted(pattern));
  }
  ::globfree(&g);
}

void AddListed(const YamlNode& item, const std::string& path, std::vector<std::string>* out) {
  struct stat st;
  if (::stat(path.c_str(), &st) != 0) {
    item.Problem(item.name() + ": " + Quoted(path) + ": " + std::strerror(errno));
  } else if (!S_ISREG(st.st_mode)) {
    item.Problem(item.name() + ": " + Quoted(path) + " is not a regular file");
  } else {
    out->push_back(path);
  }
}

}  // namespace

void ReadFileListSection(const YamlMap& top, std::string_view key, const std::string& default_file,
                         const std::string& base_dir, std::string_view what,
                         std::vector<FileProblem>* problems, std::vector<std::string>* out) {
  std::vector<std::string> resolved;
  if (const YamlNode* list = top.Get(key)) {
    if (auto items = list->Items()) {
      for (const YamlNode& item : *items) {
        std::optional<std::string> entry = item.NonEmptyString();
        if (!entry) continue;
        const std::string full = Resolve(base_dir, *entry);
        if (HasGlobChars(*entry)) {
          Expand(item, full, &resolved);
        } else {
          AddListed(item, full, &resolved);
        }
      }
    }
  } else if (const std::string p = Resolve(base_dir, default_file); IsRegularFile(p)) {
    resolved.push_back(p);
  }
  // The same file named twice (or by overlapping globs) is loaded once.
  std::set<std::string> seen;
  for (std::string& p : resolved) {
    if (!seen.insert(p).second) continue;
    YamlReader(p, problems).ParseFile(what, "the " + std::string(what));
    out->push_back(std::move(p));
  }
}

}  // namespace alarmgate
