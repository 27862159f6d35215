#include "crawler/crawler.h"

#include <openssl/evp.h>

#include <algorithm>
#include <limits>
#include <random>
#include <set>
#include <unordered_map>

#include "common/url.h"
#include "crawler/robots.h"

namespace timecite::crawler {
namespace {

constexpr int64_t kMaxWaitMs =
    1000;  // longest single Wait(), to stay responsive

struct HostState {
  HostPolicy policy;
  int in_flight = 0;
  int64_t next_start_ms = 0;     // the interval, from the last fetch's end
  int64_t blocked_until_ms = 0;  // Retry-After
  int robots_fetching = 0;       // its robots.txt is on the way: URLs wait
  std::multimap<int64_t, FrontierItem> pending;  // by due time
};

struct RobotsState {
  enum class Phase { kFetching, kReady } phase = Phase::kFetching;
  RobotsVerdict verdict;
  int64_t expires_ms = 0;
};

struct Flight {
  bool robots = false;
  bool robots_retry = false;  // robots.txt asked again after a connect error
  std::string host;
  std::string origin;  // robots flights
  FrontierItem item;   // task flights
};

}  // namespace

std::string HostKey(std::string_view url) {
  Result<Url> u = ParseUrl(url);
  if (!u.ok()) return {};
  const bool default_port = u->port == 0 ||
                            (u->scheme == "http" && u->port == 80) ||
                            (u->scheme == "https" && u->port == 443);
  return default_port ? u->host : u->host + ":" + std::to_string(u->port);
}

std::string RequestKey(std::string_view method, std::string_view url,
                       std::string_view body) {
  Result<Url> u = ParseUrl(url);
  std::string key = u.ok() ? u->request : std::string(url);
  if (method != "POST") return key;
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  EVP_Digest(body.data(), body.size(), digest, &size, EVP_sha256(), nullptr);
  static const char kHex[] = "0123456789abcdef";
  key += "#post-";
  for (unsigned int i = 0; i < 8 && i < size; ++i) {
    key += kHex[digest[i] >> 4];
    key += kHex[digest[i] & 15];
  }
  return key;
}

class Crawler::Impl {
 public:
  using FinalFn = Crawler::FinalFn;
  Impl(Fetcher& fetcher, Frontier& frontier, Clock& clock, CrawlOptions options,
       std::atomic<bool>& stop)
      : fetcher_(fetcher),
        frontier_(frontier),
        clock_(clock),
        options_(std::move(options)),
        stop_(stop),
        product_token_(ProductToken(options_.user_agent)),
        rng_(options_.jitter_seed != 0 ? options_.jitter_seed
                                       : std::random_device{}()) {}

  Status Enqueue(std::string_view url, nlohmann::json task) {
    Result<Url> u = ParseUrl(url);
    if (!u.ok()) return u.status();
    FrontierItem item;
    item.due_ms = clock_.NowMs();
    item.host = HostKey(u->canonical);
    item.task = task.is_object() ? std::move(task) : nlohmann::json::object();
    const std::string method = item.task.value("method", "GET");
    item.url = RequestKey(method, u->request, item.task.value("body", ""));
    if (method == "POST") {
      item.task["url"] = u->request;
    } else {
      item.task.erase("url");
    }
    if (running_) {
      if (!seen_.insert(item.url).second) return Status::Ok();
      if (Status s = frontier_.Add(item); !s.ok()) return s;
      Host(item.host).pending.emplace(item.due_ms, std::move(item));
      ++queued_;
      return Status::Ok();
    }
    return frontier_.Add(item);
  }

  Result<CrawlProgress> Run(
      const std::function<void(const CrawlProgress&)>& on_progress,
      const FinalFn& on_final) {
    run_start_ms_ = clock_.NowMs();
    on_final_ = on_final;
    running_ = true;
    struct Reset {
      Impl* self;
      ~Reset() {
        self->running_ = false;
        self->on_final_ = nullptr;
        self->finals_.clear();
      }
    } reset{this};
    if (Status s = Load(); !s.ok()) return s;
    int64_t next_progress_ms = run_start_ms_;
    while (true) {
      NotifyFinals();
      const int64_t now = clock_.NowMs();
      const bool deadline = options_.run_deadline_ms > 0 &&
                            now >= run_start_ms_ + options_.run_deadline_ms;
      progress_.deadline_reached = deadline;
      progress_.stopped = stop_.load();
      const bool launching = !deadline && !progress_.stopped;
      if (launching) {
        if (Status s = LaunchDue(now); !s.ok()) return Drained(s);
      }
      if (flights_.empty() && finals_.empty() && (!launching || queued_ == 0))
        break;
      if (!finals_.empty()) continue;  // on_final may enqueue more first
      if (on_progress && now >= next_progress_ms) {
        on_progress(Snapshot(now));
        next_progress_ms = now + options_.progress_interval_ms;
      }
      const int64_t wait = launching ? WaitMs(now) : kMaxWaitMs;
      std::vector<Fetcher::Done> finished = fetcher_.Wait(wait);
      for (Fetcher::Done& done : finished) {
        if (Status s = Finished(done.token, std::move(done.record)); !s.ok()) {
          return Drained(s);
        }
      }
    }
    NotifyFinals();
    CrawlProgress last = Snapshot(clock_.NowMs());
    if (on_progress) on_progress(last);
    return last;
  }

 private:
  // Waits for the fetches in flight after an error, so none is left running.
  Status Drained(Status s) {
    while (fetcher_.InFlight() > 0) fetcher_.Wait(kMaxWaitMs);
    return s;
  }

  // Hands the final outcomes gathered since the last call to on_final_, at a
  // point where Enqueue may change the schedule.
  void NotifyFinals() {
    while (on_final_ && !finals_.empty()) {
      std::vector<std::pair<FrontierItem, FetchRecord>> batch =
          std::exchange(finals_, {});
      for (const auto& [item, record] : batch) on_final_(item, record);
    }
    finals_.clear();
  }

  Status Load() {
    Result<std::vector<FrontierItem>> all = frontier_.All();
    if (!all.ok()) return all.status();
    seen_.clear();
    for (FrontierItem& item : *all) {
      if (!seen_.insert(item.url).second) {  // All() is earliest first
        if (Status s = frontier_.Remove(item); !s.ok()) return s;
        continue;
      }
      if (!item.task.is_object()) item.task = nlohmann::json::object();
      Host(item.host).pending.emplace(item.due_ms, std::move(item));
      ++queued_;
    }
    return Status::Ok();
  }

  HostState& Host(const std::string& key) {
    auto it = hosts_.find(key);
    if (it != hosts_.end()) return it->second;
    HostState& h = hosts_[key];
    auto policy = options_.host_policies.find(key);
    h.policy = policy != options_.host_policies.end()
                   ? policy->second
                   : options_.default_host_policy;
    h.policy.max_concurrent = std::max(1, h.policy.max_concurrent);
    if (HostTimes* shared = options_.host_times) {
      if (auto t = shared->next_start_ms.find(key); t != shared->next_start_ms.end())
        h.next_start_ms = t->second;
      if (auto t = shared->blocked_until_ms.find(key); t != shared->blocked_until_ms.end())
        h.blocked_until_ms = t->second;
    }
    return h;
  }

  // The politeness rule (HostPolicy): with an interval one fetch at a time,
  // the next `min_interval_ms` after the previous one ended (Finished).
  static bool HostCanStart(const HostState& h, int64_t now) {
    return h.in_flight < h.policy.Concurrency() && now >= h.next_start_ms &&
           now >= h.blocked_until_ms;
  }

  Status LaunchDue(int64_t now) {
    bool progress = true;
    while (progress &&
           static_cast<int>(flights_.size()) < options_.max_concurrent) {
      progress = false;
      for (auto& [key, h] : hosts_) {
        if (static_cast<int>(flights_.size()) >= options_.max_concurrent) break;
        if (h.pending.empty() || h.pending.begin()->first > now ||
            !HostCanStart(h, now)) {
          continue;
        }
        Result<bool> launched = LaunchOne(key, h, now);
        if (!launched.ok()) return launched.status();
        progress = progress || *launched;
      }
    }
    return Status::Ok();
  }

  // Starts the host's first due URL (or its robots.txt, or settles it without
  // a fetch). False when the host must wait for its robots.txt.
  Result<bool> LaunchOne(const std::string& key, HostState& h, int64_t now) {
    auto first = h.pending.begin();
    FrontierItem& item = first->second;
    Result<Url> url = ParseUrl(item.task.value("url", item.url));
    if (!url.ok()) {
      FetchRecord r =
          Settled(item, ErrorClass::kBadUrl, url.status().message(), now);
      Status s = Final(item, r);
      h.pending.erase(first);
      return s.ok() ? Result<bool>(true) : Result<bool>(s);
    }
    const RobotsTarget target = RobotsTargetOf(*url);
    if (options_.obey_robots) {
      auto robots = robots_.find(target.origin);
      if (robots == robots_.end() ||
          (robots->second.phase == RobotsState::Phase::kReady &&
           now >= robots->second.expires_ms)) {
        StartRobots(key, h, target.origin);
        return true;
      }
      if (robots->second.phase == RobotsState::Phase::kFetching) return false;
      if (auto refusal = robots->second.verdict.Refusal(target.path)) {
        FetchRecord r = Settled(item, refusal->first, refusal->second, now);
        Status s = Final(item, r);
        h.pending.erase(first);
        return s.ok() ? Result<bool>(true) : Result<bool>(s);
      }
    }
    const int64_t first_ms = item.task.value("first_ms", now);
    int64_t budget = options_.attempt_timeout_ms;
    if (options_.url_deadline_ms > 0) {
      budget = std::min(budget, first_ms + options_.url_deadline_ms - now);
    }
    if (options_.run_deadline_ms > 0) {
      budget = std::min(budget, run_start_ms_ + options_.run_deadline_ms - now);
    }
    if (budget <= 0) {
      FetchRecord r =
          Settled(item, ErrorClass::kTimeout, "the URL's deadline passed", now);
      Status s = Final(item, r);
      h.pending.erase(first);
      return s.ok() ? Result<bool>(true) : Result<bool>(s);
    }
    item.task["first_ms"] = first_ms;
    FetchRequest req;
    req.url = url->request;
    req.method = item.task.value("method", options_.use_head ? "HEAD" : "GET");
    if (req.method == "POST") {
      req.body = item.task.value("body", "");
      req.content_type = item.task.value("content_type", "");
    }
    req.max_redirects = options_.max_redirects;
    req.timeout_ms = budget;
    req.max_body_bytes = options_.max_body_bytes;
    req.if_none_match = item.task.value("if_none_match", "");
    req.if_modified_since = item.task.value("if_modified_since", "");
    Flight flight;
    flight.host = key;
    flight.item = std::move(item);
    h.pending.erase(first);
    --queued_;
    Launch(h, std::move(flight), std::move(req));
    return true;
  }

  void StartRobots(const std::string& key, HostState& h,
                   const std::string& origin, bool retry = false) {
    robots_[origin] = RobotsState{};
    ++h.robots_fetching;
    FetchRequest req;
    req.url = origin + "/robots.txt";
    req.max_redirects = kRobotsMaxRedirects;
    req.timeout_ms = options_.attempt_timeout_ms;
    req.max_body_bytes = kRobotsMaxBytes;
    req.truncate_at_cap = true;
    Flight flight;
    flight.robots = true;
    flight.robots_retry = retry;
    flight.host = key;
    flight.origin = origin;
    Launch(h, std::move(flight), std::move(req));
  }

  void Launch(HostState& h, Flight flight, FetchRequest req) {
    ++h.in_flight;
    ++progress_.requests;
    const Fetcher::Token token = next_token_++;
    flights_.emplace(token, std::move(flight));
    fetcher_.Start(token, std::move(req));
  }

  // How long Run may wait before something could start.
  int64_t WaitMs(int64_t now) const {
    if (static_cast<int>(flights_.size()) >= options_.max_concurrent)
      return kMaxWaitMs;
    int64_t earliest = std::numeric_limits<int64_t>::max();
    for (const auto& [key, h] : hosts_) {
      if (h.pending.empty() || h.in_flight >= h.policy.Concurrency() ||
          h.robots_fetching > 0) {
        continue;
      }
      earliest =
          std::min(earliest, std::max({h.pending.begin()->first,
                                       h.next_start_ms, h.blocked_until_ms}));
    }
    if (earliest == std::numeric_limits<int64_t>::max()) return kMaxWaitMs;
    return std::clamp<int64_t>(earliest - now, 0, kMaxWaitMs);
  }

  Status Finished(Fetcher::Token token, FetchRecord record) {
    auto it = flights_.find(token);
    if (it == flights_.end()) return Status::Ok();
    Flight flight = std::move(it->second);
    flights_.erase(it);
    HostState& h = Host(flight.host);
    --h.in_flight;
    const int64_t now = clock_.NowMs();
    h.next_start_ms = std::max(h.next_start_ms, h.policy.NextStartMs(now));
    if (options_.host_times) options_.host_times->next_start_ms[flight.host] = h.next_start_ms;
    if (flight.robots) {
      --h.robots_fetching;
      // A connection error on robots.txt is asked once more before the site
      // is called unreachable: a kept-alive connection the server closed
      // while it was idle fails so ("Failed sending data to the peer"), as
      // it does when a second crawl of the same process reuses it. At once:
      // the server received nothing.
      if (record.error == ErrorClass::kConnect && !flight.robots_retry) {
        StartRobots(flight.host, h, flight.origin, /*retry=*/true);
        return Status::Ok();
      }
      RobotsDone(flight.origin, record, now);
      return Status::Ok();
    }
    const int attempt = flight.item.task.value("attempt", 0);
    record.attempts = attempt + 1;
    record.url = flight.item.url;  // the request key
    const std::optional<int64_t> retry_after =
        ParseRetryAfterMs(record.retry_after, now);
    const int64_t cap_ms = std::max<int64_t>(0, options_.retry.max_retry_after_ms);
    if (retry_after && !record.ok()) {
      // The host's other URLs are held at most the cap: a Retry-After of an
      // hour must not stall the run behind one answer.
      h.blocked_until_ms =
          std::max(h.blocked_until_ms, now + std::min(*retry_after, cap_ms));
      if (options_.host_times)
        options_.host_times->blocked_until_ms[flight.host] = h.blocked_until_ms;
    }
    const bool retryable =
        IsRetryable(record) && attempt < options_.retry.max_retries;
    if (retryable && retry_after && *retry_after > cap_ms) {
      NoteRetryAfter(record, *retry_after,
                     "longer than the crawler waits (" +
                         std::to_string(cap_ms / 1000) + " s)");
    } else if (retryable) {
      int64_t delay = BackoffMs(options_.retry, attempt + 1, rng_);
      if (retry_after) delay = std::max(delay, *retry_after);
      const int64_t first_ms = flight.item.task.value("first_ms", now);
      const int64_t run_end_ms = options_.run_deadline_ms > 0
                                     ? run_start_ms_ + options_.run_deadline_ms
                                     : std::numeric_limits<int64_t>::max();
      if (retry_after && now + delay >= run_end_ms) {
        // Waiting would outlast the run: final now, with the reason, rather
        // than left in the frontier unreported.
        NoteRetryAfter(record, *retry_after,
                       "longer than the run can still wait (" +
                           std::to_string((run_end_ms - now) / 1000) + " s)");
      } else if (options_.url_deadline_ms <= 0 ||
                 now + delay < first_ms + options_.url_deadline_ms) {
        FrontierItem next = flight.item;
        next.due_ms = now + delay;
        next.task["attempt"] = attempt + 1;
        if (Status s = frontier_.Complete(flight.item, record, next); !s.ok())
          return s;
        ++progress_.retries;
        ++queued_;
        h.pending.emplace(next.due_ms, std::move(next));
        return Status::Ok();
      }
    }
    return Final(flight.item, record);
  }

  // Says in the record why its Retry-After was not waited for.
  static void NoteRetryAfter(FetchRecord& record, int64_t retry_after_ms,
                             const std::string& why) {
    record.error_message += (record.error_message.empty() ? "" : "; ") +
                            std::string("Retry-After ") +
                            std::to_string(retry_after_ms / 1000) + " s is " +
                            why + ": not retried";
  }

  void RobotsDone(const std::string& origin, const FetchRecord& r,
                  int64_t now) {
    RobotsState& state = robots_[origin];
    state.phase = RobotsState::Phase::kReady;
    state.expires_ms = now + kRobotsCacheMs;
    state.verdict = RobotsFromFetch(r, product_token_);
  }

  FetchRecord Settled(const FrontierItem& item, ErrorClass error,
                      std::string message, int64_t now) {
    FetchRecord r;
    r.url = item.url;
    r.final_url = item.task.value("url", item.url);
    r.method = item.task.value("method", "GET");
    r.error = error;
    r.error_message = std::move(message);
    r.attempts = item.task.value("attempt", 0);
    r.started_ms = r.finished_ms = now;
    --queued_;
    return r;
  }

  Status Final(const FrontierItem& item, const FetchRecord& record) {
    if (Status s = frontier_.Complete(item, record, std::nullopt); !s.ok())
      return s;
    ++progress_.done;
    if (record.ok()) {
      ++progress_.ok;
    } else if (record.error == ErrorClass::kHttpStatus &&
               (record.status == 404 || record.status == 410) &&
               item.task.value("absent_ok", false)) {
      ++progress_.absent;
      if (on_final_) finals_.emplace_back(item, record);
      return Status::Ok();
    } else {
      ++progress_.failed;
    }
    ++progress_.by_class[std::string(ErrorClassName(record.error))];
    if (on_final_) finals_.emplace_back(item, record);
    return Status::Ok();
  }

  CrawlProgress Snapshot(int64_t now) {
    CrawlProgress p = progress_;
    p.queued = queued_;
    p.in_flight = static_cast<int64_t>(flights_.size());
    p.elapsed_ms = now - run_start_ms_;
    for (const auto& [key, h] : hosts_) {
      if (h.blocked_until_ms > now)
        p.waits.push_back({key, h.blocked_until_ms - now});
    }
    return p;
  }

  Fetcher& fetcher_;
  Frontier& frontier_;
  Clock& clock_;
  CrawlOptions options_;
  std::atomic<bool>& stop_;
  std::string product_token_;
  std::mt19937_64 rng_;
  std::map<std::string, HostState> hosts_;
  std::unordered_map<std::string, RobotsState> robots_;
  std::unordered_map<Fetcher::Token, Flight> flights_;
  Fetcher::Token next_token_ = 1;
  int64_t queued_ = 0;
  int64_t run_start_ms_ = 0;
  bool running_ = false;
  std::set<std::string> seen_;  // request keys loaded or enqueued in this run
  FinalFn on_final_;
  std::vector<std::pair<FrontierItem, FetchRecord>>
      finals_;  // not yet notified
  CrawlProgress progress_;
};

Crawler::Crawler(Fetcher& fetcher, Frontier& frontier, Clock& clock,
                 CrawlOptions options)
    : impl_(std::make_unique<Impl>(fetcher, frontier, clock, std::move(options),
                                   stop_)) {}
Crawler::~Crawler() = default;

Status Crawler::Enqueue(std::string_view url, nlohmann::json task) {
  return impl_->Enqueue(url, std::move(task));
}

Result<CrawlProgress> Crawler::Run(
    const std::function<void(const CrawlProgress&)>& on_progress,
    const FinalFn& on_final) {
  return impl_->Run(on_progress, on_final);
}

}  // namespace timecite::crawler
