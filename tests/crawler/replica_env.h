// Starts the replica in process on ephemeral loopback ports (HTTP and HTTPS,
// with a self-signed certificate made by openssl in a temporary directory)
// and says how curl reaches it: --connect-to entries sending every host's
// port 80 and 443 there, so tests use the real URLs.
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "crawler/clock.h"
#include "crawler/curl_fetcher.h"
#include "tools/replica/replica.h"

namespace timecite::crawler::testing {

class ReplicaEnv {
 public:
  // Returns null (after an ADD_FAILURE) when the replica cannot start.
  // `threads`: at least the connections clients keep open at once (each
  // kept-alive connection holds a thread; a request on a connection without
  // one waits, and its arrival is recorded late).
  static std::unique_ptr<ReplicaEnv> Start(replica::World world, bool https = true,
                                           int threads = 24) {
    static std::atomic<int> counter{0};
    auto env = std::unique_ptr<ReplicaEnv>(new ReplicaEnv);
    env->dir_ = std::filesystem::temp_directory_path() /
                ("timecite-test-" + std::to_string(getpid()) + "-" +
                 std::to_string(counter++));
    std::filesystem::create_directories(env->dir_);
    replica::ReplicaOptions options;
    if (https) {
      auto cert = replica::MakeSelfSignedCertificate(env->dir_);
      if (!cert.ok()) {
        ADD_FAILURE() << cert.status().ToString();
        return nullptr;
      }
      env->cert_ = *cert;
      options.https_port = 0;
      options.cert_file = cert->cert_file;
      options.key_file = cert->key_file;
    }
    options.threads = threads;
    auto r = replica::Replica::Start(std::move(world), options);
    if (!r.ok()) {
      ADD_FAILURE() << r.status().ToString();
      return nullptr;
    }
    env->replica_ = std::move(r).value();
    return env;
  }

  ~ReplicaEnv() {
    replica_.reset();
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }

  replica::Replica& replica() { return *replica_; }
  const std::filesystem::path& dir() const { return dir_; }
  std::string ca_file() const { return cert_.cert_file.string(); }

  // curl --connect-to entries: `extra` first (they win), then any host on
  // port 80 to the HTTP listener and port 443 to the HTTPS one.
  std::vector<std::string> ConnectTo(std::vector<std::string> extra = {}) const {
    extra.push_back(":80:127.0.0.1:" + std::to_string(replica_->http_port()));
    if (replica_->https_port() > 0) {
      extra.push_back(":443:127.0.0.1:" + std::to_string(replica_->https_port()));
    }
    return extra;
  }

  // A libcurl fetcher that reaches this replica (ConnectTo(), ca_file(), an
  // address policy allowing only those targets),
  // timing on `clock` (which must outlive it). Null (after an ADD_FAILURE)
  // when curl cannot be set up.
  std::unique_ptr<CurlFetcher> Fetcher(Clock& clock,
                                       std::string user_agent = "timecite-test",
                                       int max_connections = 16) const {
    CurlFetcherOptions options;
    options.clock = &clock;
    options.user_agent = std::move(user_agent);
    options.connect_to = ConnectTo();
    options.ca_file = ca_file();
    // The replica is on loopback: only the --connect-to targets are allowed,
    // as the CLI allows them (crawler/address_policy.h).
    options.address_policy = AddressPolicy::Make(false, options.connect_to, {});
    options.max_connections = max_connections;
    auto fetcher = CurlFetcher::Create(std::move(options));
    if (!fetcher.ok()) {
      ADD_FAILURE() << fetcher.status().ToString();
      return nullptr;
    }
    return std::move(fetcher).value();
  }

 private:
  ReplicaEnv() = default;
  std::filesystem::path dir_;
  replica::TestCertificate cert_;
  std::unique_ptr<replica::Replica> replica_;
};

}  // namespace timecite::crawler::testing
