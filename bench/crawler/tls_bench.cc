// CPU per HTTPS fetch on a new TLS connection: timecite's CurlFetcher (the
// CA bundle parsed once per process, one X509_STORE shared by every
// connection) against its peer, libcurl as timecite used it before (and as
// curl --cacert does): the system bundle plus the test CA given as
// CURLOPT_CAINFO_BLOB to each transfer, parsed again for each connection.
// Both run in this process against the in-process replica over HTTPS on
// loopback, each fetch to another host name (*.replica.test) so that each
// needs a new connection and handshake. CPU is this thread's (the replica's
// threads are not counted); the count of CA bundle parses is timecite's.
//
// Usage: tls_bench [FETCHES]   (default 200)
#include <curl/curl.h>
#include <time.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "common/file.h"
#include "crawler/curl_fetcher.h"
#include "tools/replica/replica.h"

namespace timecite::crawler {
namespace {

double ThreadCpuMs() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) * 1e3 +
         static_cast<double>(ts.tv_nsec) / 1e6;
}

std::string HostUrl(int i) {
  return "https://h" + std::to_string(i) + ".replica.test/page";
}

size_t Discard(char*, size_t size, size_t count, void*) { return size * count; }

// The peer: one easy handle per fetch, the CA bundle as a blob (parsed by
// libcurl for the connection).
int PeerFetches(int n, const std::string& bundle, const std::string& connect) {
  curl_slist* connect_to = curl_slist_append(nullptr, connect.c_str());
  int ok = 0;
  for (int i = 0; i < n; ++i) {
    CURL* e = curl_easy_init();
    const std::string url = HostUrl(i);
    curl_easy_setopt(e, CURLOPT_URL, url.c_str());
    curl_easy_setopt(e, CURLOPT_CONNECT_TO, connect_to);
    curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, &Discard);
    curl_easy_setopt(e, CURLOPT_SSL_VERIFYPEER, 1L);
    curl_easy_setopt(e, CURLOPT_SSL_VERIFYHOST, 2L);
    curl_blob blob{const_cast<char*>(bundle.data()), bundle.size(),
                   CURL_BLOB_NOCOPY};
    curl_easy_setopt(e, CURLOPT_CAINFO_BLOB, &blob);
    if (curl_easy_perform(e) == CURLE_OK) ++ok;
    curl_easy_cleanup(e);
  }
  curl_slist_free_all(connect_to);
  return ok;
}

int Run(int n) {
  const std::filesystem::path dir =
      std::filesystem::temp_directory_path() /
      ("timecite-tls-bench-" + std::to_string(::getpid()));
  auto cert = replica::MakeSelfSignedCertificate(dir);
  if (!cert.ok()) {
    std::fprintf(stderr, "tls_bench: %s\n", cert.status().ToString().c_str());
    return 1;
  }
  replica::World world;
  replica::ReplicaOptions options;
  options.https_port = 0;
  options.cert_file = cert->cert_file;
  options.key_file = cert->key_file;
  options.threads = 4;
  auto replica = replica::Replica::Start(world, options);
  if (!replica.ok()) {
    std::fprintf(stderr, "tls_bench: %s\n",
                 replica.status().ToString().c_str());
    return 1;
  }
  const std::string connect =
      ":443:127.0.0.1:" + std::to_string((*replica)->https_port());

  // timecite: one fetcher, a new connection per host.
  const int parses_before = CaBundleParses();
  double t0 = ThreadCpuMs();
  CurlFetcherOptions o;
  o.user_agent = "timecite-bench/1.0";
  o.ca_file = cert->cert_file.string();
  o.connect_to = {connect};
  auto fetcher = CurlFetcher::Create(o);
  if (!fetcher.ok()) {
    std::fprintf(stderr, "tls_bench: %s\n",
                 fetcher.status().ToString().c_str());
    return 1;
  }
  int ours_ok = 0;
  for (int i = 0; i < n; ++i) {
    FetchRequest r;
    r.url = HostUrl(i);
    const FetchRecord rec = FetchNow(**fetcher, r);
    if (rec.status > 0) ++ours_ok;  // the replica answers 404: TLS worked
  }
  const double ours_ms = ThreadCpuMs() - t0;
  const int parses = CaBundleParses() - parses_before;

  // The peer, with the same bundle timecite trusts.
  auto system = ReadFile("/etc/ssl/certs/ca-certificates.crt", 16 << 20);
  auto extra = ReadFile(cert->cert_file, 1 << 20);
  const std::string bundle =
      (system.ok() ? *system + "\n" : std::string()) + (extra.ok() ? *extra : "");
  t0 = ThreadCpuMs();
  const int peer_answered = PeerFetches(n, bundle, connect);
  const double peer_ms = ThreadCpuMs() - t0;

  std::error_code ec;
  std::filesystem::remove_all(dir, ec);
  std::printf("HTTPS fetches, each on a new TLS connection: %d\n", n);
  std::printf("timecite CurlFetcher : %7.3f ms CPU/fetch  (%d answered, CA bundle parsed %d time%s)\n",
              ours_ms / n, ours_ok, parses, parses == 1 ? "" : "s");
  std::printf("libcurl, CA blob     : %7.3f ms CPU/fetch  (%d answered, CA bundle parsed per connection: %d times)\n",
              peer_ms / n, peer_answered, n);
  std::printf("ratio timecite/peer: %.2fx CPU per fetch\n", ours_ms / peer_ms);
  return ours_ok == n ? 0 : 1;
}

}  // namespace
}  // namespace timecite::crawler

int main(int argc, char** argv) {
  const int n = argc > 1 ? std::atoi(argv[1]) : 200;
  return timecite::crawler::Run(n > 0 ? n : 200);
}
