#pragma once
// The column families of the database, declared in one table, and the lookup that hands their
// handles to the stores by name.

#include <cstddef>
#include <cstdint>
#include <iterator>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace rocksdb {
class Cache;
class ColumnFamilyHandle;
struct ColumnFamilyDescriptor;
}  // namespace rocksdb

namespace alarmgate {

struct ColumnFamilySpec {
  std::string_view name;        // on disk: never rename a family
  uint64_t write_buffer_bytes;  // memtable size
};

// Most column families see few writes.
inline constexpr uint64_t kSmallMemtable = 16 << 20;
// One write per alarm lands in `alarms` (and in `group_members` when a rule groups it). With small
// memtables, keys spread evenly by the fingerprint hash made every L0->L1 compaction rewrite all of
// L1: under 30 s of sustained load compaction cost 9.8 us per alarm with 16 MiB and 2.7 us with
// RocksDB's default 64 MiB (docs/benchmarks.md).
inline constexpr uint64_t kLargeMemtable = 64 << 20;

// One row per column family. A family added here is created in existing databases on their next
// open (create_missing_column_families): the layout only grows, so the schema version stays.
inline constexpr ColumnFamilySpec kColumnFamilyTable[] = {
    {"default", kSmallMemtable},  // RocksDB's own, always opened; unused
    {"alarms", kLargeMemtable},
    {"meta", kSmallMemtable},  // schema version and the sequences
    {"incidents", kSmallMemtable},
    {"incident_index", kSmallMemtable},
    {"timeline", kSmallMemtable},
    {"incident_groups", kSmallMemtable},
    {"groups", kSmallMemtable},
    {"silences", kSmallMemtable},
    {"group_members", kLargeMemtable},
};

// The name of a family of kColumnFamilyTable, checked when the code is compiled: a name that is not
// in the table does not compile ("throw" in a consteval function). Converts from a string literal:
// `families.Get("alarms")`.
class ColumnFamilyName {
 public:
  template <size_t N>
  consteval ColumnFamilyName(const char (&name)[N])  // NOLINT: implicit, for the literal
      : index_(IndexOf(std::string_view(name, N - 1))) {}
  // The family's row in kColumnFamilyTable.
  size_t index() const { return index_; }

 private:
  static consteval size_t IndexOf(std::string_view name) {
    for (size_t i = 0; i < std::size(kColumnFamilyTable); ++i) {
      if (kColumnFamilyTable[i].name == name) return i;
    }
    throw "not a column family of kColumnFamilyTable";
  }

  size_t index_;
};

// The open families' handles (borrowed: RocksDbStore destroys them before closing the database).
class ColumnFamilies {
 public:
  // What DB::Open needs: every family of the table with its options, then those in `existing` the
  // table does not name (with the base options). RocksDB refuses to open without every existing
  // family, and opening a later build's database lets the schema check give the clear error.
  static std::vector<rocksdb::ColumnFamilyDescriptor> Descriptors(
      const std::shared_ptr<rocksdb::Cache>& block_cache, const std::vector<std::string>& existing);

  // `handles` as DB::Open returned them for Descriptors(): the table's families first, in order.
  explicit ColumnFamilies(std::vector<rocksdb::ColumnFamilyHandle*> handles)
      : handles_(std::move(handles)) {}

  rocksdb::ColumnFamilyHandle* Get(ColumnFamilyName name) const { return handles_[name.index()]; }
  // Every open family, the table's and the unknown ones.
  const std::vector<rocksdb::ColumnFamilyHandle*>& all() const { return handles_; }

 private:
  std::vector<rocksdb::ColumnFamilyHandle*> handles_;
};

}  // namespace alarmgate
