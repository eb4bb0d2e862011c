#pragma once
// What a Store implementation does with its table of aggregate stores (a std::tuple, one element
// per aggregate): build every element from the same arguments, and visit every element in order.

#include <tuple>
#include <type_traits>

#include "core/status.h"

namespace alarmgate {

// A tuple whose every element is constructed from `args` (the implementation's shared parts: its
// mutex, its database and column families), so that adding an aggregate adds no constructor code.
template <class Table, class... Args>
Table ConstructEach(Args&... args) {
  return [&]<class... Store>(std::type_identity<std::tuple<Store...>>) {
    return Table(Store(args...)...);
  }(std::type_identity<Table>());
}

// Calls `fn` on every element of `table`, in order.
template <class Table, class Fn>
void ForEachStore(Table& table, Fn&& fn) {
  std::apply([&](auto&... store) { (fn(store), ...); }, table);
}

// Calls `fn` on every element of `table` in order until one returns a non-ok Status, and returns
// that Status (ok when all succeeded).
template <class Table, class Fn>
Status ForEachStoreUntilError(Table& table, Fn&& fn) {
  Status status;
  std::apply([&](auto&... store) { ((status = fn(store)).ok() && ...); }, table);
  return status;
}

}  // namespace alarmgate
