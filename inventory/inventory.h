#pragma once
// The loaded inventory: resources in file order and a lookup by resource_id. Immutable once built,
// so that a reload can swap one shared_ptr<const Inventory> while readers keep the old one.

#include <cstddef>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "inventory/resource.h"

namespace alarmgate {

class Inventory {
 public:
  // `resources` must have unique resource_ids (the loader guarantees it).
  explicit Inventory(std::vector<Resource> resources);

  const std::vector<Resource>& resources() const { return resources_; }
  // The resource with `resource_id`, or nullptr.
  const Resource* Find(std::string_view resource_id) const;
  size_t size() const { return resources_.size(); }

 private:
  std::vector<Resource> resources_;
  std::unordered_map<std::string, size_t> index_;  // resource_id -> position in resources_
};

}  // namespace alarmgate
