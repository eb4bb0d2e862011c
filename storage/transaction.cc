// Transaction reads: the job's own staged writes, then the group's, then the store, so that jobs
// decided one after another on the writer thread see each other before the batch is on disk.

#include "storage/transaction.h"

namespace alarmgate {

Result<std::optional<AlarmRecord>> Transaction::GetAlarm(std::string_view fingerprint) {
  // ChangeSet's map has no heterogeneous lookup; one key copy per read is cheap next to a Get.
  const std::string key(fingerprint);
  if (auto it = changes_.alarms().find(key); it != changes_.alarms().end()) return it->second;
  if (auto it = staged_.alarms().find(key); it != staged_.alarms().end()) return it->second;
  return store_.alarms().Get(fingerprint);
}

}  // namespace alarmgate
