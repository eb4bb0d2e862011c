#pragma once
// The counters kept in the `meta` column family (incident, timeline and silence sequences):
// decimal text, 0 when absent. Shared by the RocksDB-backed stores.

#include <rocksdb/db.h>

#include <charconv>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/status.h"
#include "storage/rocksdb/rocksdb_status.h"

namespace alarmgate {

inline Result<uint64_t> ReadMetaCounter(rocksdb::DB* db, rocksdb::ColumnFamilyHandle* meta,
                                        std::string_view key) {
  std::string text;
  rocksdb::Status s =
      db->Get(rocksdb::ReadOptions(), meta, rocksdb::Slice(key.data(), key.size()), &text);
  if (s.IsNotFound()) return uint64_t{0};
  if (!s.ok()) return FromRocksDb(s, "read " + std::string(key));
  uint64_t value = 0;
  const auto [end, err] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (err != std::errc() || end != text.data() + text.size() || text.empty()) {
    return Status::Internal("meta '" + std::string(key) + "' is not a number: '" + text + "'");
  }
  return value;
}

}  // namespace alarmgate
