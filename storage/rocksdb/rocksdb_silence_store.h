#pragma once
// SilenceStore over the `silences` column family (key = silence id, value = SilenceCodec JSON)
// and the silence sequence in `meta`. Also stages the silence part of a commit.

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "storage/change_set.h"
#include "storage/silence_store.h"

namespace rocksdb {
class ColumnFamilyHandle;
class DB;
class WriteBatch;
}  // namespace rocksdb

namespace alarmgate {

class ColumnFamilies;

class RocksDbSilenceStore final : public SilenceStore {
 public:
  // Borrows `db` and its families; RocksDbStore owns them and outlives this.
  RocksDbSilenceStore(rocksdb::DB* db, const ColumnFamilies& families);

  Result<std::optional<Silence>> Get(std::string_view id) override;
  Result<std::vector<Silence>> List() override;
  Result<uint64_t> LastSequence() override;

  // Adds the silences of `changes` (puts and deletes) and the silence sequence to `batch`. Reads
  // the sequence to do so: only the one committing thread may call it.
  Status Stage(const ChangeSet& changes, rocksdb::WriteBatch& batch);

 private:
  rocksdb::DB* db_;
  rocksdb::ColumnFamilyHandle* silences_;
  rocksdb::ColumnFamilyHandle* meta_;
};

}  // namespace alarmgate
