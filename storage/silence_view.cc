// SilenceView: allocation over the stored and the staged silence sequence.

#include "storage/silence_view.h"

namespace alarmgate {

Result<uint64_t> SilenceView::AllocateSequence() {
  ASSIGN_OR_RETURN(uint64_t stored, txn_.store().Get<SilenceStore>().LastSequence());
  return txn_.AllocateSequence<SilenceChanges>(stored);
}

}  // namespace alarmgate
