#pragma once
// Silences created through the API (contract §5): stored durably, and kept in memory as one
// snapshot that the ingest pipeline reads without locks.

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "rules/silences_holder.h"
#include "core/clock.h"
#include "core/status.h"
#include "storage/group_committer.h"
#include "storage/store.h"

namespace alarmgate {

class SilenceService {
 public:
  using Done = std::function<void(Result<Silence>)>;

  SilenceService(Store& store, GroupCommitter& committer, const Clock& clock,
                 SilencesHolder& silences)
      : store_(store), committer_(committer), clock_(clock), silences_(silences) {}

  // Startup: the stored silences become the snapshot.
  Status Load();

  // `silence` has passed RuleLoader::ParseApiSilence; it gets its id here.
  void Create(Silence silence, Done done);
  // Expires a silence now (as Alertmanager: kept for the record, no longer active).
  // NotFound for an unknown id; Conflict for one that has already ended.
  void Expire(std::string id, Done done);

 private:
  // The `done` of a Create or Expire job: publishes the committed silence, then answers with it.
  std::function<void(Status)> Answer(std::shared_ptr<Silence> staged, Done done);
  void Publish(const Silence& changed);

  Store& store_;
  GroupCommitter& committer_;
  const Clock& clock_;
  SilencesHolder& silences_;
  std::mutex publish_mu_;  // one snapshot update at a time
};

}  // namespace alarmgate
