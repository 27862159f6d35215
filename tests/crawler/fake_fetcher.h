// A Fetcher that answers from a script in fake time: each fetch completes
// `latency_ms` after it starts, on the FakeClock, and Wait() moves the clock
// instead of sleeping. Unscripted robots.txt answers 404; other unscripted
// URLs answer 200 "ok".
#pragma once

#include <deque>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "crawler/clock.h"
#include "crawler/fetcher.h"

namespace timecite::crawler::testing {

inline FetchRecord Answer(int status, std::string retry_after = "",
                          ErrorClass error = ErrorClass::kOk) {
  FetchRecord r;
  r.status = status;
  r.retry_after = std::move(retry_after);
  r.error = error;
  if (error == ErrorClass::kOk && status >= 400) r.error = ErrorClass::kHttpStatus;
  r.body = status == 200 ? "ok" : "";
  return r;
}

class FakeFetcher final : public Fetcher {
 public:
  explicit FakeFetcher(FakeClock& clock) : clock_(clock) {}

  void Script(const std::string& url, std::vector<FetchRecord> answers) {
    for (auto& a : answers) script_[url].push_back(std::move(a));
  }

  struct Started {
    int64_t at_ms;
    FetchRequest request;
  };
  // Every fetch started, in order.
  std::vector<Started> started;
  int64_t latency_ms = 100;
  int max_in_flight_seen = 0;

  void Start(Token token, FetchRequest request) override {
    started.push_back({clock_.NowMs(), request});
    FetchRecord r;
    auto it = script_.find(request.url);
    if (it != script_.end() && !it->second.empty()) {
      r = std::move(it->second.front());
      it->second.pop_front();
    } else if (request.url.ends_with("/robots.txt")) {
      r = Answer(404);
    } else {
      r = Answer(200);
    }
    r.url = r.final_url = request.url;
    r.method = request.method;
    r.started_ms = clock_.NowMs();
    pending_.emplace(clock_.NowMs() + latency_ms, Done{token, std::move(r)});
    max_in_flight_seen = std::max(max_in_flight_seen, static_cast<int>(pending_.size()));
  }

  std::vector<Done> Wait(int64_t timeout_ms) override {
    std::vector<Done> out;
    const int64_t limit = clock_.NowMs() + timeout_ms;
    if (pending_.empty() || pending_.begin()->first > limit) {
      clock_.Set(limit);
      return out;
    }
    clock_.Set(std::max(clock_.NowMs(), pending_.begin()->first));
    while (!pending_.empty() && pending_.begin()->first <= clock_.NowMs()) {
      Done d = std::move(pending_.begin()->second);
      d.record.finished_ms = clock_.NowMs();
      out.push_back(std::move(d));
      pending_.erase(pending_.begin());
    }
    return out;
  }

  size_t InFlight() const override { return pending_.size(); }

  // Start times (fake ms) of the fetches whose URL starts with `prefix`.
  std::vector<int64_t> StartsOf(const std::string& prefix) const {
    std::vector<int64_t> out;
    for (const Started& s : started) {
      if (s.request.url.starts_with(prefix)) out.push_back(s.at_ms);
    }
    return out;
  }

 private:
  FakeClock& clock_;
  std::map<std::string, std::deque<FetchRecord>> script_;
  std::multimap<int64_t, Done> pending_;
};

}  // namespace timecite::crawler::testing
