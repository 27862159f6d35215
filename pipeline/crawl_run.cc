#include "pipeline/crawl_run.h"

#include <iostream>
#include <map>
#include <memory>
#include <optional>
#include <set>

#include "common/time.h"
#include "common/url.h"
#include "crawler/store_frontier.h"
#include "indexer/asset_page.h"
#include "indexer/fields.h"
#include "indexer/ingest.h"
#include "indexer/profile.h"
#include "indexer/schedule_page.h"
#include "search/search.h"

namespace timecite::pipeline {
namespace {

// The run's to-do list: in memory, or (durable) in the store's frontier as
// well. Outcomes always go to the store (fetches, fetch_log, bodies).
class RunFrontier final : public crawler::Frontier {
 public:
  RunFrontier(store::Store& store, bool durable)
      : store_frontier_(store), durable_(durable) {}

  Status Add(const crawler::FrontierItem& item) override {
    if (durable_) {
      if (Status s = store_frontier_.Add(item); !s.ok()) return s;
    }
    return memory_.Add(item);
  }
  Result<std::vector<crawler::FrontierItem>> All() override {
    return durable_ ? store_frontier_.All() : memory_.All();
  }
  Status Complete(const crawler::FrontierItem& done,
                  const crawler::FetchRecord& record,
                  const std::optional<crawler::FrontierItem>& next) override {
    // Not durable: the store frontier never held `done`; its delete is a no-op.
    if (Status s = store_frontier_.Complete(done, record,
                                            durable_ ? next : std::nullopt);
        !s.ok()) {
      return s;
    }
    (void)memory_.Remove(done);
    if (next) return memory_.Add(*next);
    return Status::Ok();
  }
  Status Remove(const crawler::FrontierItem& item) override {
    if (durable_) {
      if (Status s = store_frontier_.Remove(item); !s.ok()) return s;
    }
    return memory_.Remove(item);
  }

 private:
  crawler::StoreFrontier store_frontier_;
  crawler::MemoryFrontier memory_;
  bool durable_;
};

// The crawler task of a request (method, body, conditional headers).
nlohmann::json TaskOf(const indexer::HttpRequest& request,
                      const store::FetchRecord* stored, bool recheck) {
  nlohmann::json task = nlohmann::json::object();
  if (request.method == "POST") {
    task["method"] = "POST";
    task["body"] = request.body;
    task["content_type"] = request.content_type;
  }
  if (recheck && stored != nullptr && stored->error == ErrorClass::kOk) {
    if (!stored->etag.empty()) task["if_none_match"] = stored->etag;
    if (!stored->last_modified.empty())
      task["if_modified_since"] = stored->last_modified;
  }
  return task;
}

std::string KeyOf(const indexer::HttpRequest& r) {
  return crawler::RequestKey(r.method, r.url, r.body);
}

// What the stored outcome of `key` says, as the indexer's FetchFn answers.
indexer::HttpAnswer AnswerFromStore(const store::Store& store,
                                    const std::string& key) {
  auto stored = store.GetFetch(key);
  if (!stored.ok())
    return {0, "", "no stored fetch: " + stored.status().message()};
  const store::FetchRecord& r = *stored;
  if (r.error != ErrorClass::kOk && r.error != ErrorClass::kHttpStatus) {
    std::string why(ErrorClassName(r.error));
    if (!r.error_message.empty()) why += ": " + r.error_message;
    return {0, "", why};
  }
  indexer::HttpAnswer answer;
  answer.status = r.status;
  if (r.status == 304 && r.error == ErrorClass::kOk)
    answer.status = 200;  // recheck: unchanged
  if (!r.body_hash.empty()) {
    auto body = store.GetBody(r.body_hash);
    if (!body.ok())
      return {0, "", "stored body missing: " + body.status().message()};
    answer.body = std::move(body).value();
  }
  return answer;
}

struct AssetState {
  std::string id;
  std::optional<indexer::ScheduleCard> card;
  std::string schedule_date;
};

class Run {
 public:
  Run(store::Store& store, const FetchSettings& settings,
      crawler::Fetcher& fetcher, crawler::Clock& clock,
      indexer::Profile asset_profile, indexer::Profile schedule_profile)
      : store_(store),
        settings_(settings),
        fetcher_(fetcher),
        clock_(clock),
        asset_profile_(std::move(asset_profile)),
        schedule_profile_(std::move(schedule_profile)),
        frontier_(store, settings.durable),
        crawl_(fetcher, frontier_, clock, settings.crawl) {}

  Result<IndexRun> Go(
      const IndexTargets& targets,
      const std::function<void(const crawler::CrawlProgress&)>& on_progress,
      const std::atomic<bool>* stop,
      const std::function<void(const IndexProgress&)>& on_indexed) {
    stop_ = stop;
    std::set<std::string> skipped;  // plain URLs seen (duplicates count once)
    for (const std::string& written : targets.urls) {
      auto url = ParseUrl(written);
      if (!url.ok()) {
        out_.bad_urls.emplace_back(written, url.status().message());
        continue;
      }
      const std::string key = url->request;
      if (enqueued_.count(key) > 0 || !skipped.insert(key).second) continue;
      auto stored = store_.GetFetch(key);
      if (stored.ok() && settings_.skip_fetched && !settings_.recheck) {
        ++out_.skipped;  // not in enqueued_: an asset page is still fetched
        continue;
      }
      enqueued_.insert(key);
      if (Status s = crawl_.Enqueue(
              key, TaskOf({"GET", key, "", ""},
                          stored.ok() ? &*stored : nullptr, settings_.recheck));
          !s.ok()) {
        return s;
      }
    }
    for (const std::string& id : targets.asset_ids) {
      if (Status s = AddAsset(id, std::nullopt, ""); !s.ok()) return s;
    }
    for (const std::string& date : targets.schedule_dates) {
      if (schedule_of_.count(date) > 0) continue;
      const indexer::HttpRequest request =
          indexer::ScheduleRequest(date, settings_.lang);
      schedule_of_[date] = out_.schedules.size();
      out_.schedules.push_back({date, Status::Ok(), {}});
      schedule_keys_[KeyOf(request)] = date;
      if (Status s = Enqueue(request); !s.ok()) return s;
    }

    if (Stopped()) crawl_.RequestStop();
    auto progress = crawl_.Run(
        [&](const crawler::CrawlProgress& p) {
          if (Stopped()) crawl_.RequestStop();
          if (on_progress) on_progress(p);
        },
        [&](const crawler::FrontierItem& item,
            const crawler::FetchRecord& record) { OnFinal(item, record); });
    if (!progress.ok()) return progress.status();
    if (!error_.ok()) return error_;
    out_.progress = *progress;
    const bool cut_short =
        progress->stopped || progress->deadline_reached || Stopped();

    auto indexed = [&](const AssetOutcome& outcome) {
      if (on_indexed) {
        on_indexed({out_.assets.size(), assets_.size(), outcome.asset_id,
                    outcome.status.ok()});
      }
    };
    search::StoreFollower search_index(store_);
    for (const AssetState& a : assets_) {
      AssetOutcome outcome;
      outcome.asset_id = a.id;
      outcome.schedule_date = a.schedule_date;
      if (cut_short && !AllRequestsMade(a.id)) {
        outcome.status = Status::Network("stopped before all the requests of " +
                                         a.id + " were made; nothing written");
        outcome.unfinished = true;
        out_.assets.push_back(std::move(outcome));
        indexed(out_.assets.back());
        continue;
      }
      if (Stopped()) {
        outcome.status = Status::Network("stopped before indexing " + a.id);
        outcome.unfinished = true;
        out_.assets.push_back(std::move(outcome));
        indexed(out_.assets.back());
        continue;
      }
      indexer::IndexWriter writer(&store_);
      const indexer::IngestOptions options = IngestOptionsOf();
      const indexer::FetchFn fetch = [&](const indexer::HttpRequest& r) {
        return Answer(r);
      };
      search_index.Before(a.id);
      auto result = indexer::IngestAsset(a.id, fetch, asset_profile_, writer,
                                         options, a.card ? &*a.card : nullptr);
      search_index.After(a.id);
      if (!error_.ok()) return error_;
      if (result.ok()) {
        outcome.notes = std::move(result->notes);
        outcome.stats = std::move(result->stats);
      } else {
        outcome.status = result.status();
      }
      out_.assets.push_back(std::move(outcome));
      indexed(out_.assets.back());
    }
    out_.search_index = search_index.status();
    return std::move(out_);
  }

 private:
  bool Stopped() const { return stop_ != nullptr && stop_->load(); }

  Status Enqueue(const indexer::HttpRequest& request) {
    const std::string key = KeyOf(request);
    if (!enqueued_.insert(key).second) return Status::Ok();
    std::optional<store::FetchRecord> stored;
    if (settings_.recheck) {
      auto r = store_.GetFetch(key);
      if (r.ok()) stored = std::move(r).value();
    }
    nlohmann::json task =
        TaskOf(request, stored ? &*stored : nullptr, settings_.recheck);
    task["method"] =
        request.method;  // a page needs its body, even with use_head
    if (request.absent_ok) task["absent_ok"] = true;
    return crawl_.Enqueue(request.url, std::move(task));
  }

  Status AddAsset(const std::string& id,
                  std::optional<indexer::ScheduleCard> card,
                  const std::string& date) {
    auto known = asset_index_.find(id);
    if (known != asset_index_.end()) {
      AssetState& a = assets_[known->second];
      if (!a.card && card) {
        a.card = std::move(card);
        a.schedule_date = date;
      }
      return Status::Ok();
    }
    asset_index_[id] = assets_.size();
    assets_.push_back({id, std::move(card), date});
    const indexer::HttpRequest page =
        indexer::AssetPageRequest(id, settings_.lang);
    page_keys_[KeyOf(page)] = id;
    return Enqueue(page);
  }

  // The requests IngestAsset will make after the page (Kaltura, transcript).
  std::vector<indexer::HttpRequest> Followers(
      const std::string& id, const crawler::FetchRecord& page) {
    return indexer::RequestsAfterPage(id, AnswerOf(page, page.url),
                                      asset_profile_, IngestOptionsOf());
  }

  indexer::IngestOptions IngestOptionsOf() const {
    indexer::IngestOptions options;
    options.lang = settings_.lang;
    return options;
  }

  void OnFinal(const crawler::FrontierItem& item,
               const crawler::FetchRecord& record) {
    if (!error_.ok()) return;
    done_.insert(item.url);
    if (auto page = page_keys_.find(item.url); page != page_keys_.end()) {
      for (const indexer::HttpRequest& r : Followers(page->second, record)) {
        if (Status s = Enqueue(r); !s.ok()) error_ = s;
      }
      return;
    }
    auto day = schedule_keys_.find(item.url);
    if (day == schedule_keys_.end()) return;
    ScheduleOutcome& outcome = out_.schedules[schedule_of_[day->second]];
    const indexer::HttpAnswer answer = AnswerOf(record, item.url);
    if (answer.status != 200) {
      outcome.status = answer.status == 0 ? Status::Network(record.final_url +
                                                            ": no answer (" +
                                                            answer.error + ")")
                       : answer.status == 404
                           ? Status::NotFound(record.final_url + ": HTTP 404")
                           : Status::Network(record.final_url + ": HTTP " +
                                             std::to_string(answer.status));
      return;
    }
    auto cards = indexer::ParseSchedulePage(answer.body, schedule_profile_);
    if (!cards.ok()) {
      outcome.status = cards.status().WithContext(record.final_url);
      return;
    }
    for (indexer::ScheduleCard& card : *cards) {
      outcome.asset_ids.push_back(card.asset_id);
      const std::string id = card.asset_id;
      if (Status s = AddAsset(id, std::move(card), day->second); !s.ok())
        error_ = s;
    }
  }

  indexer::HttpAnswer AnswerOf(const crawler::FetchRecord& record,
                               const std::string& key) {
    if (record.not_modified) return AnswerFromStore(store_, key);
    if (!record.ok() && record.error != ErrorClass::kHttpStatus) {
      return {0, "",
              std::string(ErrorClassName(record.error)) + ": " +
                  record.error_message};
    }
    return {record.status, record.body, ""};
  }

  bool AllRequestsMade(const std::string& id) {
    const std::string page =
        KeyOf(indexer::AssetPageRequest(id, settings_.lang));
    if (done_.count(page) == 0) return false;
    for (const indexer::HttpRequest& r :
         indexer::RequestsAfterPage(id, AnswerFromStore(store_, page),
                                    asset_profile_, IngestOptionsOf())) {
      if (done_.count(KeyOf(r)) == 0) return false;
    }
    return true;
  }

  // The indexer's FetchFn: this run's outcome, or a late polite fetch.
  indexer::HttpAnswer Answer(const indexer::HttpRequest& request) {
    const std::string key = KeyOf(request);
    if (done_.count(key) == 0) {
      ++out_.late_requests;
      RunFrontier frontier(store_, false);
      crawler::Crawler late(fetcher_, frontier, clock_, settings_.crawl);
      nlohmann::json task = TaskOf(request, nullptr, false);
      if (Status s = late.Enqueue(request.url, task); !s.ok())
        return {0, "", s.message()};
      auto progress = late.Run();
      if (!progress.ok()) {
        error_ = progress.status();
        return {0, "", progress.status().message()};
      }
      done_.insert(key);
    }
    return AnswerFromStore(store_, key);
  }

  store::Store& store_;
  const FetchSettings& settings_;
  crawler::Fetcher& fetcher_;
  crawler::Clock& clock_;
  indexer::Profile asset_profile_;
  indexer::Profile schedule_profile_;
  RunFrontier frontier_;
  crawler::Crawler crawl_;
  const std::atomic<bool>* stop_ = nullptr;
  Status error_;                    // a store error met in a callback
  std::set<std::string> enqueued_;  // request keys of this run
  std::set<std::string> done_;      // keys with a final outcome in this run
  std::map<std::string, std::string> page_keys_;  // asset page key → asset id
  std::map<std::string, std::string> schedule_keys_;  // schedule key → date
  std::map<std::string, size_t> schedule_of_;  // date → index in out_.schedules
  std::vector<AssetState> assets_;
  std::map<std::string, size_t> asset_index_;  // asset id → index in assets_
  IndexRun out_;
};

}  // namespace

std::string FetchKey(std::string_view url) {
  return crawler::RequestKey("GET", url, "");
}

Result<IndexRun> FetchAndIndex(
    store::Store& store, crawler::Fetcher& fetcher, crawler::Clock& clock,
    const IndexTargets& targets,
    const FetchSettings& settings,
    const std::function<void(const crawler::CrawlProgress&)>& on_progress,
    const std::atomic<bool>* stop,
    const std::function<void(const IndexProgress&)>& on_indexed) {
  if (settings.crawl.user_agent.empty()) {
    return Status::InvalidArgument("a User-Agent is required");
  }
  for (const std::string& id : targets.asset_ids) {
    if (!indexer::IsAssetId(id)) {
      return Status::InvalidArgument("not a UN Web TV asset id: " + id);
    }
  }
  for (const std::string& date : targets.schedule_dates) {
    if (!ParseDay(date))
      return Status::InvalidArgument("not a date (YYYY-MM-DD): " + date);
  }
  auto asset_profile = indexer::BuiltinProfile("webtv-asset");
  if (!asset_profile.ok()) return asset_profile.status();
  auto schedule_profile = indexer::BuiltinProfile("webtv-schedule");
  if (!schedule_profile.ok()) return schedule_profile.status();

  Run run(store, settings, fetcher, clock, std::move(asset_profile).value(),
          std::move(schedule_profile).value());
  return run.Go(targets, on_progress, stop, on_indexed);
}

}  // namespace timecite::pipeline
