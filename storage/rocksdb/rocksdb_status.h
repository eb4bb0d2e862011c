#pragma once
// Translation of RocksDB's Status into ours, shared by the RocksDB-backed stores.

#include <rocksdb/status.h>

#include <string>
#include <string_view>

#include "core/status.h"

namespace alarmgate {

// Every RocksDB failure (IOError, NoSpace, Corruption, Busy…) means storage cannot serve: 503.
inline Status FromRocksDb(const rocksdb::Status& s, std::string_view what) {
  if (s.ok()) return Status::Ok();
  return Status::Unavailable(std::string(what) + ": " + s.ToString());
}

}  // namespace alarmgate
