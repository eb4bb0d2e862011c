// Inventory: the index by resource_id beside the resources in file order.

#include "inventory/inventory.h"

#include <utility>

namespace alarmgate {

Inventory::Inventory(std::vector<Resource> resources) : resources_(std::move(resources)) {
  index_.reserve(resources_.size());
  for (size_t i = 0; i < resources_.size(); ++i) index_.emplace(resources_[i].resource_id, i);
}

const Resource* Inventory::Find(std::string_view resource_id) const {
  // std::unordered_map has no heterogeneous find without a custom hash: one small copy is fine.
  const auto it = index_.find(std::string(resource_id));
  return it == index_.end() ? nullptr : &resources_[it->second];
}

}  // namespace alarmgate
