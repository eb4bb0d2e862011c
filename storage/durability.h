#pragma once

namespace alarmgate {

// What a 2xx promises (CONTRACT §2 storage.durability).
enum class Durability {
  kProcess,  // written to the WAL: survives kill -9 of alarmgate
  kMachine,  // WAL fsynced before the reply: survives power loss
};

}  // namespace alarmgate
