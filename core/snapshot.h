#pragma once
// A value that is replaced whole and read without locks: readers take a snapshot (a shared_ptr)
// and keep using it while a reload swaps in the next one, so nobody sees half of each.

#include <atomic>
#include <memory>

namespace alarmgate {

template <typename T>
class Snapshot {
 public:
  explicit Snapshot(std::shared_ptr<const T> value) : value_(std::move(value)) {}
  std::shared_ptr<const T> Get() const { return value_.load(); }
  void Set(std::shared_ptr<const T> value) { value_.store(std::move(value)); }

 private:
  std::atomic<std::shared_ptr<const T>> value_;
};

}  // namespace alarmgate
