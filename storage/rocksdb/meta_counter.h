#pragma once
// The counters kept in the `meta` column family (incident, timeline and silence sequences):
// decimal text, 0 when absent. Shared by the RocksDB-backed stores.

#include <rocksdb/db.h>
#include <rocksdb/write_batch.h>

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

// Stages `value` for the sequence `key` holds, unless it holds a higher one: a sequence is "the
// highest ever allocated", so a stale value never moves it back. Reads the current value: only the
// committing thread may call it.
inline Status StageMetaSequence(rocksdb::DB* db, rocksdb::ColumnFamilyHandle* meta,
                                std::string_view key, uint64_t value, rocksdb::WriteBatch& batch) {
  ASSIGN_OR_RETURN(uint64_t current, ReadMetaCounter(db, meta, key));
  if (value <= current) return Status::Ok();
  return FromRocksDb(batch.Put(meta, rocksdb::Slice(key.data(), key.size()), std::to_string(value)),
                     "stage " + std::string(key));
}

}  // namespace alarmgate
