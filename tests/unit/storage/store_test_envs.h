#pragma once
// The Store implementations the typed contract suites run over: each Env owns one fresh store.

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <type_traits>

#include "storage/memory/memory_store.h"
#include "storage/rocksdb/rocksdb_store.h"
#include "tests/unit/storage/storage_test_util.h"

namespace alarmgate::testing {

class MemoryEnv {
 public:
  Store& store() { return store_; }

 private:
  MemoryStore store_;
};

class RocksDbEnv {
 public:
  RocksDbEnv() {
    auto opened = RocksDbStore::Open(dir_.sub("db"));
    EXPECT_TRUE(opened.ok()) << opened.status().message();
    if (opened.ok()) store_ = std::move(opened).value();
  }
  Store& store() { return *store_; }

 private:
  TempDir dir_;
  std::unique_ptr<RocksDbStore> store_;
};

class EnvNames {
 public:
  template <typename T>
  static std::string GetName(int) {
    return std::is_same_v<T, MemoryEnv> ? "Memory" : "RocksDb";
  }
};

using Envs = ::testing::Types<MemoryEnv, RocksDbEnv>;

// Store::Get<S>() as a plain function: typed tests reach the store through a dependent `this`,
// where calling a member template would need the `template` keyword.
template <class S>
S& StoreOf(Store& store) {
  return store.Get<S>();
}

}  // namespace alarmgate::testing
