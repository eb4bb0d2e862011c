#pragma once
// The SilenceStore contract over a std::map, for MemoryStore: same id order and sequence
// semantics as RocksDbSilenceStore.

#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "storage/change_set.h"
#include "storage/silence_store.h"

namespace alarmgate {

class MemorySilenceStore final : public SilenceStore {
 public:
  // Shares the owning MemoryStore's mutex, so that a commit is seen whole by readers.
  explicit MemorySilenceStore(std::mutex& mu) : mu_(mu) {}

  Result<std::optional<Silence>> Get(std::string_view id) override;
  Result<std::vector<Silence>> List() override;
  Result<uint64_t> LastSequence() override;

  // Applies the silence part of `changes`. The caller holds the shared mutex.
  void ApplyLocked(const ChangeSet& changes);
  // Rough size of what is held, for ApproximateBytes. The caller holds the shared mutex.
  uint64_t ApproximateBytesLocked() const;

 private:
  std::mutex& mu_;
  std::map<std::string, Silence, std::less<>> silences_;
  uint64_t sequence_ = 0;
};

}  // namespace alarmgate
