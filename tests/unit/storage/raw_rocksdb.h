#pragma once
// Opens a store's database directly (every column family it has), so that tests can plant what a
// later build, an older build or a corrupted disk would leave behind.

#include <gtest/gtest.h>
#include <rocksdb/db.h>

#include <algorithm>
#include <functional>
#include <map>
#include <string>
#include <vector>

namespace alarmgate::testing {

// Calls `fn` with the database at `path` and its column families by name (created first when
// `create` names ones the database lacks).
inline void WithRawDb(
    const std::string& path, const std::vector<std::string>& create,
    const std::function<void(rocksdb::DB*, std::map<std::string, rocksdb::ColumnFamilyHandle*>&)>&
        fn) {
  rocksdb::DBOptions options;
  options.create_if_missing = true;
  options.create_missing_column_families = true;
  std::vector<std::string> names;
  if (!rocksdb::DB::ListColumnFamilies(options, path, &names).ok()) {
    names = {rocksdb::kDefaultColumnFamilyName};
  }
  for (const auto& name : create) {
    if (std::find(names.begin(), names.end(), name) == names.end()) names.push_back(name);
  }
  std::vector<rocksdb::ColumnFamilyDescriptor> cfs;
  for (const auto& name : names) cfs.emplace_back(name, rocksdb::ColumnFamilyOptions());
  rocksdb::DB* db = nullptr;
  std::vector<rocksdb::ColumnFamilyHandle*> handles;
  rocksdb::Status s = rocksdb::DB::Open(options, path, cfs, &handles, &db);
  ASSERT_TRUE(s.ok()) << s.ToString();
  std::map<std::string, rocksdb::ColumnFamilyHandle*> by_name;
  for (size_t i = 0; i < names.size(); ++i) by_name[names[i]] = handles[i];
  fn(db, by_name);
  for (auto* h : handles) EXPECT_TRUE(db->DestroyColumnFamilyHandle(h).ok());
  delete db;
}

}  // namespace alarmgate::testing
