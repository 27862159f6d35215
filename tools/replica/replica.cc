#include "tools/replica/replica.h"

#include <httplib.h>
#include <sys/socket.h>
#include <unistd.h>
#include <zlib.h>

#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <future>
#include <mutex>
#include <nlohmann/json.hpp>
#include <thread>

#include "common/html.h"
#include "tools/replica/markup.h"

namespace timecite::replica {
namespace {

using Clock = std::chrono::steady_clock;
using nlohmann::json;

const std::vector<std::string_view> kLanguages = {"en", "fr", "es",
                                                  "ru", "ar", "zh"};

bool IsLanguage(std::string_view s) {
  for (auto l : kLanguages) {
    if (l == s) return true;
  }
  return false;
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

std::vector<std::string> SplitPath(std::string_view path) {
  std::vector<std::string> parts;
  size_t i = 0;
  while (i < path.size()) {
    size_t j = path.find('/', i);
    if (j == std::string_view::npos) j = path.size();
    if (j > i) parts.emplace_back(path.substr(i, j - i));
    i = j + 1;
  }
  return parts;
}

// "https://Host:8443/p?q" → "host/p?q" (the fault and page key).
std::string KeyOfUrl(std::string_view url) {
  size_t start = url.find("://");
  start = start == std::string_view::npos ? 0 : start + 3;
  size_t slash = url.find('/', start);
  std::string_view authority = url.substr(
      start, slash == std::string_view::npos ? url.npos : slash - start);
  if (size_t colon = authority.find(':'); colon != std::string_view::npos) {
    authority = authority.substr(0, colon);
  }
  std::string key = Lower(authority);
  key += slash == std::string_view::npos ? "/" : std::string(url.substr(slash));
  return key;
}

std::string Gzip(int64_t zero_bytes) {
  z_stream z{};
  deflateInit2(&z, 9, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
  std::string zeros(1 << 16, '\0');
  std::string out;
  char buf[1 << 16];
  int64_t left = zero_bytes;
  int flush = Z_NO_FLUSH;
  do {
    const int64_t n =
        std::min<int64_t>(left, static_cast<int64_t>(zeros.size()));
    left -= n;
    flush = left == 0 ? Z_FINISH : Z_NO_FLUSH;
    z.next_in = reinterpret_cast<Bytef*>(zeros.data());
    z.avail_in = static_cast<uInt>(n);
    do {
      z.next_out = reinterpret_cast<Bytef*>(buf);
      z.avail_out = sizeof buf;
      deflate(&z, flush);
      out.append(buf, sizeof buf - z.avail_out);
    } while (z.avail_out == 0);
  } while (flush != Z_FINISH);
  deflateEnd(&z);
  return out;
}

// Resets the TCP connection behind `req` (RST, no answer): the socket gets
// SO_LINGER {on, 0} and is replaced under its descriptor by a fresh,
// unconnected socket, which closes the original abortively; the server's
// later writes to the descriptor fail harmlessly.
void ResetConnection(const httplib::Request& req) {
  int fd = -1;
  if (req.ssl != nullptr) {
    fd = SSL_get_fd(req.ssl);
  } else {
    for (const auto& entry :
         std::filesystem::directory_iterator("/proc/self/fd")) {
      const int candidate = std::atoi(entry.path().filename().c_str());
      sockaddr_storage local{}, peer{};
      socklen_t ll = sizeof local, pl = sizeof peer;
      if (getsockname(candidate, reinterpret_cast<sockaddr*>(&local), &ll) !=
              0 ||
          getpeername(candidate, reinterpret_cast<sockaddr*>(&peer), &pl) !=
              0 ||
          local.ss_family != AF_INET) {
        continue;
      }
      const auto* l4 = reinterpret_cast<sockaddr_in*>(&local);
      const auto* p4 = reinterpret_cast<sockaddr_in*>(&peer);
      if (ntohs(l4->sin_port) == req.local_port &&
          ntohs(p4->sin_port) == req.remote_port) {
        fd = candidate;
        break;
      }
    }
  }
  if (fd < 0) return;
  linger lin{1, 0};
  setsockopt(fd, SOL_SOCKET, SO_LINGER, &lin, sizeof lin);
  const int blank = socket(AF_INET, SOCK_STREAM, 0);
  if (blank >= 0) {
    dup2(blank, fd);
    close(blank);
  }
}

struct Content {
  int status = 200;
  std::string content_type = "text/html; charset=UTF-8";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;
  bool unknown = false;  // nothing here: the site's not-found answer
};

Content Html(int status, std::string body) {
  Content c;
  c.status = status;
  c.body = std::move(body);
  return c;
}

Content NotFound() {
  Content c = Html(404, NotFoundPage());
  c.unknown = true;
  return c;
}

Content Redirect(int status, std::string location) {
  Content c = Html(status, "<html><body>Moved</body></html>\n");
  c.headers.emplace_back("Location", std::move(location));
  return c;
}

Content Json(std::string body) {
  Content c;
  c.content_type = "application/json";
  c.body = std::move(body);
  return c;
}

std::string SyntheticPage(const Synthetic& s, int n) {
  std::string body = "<!DOCTYPE html>\n<html><head><title>Page " +
                     std::to_string(n) + "</title></head><body>\n<p>";
  body += "<a href=\"" + s.path_prefix + std::to_string((n + 1) % s.count) +
          "\">next</a></p>\n<p>";
  while (static_cast<int>(body.size()) < s.bytes - 20) {
    body += "UN Web TV replica filler text. ";
  }
  body += "</p></body></html>\n";
  return body;
}

}  // namespace

std::string HttpDate(int64_t unix_s) {
  static const char* kDays[] = {"Sun", "Mon", "Tue", "Wed",
                                "Thu", "Fri", "Sat"};
  static const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                  "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  const std::time_t t = static_cast<std::time_t>(unix_s);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%s, %02d %s %04d %02d:%02d:%02d GMT",
                kDays[tm.tm_wday], tm.tm_mday, kMonths[tm.tm_mon],
                tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec);
  return buf;
}

std::string RecordedRequest::Header(std::string_view name) const {
  const std::string want = Lower(name);
  for (const auto& [k, v] : headers) {
    if (Lower(k) == want) return v;
  }
  return {};
}

class Replica::Impl {
 public:
  Impl(World world, ReplicaOptions options)
      : world_(std::move(world)),
        options_(std::move(options)),
        start_(Clock::now()),
        fault_hits_(world_.faults.size()) {
    for (const Fault& f : world_.faults) fault_keys_.push_back(KeyOfUrl(f.url));
    for (const NotFoundAnswer& n : world_.not_found)
      not_found_keys_.push_back(KeyOfUrl(n.prefix));
    gzip_bombs_.resize(world_.faults.size());
  }

  ~Impl() { Stop(); }

  Status Listen(httplib::Server& server, int port, int* bound) {
    const int threads = options_.threads;
    // Start() returns once the worker pool exists, so the first request is
    // not held up by thread creation (tests time requests from the first).
    auto ready = std::make_shared<std::promise<void>>();
    server.new_task_queue = [threads, ready] {
      auto* pool = new httplib::ThreadPool(threads);
      ready->set_value();
      return pool;
    };
    server.set_tcp_nodelay(true);  // no Nagle stall between headers and body
    server.set_keep_alive_max_count(100000);
    server.set_keep_alive_timeout(2);
    auto handler = [this, &server](const httplib::Request& req,
                                   httplib::Response& res) {
      Handle(req, res, &server == https_.get());
    };
    server.Get(".*", handler);
    server.Post(".*", handler);
    server.Options(".*", handler);
    if (port == 0) {
      *bound = server.bind_to_any_port(options_.bind_address);
      if (*bound <= 0)
        return Status::IoError("cannot bind " + options_.bind_address);
    } else {
      if (!server.bind_to_port(options_.bind_address, port)) {
        return Status::IoError("cannot bind " + options_.bind_address + ":" +
                               std::to_string(port));
      }
      *bound = port;
    }
    threads_.emplace_back([&server] { server.listen_after_bind(); });
    if (ready->get_future().wait_for(std::chrono::seconds(10)) !=
        std::future_status::ready) {
      return Status::IoError("the replica's listener did not start");
    }
    return Status::Ok();
  }

  Status Start() {
    std::signal(SIGPIPE, SIG_IGN);
    if (options_.http_port >= 0) {
      http_ = std::make_unique<httplib::Server>();
      if (Status s = Listen(*http_, options_.http_port, &http_port_); !s.ok())
        return s;
    }
    if (options_.https_port >= 0) {
      https_ = std::make_unique<httplib::SSLServer>(options_.cert_file.c_str(),
                                                    options_.key_file.c_str());
      if (!https_->is_valid()) {
        return Status::IoError("cannot load certificate " +
                               options_.cert_file.string() + " / key " +
                               options_.key_file.string());
      }
      if (Status s = Listen(*https_, options_.https_port, &https_port_);
          !s.ok())
        return s;
    }
    return Status::Ok();
  }

  void Stop() {
    if (http_) http_->stop();
    if (https_) https_->stop();
    for (std::thread& t : threads_) t.join();
    threads_.clear();
  }

  std::vector<RecordedRequest> Requests() const {
    std::lock_guard<std::mutex> lock(mu_);
    return log_;
  }
  void ClearRequests() {
    std::lock_guard<std::mutex> lock(mu_);
    log_.clear();
  }

  int http_port_ = -1;
  int https_port_ = -1;

 private:
  std::string HostOf(const httplib::Request& req) const {
    std::string host = Lower(req.get_header_value("Host"));
    if (size_t colon = host.rfind(':');
        colon != std::string::npos && host.find(']') == std::string::npos) {
      host.resize(colon);
    }
    if (host.empty() || host == "localhost" ||
        host.find_first_not_of("0123456789.") == std::string::npos) {
      return options_.default_host;
    }
    return host;
  }

  void Record(const httplib::Request& req, const std::string& host, bool tls) {
    RecordedRequest r;
    r.t_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                 Clock::now() - start_)
                 .count();
    r.wall_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                    std::chrono::system_clock::now().time_since_epoch())
                    .count();
    r.method = req.method;
    r.host = host;
    r.target = req.target;
    r.tls = tls;
    r.body = req.body;
    for (const auto& [k, v] : req.headers) {
      if (k == "REMOTE_ADDR" || k == "REMOTE_PORT" || k == "LOCAL_ADDR" ||
          k == "LOCAL_PORT") {
        continue;  // httplib's own pseudo headers
      }
      r.headers.emplace_back(k, v);
    }
    std::lock_guard<std::mutex> lock(mu_);
    log_.push_back(std::move(r));
  }

  void Handle(const httplib::Request& req, httplib::Response& res, bool tls) {
    const std::string host = HostOf(req);
    if (req.path == "/__requests") {
      ServeLog(req, res);
      return;
    }
    Record(req, host, tls);
    const std::string key = host + req.target;
    const int fault = TakeFault(key, req.method);
    Content content = Route(req, host, tls);
    if (content.unknown) content = SiteNotFound(key, std::move(content));
    if (fault < 0) {
      Send(req, res, std::move(content));
      return;
    }
    ApplyFault(req, res, static_cast<size_t>(fault), std::move(content));
  }

  void ServeLog(const httplib::Request& req, httplib::Response& res) {
    json out = json::array();
    for (const RecordedRequest& r : Requests()) {
      json headers = json::object();
      for (const auto& [k, v] : r.headers) headers[k] = v;
      out.push_back({{"t_ms", r.t_ms},
                     {"wall_ms", r.wall_ms},
                     {"method", r.method},
                     {"host", r.host},
                     {"target", r.target},
                     {"tls", r.tls},
                     {"headers", headers}});
    }
    if (req.get_param_value("clear") == "1") ClearRequests();
    res.set_content(out.dump(), "application/json");
  }

  // The index of the first fault at `key` that still applies, counting the
  // hit; -1 when none.
  int TakeFault(const std::string& key, const std::string& method) {
    std::lock_guard<std::mutex> lock(mu_);
    for (size_t i = 0; i < fault_keys_.size(); ++i) {
      if (fault_keys_[i] != key) continue;
      const Fault& f = world_.faults[i];
      if (!f.method.empty() && f.method != method) continue;
      if (f.times >= 0 && fault_hits_[i] >= f.times) continue;
      ++fault_hits_[i];
      return static_cast<int>(i);
    }
    return -1;
  }

  Content Route(const httplib::Request& req, const std::string& host,
                bool tls) {
    const std::string key = host + req.target;
    for (const Page& p : world_.pages) {
      if (KeyOfUrl(p.url) == key) {
        Content c;
        c.status = p.status;
        c.content_type = p.content_type;
        c.body = p.body;
        for (const auto& h : p.headers) c.headers.push_back(h);
        return c;
      }
    }
    if (req.path == "/robots.txt") {
      auto it = world_.robots.find(host);
      if (it == world_.robots.end()) return NotFound();
      Content c;
      c.content_type = "text/plain; charset=UTF-8";
      c.body = it->second;
      return c;
    }
    const std::vector<std::string> parts = SplitPath(req.path);
    if (host == "webtv.un.org" || host == "media.un.org") return WebTv(parts);
    if (host == "cdnapisec.kaltura.com") {
      if (req.path != "/api_v3/service/multirequest") return NotFound();
      return Json(KalturaAnswer(world_, req.body));
    }
    if (host == "transcripts.un.org") return Transcripts(parts);
    if (host == "undocs.org" || host == "www.undocs.org") {
      return Redirect(301, std::string(tls ? "https" : "http") +
                               "://docs.un.org" + req.path);
    }
    if (host == "docs.un.org") return Docs(parts);
    if (host == "web.archive.org") return Wayback(req);
    if (host == "archive.org" && req.path == "/wayback/available") {
      return Json(WaybackAvailable(world_, req.get_param_value("url")));
    }
    for (const Synthetic& s : world_.synthetic) {
      if (s.host == host && req.path.starts_with(s.path_prefix)) {
        const std::string n = req.path.substr(s.path_prefix.size());
        const int i = std::atoi(n.c_str());
        if (!n.empty() && std::to_string(i) == n && i < s.count) {
          return Html(200, SyntheticPage(s, i));
        }
      }
    }
    for (const Document& d : world_.documents) {
      if (!d.url.empty() && KeyOfUrl(d.url) == key) return DocumentContent(d);
    }
    return NotFound();
  }

  // The world's not-found answer for `key` (host + target), the longest
  // matching prefix; `plain` (the replica's 404 page) when none matches.
  Content SiteNotFound(const std::string& key, Content plain) const {
    const NotFoundAnswer* best = nullptr;
    size_t best_size = 0;
    for (size_t i = 0; i < world_.not_found.size(); ++i) {
      const std::string& prefix = not_found_keys_[i];
      if (key.starts_with(prefix) && (best == nullptr || prefix.size() > best_size)) {
        best = &world_.not_found[i];
        best_size = prefix.size();
      }
    }
    if (best == nullptr) return plain;
    if (!best->redirect.empty()) return Redirect(best->status, best->redirect);
    Content c = Html(best->status, best->body.empty() ? NotFoundPage() : best->body);
    c.content_type = best->content_type;
    return c;
  }

  Content WebTv(const std::vector<std::string>& parts) {
    if (parts.size() == 4 && IsLanguage(parts[0]) && parts[1] == "asset") {
      const Recording* r = world_.FindAsset(parts[3]);
      if (r == nullptr || r->status == "missing" ||
          parts[2] != parts[3].substr(0, 3)) {
        return NotFound();
      }
      if (r->status == "unpublished") return Html(200, NotFoundPage());
      return Html(200, AssetPage(*r, parts[0]));
    }
    if (parts.size() == 3 && IsLanguage(parts[0]) && parts[1] == "schedule") {
      for (const ScheduleDay& day : world_.schedule) {
        if (day.date == parts[2])
          return Html(200, SchedulePage(world_, day, parts[0]));
      }
      return Html(200,
                  SchedulePage(world_, ScheduleDay{parts[2], {}}, parts[0]));
    }
    return NotFound();
  }

  Content Transcripts(const std::vector<std::string>& parts) {
    if (parts.size() != 4 || !IsLanguage(parts[0]) || parts[1] != "asset")
      return NotFound();
    if (!parts[3].ends_with(".json")) {
      // The recording's transcript page (the player opens at ?t=).
      const Recording* r = world_.FindAsset(parts[3]);
      if (r == nullptr || r->statements.empty()) return NotFound();
      return Html(200, "<!DOCTYPE html><html><head><title>" +
                           html::Escape(r->title) +
                           " | UN Transcripts</title></head><body><h1>" +
                           html::Escape(r->title) + "</h1></body></html>\n");
    }
    const std::string asset_id = parts[3].substr(0, parts[3].size() - 5);
    const Recording* r = world_.FindAsset(asset_id);
    if (r == nullptr || r->statements.empty()) {
      Content c = Json(R"({"error":"Not found"})");
      c.status = 404;
      return c;
    }
    return Json(TranscriptJson(*r, parts[0]));
  }

  Content Docs(std::vector<std::string> parts) {
    if (parts.size() > 1 && IsLanguage(parts[0])) parts.erase(parts.begin());
    std::string symbol;
    for (const std::string& p : parts)
      symbol += (symbol.empty() ? "" : "/") + p;
    for (const Document& d : world_.documents) {
      if (!d.symbol.empty() && Lower(d.symbol) == Lower(symbol))
        return DocumentContent(d);
    }
    return NotFound();
  }

  Content DocumentContent(const Document& d) {
    Content c;
    c.content_type = d.content_type;
    if (!d.body.empty()) {
      c.body = d.body;
    } else if (d.content_type.find("pdf") != std::string::npos) {
      c.body = MinimalPdf({d.symbol, d.title});
    } else {
      c.body = "<!DOCTYPE html><html><head><title>" + html::Escape(d.title) +
               "</title></head><body><h1>" + html::Escape(d.symbol) + "</h1><p>" +
               html::Escape(d.title) + "</p></body></html>\n";
    }
    return c;
  }

  // web.archive.org/web/{timestamp}/{url}: the snapshot itself when the
  // timestamp is the snapshot's, else a 302 to the closest (the only) one.
  Content Wayback(const httplib::Request& req) {
    const std::string prefix = "/web/";
    if (!req.target.starts_with(prefix)) return NotFound();
    const std::string rest = req.target.substr(prefix.size());
    const size_t slash = rest.find('/');
    if (slash == std::string::npos) return NotFound();
    const std::string stamp = rest.substr(0, slash);
    const std::string url = rest.substr(slash + 1);
    for (const Snapshot& s : world_.snapshots) {
      if (s.url != url) continue;
      if (stamp == s.timestamp) {
        return Html(200,
                    "<!DOCTYPE html><html><head><title>Wayback Machine</title>"
                    "</head><body><p>Archived copy of " +
                        html::Escape(s.url) + " taken " + s.timestamp +
                        "</p></body></html>\n");
      }
      return Redirect(
          302, "https://web.archive.org/web/" + s.timestamp + "/" + s.url);
    }
    return NotFound();
  }

  void ApplyFault(const httplib::Request& req, httplib::Response& res,
                  size_t index, Content content) {
    const Fault& f = world_.faults[index];
    if (f.delay_ms > 0)
      std::this_thread::sleep_for(std::chrono::milliseconds(f.delay_ms));
    if (f.reset) {
      ResetConnection(req);
      return;
    }
    if (f.bot_challenge) {
      content = Html(202, "");
      content.headers.emplace_back("x-amzn-waf-action", "challenge");
    } else if (!f.cookie.empty() && req.get_header_value("Cookie").find(
                                        f.cookie) == std::string::npos) {
      content = Redirect(302, req.target);
      content.headers.emplace_back("Set-Cookie", f.cookie + "; Path=/");
    } else if (!f.redirect.empty()) {
      content = Redirect(f.redirect_status, f.redirect);
    } else if (f.soft_404) {
      content = Html(200, NotFoundPage());
    }
    const bool own_body =
        f.body.has_value() || f.body_bytes >= 0 || f.gzip_bomb_bytes >= 0;
    if (own_body && f.status == 0 && content.status == 404)
      content.status = 200;
    if (f.status != 0) {
      content.status = f.status;
      if (!f.body.has_value() && content.status >= 400) {
        content.body = "<html><body><h1>" + std::to_string(f.status) +
                       "</h1></body></html>\n";
      }
    }
    if (f.body.has_value()) content.body = *f.body;
    if (!f.content_type.empty()) content.content_type = f.content_type;
    if (!f.retry_after.empty())
      content.headers.emplace_back("Retry-After", f.retry_after);
    if (f.retry_after_date_in_s >= 0) {
      const auto now = std::chrono::system_clock::now().time_since_epoch();
      const int64_t next_s =
          std::chrono::duration_cast<std::chrono::seconds>(now).count() + 1;
      content.headers.emplace_back("Retry-After",
                                   HttpDate(next_s + f.retry_after_date_in_s));
    }
    for (const auto& h : f.headers) content.headers.push_back(h);
    Stream(res, f, index, std::move(content));
  }

  // Answers 304 when the request's validator matches the page's ETag or
  // Last-Modified (compared as strings, as a cache revalidation does).
  static bool NotModified(const httplib::Request& req, const Content& c) {
    if (c.status != 200) return false;
    for (const auto& [k, v] : c.headers) {
      const std::string name = Lower(k);
      if (name == "etag" && req.get_header_value("If-None-Match") == v)
        return true;
      if (name == "last-modified" && !req.has_header("If-None-Match") &&
          req.get_header_value("If-Modified-Since") == v) {
        return true;
      }
    }
    return false;
  }

  void Send(const httplib::Request& req, httplib::Response& res, Content c) {
    if (NotModified(req, c)) {
      res.status = 304;
      for (auto& [k, v] : c.headers) res.set_header(k, v);
      return;
    }
    res.status = c.status;
    for (auto& [k, v] : c.headers) res.set_header(k, v);
    if (!c.body.empty()) {
      res.set_content(std::move(c.body), c.content_type);
    } else {
      res.set_header("Content-Type", c.content_type);
    }
  }

  // Sends the answer of a fault through a content provider, so the body can
  // be cut, slowed, enlarged or replaced by a gzip bomb.
  void Stream(httplib::Response& res, const Fault& f, size_t index, Content c) {
    res.status = c.status;
    for (auto& [k, v] : c.headers) res.set_header(k, v);
    if (f.gzip_bomb_bytes >= 0) {
      {
        std::lock_guard<std::mutex> lock(mu_);  // made on first use, then kept
        if (gzip_bombs_[index].empty())
          gzip_bombs_[index] = Gzip(f.gzip_bomb_bytes);
        c.body = gzip_bombs_[index];
      }
      res.set_header("Content-Encoding", "gzip");
    }
    if (f.body_bytes >= 0) {
      const int64_t total = f.body_bytes;
      auto provide = [total](size_t offset, httplib::DataSink& sink) {
        static const std::string block(64 * 1024, 'x');
        if (static_cast<int64_t>(offset) >= total) {
          sink.done();
          return true;
        }
        const size_t n = std::min<size_t>(block.size(), total - offset);
        return sink.write(block.data(), n);
      };
      if (f.chunked) {
        res.set_chunked_content_provider(c.content_type, provide);
      } else {
        res.set_content_provider(
            static_cast<size_t>(total), c.content_type,
            [provide](size_t offset, size_t, httplib::DataSink& sink) {
              return provide(offset, sink);
            });
      }
      return;
    }
    if (c.body.empty() && f.truncate_at < 0) {
      res.set_header("Content-Type", c.content_type);
      return;
    }
    auto body = std::make_shared<std::string>(std::move(c.body));
    const size_t limit = f.truncate_at >= 0
                             ? std::min<size_t>(body->size(), f.truncate_at)
                             : body->size();
    const size_t piece =
        std::max<size_t>(1, (body->size() + f.chunks - 1) / f.chunks);
    const int chunk_delay = f.chunk_delay_ms;
    res.set_content_provider(
        body->size(), c.content_type,
        [body, limit, piece, chunk_delay](size_t offset, size_t,
                                          httplib::DataSink& sink) {
          if (offset >= limit) return false;  // truncated: close the connection
          if (offset > 0 && chunk_delay > 0) {
            std::this_thread::sleep_for(std::chrono::milliseconds(chunk_delay));
          }
          const size_t n = std::min(piece, limit - offset);
          return sink.write(body->data() + offset, n);
        });
  }

  World world_;
  ReplicaOptions options_;
  Clock::time_point start_;
  std::vector<std::string> fault_keys_;
  std::vector<std::string> not_found_keys_;  // KeyOfUrl of world_.not_found
  std::vector<int> fault_hits_;
  std::vector<std::string> gzip_bombs_;
  std::unique_ptr<httplib::Server> http_;
  std::unique_ptr<httplib::SSLServer> https_;
  std::vector<std::thread> threads_;
  mutable std::mutex mu_;
  std::vector<RecordedRequest> log_;
};

Replica::Replica(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Replica::~Replica() = default;

Result<std::unique_ptr<Replica>> Replica::Start(World world,
                                                ReplicaOptions options) {
  auto impl = std::make_unique<Impl>(std::move(world), std::move(options));
  if (Status s = impl->Start(); !s.ok()) return s;
  return std::unique_ptr<Replica>(new Replica(std::move(impl)));
}

int Replica::http_port() const { return impl_->http_port_; }
int Replica::https_port() const { return impl_->https_port_; }
std::vector<RecordedRequest> Replica::Requests() const {
  return impl_->Requests();
}
void Replica::ClearRequests() { impl_->ClearRequests(); }

std::vector<RecordedRequest> Replica::RequestsTo(
    std::string_view host, std::string_view prefix) const {
  std::vector<RecordedRequest> out;
  for (RecordedRequest& r : Requests()) {
    if (r.host == host && r.target.starts_with(prefix))
      out.push_back(std::move(r));
  }
  return out;
}

Result<TestCertificate> MakeSelfSignedCertificate(
    const std::filesystem::path& dir) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  TestCertificate cert{dir / "replica-cert.pem", dir / "replica-key.pem"};
  const std::string sans =
      "subjectAltName=DNS:webtv.un.org,DNS:media.un.org,DNS:transcripts.un.org,"
      "DNS:docs.un.org,DNS:undocs.org,DNS:front.un-arm.org,DNS:*.un.org,"
      "DNS:cdnapisec.kaltura.com,DNS:web.archive.org,DNS:archive.org,"
      "DNS:twitter.com,DNS:x.com,DNS:*.unoda.org,DNS:*.replica.test,DNS:"
      "localhost,"
      "IP:127.0.0.1";
  const std::string command =
      "openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 "
      "-nodes"
      " -days 2 -subj /CN=timecite-replica-test-ca"
      " -addext basicConstraints=critical,CA:TRUE"
      " -addext '" +
      sans +
      "'"
      " -keyout '" +
      cert.key_file.string() + "' -out '" + cert.cert_file.string() +
      "' >/dev/null 2>&1";
  if (std::system(command.c_str()) != 0) {
    return Status::IoError("openssl could not make a test certificate in " +
                           dir.string());
  }
  return cert;
}

}  // namespace timecite::replica
