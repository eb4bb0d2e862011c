#pragma once
// The storage seam: typed read access per aggregate, and one atomic commit of a ChangeSet.
// Implementations: storage/rocksdb/rocksdb_store.h (production), storage/memory/memory_store.h.

#include <cstdint>
#include <tuple>
#include <type_traits>

#include "core/status.h"
#include "storage/change_set.h"
#include "storage/durability.h"

namespace alarmgate {

namespace store_internal {

// One pointer per aggregate of a ChangeSet, to the interface it is read through.
template <class Set>
struct Slots;
template <class... Changes>
struct Slots<ChangeSetOf<Changes...>> {
  using type = std::tuple<typename Changes::StoreInterface*...>;
};

// How many of `Impl` implement `Interface`.
template <class Interface, class... Impl>
inline constexpr int kImplementations = (0 + ... + int{std::is_base_of_v<Interface, Impl>});

template <class SlotTuple, class... Impl>
struct ImplementsEachOnce;
template <class... Interface, class... Impl>
struct ImplementsEachOnce<std::tuple<Interface*...>, Impl...> {
  static constexpr bool value = ((kImplementations<Interface, Impl...> == 1) && ...);
};

}  // namespace store_internal

class Store {
 public:
  virtual ~Store() = default;

  // The read access of one aggregate, e.g. Get<AlarmStore>(): every aggregate of ChangeSet has one
  // (its changes' StoreInterface).
  template <class S>
  S& Get() const {
    return *std::get<S*>(slots_);
  }
  // Shorthands kept for callers outside this module; new code and new aggregates use Get<S>().
  AlarmStore& alarms() const { return Get<AlarmStore>(); }
  IncidentStore& incidents() const { return Get<IncidentStore>(); }
  GroupStore& groups() const { return Get<GroupStore>(); }
  SilenceStore& silences() const { return Get<SilenceStore>(); }

  // All of `changes` or nothing. With Durability::kMachine, returns only after fsync.
  // Unavailable when the disk refuses the write (full, I/O error).
  virtual Status Commit(const ChangeSet& changes, Durability durability) = 0;
  // Makes every earlier Commit durable against a machine crash (fsync of the log). Safe to call
  // while another thread commits; that lets one fsync cover a group while the next is written.
  virtual Status Sync() = 0;
  // Approximate bytes on disk, for alarmgate_storage_bytes.
  virtual uint64_t ApproximateBytes() = 0;

 protected:
  Store() = default;

  // Points Get<S>() of every aggregate at the one element of `stores` that implements S. An
  // implementation calls it once from its constructor, with its table of aggregate stores; a table
  // that misses an aggregate, or implements one twice, does not compile.
  template <class... Impl>
  void Register(std::tuple<Impl...>& stores) {
    static_assert(store_internal::ImplementsEachOnce<Slots, Impl...>::value,
                  "the table of aggregate stores must implement each aggregate of ChangeSet once");
    std::apply([this](Impl&... store) { (Point(store), ...); }, stores);
  }

  // For a store that wraps another (tests inject faults so): reads go to `inner`'s aggregates,
  // except those that Override points elsewhere.
  void ReadThrough(const Store& inner) { slots_ = inner.slots_; }
  template <class S>
  void Override(S& store) {
    std::get<S*>(slots_) = &store;
  }

 private:
  using Slots = store_internal::Slots<ChangeSet>::type;

  template <class Impl>
  void Point(Impl& store) {
    std::apply([&](auto*&... slot) { (PointIfImplements(slot, store), ...); }, slots_);
  }
  template <class Interface, class Impl>
  static void PointIfImplements(Interface*& slot, Impl& store) {
    if constexpr (std::is_base_of_v<Interface, Impl>) slot = &store;
  }

  Slots slots_{};
};

}  // namespace alarmgate
