#pragma once
// One job's view inside a group commit: reads see what earlier jobs of the same group staged, so
// decisions taken one after another on the writer thread see each other before the batch is on
// disk; writes are staged in the job's own ChangeSet and merged only if the job succeeds.
// Generic over the aggregates: each one's typed reads and writes are its view (storage/*_view.h).

#include <algorithm>
#include <array>
#include <cstdint>

#include "storage/change_set.h"
#include "storage/store.h"

namespace alarmgate {

class Transaction {
 public:
  Transaction(Store& store, const ChangeSet& staged) : store_(store), staged_(staged) {}

  // What is committed.
  Store& store() const { return store_; }
  // This job's changes of one aggregate, e.g. Changes<AlarmChanges>().
  template <class C>
  C& Changes() {
    return changes_.Get<C>();
  }
  // What earlier jobs of the group staged for one aggregate; read-only here.
  template <class C>
  const C& Staged() const {
    return staged_.Get<C>();
  }

  // This job's changes of C, then the group's: newest first, the order reads search them in.
  template <class C>
  std::array<const C*, 2> StagedNewestFirst() const {
    return {&changes_.Get<C>(), &staged_.Get<C>()};
  }

  // The newest staged answer of `find` (a callable from const C& to something testable, such as
  // a pointer): this job's if it has one, else the group's (or the group's empty answer).
  template <class C, class Find>
  auto FindStaged(const Find& find) const {
    auto own = find(changes_.Get<C>());
    if (own) return own;
    return find(staged_.Get<C>());
  }

  // The next number of a sequence kept by aggregate C's store (C has sequence() and SetSequence()):
  // one above the highest of `stored_last`, the group's staged allocation and this job's. Staged in
  // this job's changes, so it commits with the rest or not at all.
  template <class C>
  uint64_t AllocateSequence(uint64_t stored_last) {
    const uint64_t last = std::max(
        {stored_last, Staged<C>().sequence().value_or(0), Changes<C>().sequence().value_or(0)});
    Changes<C>().SetSequence(last + 1);
    return last + 1;
  }

  ChangeSet& changes() { return changes_; }

 private:
  Store& store_;
  const ChangeSet& staged_;
  ChangeSet changes_;
};

}  // namespace alarmgate
