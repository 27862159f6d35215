#include "crawler/curl_fetcher.h"

#include <curl/curl.h>
#include <openssl/pem.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>

#include <atomic>
#include <chrono>
#include <map>
#include <mutex>
#include <unordered_map>

#include "common/file.h"
#include "common/url.h"

namespace timecite::crawler {
namespace {

struct EasyDeleter {
  void operator()(CURL* e) const { curl_easy_cleanup(e); }
};
struct MultiDeleter {
  void operator()(CURLM* m) const { curl_multi_cleanup(m); }
};
struct SlistDeleter {
  void operator()(curl_slist* l) const { curl_slist_free_all(l); }
};
using Easy = std::unique_ptr<CURL, EasyDeleter>;
using Multi = std::unique_ptr<CURLM, MultiDeleter>;
using Slist = std::unique_ptr<curl_slist, SlistDeleter>;

// Appends to a list owned by `list`; false when curl is out of memory.
bool Append(Slist& list, const std::string& line) {
  curl_slist* grown = curl_slist_append(list.get(), line.c_str());
  if (grown == nullptr) return false;
  (void)list.release();  // `grown` now heads the same nodes
  list.reset(grown);
  return true;
}

int64_t SteadyNowMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

std::string Lower(std::string s) {
  for (char& c : s) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return s;
}

std::string Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
    s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' ||
                        s.back() == '\r' || s.back() == '\n')) {
    s.remove_suffix(1);
  }
  return std::string(s);
}

// A CA bundle: Debian's whole ca-certificates.crt is ~200 KiB.
constexpr std::uint64_t kMaxCaBundleBytes = 16 << 20;

std::atomic<int> ca_bundle_parses{0};

// The system bundle's path as libcurl was built with it (Debian:
// /etc/ssl/certs/ca-certificates.crt).
std::string SystemCaBundlePath() {
  const curl_version_info_data* info = curl_version_info(CURLVERSION_NOW);
  if (info != nullptr && info->age >= CURLVERSION_NINTH &&
      info->cainfo != nullptr) {
    return info->cainfo;
  }
  return "/etc/ssl/certs/ca-certificates.crt";
}

// Adds every certificate and CRL of the PEM text `pem` to `store` (what
// libcurl does with CURLOPT_CAINFO_BLOB); false when none could be read.
bool AddPem(X509_STORE* store, const std::string& pem) {
  BIO* bio = BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size()));
  if (bio == nullptr) return false;
  STACK_OF(X509_INFO)* infos =
      PEM_X509_INFO_read_bio(bio, nullptr, nullptr, nullptr);
  BIO_free(bio);
  if (infos == nullptr) return false;
  int added = 0;
  for (int i = 0; i < sk_X509_INFO_num(infos); ++i) {
    X509_INFO* info = sk_X509_INFO_value(infos, i);
    if (info->x509 != nullptr && X509_STORE_add_cert(store, info->x509) == 1)
      ++added;
    if (info->crl != nullptr && X509_STORE_add_crl(store, info->crl) == 1)
      ++added;
  }
  sk_X509_INFO_pop_free(infos, X509_INFO_free);
  return added > 0;
}

// The trusted CAs of one CurlFetcherOptions::ca_file (empty: the system's
// only), parsed once per process and shared by every TLS connection of every
// fetcher: parsing Debian's bundle costs ~20 ms of CPU, and libcurl 7.88
// parses it for each new connection when a CA path or a CA blob is set (its
// own cache, CURLOPT_CA_CACHE_TIMEOUT, then stays off). Keyed by the extra
// file's bytes, so a changed file is read afresh. The stores live until the
// process ends (reachable from a static, so not a leak); thread-safe.
Result<X509_STORE*> SharedCaStore(const std::string& extra_pem) {
  static std::mutex mu;
  static auto* stores = new std::map<std::string, X509_STORE*>;
  std::lock_guard lock(mu);
  if (auto it = stores->find(extra_pem); it != stores->end()) return it->second;
  X509_STORE* store = X509_STORE_new();
  if (store == nullptr) return Status::IoError("out of memory");
  // The flags libcurl sets on its own store (lib/vtls/openssl.c).
  X509_STORE_set_flags(store,
                       X509_V_FLAG_TRUSTED_FIRST | X509_V_FLAG_PARTIAL_CHAIN);
  ca_bundle_parses.fetch_add(1, std::memory_order_relaxed);
  // A machine without the system bundle still trusts `extra_pem`, as before.
  if (Result<std::string> system =
          ReadFile(SystemCaBundlePath(), kMaxCaBundleBytes);
      system.ok()) {
    (void)AddPem(store, *system);
  }
  if (!extra_pem.empty() && !AddPem(store, extra_pem)) {
    X509_STORE_free(store);
    return Status::InvalidArgument("no PEM certificate in it");
  }
  stores->emplace(extra_pem, store);
  return store;
}

// CURLOPT_SSL_CTX_FUNCTION: every new TLS connection trusts the shared store
// (called after libcurl set up its own, empty, store: no CA file is set).
CURLcode UseSharedCaStore(CURL*, void* ssl_ctx, void* user) {
  auto* store = static_cast<X509_STORE*>(user);
  if (X509_STORE_up_ref(store) != 1) return CURLE_OUT_OF_MEMORY;
  SSL_CTX_set_cert_store(static_cast<SSL_CTX*>(ssl_ctx), store);
  return CURLE_OK;
}

ErrorClass ClassOf(CURLcode rc) {
  switch (rc) {
    case CURLE_OK:
      return ErrorClass::kOk;
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_RESOLVE_PROXY:
      return ErrorClass::kDns;
    case CURLE_OPERATION_TIMEDOUT:
      return ErrorClass::kTimeout;
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_CIPHER:
    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_SSL_ISSUER_ERROR:
    case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
    case CURLE_SSL_INVALIDCERTSTATUS:
    case CURLE_SSL_CRL_BADFILE:
    case CURLE_SSL_SHUTDOWN_FAILED:
    case CURLE_SSL_ENGINE_NOTFOUND:
    case CURLE_SSL_ENGINE_SETFAILED:
    case CURLE_SSL_ENGINE_INITFAILED:
    case CURLE_USE_SSL_FAILED:
      return ErrorClass::kTls;
    case CURLE_FILESIZE_EXCEEDED:
      return ErrorClass::kTooLarge;
    case CURLE_TOO_MANY_REDIRECTS:
      return ErrorClass::kRedirectLoop;
    case CURLE_UNSUPPORTED_PROTOCOL:
    case CURLE_URL_MALFORMAT:
      return ErrorClass::kBadUrl;
    default:
      return ErrorClass::kConnect;  // refused, reset, empty or cut answer, ...
  }
}

// One fetch: its easy handle (the same for every hop, so cookies stay within
// the chain) and what has been learnt so far.
struct Transfer {
  Fetcher::Token token = 0;
  FetchRequest request;
  Easy easy;
  Slist request_headers;  // every hop
  Slist post_headers;     // POST hops: request_headers + Content-Type, Expect
  FetchRecord record;
  std::string current_url;
  std::map<std::string, int> visits;  // URL → times met in this chain
  int64_t deadline_steady_ms = 0;
  // The current hop's answer.
  std::string body;
  std::map<std::string, std::string> headers;  // lower-case names
  bool too_large = false;
  bool truncated = false;
  const AddressPolicy* policy = nullptr;
  std::string refused;  // why the policy refused an address of this hop
};

size_t OnBody(char* data, size_t size, size_t count, void* user) {
  auto* t = static_cast<Transfer*>(user);
  const size_t n = size * count;
  const auto cap = static_cast<size_t>(t->request.max_body_bytes);
  try {
    if (t->body.size() + n > cap) {
      if (t->request.truncate_at_cap) {
        t->body.append(data, cap - t->body.size());
        t->truncated = true;
      } else {
        t->too_large = true;
      }
      return 0;  // stops the transfer (CURLE_WRITE_ERROR)
    }
    t->body.append(data, n);
  } catch (...) {  // no exception may cross into curl
    t->too_large = true;
    return 0;
  }
  return n;
}

size_t OnHeader(char* data, size_t size, size_t count, void* user) {
  auto* t = static_cast<Transfer*>(user);
  const size_t n = size * count;
  try {
    std::string_view line(data, n);
    if (line.starts_with("HTTP/")) {
      t->headers.clear();  // a new answer (after 100 Continue or a redirect)
    } else if (size_t colon = line.find(':'); colon != std::string_view::npos) {
      t->headers[Lower(std::string(line.substr(0, colon)))] =
          Trim(line.substr(colon + 1));
    }
  } catch (...) {
    return 0;
  }
  return n;
}

// CURLOPT_OPENSOCKETFUNCTION: sees every address curl is about to connect to,
// after DNS (and after --connect-to), and refuses those the policy forbids.
curl_socket_t OnOpenSocket(void* user, curlsocktype purpose,
                           curl_sockaddr* address) {
  auto* t = static_cast<Transfer*>(user);
  if (purpose == CURLSOCKTYPE_IPCXN && t->policy != nullptr) {
    try {
      std::string why = t->policy->CheckConnect(&address->addr,
                                                address->addrlen);
      if (!why.empty()) {
        t->refused = std::move(why);
        return CURL_SOCKET_BAD;
      }
    } catch (...) {  // no exception may cross into curl
      return CURL_SOCKET_BAD;
    }
  }
  return socket(address->family, address->socktype, address->protocol);
}

std::string HeaderOf(const Transfer& t, const std::string& name) {
  auto it = t.headers.find(name);
  return it == t.headers.end() ? std::string() : it->second;
}

}  // namespace

int CaBundleParses() {
  return ca_bundle_parses.load(std::memory_order_relaxed);
}

ErrorClass ClassifyCurlCode(int curl_code) {
  return ClassOf(static_cast<CURLcode>(curl_code));
}

FetchRecord FetchNow(Fetcher& fetcher, FetchRequest request) {
  fetcher.Start(1, std::move(request));
  while (true) {
    for (Fetcher::Done& done : fetcher.Wait(1000)) {
      if (done.token == 1) return std::move(done.record);
    }
  }
}

class CurlFetcher::Impl {
 public:
  explicit Impl(CurlFetcherOptions options)
      : options_(std::move(options)),
        clock_(options_.clock != nullptr ? options_.clock : &own_clock_) {}

  ~Impl() {
    // The documented order: remove each easy handle from the multi handle,
    // clean up the easy handles, then the multi handle.
    for (auto& [ptr, transfer] : transfers_) {
      curl_multi_remove_handle(multi_.get(), transfer->easy.get());
    }
    transfers_.clear();
    multi_.reset();
  }

  Status Init() {
    static std::once_flag global_init;
    std::call_once(global_init, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
    if (options_.user_agent.empty()) {
      return Status::InvalidArgument("a User-Agent is required");
    }
    multi_.reset(curl_multi_init());
    if (!multi_) return Status::IoError("curl_multi_init failed");
    curl_multi_setopt(multi_.get(), CURLMOPT_MAXCONNECTS,
                      static_cast<long>(options_.max_connections));
    for (const std::string& c : options_.connect_to) {
      if (!Append(connect_to_, c)) return Status::IoError("out of memory");
    }
    return LoadCaStore();
  }

  void Start(Token token, FetchRequest request) {
    auto t = std::make_unique<Transfer>();
    t->token = token;
    t->policy = &options_.address_policy;
    t->request = std::move(request);
    t->record.method = t->request.method;
    t->record.started_ms = clock_->NowMs();
    t->deadline_steady_ms = SteadyNowMs() + t->request.timeout_ms;
    Result<Url> url = ParseUrl(t->request.url);
    t->record.url = url.ok() ? url->request : t->request.url;
    if (!url.ok()) {
      Fail(*t, ErrorClass::kBadUrl, url.status().message());
      return;
    }
    t->current_url = url->request;
    t->visits[t->current_url] = 1;
    t->easy.reset(curl_easy_init());
    if (!t->easy) {
      Fail(*t, ErrorClass::kConnect, "curl_easy_init failed");
      return;
    }
    if (!Configure(*t)) {
      Fail(*t, ErrorClass::kConnect, "out of memory setting up the transfer");
      return;
    }
    Transfer* raw = t.get();
    transfers_[raw] = std::move(t);
    BeginHop(*raw);
  }

  std::vector<Done> Wait(int64_t timeout_ms) {
    if (!transfers_.empty()) {
      int running = 0;
      curl_multi_perform(multi_.get(), &running);
      Drain();
    }
    if (done_.empty()) {
      curl_multi_poll(multi_.get(), nullptr, 0,
                      static_cast<int>(std::max<int64_t>(0, timeout_ms)),
                      nullptr);
      int running = 0;
      curl_multi_perform(multi_.get(), &running);
      Drain();
    }
    return std::exchange(done_, {});
  }

  size_t InFlight() const { return transfers_.size() + done_.size(); }

 private:
  // The system CAs plus `ca_file`, from the process-wide store.
  Status LoadCaStore() {
    std::string extra;
    if (!options_.ca_file.empty()) {
      Result<std::string> read = ReadFile(options_.ca_file, kMaxCaBundleBytes);
      if (!read.ok()) return read.status().WithContext("--cacert");
      extra = std::move(read).value();
    }
    Result<X509_STORE*> store = SharedCaStore(extra);
    if (!store.ok())
      return store.status().WithContext("--cacert " + options_.ca_file);
    ca_store_ = *store;
    return Status::Ok();
  }

  bool Configure(Transfer& t) {
    CURL* e = t.easy.get();
    curl_easy_setopt(e, CURLOPT_PRIVATE, &t);
    curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, &OnBody);
    curl_easy_setopt(e, CURLOPT_WRITEDATA, &t);
    curl_easy_setopt(e, CURLOPT_HEADERFUNCTION, &OnHeader);
    curl_easy_setopt(e, CURLOPT_HEADERDATA, &t);
    curl_easy_setopt(e, CURLOPT_OPENSOCKETFUNCTION, &OnOpenSocket);
    curl_easy_setopt(e, CURLOPT_OPENSOCKETDATA, &t);
    curl_easy_setopt(e, CURLOPT_USERAGENT, options_.user_agent.c_str());
    curl_easy_setopt(e, CURLOPT_FOLLOWLOCATION, 0L);
    curl_easy_setopt(e, CURLOPT_ACCEPT_ENCODING, "");  // all curl decodes
    curl_easy_setopt(e, CURLOPT_COOKIEFILE, "");       // cookies for this chain
    curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(e, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(e, CURLOPT_CONNECTTIMEOUT_MS,
                     static_cast<long>(options_.connect_timeout_ms));
    curl_easy_setopt(e, CURLOPT_SSL_VERIFYPEER, 1L);
    curl_easy_setopt(e, CURLOPT_SSL_VERIFYHOST, 2L);
    if (connect_to_) curl_easy_setopt(e, CURLOPT_CONNECT_TO, connect_to_.get());
    // No CA file or path for libcurl to parse: the shared store is given
    // to each new TLS connection instead.
    curl_easy_setopt(e, CURLOPT_CAINFO, nullptr);
    curl_easy_setopt(e, CURLOPT_CAPATH, nullptr);
    curl_easy_setopt(e, CURLOPT_SSL_CTX_FUNCTION, &UseSharedCaStore);
    curl_easy_setopt(e, CURLOPT_SSL_CTX_DATA, ca_store_);
    if (!t.request.truncate_at_cap) {
      curl_easy_setopt(e, CURLOPT_MAXFILESIZE_LARGE,
                       static_cast<curl_off_t>(t.request.max_body_bytes));
    }
    if (!t.request.if_none_match.empty() &&
        !Append(t.request_headers,
                "If-None-Match: " + t.request.if_none_match)) {
      return false;
    }
    if (!t.request.if_modified_since.empty() &&
        !Append(t.request_headers,
                "If-Modified-Since: " + t.request.if_modified_since)) {
      return false;
    }
    if (t.request.method == "POST") {
      for (curl_slist* h = t.request_headers.get(); h != nullptr; h = h->next) {
        if (!Append(t.post_headers, h->data)) return false;
      }
      if (!Append(
              t.post_headers,
              "Content-Type: " + (t.request.content_type.empty()
                                      ? std::string("application/octet-stream")
                                      : t.request.content_type)) ||
          !Append(t.post_headers, "Expect:")) {
        return false;
      }
    }
    return true;
  }

  void BeginHop(Transfer& t) {
    const int64_t left = t.deadline_steady_ms - SteadyNowMs();
    if (left <= 0) {
      Finish(t, ErrorClass::kTimeout, "the fetch's deadline passed");
      return;
    }
    t.body.clear();
    t.headers.clear();
    t.too_large = t.truncated = false;
    t.refused.clear();
    if (Result<Url> url = ParseUrl(t.current_url); url.ok()) {
      if (std::string why = options_.address_policy.CheckHost(url->host);
          !why.empty()) {
        Finish(t, ErrorClass::kPrivateAddress, std::move(why));
        return;
      }
    }
    CURL* e = t.easy.get();
    curl_easy_setopt(e, CURLOPT_URL, t.current_url.c_str());
    if (t.record.method == "HEAD") {
      curl_easy_setopt(e, CURLOPT_NOBODY, 1L);
    } else if (t.record.method == "POST") {
      curl_easy_setopt(e, CURLOPT_NOBODY, 0L);
      curl_easy_setopt(e, CURLOPT_POSTFIELDSIZE_LARGE,
                       static_cast<curl_off_t>(t.request.body.size()));
      curl_easy_setopt(e, CURLOPT_POSTFIELDS,
                       t.request.body.data());  // owned by t
    } else {
      curl_easy_setopt(e, CURLOPT_HTTPGET, 1L);
    }
    curl_easy_setopt(e, CURLOPT_HTTPHEADER,
                     t.record.method == "POST" ? t.post_headers.get()
                                               : t.request_headers.get());
    curl_easy_setopt(e, CURLOPT_TIMEOUT_MS, static_cast<long>(left));
    if (curl_multi_add_handle(multi_.get(), e) != CURLM_OK) {
      Finish(t, ErrorClass::kConnect, "curl_multi_add_handle failed");
    }
  }

  void Drain() {
    int queued = 0;
    while (CURLMsg* msg = curl_multi_info_read(multi_.get(), &queued)) {
      if (msg->msg != CURLMSG_DONE) continue;
      Transfer* t = nullptr;
      curl_easy_getinfo(msg->easy_handle, CURLINFO_PRIVATE, &t);
      const CURLcode rc = msg->data.result;
      curl_multi_remove_handle(multi_.get(), msg->easy_handle);
      if (t != nullptr) HopDone(*t, rc);
    }
  }

  void HopDone(Transfer& t, CURLcode rc) {
    long status = 0;
    curl_easy_getinfo(t.easy.get(), CURLINFO_RESPONSE_CODE, &status);
    t.record.status = static_cast<int>(status);
    const std::string location = HeaderOf(t, "location");
    if (rc == CURLE_OK && status >= 300 && status < 400 && status != 304 &&
        !location.empty()) {
      FollowRedirect(t, static_cast<int>(status), location);
      return;
    }
    if (rc == CURLE_OK && t.record.method == "HEAD" &&
        t.request.head_fallback_to_get && status >= 400 && status != 404 &&
        status != 410 && status != 429) {
      t.record.method = "GET";
      BeginHop(t);
      return;
    }
    if (t.too_large) {
      Finish(t, ErrorClass::kTooLarge,
             "body larger than " + std::to_string(t.request.max_body_bytes) +
                 " bytes");
      return;
    }
    if (rc != CURLE_OK && !t.refused.empty()) {
      Finish(t, ErrorClass::kPrivateAddress, t.refused);
      return;
    }
    if (rc == CURLE_WRITE_ERROR && t.truncated) rc = CURLE_OK;
    if (rc != CURLE_OK) {
      Finish(t, ClassOf(rc), curl_easy_strerror(rc));
      return;
    }
    if (status == 202 && HeaderOf(t, "x-amzn-waf-action").find("challenge") !=
                             std::string::npos) {
      Finish(t, ErrorClass::kBotChallenge, "bot challenge (x-amzn-waf-action)");
    } else if (status >= 300 && status != 304) {
      Finish(t, ErrorClass::kHttpStatus, "HTTP " + std::to_string(status));
    } else {
      Finish(t, ErrorClass::kOk, "");
    }
  }

  void FollowRedirect(Transfer& t, int status, const std::string& location) {
    t.record.redirects.push_back({t.current_url, status, location});
    if (static_cast<int>(t.record.redirects.size()) > t.request.max_redirects) {
      Finish(t, ErrorClass::kRedirectLoop,
             "more than " + std::to_string(t.request.max_redirects) +
                 " redirects");
      return;
    }
    char* next_raw = nullptr;
    curl_easy_getinfo(t.easy.get(), CURLINFO_REDIRECT_URL, &next_raw);
    const std::string next = next_raw != nullptr ? next_raw : location;
    Result<Url> url = ParseUrl(next);
    if (!url.ok()) {
      Finish(t, ErrorClass::kBadUrl,
             "redirect to a URL that is not http(s): " + next);
      return;
    }
    if (++t.visits[url->request] >= 3) {
      Finish(t, ErrorClass::kRedirectLoop,
             "redirect loop at " + url->request);
      return;
    }
    t.current_url = url->request;
    // As curl and browsers: 301, 302 and 303 turn a POST into a GET; 307 and
    // 308 repeat it.
    if (t.record.method == "POST" && status != 307 && status != 308)
      t.record.method = "GET";
    BeginHop(t);
  }

  // Completes a transfer that never reached curl.
  void Fail(Transfer& t, ErrorClass error, std::string message) {
    t.record.error = error;
    t.record.error_message = std::move(message);
    t.record.final_url = t.current_url;
    t.record.finished_ms = clock_->NowMs();
    done_.push_back({t.token, std::move(t.record)});
  }

  void Finish(Transfer& t, ErrorClass error, std::string message) {
    FetchRecord& r = t.record;
    r.error = error;
    r.error_message = std::move(message);
    r.final_url = t.current_url;
    r.etag = HeaderOf(t, "etag");
    r.last_modified = HeaderOf(t, "last-modified");
    r.content_type = HeaderOf(t, "content-type");
    r.retry_after = HeaderOf(t, "retry-after");
    r.not_modified = error == ErrorClass::kOk && r.status == 304;
    r.body_truncated = t.truncated;
    if (error == ErrorClass::kOk || error == ErrorClass::kHttpStatus ||
        error == ErrorClass::kBotChallenge) {
      r.body = std::move(t.body);
    }
    r.finished_ms = clock_->NowMs();
    done_.push_back({t.token, std::move(r)});
    transfers_.erase(&t);  // cleans up the easy handle, already removed
  }

  CurlFetcherOptions options_;
  SystemClock own_clock_;
  Clock* clock_;
  Multi multi_;
  Slist connect_to_;
  X509_STORE* ca_store_ = nullptr;  // shared, lives as long as the process
  std::unordered_map<Transfer*, std::unique_ptr<Transfer>> transfers_;
  std::vector<Done> done_;
};

CurlFetcher::CurlFetcher(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
CurlFetcher::~CurlFetcher() = default;

Result<std::unique_ptr<CurlFetcher>> CurlFetcher::Create(
    CurlFetcherOptions options) {
  auto impl = std::make_unique<Impl>(std::move(options));
  if (Status s = impl->Init(); !s.ok()) return s;
  return std::unique_ptr<CurlFetcher>(new CurlFetcher(std::move(impl)));
}

void CurlFetcher::Start(Token token, FetchRequest request) {
  impl_->Start(token, std::move(request));
}
std::vector<Fetcher::Done> CurlFetcher::Wait(int64_t timeout_ms) {
  return impl_->Wait(timeout_ms);
}
size_t CurlFetcher::InFlight() const { return impl_->InFlight(); }

}  // namespace timecite::crawler
