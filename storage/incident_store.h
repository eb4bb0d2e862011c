#pragma once
// Read access to incidents, their timelines and the open incident of each rule group. Writes go
// through a Transaction so that they commit atomically with the alarm transition that caused them.
// Which incidents are open is the domain's to say (IncidentChanges::Put): the store only keeps it.

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "incidents/incident.h"
#include "incidents/timeline_entry.h"

namespace alarmgate {

struct IncidentQuery {
  std::optional<IncidentStatus> status;
  std::optional<IncidentLevel> level;
  std::optional<IncidentSource> source;
  std::optional<std::string> creator;
  size_t limit = 100;
  std::string marker;  // the last incident_num of the previous page; "" = from the newest
};

class IncidentStore {
 public:
  virtual ~IncidentStore() = default;
  virtual Result<std::optional<Incident>> Get(std::string_view incident_num) = 0;
  // Newest first (incident numbers increase), strictly older than `marker`. Served from a
  // secondary index of one filter (status, level, source or creator), never a full scan.
  virtual Result<std::vector<Incident>> List(const IncidentQuery& query) = 0;
  // In the order appended.
  virtual Result<std::vector<TimelineEntry>> Timeline(std::string_view incident_num) = 0;
  // The incident last put open in a rule group and not put closed or moved since, if any.
  virtual Result<std::optional<std::string>> FindOpenByGroup(std::string_view group_key) = 0;
  // The highest incident sequence ever allocated (0 when none): numbering continues after it.
  virtual Result<uint64_t> LastSequence() = 0;
  // Every incident of one status, oldest first, served from the status index (startup: the
  // alarmgate_incidents_open gauge visits the open statuses).
  virtual Status ForEachWithStatus(IncidentStatus status,
                                   const std::function<void(const Incident&)>& fn) = 0;
};

}  // namespace alarmgate
