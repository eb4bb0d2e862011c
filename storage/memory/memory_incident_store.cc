// MemoryIncidentStore: maps in place of column families; listing walks the records newest first
// and filters, which is what the indexes of the RocksDB store compute.

#include "storage/memory/memory_incident_store.h"

#include <algorithm>
#include <utility>

namespace alarmgate {

Result<std::optional<Incident>> MemoryIncidentStore::Get(std::string_view incident_num) {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = incidents_.find(incident_num);
  if (it == incidents_.end()) return std::optional<Incident>();
  return std::optional<Incident>(it->second);
}

Result<std::vector<Incident>> MemoryIncidentStore::List(const IncidentQuery& q) {
  std::lock_guard<std::mutex> lock(mu_);
  std::vector<Incident> out;
  // Reverse from the first record not older than the marker.
  auto end = q.marker.empty() ? incidents_.end() : incidents_.lower_bound(q.marker);
  for (auto it = std::make_reverse_iterator(end); it != incidents_.rend(); ++it) {
    if (out.size() >= q.limit) break;
    const Incident& i = it->second;
    if (q.status && i.status != *q.status) continue;
    if (q.level && i.level != *q.level) continue;
    if (q.source && i.source != *q.source) continue;
    if (q.creator && i.creator != *q.creator) continue;
    out.push_back(i);
  }
  return out;
}

Result<std::vector<TimelineEntry>> MemoryIncidentStore::Timeline(std::string_view incident_num) {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = timeline_.find(incident_num);
  if (it == timeline_.end()) return std::vector<TimelineEntry>();
  return it->second;
}

Result<std::optional<std::string>> MemoryIncidentStore::FindOpenByGroup(
    std::string_view group_key) {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = groups_.find(group_key);
  if (it == groups_.end()) return std::optional<std::string>();
  return std::optional<std::string>(it->second);
}

Result<uint64_t> MemoryIncidentStore::LastSequence() {
  std::lock_guard<std::mutex> lock(mu_);
  return sequence_;
}

Status MemoryIncidentStore::ForEachWithStatus(IncidentStatus status,
                                              const std::function<void(const Incident&)>& fn) {
  // Copy first: `fn` may call back into the store.
  std::vector<Incident> matching;
  {
    std::lock_guard<std::mutex> lock(mu_);
    for (const auto& [num, i] : incidents_) {
      if (i.status == status) matching.push_back(i);
    }
  }
  for (const Incident& i : matching) fn(i);
  return Status::Ok();
}

void MemoryIncidentStore::ApplyLocked(const ChangeSet& change_set) {
  const IncidentChanges& changes = change_set.Get<IncidentChanges>();
  // Same order as RocksDbIncidentStore::Stage: releases first (only the entry that names the
  // incident), then the open incidents claim their groups.
  for (const auto& [num, staged] : changes.incidents()) {
    const Incident& incident = staged.incident;
    auto release = [&](const std::string& group_key) {
      auto it = groups_.find(group_key);
      if (it != groups_.end() && it->second == num) groups_.erase(it);
    };
    const bool open = staged.open;
    if (auto old = incidents_.find(num); old != incidents_.end()) {
      const std::string& old_group = old->second.group_key;
      if (!old_group.empty() && (old_group != incident.group_key || !open)) release(old_group);
    }
    if (!open && !incident.group_key.empty()) release(incident.group_key);
    incidents_.insert_or_assign(num, incident);
  }
  for (const auto& [num, staged] : changes.incidents()) {
    if (staged.open && !staged.incident.group_key.empty()) {
      groups_.insert_or_assign(staged.incident.group_key, num);
    }
  }
  for (const auto& [num, entry] : changes.timeline()) timeline_[num].push_back(entry);
  if (changes.sequence()) sequence_ = std::max(sequence_, *changes.sequence());
}

uint64_t MemoryIncidentStore::ApproximateBytesLocked() const {
  uint64_t bytes = 0;
  for (const auto& [num, i] : incidents_) {
    bytes += num.size() + sizeof(Incident) + i.title.size() + i.description.size() +
             i.cause.size() + i.solution.size();
  }
  for (const auto& [num, entries] : timeline_) {
    for (const auto& e : entries) bytes += num.size() + sizeof(TimelineEntry) + e.parameters.size();
  }
  return bytes;
}

}  // namespace alarmgate
