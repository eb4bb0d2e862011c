#pragma once
// The silence part of a ChangeSet: API silences to put or delete, keyed by Silence::id, and the
// silence sequence.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>

#include "rules/silence.h"
#include "storage/silence_store.h"

namespace alarmgate {

class SilenceChanges {
 public:
  using StoreInterface = SilenceStore;

  // Regex matchers are stored as their `pattern` text; `regex` is not kept.
  void Put(Silence silence) {
    std::string id = silence.id;
    silences_[std::move(id)] = std::move(silence);
  }
  void Delete(const std::string& id) { silences_[id] = std::nullopt; }
  // The highest sequence allocated (Transaction::AllocateSequence); the store never moves back.
  void SetSequence(uint64_t sequence) { sequence_ = sequence; }

  // nullopt value = delete.
  const std::map<std::string, std::optional<Silence>>& silences() const { return silences_; }
  std::optional<uint64_t> sequence() const { return sequence_; }

  // Applies `other` on top of these (later writes win, the sequence included).
  void Merge(SilenceChanges&& other) {
    for (auto& [k, v] : other.silences_) silences_[k] = std::move(v);
    if (other.sequence_) sequence_ = other.sequence_;
  }
  bool empty() const { return silences_.empty() && !sequence_; }

 private:
  std::map<std::string, std::optional<Silence>> silences_;
  std::optional<uint64_t> sequence_;
};

}  // namespace alarmgate
