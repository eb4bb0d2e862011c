#pragma once
// The production Scheduler: timers are Boost.Asio steady timers whose callbacks run on the
// executor given here (the I/O threads' io_context in the gateway).

#include <boost/asio/any_io_executor.hpp>
#include <functional>
#include <memory>

#include "core/scheduler.h"

namespace alarmgate {

class AsioScheduler final : public Scheduler {
 public:
  // The executor's context must outlive every timer created here.
  explicit AsioScheduler(boost::asio::any_io_executor executor) : executor_(std::move(executor)) {}

  std::unique_ptr<Timer> CreateTimer(std::function<void()> callback) override;

 private:
  boost::asio::any_io_executor executor_;
};

}  // namespace alarmgate
