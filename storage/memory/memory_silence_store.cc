// MemorySilenceStore: a map in place of the `silences` column family, plus the silence sequence.

#include "storage/memory/memory_silence_store.h"

#include <algorithm>
#include <utility>

namespace alarmgate {

Result<std::optional<Silence>> MemorySilenceStore::Get(std::string_view id) {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = silences_.find(id);
  if (it == silences_.end()) return std::optional<Silence>();
  return std::optional<Silence>(it->second);
}

Result<std::vector<Silence>> MemorySilenceStore::List() {
  std::lock_guard<std::mutex> lock(mu_);
  std::vector<Silence> out;
  out.reserve(silences_.size());
  for (const auto& [id, s] : silences_) out.push_back(s);
  return out;
}

Result<uint64_t> MemorySilenceStore::LastSequence() {
  std::lock_guard<std::mutex> lock(mu_);
  return sequence_;
}

void MemorySilenceStore::ApplyLocked(const ChangeSet& change_set) {
  const SilenceChanges& changes = change_set.Get<SilenceChanges>();
  for (const auto& [id, silence] : changes.silences()) {
    if (silence) {
      // As on disk, regex matchers are kept as their pattern only: a reader that forgets to
      // compile them fails here too.
      Silence kept = *silence;
      for (Condition& c : kept.matchers) c.regex.reset();
      silences_.insert_or_assign(id, std::move(kept));
    } else {
      silences_.erase(id);
    }
  }
  // "The highest ever allocated": a stale value never moves it back.
  if (changes.sequence()) sequence_ = std::max(sequence_, *changes.sequence());
}

uint64_t MemorySilenceStore::ApproximateBytesLocked() const {
  uint64_t bytes = 0;
  for (const auto& [id, s] : silences_) {
    bytes += 2 * id.size() + sizeof(Silence) + s.comment.size() + s.creator.size() +
             s.matchers.size() * sizeof(Condition);
  }
  return bytes;
}

}  // namespace alarmgate
