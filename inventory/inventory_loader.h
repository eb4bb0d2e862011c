#pragma once
// Loads inventory files (contract §9) into an Inventory: every problem is collected with
// file:line (unknown keys, bad connections, keys and limits as inventory/resource_section.h lists,
// resource_ids repeated within or across files); nothing is returned unless all of it is valid.

#include <memory>
#include <string>
#include <vector>

#include "core/yaml/file_problem.h"
#include "inventory/inventory.h"

namespace alarmgate {

struct LoadedInventory {
  std::shared_ptr<const Inventory> inventory;  // null when there are problems
  std::vector<FileProblem> problems;
};

// The resources of all `paths`, in order; resource_ids are unique across them. identity_file
// paths are relative to the folder of the file that names them.
LoadedInventory LoadInventoryFiles(const std::vector<std::string>& paths);
// One file's text (tests, checks of an uploaded file); identity_file paths are relative to the
// folder of `file_name`.
LoadedInventory LoadInventoryString(const std::string& yaml, const std::string& file_name);

}  // namespace alarmgate
