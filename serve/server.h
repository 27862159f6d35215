// timecite::serve::Server — `timecite serve`: the web pages and the JSON API
// over a timecite database (docs/serve.md lists every route, parameter and
// error code; /openapi.json serves the OpenAPI 3 description).
//
// The server reads the database as a RocksDB secondary instance
// (store::OpenMode::kSecondary), so it runs beside a writer (`crawl`, a
// nightly `recheck`) and catches up with it at most every
// `catch_up_interval_ms` (on the next request after that interval). Search
// goes to the Xapian index of the database (search/search.h, <db>/search):
// a small pool of readers, one per request at a time, each reopened
// (search::SearchIndex::Reopen) after a catch-up, so what a crawl indexes
// shows without a restart. It writes to the store only for an online check.
//
// Online checks: only when `allow_online` is set (`--allow-online`). Then a
// check asked for online (POST /api/check?online=1, the /check page's box)
// runs pipeline::CheckOnline through a Fetcher built by pipeline::MakeFetcher
// from `network` (the CLI's rules: http(s) only, the address policy, the
// politeness of `online.fetch`), opening the store read-write for the length
// of that check (one at a time; 503 store_busy when a crawl holds it).
// Without it such a request is a 403 (online_not_allowed).
//
// Safety: binds loopback unless told otherwise; nothing a request says makes
// it fetch a URL unless `allow_online`; uploads are capped at
// `max_upload_bytes` (413 beyond) and held in memory, never written to disk;
// every string put into a page is HTML-escaped; every answer carries a
// Content-Security-Policy without inline scripts (the one script is
// /static/app.js); paths are matched against fixed routes whose captures are
// validated (an asset id is "k1" + 8 of [0-9a-z]), so no request names a
// file; each client address may make `rate_per_second` requests per second
// with bursts of `rate_burst` (429 with Retry-After beyond).
//
// cpp-httplib (Debian libcpp-httplib-dev 0.11) is the HTTP server: a pool of
// `threads` workers, HTTP/1.1 keep-alive. It is included only by
// serve/server.cc (and tools/replica): nothing of it crosses this header.
//
// Ownership and threads: Start() binds and starts the listener thread;
// Stop() (any thread, idempotent) stops accepting and the destructor joins.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include "common/status.h"
#include "indexer/profile.h"
#include "pipeline/check_run.h"
#include "pipeline/network.h"

namespace timecite::serve {

struct ServeOptions {
  std::filesystem::path db;        // the database directory; must exist
  std::string host = "127.0.0.1";  // address to bind (loopback by default)
  int port = 8080;                 // 0: any free port (see Server::port())
  int threads = 8;                 // worker threads (connections served at once)
  // Largest request body (an uploaded report), bytes; at most
  // linker::kMaxInputBytes (256 MiB, check's cap). 32 MiB by default: a
  // report with images; the rest of the machine's memory stays free when a
  // few are checked at once.
  std::size_t max_upload_bytes = 32u << 20;
  // Per client address (token bucket); 0 turns the limit off.
  double rate_per_second = 50;
  double rate_burst = 100;
  // The search index; empty: <db>/search (search::IndexPathFor), where
  // `timecite index rebuild` and a crawl keep it. Another directory is for
  // an index built beside the store (bench/serve/serve_bench --dir).
  std::filesystem::path search_index;
  // How often, at most, the server catches up with a writer: the first
  // request after this many ms replays what the writer committed since
  // (store::Store::CatchUp) and marks every search reader for a reopen; the
  // requests in between read the last view and pay nothing for it.
  int64_t catch_up_interval_ms = 1000;
  // Deep-link templates (the site profile's [links]); builtin webtv-asset
  // when empty.
  std::optional<indexer::Profile> links;
  // Online checks (see the file comment); off by default.
  bool allow_online = false;
  pipeline::NetworkOptions network;  // --connect-to, --cacert, --allow-private
  // Politeness, verify and rule options (from timecite.toml, as `check`
  // builds them); verify.now_ms, progress and stop are set per check.
  pipeline::OnlineOptions online;
  // No fetch of an online check starts after this many ms (its citations
  // not reached are `unverified`); 0: none.
  int64_t online_deadline_ms = 60000;
};

class Server {
 public:
  // Opens the database (secondary) and prepares the routes. The search
  // index need not exist yet: /api/search answers 503 search_index_missing
  // (with the rebuild command) until it does. Errors: NotFound when `db`
  // does not exist ("run `timecite crawl` first"), InvalidArgument for a bad
  // option (a cap over 256 MiB, threads < 1), store errors.
  static Result<std::unique_ptr<Server>> Create(ServeOptions options);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds host:port and starts accepting on a thread of its own; when it
  // returns Ok, connections are accepted. Errors: IoError naming the address
  // when it cannot be bound.
  Status Start();
  // The bound port (after Start).
  int port() const;
  // "http://HOST:PORT" (IPv6 hosts in brackets).
  std::string url() const;
  // Stops accepting, finishes the requests in progress, joins the threads.
  void Stop();

  class Impl;

 private:
  explicit Server(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace timecite::serve
