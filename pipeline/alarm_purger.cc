#include "pipeline/alarm_purger.h"

#include <memory>
#include <string>
#include <vector>

#include "storage/alarm_view.h"

namespace alarmgate {

void AlarmPurger::PurgeOnce(int64_t retention_days, std::function<void(Result<size_t>)> done) {
  const int64_t cutoff = clock_.NowMs() - retention_days * 24 * 3600 * 1000;
  auto candidates = store_.Get<AlarmStore>().ListResolvedBefore(cutoff, kBatch);
  if (!candidates.ok()) {
    done(candidates.status());
    return;
  }
  if (candidates->empty()) {
    done(size_t{0});
    return;
  }
  auto fingerprints = std::make_shared<std::vector<std::string>>(std::move(*candidates));
  auto deleted = std::make_shared<size_t>(0);
  committer_.Submit(CommitJob{
      [fingerprints, deleted, cutoff](Transaction& txn) {
        AlarmView alarms(txn);
        for (const auto& fp : *fingerprints) {
          ASSIGN_OR_RETURN(std::optional<AlarmRecord> r, alarms.Get(fp));
          if (r && r->status == AlarmStatus::kOk && r->last_seen_ms < cutoff) {
            alarms.Delete(fp);
            ++*deleted;
          }
        }
        return Status::Ok();
      },
      [deleted, done = std::move(done)](Status s) {
        if (!s.ok()) {
          done(std::move(s));
        } else {
          done(*deleted);
        }
      }});
}

}  // namespace alarmgate
