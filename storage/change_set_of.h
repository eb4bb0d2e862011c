#pragma once
// ChangeSetOf: the content of one atomic write as one change struct per aggregate, held by value
// in a tuple. Merging and emptiness are folds over the aggregates: nothing is allocated or looked
// up beyond what each aggregate's own maps do.

#include <tuple>
#include <utility>

namespace alarmgate {

// Each of `Changes` has Merge(Changes&&) (later writes win) and empty().
template <class... Changes>
class ChangeSetOf {
 public:
  // One aggregate's part, e.g. Get<AlarmChanges>().Put(record).
  template <class C>
  C& Get() {
    return std::get<C>(changes_);
  }
  template <class C>
  const C& Get() const {
    return std::get<C>(changes_);
  }

  // Applies `other` on top of this one, aggregate by aggregate.
  void Merge(ChangeSetOf&& other) {
    (Get<Changes>().Merge(std::move(other.template Get<Changes>())), ...);
  }
  bool empty() const { return (Get<Changes>().empty() && ...); }
  void clear() { *this = ChangeSetOf(); }

 private:
  std::tuple<Changes...> changes_;
};

}  // namespace alarmgate
