#pragma once
// Incidents as one job of a group commit sees them: reads (an incident, a group's open incident,
// the next sequence) find what this job and the earlier jobs of its group staged before the store;
// writes are staged in the job's changes.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "core/status.h"
#include "storage/transaction.h"

namespace alarmgate {

class IncidentView {
 public:
  explicit IncidentView(Transaction& txn) : txn_(txn) {}

  Result<std::optional<Incident>> Get(std::string_view incident_num) const;
  // The open incident of a rule group, seeing incidents staged in this group commit.
  Result<std::optional<std::string>> FindOpenByGroup(std::string_view group_key) const;
  // Reserves the next incident sequence number (staged: committed with the rest or not at all).
  // Any number: what fits an incident number is the domain's limit (incidents/incident_number.h).
  Result<uint64_t> AllocateSequence();

  // `open`: the domain's verdict (incidents/incident_lifecycle.h IsOpen), kept for the group.
  void Put(Incident incident, bool open) {
    txn_.Changes<IncidentChanges>().Put(std::move(incident), open);
  }
  void AppendTimeline(std::string incident_num, TimelineEntry entry) {
    txn_.Changes<IncidentChanges>().AppendTimeline(std::move(incident_num), std::move(entry));
  }

 private:
  Transaction& txn_;
};

}  // namespace alarmgate
