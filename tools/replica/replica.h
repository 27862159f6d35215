// timecite::replica::Replica — a local stand-in for webtv.un.org, media.un.org,
// Kaltura, UN Transcripts, the document hosts and the Wayback Machine, serving
// a World (world.h) in the real markup, with faults injected per URL.
//
// Virtual hosting: the answer depends on the Host header, not on the port, so a
// client that connects to the replica with curl's --connect-to semantics
// (CURLOPT_CONNECT_TO "webtv.un.org:443:127.0.0.1:<port>") uses the real URLs.
// Requests whose Host is an IP address or "localhost" are served as
// `ReplicaOptions::default_host`.
//
// Every request is recorded (arrival time, method, host, target, headers)
// before it is answered: Requests() in process, or GET /__requests on any host
// (JSON array; /__requests?clear=1 also empties the log) from outside.
//
// Ownership and threads: Start() launches one listener thread per scheme and
// a pool of worker threads; the destructor stops them and joins. Requests() and
// ClearRequests() may be called from any thread. Start() sets SIGPIPE to
// ignored for the process (a client that hangs up must not kill the server).
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/status.h"
#include "tools/replica/world.h"

namespace timecite::replica {

struct RecordedRequest {
  int64_t t_ms = 0;     // arrival, ms since the replica started (steady clock)
  int64_t wall_ms = 0;  // arrival, unix ms
  std::string method;
  std::string host;    // Host header, lower case, port removed
  std::string target;  // path and query as sent
  bool tls = false;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;  // the request body as received (POST), else empty

  // The first header of that name (case-insensitive), or "".
  std::string Header(std::string_view name) const;
};

struct ReplicaOptions {
  std::string bind_address = "127.0.0.1";
  int http_port = 0;    // 0: an ephemeral port; -1: no HTTP listener
  int https_port = -1;  // -1: no HTTPS listener; 0: ephemeral (needs cert)
  std::filesystem::path cert_file;  // PEM certificate for HTTPS
  std::filesystem::path key_file;   // PEM private key for HTTPS
  int threads = 32;                 // worker threads per listener
  std::string default_host = "webtv.un.org";
};

class Replica {
 public:
  // Binds the listeners and starts serving. Errors: IoError when a port
  // cannot be bound or the certificate cannot be loaded.
  static Result<std::unique_ptr<Replica>> Start(World world,
                                                ReplicaOptions options);
  ~Replica();
  Replica(const Replica&) = delete;
  Replica& operator=(const Replica&) = delete;

  int http_port() const;   // -1 when not listening
  int https_port() const;  // -1 when not listening

  // Every request so far, in arrival order.
  std::vector<RecordedRequest> Requests() const;
  // Those whose host is `host` (and whose target starts with `prefix`).
  std::vector<RecordedRequest> RequestsTo(std::string_view host,
                                          std::string_view prefix = "") const;
  void ClearRequests();

  class Impl;

 private:
  explicit Replica(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// A self-signed certificate (its own CA) for every host the replica serves,
// made with the `openssl` command line tool in `dir`. Trust `cert_file` as
// the CA (curl --cacert) to reach the replica over HTTPS.
struct TestCertificate {
  std::filesystem::path cert_file;
  std::filesystem::path key_file;
};
Result<TestCertificate> MakeSelfSignedCertificate(
    const std::filesystem::path& dir);

// "Sun, 06 Nov 1994 08:49:37 GMT" (RFC 9110 IMF-fixdate) for a unix time in s.
std::string HttpDate(int64_t unix_s);

}  // namespace timecite::replica
