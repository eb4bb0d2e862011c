// RocksDbSilenceStore: point reads and the ordered listing of the `silences` column family, and
// the silence sequence in `meta`.

#include "storage/rocksdb/rocksdb_silence_store.h"

#include <rocksdb/db.h>
#include <rocksdb/iterator.h>
#include <rocksdb/write_batch.h>

#include <memory>
#include <string>
#include <utility>

#include "storage/rocksdb/column_families.h"
#include "storage/rocksdb/meta_counter.h"
#include "storage/rocksdb/rocksdb_status.h"
#include "storage/rocksdb/silence_codec.h"

namespace alarmgate {
namespace {

constexpr std::string_view kSilenceSequenceKey = "silence_sequence";

}  // namespace

RocksDbSilenceStore::RocksDbSilenceStore(rocksdb::DB* db, const ColumnFamilies& families)
    : db_(db), silences_(families.Get("silences")), meta_(families.Get("meta")) {}

Result<std::optional<Silence>> RocksDbSilenceStore::Get(std::string_view id) {
  rocksdb::PinnableSlice value;
  rocksdb::Status s =
      db_->Get(rocksdb::ReadOptions(), silences_, rocksdb::Slice(id.data(), id.size()), &value);
  if (s.IsNotFound()) return std::optional<Silence>();
  if (!s.ok()) return FromRocksDb(s, "read silence " + std::string(id));
  ASSIGN_OR_RETURN(Silence silence, SilenceCodec::Decode(id, value.ToStringView()));
  return std::optional<Silence>(std::move(silence));
}

Result<std::vector<Silence>> RocksDbSilenceStore::List() {
  std::vector<Silence> out;
  std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(rocksdb::ReadOptions(), silences_));
  for (it->SeekToFirst(); it->Valid(); it->Next()) {
    ASSIGN_OR_RETURN(Silence silence,
                     SilenceCodec::Decode(it->key().ToStringView(), it->value().ToStringView()));
    out.push_back(std::move(silence));
  }
  RETURN_IF_ERROR(FromRocksDb(it->status(), "scan silences"));
  return out;
}

Result<uint64_t> RocksDbSilenceStore::LastSequence() {
  return ReadMetaCounter(db_, meta_, kSilenceSequenceKey);
}

Status RocksDbSilenceStore::Stage(const ChangeSet& change_set, rocksdb::WriteBatch& batch) {
  const SilenceChanges& changes = change_set.Get<SilenceChanges>();
  for (const auto& [id, silence] : changes.silences()) {
    rocksdb::Status s = silence ? batch.Put(silences_, id, SilenceCodec::Encode(*silence))
                                : batch.Delete(silences_, id);
    RETURN_IF_ERROR(FromRocksDb(s, "stage silence " + id));
  }
  if (changes.sequence()) {
    RETURN_IF_ERROR(StageMetaSequence(db_, meta_, kSilenceSequenceKey, *changes.sequence(), batch));
  }
  return Status::Ok();
}

}  // namespace alarmgate
