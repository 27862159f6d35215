// The fleet's parts against a real redis-server: the wire format, the Redis
// URL, the politeness scripts, the FleetFetcher's exactly-once results and
// its skipping of malformed and foreign messages.
#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "fleet/fleet_fetcher.h"
#include "fleet/politeness.h"
#include "fleet/protocol.h"
#include "fleet/redis.h"
#include "redis_server.h"
#include "scratch_dir.h"
#include "test_util.h"

namespace timecite::fleet {
namespace {

using testing::RedisServer;

FleetFetcherOptions Opts(std::string run_id,
                         std::function<void(const std::string&)> log = {}) {
  FleetFetcherOptions o;
  o.run_id = std::move(run_id);
  o.log = std::move(log);
  return o;
}

int64_t MsSince(std::chrono::steady_clock::time_point t) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::steady_clock::now() - t)
      .count();
}

TEST(RedisUrl, Forms) {
  auto a = ParseRedisUrl("redis://127.0.0.1:6380/2");
  ASSERT_OK(a);
  EXPECT_EQ(a->host, "127.0.0.1");
  EXPECT_EQ(a->port, 6380);
  EXPECT_EQ(a->db, 2);
  auto b = ParseRedisUrl("redis://:s3cret@cache.example");
  ASSERT_OK(b);
  EXPECT_EQ(b->host, "cache.example");
  EXPECT_EQ(b->port, 6379);
  EXPECT_EQ(b->password, "s3cret");
  EXPECT_EQ(b->url.find("s3cret"), std::string::npos);  // not in messages
  auto c = ParseRedisUrl("redis://[::1]:7000");
  ASSERT_OK(c);
  EXPECT_EQ(c->host, "::1");
  EXPECT_EQ(c->port, 7000);
  EXPECT_EQ(ParseRedisUrl("http://x").status().message(),
            "--redis http://x: not a redis:// URL (want redis://[:PASSWORD@]HOST[:PORT][/DB])");
  EXPECT_FALSE(ParseRedisUrl("redis://x:0").ok());
  EXPECT_FALSE(ParseRedisUrl("redis://x:99999").ok());
  EXPECT_FALSE(ParseRedisUrl("redis://x/db").ok());
  EXPECT_FALSE(ParseRedisUrl("redis://").ok());
  // A password never reaches a message, even when the URL is wrong.
  EXPECT_EQ(ParseRedisUrl("redis://:s3cret@cache.example:99999").status().message(),
            "--redis redis://:***@cache.example:99999: bad port "
            "(want redis://[:PASSWORD@]HOST[:PORT][/DB])");
  EXPECT_EQ(ParseRedisUrl("redis://admin:s3cret@/db").status().message(),
            "--redis redis://admin:***@/db: no host (want redis://[:PASSWORD@]HOST[:PORT][/DB])");
}

TEST(RunId, StableForAStoreDifferentForAnother) {
  const std::string id = RunIdFor("db/one");
  EXPECT_EQ(id, RunIdFor("./db/one"));  // the same store, written another way
  EXPECT_EQ(id, RunIdFor(std::filesystem::absolute("db/one").string()));
  EXPECT_NE(id, RunIdFor("db/two"));
  const size_t colon = id.rfind(':');
  ASSERT_NE(colon, std::string::npos);
  EXPECT_EQ(id.size() - colon - 1, 12u);  // 12 hex digits of the path's SHA-1
  EXPECT_EQ(Sha1Hex("abc"), "a9993e364706816aba3e25717850c26c9cd0d89d");  // FIPS 180 example
}

TEST(FleetProtocol, TaskAndResultRoundTripBinaryBodies) {
  Task t;
  t.run_id = "h:abc";
  t.epoch = 3;
  t.token = 42;
  t.request.url = "https://example.org/a?b=c";
  t.request.method = "POST";
  t.request.body = std::string("\x00\xff\xfe{", 4);
  t.request.content_type = "application/json";
  t.request.if_none_match = "\"e1\"";
  t.request.timeout_ms = 1234;
  auto back = DecodeTask(EncodeTask(t));
  ASSERT_OK(back);
  EXPECT_EQ(back->run_id, "h:abc");
  EXPECT_EQ(back->epoch, 3);
  EXPECT_EQ(back->token, 42u);
  EXPECT_EQ(back->request.body, t.request.body);
  EXPECT_EQ(back->request.method, "POST");
  EXPECT_EQ(back->request.if_none_match, "\"e1\"");
  EXPECT_EQ(back->request.timeout_ms, 1234);

  TaskResult r;
  r.run_id = "h:abc";
  r.epoch = 3;
  r.token = 42;
  r.worker_id = "w1";
  r.task_entry_id = "17-0";
  r.record.url = t.request.url;
  r.record.status = 301;
  r.record.redirects = {{"https://example.org/a", 301, "/b"}};
  r.record.body = std::string("%PDF-\x00\x80\x81", 8);
  r.record.error = ErrorClass::kHttpStatus;
  r.record.error_message = "HTTP 503";
  r.record.retry_after = "120";
  r.record.started_ms = 1;
  r.record.finished_ms = 2;
  auto rb = DecodeResult(EncodeResult(r));
  ASSERT_OK(rb);
  EXPECT_EQ(rb->record.body, r.record.body);
  EXPECT_EQ(rb->record.redirects.size(), 1u);
  EXPECT_EQ(rb->record.redirects[0].location, "/b");
  EXPECT_EQ(rb->record.error, ErrorClass::kHttpStatus);
  EXPECT_EQ(rb->record.retry_after, "120");
  EXPECT_EQ(rb->task_entry_id, "17-0");
}

TEST(FleetProtocol, MalformedMessagesAreErrorsSayingWhy) {
  // 0xff is a "break" outside any indefinite-length item: not CBOR.
  EXPECT_EQ(DecodeTask("\xff\xfe").status().message(), "task: not CBOR");
  // "n" starts a 14-byte text string: valid CBOR, but not a map.
  EXPECT_EQ(DecodeTask("not cbor at all").status().message(), "task: not a CBOR map");
  const auto cbor = [](const nlohmann::json& j) {
    auto b = nlohmann::json::to_cbor(j);
    return std::string(b.begin(), b.end());
  };
  EXPECT_EQ(DecodeTask(cbor({1, 2})).status().message(), "task: not a CBOR map");
  EXPECT_EQ(DecodeTask(cbor({{"v", 2}})).status().message(), "task: not version 1");
  EXPECT_EQ(DecodeTask(cbor({{"v", 1}, {"epoch", 1}, {"token", 1}, {"request", {}}}))
                .status()
                .message(),
            "task: member \"run\" missing");
  EXPECT_EQ(DecodeResult(cbor({{"v", 1}, {"run", "r"}, {"epoch", "x"}})).status().message(),
            "result: member \"epoch\" is not an integer");
}

class FleetRedisTest : public timecite::testing::ScratchDirTest {
 protected:
  void SetUp() override {
    TIMECITE_SKIP_WITHOUT_REDIS_SERVER();
    ScratchDirTest::SetUp();
    server_ = std::make_unique<RedisServer>(dir_ / "redis");
    ASSERT_TRUE(server_->Start()) << "redis-server did not start";
    redis_ = server_->Connect();
    ASSERT_NE(redis_, nullptr);
  }
  void TearDown() override {
    redis_.reset();
    server_.reset();
    ScratchDirTest::TearDown();
  }
  std::unique_ptr<RedisServer> server_;
  std::unique_ptr<Redis> redis_;
};

TEST_F(FleetRedisTest, UnreachableRedisNamesTheUrl) {
  auto endpoint = ParseRedisUrl("redis://127.0.0.1:" + std::to_string(testing::FreePort()));
  ASSERT_OK(endpoint);
  auto r = FleetFetcher::Create(*endpoint, Opts("r1"));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Status::Code::kNetwork);
  EXPECT_NE(r.status().message().find("redis " + endpoint->url + ": "), std::string::npos)
      << r.status().message();
}

// Without an interval: two places, the third refused until one is given
// back. With one: a single place, the next given only after the holder's
// fetch ended and min_interval_ms after that (Redis's clock), whatever
// max_concurrent says.
TEST_F(FleetRedisTest, PolitenessPlacesAndInterval) {
  FleetPoliteness gate(*redis_);
  crawler::HostPolicy two_unpaced{2, 0};
  auto a = gate.Acquire("h", "w/1", two_unpaced, 10'000);
  auto b = gate.Acquire("h", "w/2", two_unpaced, 10'000);
  auto c = gate.Acquire("h", "w/3", two_unpaced, 10'000);
  ASSERT_OK(a);
  ASSERT_OK(b);
  ASSERT_OK(c);
  EXPECT_TRUE(a->granted);
  EXPECT_TRUE(b->granted);
  EXPECT_FALSE(c->granted);
  EXPECT_EQ(c->wait_ms, -1);
  ASSERT_OK(gate.Release("h", "w/1", two_unpaced, 0));
  auto d = gate.Acquire("h", "w/3", two_unpaced, 10'000);
  ASSERT_OK(d);
  EXPECT_TRUE(d->granted);  // no interval: at once

  crawler::HostPolicy paced{4, 300};
  auto p1 = gate.Acquire("p", "w/1", paced, 10'000);
  ASSERT_OK(p1);
  EXPECT_TRUE(p1->granted);
  std::this_thread::sleep_for(std::chrono::milliseconds(320));
  auto p2 = gate.Acquire("p", "w/2", paced, 10'000);
  ASSERT_OK(p2);
  EXPECT_FALSE(p2->granted);  // w/1's fetch has not ended, 320 ms on
  EXPECT_EQ(p2->wait_ms, -1);
  const auto released = std::chrono::steady_clock::now();
  ASSERT_OK(gate.Release("p", "w/1", paced, 0));
  auto p3 = gate.Acquire("p", "w/2", paced, 10'000);
  ASSERT_OK(p3);
  EXPECT_FALSE(p3->granted);  // 300 ms (and 1) from the end
  EXPECT_LE(p3->wait_ms, 301);
  EXPECT_GE(p3->wait_ms, 300 - MsSince(released));
  std::this_thread::sleep_for(std::chrono::milliseconds(p3->wait_ms + 5));
  auto p4 = gate.Acquire("p", "w/2", paced, 10'000);
  ASSERT_OK(p4);
  EXPECT_TRUE(p4->granted);
  // A Retry-After blocks the host for everyone.
  ASSERT_OK(gate.Release("p", "w/2", paced, 5'000));
  auto p5 = gate.Acquire("p", "w/9", paced, 10'000);
  ASSERT_OK(p5);
  EXPECT_FALSE(p5->granted);
  EXPECT_GT(p5->wait_ms, 4'000);
}

// A worker's places of a turn in one pipelined batch: Redis runs the asks in
// order, so two asks for one paced host see each other (the first granted,
// the second told to ask again); other hosts are granted in the same trip;
// a server that lost its scripts (SCRIPT FLUSH, as after a restart without
// persistence) has them loaded again; releases given back in one batch act
// as one by one.
TEST_F(FleetRedisTest, PlacesOfATurnInOneBatch) {
  FleetPoliteness gate(*redis_);
  crawler::HostPolicy paced{2, 300};
  crawler::HostPolicy one{1, 0};
  ASSERT_OK(redis_->Command({"SCRIPT", "FLUSH"}));
  const int64_t sent_before = redis_->commands_sent();
  auto g = gate.AcquireMany({{"p", "w/1", paced, 10'000},
                             {"p", "w/2", paced, 10'000},
                             {"q", "w/3", one, 10'000},
                             {"q", "w/4", one, 10'000},
                             {"r", "w/5", one, 10'000}});
  ASSERT_OK(g);
  ASSERT_EQ(g->size(), 5u);
  EXPECT_TRUE((*g)[0].granted);
  EXPECT_FALSE((*g)[1].granted);
  EXPECT_EQ((*g)[1].wait_ms, -1);  // p is paced: one at a time
  EXPECT_TRUE((*g)[2].granted);
  EXPECT_FALSE((*g)[3].granted);
  EXPECT_EQ((*g)[3].wait_ms, -1);  // q is at its concurrency
  EXPECT_TRUE((*g)[4].granted);
  // 5 refused for NOSCRIPT, one SCRIPT LOAD, 5 again.
  EXPECT_EQ(redis_->commands_sent() - sent_before, 11);

  ASSERT_OK(gate.ReleaseMany({{"p", "w/1", 300, 0}, {"q", "w/3", 0, 2'000}}));
  auto after = gate.AcquireMany({{"p", "w/2", paced, 10'000}, {"q", "w/4", one, 10'000}});
  ASSERT_OK(after);
  EXPECT_FALSE((*after)[0].granted);
  EXPECT_GT((*after)[0].wait_ms, 200);  // 300 ms from w/1's end
  EXPECT_FALSE((*after)[1].granted);
  EXPECT_GT((*after)[1].wait_ms, 1'500);  // q's Retry-After
  EXPECT_TRUE(gate.AcquireMany({})->empty());
}

// A dead holder frees its place when its lease ends; with an interval, the
// next place waits the interval from the lease's end.
TEST_F(FleetRedisTest, PlaceOfADeadHolderEndsWithItsLease) {
  FleetPoliteness gate(*redis_);
  crawler::HostPolicy one{1, 0};
  ASSERT_TRUE(gate.Acquire("h", "dead/1", one, 200)->granted);
  EXPECT_FALSE(gate.Acquire("h", "w/2", one, 200)->granted);
  std::this_thread::sleep_for(std::chrono::milliseconds(250));
  EXPECT_TRUE(gate.Acquire("h", "w/2", one, 200)->granted);

  crawler::HostPolicy paced{1, 2'000};
  const auto asked = std::chrono::steady_clock::now();
  ASSERT_TRUE(gate.Acquire("p", "dead/1", paced, 200)->granted);
  std::this_thread::sleep_for(std::chrono::milliseconds(250));
  auto next = gate.Acquire("p", "w/2", paced, 200);
  ASSERT_OK(next);
  EXPECT_FALSE(next->granted);
  // The lease ended 200 ms after the grant; the next place 2,001 ms later.
  EXPECT_LE(next->wait_ms, 2'201 - 250);
  EXPECT_GE(next->wait_ms, 2'201 - 1 - MsSince(asked));
}

// Reads the task a FleetFetcher queued, as a worker would.
std::pair<std::string, Task> TakeTask(Redis& redis) {
  auto r = redis.Command({"XREADGROUP", "GROUP", "workers", "test", "COUNT", "1", "STREAMS",
                          TasksKey(), ">"});
  EXPECT_OK(r);
  if (!r.ok() || r->elements.empty()) return {};
  const RedisValue& entry = r->elements[0].elements[1].elements[0];
  auto t = DecodeTask(entry.elements[1].elements[1].str);
  EXPECT_OK(t);
  return {entry.elements[0].str, t.ok() ? *t : Task{}};
}

TEST_F(FleetRedisTest, ResultsArriveOnceMalformedAndForeignAreSkipped) {
  auto endpoint = ParseRedisUrl(server_->url());
  std::vector<std::string> log;
  auto f = FleetFetcher::Create(
      *endpoint, Opts("r1", [&](const std::string& l) { log.push_back(l); }));
  ASSERT_OK(f);
  FleetFetcher& fetcher = **f;
  crawler::FetchRequest req;
  req.url = "http://a.test/x";
  fetcher.Start(7, req);
  fetcher.Start(8, req);
  EXPECT_TRUE(fetcher.Wait(0).empty());  // sends the tasks
  auto [id7, t7] = TakeTask(*redis_);
  auto [id8, t8] = TakeTask(*redis_);
  EXPECT_EQ(t7.token, 7u);
  EXPECT_EQ(t8.token, 8u);
  EXPECT_EQ(t7.epoch, fetcher.epoch());
  EXPECT_EQ(t7.request.url, "http://a.test/x");

  TaskResult r;
  r.run_id = "r1";
  r.epoch = fetcher.epoch();
  r.token = 7;
  r.record.url = req.url;
  r.record.status = 200;
  r.record.body = "hello";
  const std::string results = ResultsKey("r1");
  ASSERT_OK(redis_->Command({"XADD", results, "*", "result", "garbage"}));
  ASSERT_OK(redis_->Command({"XADD", results, "*", "other", "field"}));
  ASSERT_OK(redis_->Command({"XADD", results, "*", "result", EncodeResult(r)}));
  ASSERT_OK(redis_->Command({"XADD", results, "*", "result", EncodeResult(r)}));  // twice
  TaskResult old = r;
  old.epoch = fetcher.epoch() - 1;
  old.token = 8;
  ASSERT_OK(redis_->Command({"XADD", results, "*", "result", EncodeResult(old)}));

  auto done = fetcher.Wait(500);
  ASSERT_EQ(done.size(), 1u);
  EXPECT_EQ(done[0].token, 7u);
  EXPECT_EQ(done[0].record.body, "hello");
  EXPECT_EQ(fetcher.InFlight(), 1u);  // 8: its only result was an old epoch's
  const FleetFetcherStats s = fetcher.stats();
  EXPECT_EQ(s.malformed, 2);
  EXPECT_EQ(s.duplicates, 1);
  EXPECT_EQ(s.stale, 1);
  ASSERT_EQ(log.size(), 2u);
  EXPECT_NE(log[0].find("skipped malformed result"), std::string::npos) << log[0];
  EXPECT_NE(log[1].find("no \"result\" field"), std::string::npos) << log[1];
  // What was read is deleted from the stream.
  EXPECT_EQ(redis_->Command({"XLEN", results})->AsInt(), 0);
}

// A restarted coordinator begins a new epoch of the same run: its old
// results stream is emptied, and workers can tell its old tasks apart.
TEST_F(FleetRedisTest, RestartedCoordinatorBeginsANewEpoch) {
  auto endpoint = ParseRedisUrl(server_->url());
  int64_t first = 0;
  {
    auto f = FleetFetcher::Create(*endpoint, Opts("r2"));
    ASSERT_OK(f);
    first = (*f)->epoch();
    EXPECT_EQ(redis_->Command({"EXISTS", RunAliveKey("r2")})->AsInt(), 1);
  }
  EXPECT_EQ(redis_->Command({"EXISTS", RunAliveKey("r2")})->AsInt(), 0);  // finished
  auto g = FleetFetcher::Create(*endpoint, Opts("r2"));
  ASSERT_OK(g);
  EXPECT_EQ((*g)->epoch(), first + 1);
  EXPECT_FALSE(FleetFetcher::Create(*endpoint, Opts("bad id")).ok());
}

}  // namespace
}  // namespace timecite::fleet
