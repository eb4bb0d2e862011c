#pragma once
// The config in force. Readers take a snapshot per request; reload swaps in a fully validated
// config in one step, so a request never sees half of an old and half of a new one.

#include "core/snapshot.h"
#include "gateway/config/config.h"

namespace alarmgate {

using ConfigHolder = Snapshot<Config>;

}  // namespace alarmgate
