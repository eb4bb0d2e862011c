// SilenceView: id allocation over the stored and the staged silence sequence.

#include "storage/silence_view.h"

#include <algorithm>

namespace alarmgate {

Result<std::string> SilenceView::AllocateId() {
  ASSIGN_OR_RETURN(uint64_t last, txn_.store().Get<SilenceStore>().LastSequence());
  last = std::max({last, txn_.Staged<SilenceChanges>().sequence().value_or(0),
                   txn_.Changes<SilenceChanges>().sequence().value_or(0)});
  if (last >= kMaxSilenceSequence) {
    return Status::ResourceExhausted("silence sequence exhausted: " + std::to_string(last) +
                                     " is the last number silence ids can hold");
  }
  return FormatSilenceId(txn_.AllocateSequence<SilenceChanges>(last));
}

}  // namespace alarmgate
