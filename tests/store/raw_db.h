// Test fixtures written with RocksDB directly: databases as an older or newer
// timecite would have left them. Only store's own tests include this.
#pragma once

#include <rocksdb/db.h>

#include <filesystem>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace timecite::store::testing {

// A raw RocksDB handle with named column families; closes on destruction.
class RawDb {
 public:
  RawDb(const std::filesystem::path& dir, const std::vector<std::string>& cfs) {
    rocksdb::DBOptions o;
    o.create_if_missing = true;
    o.create_missing_column_families = true;
    std::vector<rocksdb::ColumnFamilyDescriptor> descs;
    descs.emplace_back(rocksdb::kDefaultColumnFamilyName,
                       rocksdb::ColumnFamilyOptions());
    for (const auto& name : cfs)
      descs.emplace_back(name, rocksdb::ColumnFamilyOptions());
    rocksdb::DB* raw = nullptr;
    status_ = rocksdb::DB::Open(o, dir.string(), descs, &handles_, &raw);
    db_.reset(raw);
    names_ = cfs;
  }
  ~RawDb() {
    if (db_) {
      for (auto* h : handles_) db_->DestroyColumnFamilyHandle(h);
      db_->Close().PermitUncheckedError();
    }
  }
  const rocksdb::Status& status() const { return status_; }
  rocksdb::Status Put(const std::string& cf, const std::string& key,
                      const std::string& value) {
    for (size_t i = 0; i < names_.size(); ++i) {
      if (names_[i] == cf) {
        rocksdb::WriteOptions wo;
        wo.sync = true;
        return db_->Put(wo, handles_[i + 1], key, value);
      }
    }
    return rocksdb::Status::InvalidArgument("no column family " + cf);
  }

 private:
  rocksdb::Status status_;
  std::unique_ptr<rocksdb::DB> db_;
  std::vector<rocksdb::ColumnFamilyHandle*> handles_;
  std::vector<std::string> names_;
};

}  // namespace timecite::store::testing
