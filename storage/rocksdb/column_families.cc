// ColumnFamilies: the options of each family (shared base, per-row memtable size) and the
// descriptors DB::Open takes.

#include "storage/rocksdb/column_families.h"

#include <rocksdb/cache.h>
#include <rocksdb/convenience.h>
#include <rocksdb/db.h>
#include <rocksdb/filter_policy.h>
#include <rocksdb/options.h>
#include <rocksdb/table.h>

#include <algorithm>

namespace alarmgate {
namespace {

rocksdb::ColumnFamilyOptions BaseOptions(const std::shared_ptr<rocksdb::Cache>& block_cache) {
  rocksdb::ColumnFamilyOptions o;
  rocksdb::BlockBasedTableOptions table;
  table.block_cache = block_cache;
  table.filter_policy.reset(rocksdb::NewBloomFilterPolicy(10));  // Get of an unknown fingerprint
  o.table_factory.reset(rocksdb::NewBlockBasedTableFactory(table));
  o.write_buffer_size = kSmallMemtable;
  // Most Gets are for fingerprints never seen (a new alarm): a memtable bloom filter answers those
  // without walking the skiplist (measured: ~8% of ingestion CPU, docs/benchmarks.md).
  o.memtable_prefix_bloom_size_ratio = 0.1;
  o.memtable_whole_key_filtering = true;
  const auto supported = rocksdb::GetSupportedCompressions();
  const bool lz4 =
      std::find(supported.begin(), supported.end(), rocksdb::kLZ4Compression) != supported.end();
  o.compression = lz4 ? rocksdb::kLZ4Compression : rocksdb::kNoCompression;
  return o;
}

}  // namespace

std::vector<rocksdb::ColumnFamilyDescriptor> ColumnFamilies::Descriptors(
    const std::shared_ptr<rocksdb::Cache>& block_cache, const std::vector<std::string>& existing) {
  const rocksdb::ColumnFamilyOptions base = BaseOptions(block_cache);
  std::vector<rocksdb::ColumnFamilyDescriptor> descriptors;
  for (const ColumnFamilySpec& spec : kColumnFamilyTable) {
    rocksdb::ColumnFamilyOptions options = base;
    options.write_buffer_size = spec.write_buffer_bytes;
    descriptors.emplace_back(std::string(spec.name), options);
  }
  for (const std::string& name : existing) {
    const bool declared =
        std::any_of(std::begin(kColumnFamilyTable), std::end(kColumnFamilyTable),
                    [&](const ColumnFamilySpec& spec) { return spec.name == name; });
    if (!declared) descriptors.emplace_back(name, base);
  }
  return descriptors;
}

}  // namespace alarmgate
