// RocksDbIncidentStore: key encoding of the incident column families, index-served listing, and
// the staging that keeps records, indexes, group entries and timeline in one WriteBatch.

#include "storage/rocksdb/rocksdb_incident_store.h"

#include <rocksdb/db.h>
#include <rocksdb/iterator.h>
#include <rocksdb/write_batch.h>

#include <cstdio>
#include <map>
#include <memory>
#include <set>
#include <utility>

#include "incidents/incident_enums.h"
#include "storage/rocksdb/column_families.h"
#include "storage/rocksdb/incident_codec.h"
#include "storage/rocksdb/meta_counter.h"
#include "storage/rocksdb/rocksdb_status.h"
#include "storage/rocksdb/timeline_entry_codec.h"

namespace alarmgate {
namespace {

// `meta` keys of the two counters.
constexpr std::string_view kIncidentSequenceKey = "incident_sequence";
constexpr std::string_view kTimelineSequenceKey = "timeline_sequence";

// One tag per indexed field: `<tag>\0<value>\0<incident_num>`. The \0 after the value keeps
// "ab" from listing under the prefix of "a".
constexpr char kStatusTag = 's';
constexpr char kLevelTag = 'l';
constexpr char kSourceTag = 'o';
constexpr char kCreatorTag = 'c';

rocksdb::Slice ToSlice(std::string_view s) { return rocksdb::Slice(s.data(), s.size()); }

std::string IndexPrefix(char tag, std::string_view value) {
  std::string key(1, tag);
  key.push_back('\0');
  key.append(value);
  key.push_back('\0');
  return key;
}

std::set<std::string> IndexKeys(const Incident& i) {
  return {IndexPrefix(kStatusTag, ToString(i.status)) + i.incident_num,
          IndexPrefix(kLevelTag, ToString(i.level)) + i.incident_num,
          IndexPrefix(kSourceTag, ToString(i.source)) + i.incident_num,
          IndexPrefix(kCreatorTag, i.creator) + i.incident_num};
}

// Every prefix here ends in \0, so the first key past all keys starting with it ends in \1.
std::string PrefixEnd(std::string prefix) {
  prefix.back() = '\1';
  return prefix;
}

std::string TimelinePrefix(std::string_view incident_num) {
  std::string key(incident_num);
  key.push_back('\0');
  return key;
}

// Zero-padded so that keys sort by sequence.
std::string TimelineKey(std::string_view incident_num, uint64_t sequence) {
  char digits[21];
  std::snprintf(digits, sizeof(digits), "%020llu", static_cast<unsigned long long>(sequence));
  return TimelinePrefix(incident_num) + digits;
}

// The index picks one filter to iterate; the others are checked on the records. The index filter
// is checked too: a creator holding \0 could otherwise list under another creator's prefix.
bool Matches(const IncidentQuery& q, const Incident& i) {
  return (!q.status || i.status == *q.status) && (!q.level || i.level == *q.level) &&
         (!q.source || i.source == *q.source) && (!q.creator || i.creator == *q.creator);
}

// A snapshot released on scope exit, so an index and the records it names are read at one point.
class ScopedSnapshot {
 public:
  explicit ScopedSnapshot(rocksdb::DB* db) : db_(db), snapshot_(db->GetSnapshot()) {}
  ~ScopedSnapshot() { db_->ReleaseSnapshot(snapshot_); }
  ScopedSnapshot(const ScopedSnapshot&) = delete;
  ScopedSnapshot& operator=(const ScopedSnapshot&) = delete;
  const rocksdb::Snapshot* get() const { return snapshot_; }

 private:
  rocksdb::DB* db_;
  const rocksdb::Snapshot* snapshot_;
};

}  // namespace

RocksDbIncidentStore::RocksDbIncidentStore(rocksdb::DB* db, const ColumnFamilies& families)
    : db_(db),
      cf_{.incidents = families.Get("incidents"),
          .index = families.Get("incident_index"),
          .timeline = families.Get("timeline"),
          .groups = families.Get("incident_groups"),
          .meta = families.Get("meta")} {}

Result<std::optional<Incident>> RocksDbIncidentStore::Get(std::string_view incident_num) {
  return Load(incident_num, nullptr);
}

Result<std::optional<Incident>> RocksDbIncidentStore::Load(std::string_view incident_num,
                                                           const rocksdb::Snapshot* snapshot) {
  rocksdb::ReadOptions options;
  options.snapshot = snapshot;
  rocksdb::PinnableSlice value;
  rocksdb::Status s = db_->Get(options, cf_.incidents, ToSlice(incident_num), &value);
  if (s.IsNotFound()) return std::optional<Incident>();
  if (!s.ok()) return FromRocksDb(s, "read incident " + std::string(incident_num));
  ASSIGN_OR_RETURN(Incident incident, IncidentCodec::Decode(incident_num, value.ToStringView()));
  return std::optional<Incident>(std::move(incident));
}

Status RocksDbIncidentStore::ScanIndex(const std::string& prefix, std::string_view marker,
                                       bool newest_first,
                                       const std::function<bool(Incident&&)>& visit) {
  ScopedSnapshot snapshot(db_);
  // A marker bounds the scan from above (exclusive): only strictly older incidents follow it.
  const std::string lower = prefix;
  const std::string upper = marker.empty() ? PrefixEnd(prefix) : prefix + std::string(marker);
  const rocksdb::Slice lower_slice(lower);
  const rocksdb::Slice upper_slice(upper);
  rocksdb::ReadOptions options;
  options.snapshot = snapshot.get();
  options.iterate_lower_bound = &lower_slice;
  options.iterate_upper_bound = &upper_slice;
  std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(options, cf_.index));
  if (newest_first) {
    it->SeekToLast();
  } else {
    it->SeekToFirst();
  }
  for (; it->Valid(); newest_first ? it->Prev() : it->Next()) {
    const std::string_view key = it->key().ToStringView();
    const std::string_view num = key.substr(key.rfind('\0') + 1);
    ASSIGN_OR_RETURN(std::optional<Incident> incident, Load(num, snapshot.get()));
    if (!incident) {
      return Status::Internal("incident index names missing incident " + std::string(num));
    }
    if (!visit(std::move(*incident))) return Status::Ok();
  }
  return FromRocksDb(it->status(), "scan incident index");
}

Result<std::vector<Incident>> RocksDbIncidentStore::List(const IncidentQuery& query) {
  std::vector<Incident> out;
  if (query.limit == 0) return out;
  auto collect = [&](Incident&& incident) {
    if (Matches(query, incident)) out.push_back(std::move(incident));
    return out.size() < query.limit;
  };

  std::string prefix;
  if (query.status) {
    prefix = IndexPrefix(kStatusTag, ToString(*query.status));
  } else if (query.level) {
    prefix = IndexPrefix(kLevelTag, ToString(*query.level));
  } else if (query.source) {
    prefix = IndexPrefix(kSourceTag, ToString(*query.source));
  } else if (query.creator) {
    prefix = IndexPrefix(kCreatorTag, *query.creator);
  }
  if (!prefix.empty()) {
    RETURN_IF_ERROR(ScanIndex(prefix, query.marker, /*newest_first=*/true, collect));
    return out;
  }

  // No filter: the records themselves, in reverse key order.
  const rocksdb::Slice upper(query.marker);
  rocksdb::ReadOptions options;
  if (!query.marker.empty()) options.iterate_upper_bound = &upper;
  std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(options, cf_.incidents));
  for (it->SeekToLast(); it->Valid(); it->Prev()) {
    ASSIGN_OR_RETURN(Incident incident,
                     IncidentCodec::Decode(it->key().ToStringView(), it->value().ToStringView()));
    if (!collect(std::move(incident))) return out;
  }
  RETURN_IF_ERROR(FromRocksDb(it->status(), "scan incidents"));
  return out;
}

Result<std::vector<TimelineEntry>> RocksDbIncidentStore::Timeline(std::string_view incident_num) {
  const std::string lower = TimelinePrefix(incident_num);
  const std::string upper = PrefixEnd(lower);
  const rocksdb::Slice lower_slice(lower);
  const rocksdb::Slice upper_slice(upper);
  rocksdb::ReadOptions options;
  options.iterate_lower_bound = &lower_slice;
  options.iterate_upper_bound = &upper_slice;
  std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(options, cf_.timeline));
  std::vector<TimelineEntry> out;
  for (it->SeekToFirst(); it->Valid(); it->Next()) {
    std::string name = it->key().ToString();
    name[incident_num.size()] = '#';  // errors name the entry without a raw \0
    ASSIGN_OR_RETURN(TimelineEntry entry,
                     TimelineEntryCodec::Decode(name, it->value().ToStringView()));
    out.push_back(std::move(entry));
  }
  RETURN_IF_ERROR(FromRocksDb(it->status(), "scan timeline of " + std::string(incident_num)));
  return out;
}

Result<std::optional<std::string>> RocksDbIncidentStore::FindOpenByGroup(
    std::string_view group_key) {
  std::string num;
  rocksdb::Status s = db_->Get(rocksdb::ReadOptions(), cf_.groups, ToSlice(group_key), &num);
  if (s.IsNotFound()) return std::optional<std::string>();
  if (!s.ok()) return FromRocksDb(s, "read incident group " + std::string(group_key));
  return std::optional<std::string>(std::move(num));
}

Result<uint64_t> RocksDbIncidentStore::ReadCounter(std::string_view key) {
  return ReadMetaCounter(db_, cf_.meta, key);
}

Result<uint64_t> RocksDbIncidentStore::LastSequence() { return ReadCounter(kIncidentSequenceKey); }

Status RocksDbIncidentStore::ForEachWithStatus(IncidentStatus status,
                                               const std::function<void(const Incident&)>& fn) {
  return ScanIndex(IndexPrefix(kStatusTag, ToString(status)), "", /*newest_first=*/false,
                   [&](Incident&& incident) {
                     if (incident.status == status) fn(incident);
                     return true;
                   });
}

Status RocksDbIncidentStore::Stage(const ChangeSet& change_set, rocksdb::WriteBatch& batch) {
  const IncidentChanges& changes = change_set.Get<IncidentChanges>();
  // The group entries this batch changes (nullopt = delete), so that a group released and
  // re-opened in one batch ends with the new incident whatever the order of the two.
  std::map<std::string, std::optional<std::string>> groups;
  auto release = [&](const std::string& group_key, const std::string& num) -> Status {
    std::optional<std::string> current;
    if (auto it = groups.find(group_key); it != groups.end()) {
      current = it->second;
    } else {
      ASSIGN_OR_RETURN(current, FindOpenByGroup(group_key));
    }
    if (current == num) groups[group_key] = std::nullopt;  // another incident's entry stays
    return Status::Ok();
  };

  for (const auto& [num, staged] : changes.incidents()) {
    const Incident& incident = staged.incident;
    ASSIGN_OR_RETURN(std::optional<Incident> old, Load(num, nullptr));
    const std::set<std::string> new_keys = IndexKeys(incident);
    if (old) {
      for (const std::string& key : IndexKeys(*old)) {
        if (!new_keys.contains(key)) {
          RETURN_IF_ERROR(FromRocksDb(batch.Delete(cf_.index, key), "stage index delete"));
        }
      }
    }
    for (const std::string& key : new_keys) {
      RETURN_IF_ERROR(FromRocksDb(batch.Put(cf_.index, key, ""), "stage index put"));
    }
    RETURN_IF_ERROR(FromRocksDb(batch.Put(cf_.incidents, num, IncidentCodec::Encode(incident)),
                                "stage incident " + num));

    const bool open = staged.open;
    if (old && !old->group_key.empty() && (old->group_key != incident.group_key || !open)) {
      RETURN_IF_ERROR(release(old->group_key, num));
    }
    if (!open && !incident.group_key.empty()) RETURN_IF_ERROR(release(incident.group_key, num));
  }
  for (const auto& [num, staged] : changes.incidents()) {
    if (staged.open && !staged.incident.group_key.empty()) groups[staged.incident.group_key] = num;
  }
  for (const auto& [group_key, num] : groups) {
    rocksdb::Status s =
        num ? batch.Put(cf_.groups, group_key, *num) : batch.Delete(cf_.groups, group_key);
    RETURN_IF_ERROR(FromRocksDb(s, "stage incident group " + group_key));
  }

  if (!changes.timeline().empty()) {
    ASSIGN_OR_RETURN(uint64_t sequence, ReadCounter(kTimelineSequenceKey));
    for (const auto& [num, entry] : changes.timeline()) {
      RETURN_IF_ERROR(FromRocksDb(
          batch.Put(cf_.timeline, TimelineKey(num, ++sequence), TimelineEntryCodec::Encode(entry)),
          "stage timeline of " + num));
    }
    RETURN_IF_ERROR(
        FromRocksDb(batch.Put(cf_.meta, ToSlice(kTimelineSequenceKey), std::to_string(sequence)),
                    "stage timeline sequence"));
  }

  if (changes.sequence()) {
    RETURN_IF_ERROR(
        StageMetaSequence(db_, cf_.meta, kIncidentSequenceKey, *changes.sequence(), batch));
  }
  return Status::Ok();
}

}  // namespace alarmgate
