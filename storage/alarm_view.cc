// AlarmView: the job's staged record, else the group's, else the stored one.

#include "storage/alarm_view.h"

namespace alarmgate {

Result<std::optional<AlarmRecord>> AlarmView::Get(std::string_view fingerprint) const {
  // The change maps have no heterogeneous lookup; one key copy per read is cheap next to a Get.
  const std::string key(fingerprint);
  if (const std::optional<AlarmRecord>* staged =
          txn_.FindStaged<AlarmChanges>([&](const AlarmChanges& c) { return c.Find(key); })) {
    return *staged;
  }
  return txn_.store().Get<AlarmStore>().Get(fingerprint);
}

}  // namespace alarmgate
