// StoreFrontier: items and outcomes in the store, one batch per completion.
#include "crawler/store_frontier.h"

#include <unistd.h>

#include "common/test_util.h"

namespace timecite::crawler {
namespace {

class StoreFrontierTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("timecite-store-frontier-" + std::to_string(getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    auto s = store::Store::Open(dir_, store::OpenMode::kReadWrite);
    ASSERT_OK(s);
    store_ = std::move(s).value();
  }
  void TearDown() override {
    store_.reset();
    std::filesystem::remove_all(dir_);
  }

  std::filesystem::path dir_;
  std::unique_ptr<store::Store> store_;
};

FetchRecord Ok(const std::string& url, std::string body) {
  FetchRecord r;
  r.url = r.final_url = url;
  r.method = "GET";
  r.status = 200;
  r.body = std::move(body);
  r.etag = "\"v1\"";
  r.content_type = "text/html";
  r.redirects.push_back({"http://undocs.org/S/PV.1", 301, "https://docs.un.org/S/PV.1"});
  r.started_ms = 1000;
  r.finished_ms = 1100;
  return r;
}

TEST_F(StoreFrontierTest, CompleteStoresTheOutcomeAndTheRetry) {
  StoreFrontier frontier(*store_);
  const std::string url = "https://docs.un.org/S/PV.1";
  FrontierItem item{500, "docs.un.org", url, {{"attempt", 0}}};
  ASSERT_OK(frontier.Add(item));
  auto all = frontier.All();
  ASSERT_OK(all);
  ASSERT_EQ(all->size(), 1u);
  EXPECT_EQ((*all)[0].url, url);
  EXPECT_EQ((*all)[0].task["attempt"], 0);

  FetchRecord failed;
  failed.url = url;
  failed.status = 503;
  failed.error = ErrorClass::kHttpStatus;
  failed.retry_after = "2";
  failed.finished_ms = 900;
  FrontierItem retry = item;
  retry.due_ms = 2900;
  retry.task["attempt"] = 1;
  ASSERT_OK(frontier.Complete(item, failed, retry));
  all = frontier.All();
  ASSERT_OK(all);
  ASSERT_EQ(all->size(), 1u);
  EXPECT_EQ((*all)[0].due_ms, 2900);

  ASSERT_OK(frontier.Complete(retry, Ok(url, "<html>PV.1</html>"), std::nullopt));
  all = frontier.All();
  ASSERT_OK(all);
  EXPECT_TRUE(all->empty());

  auto stored = store_->GetFetch(url);
  ASSERT_OK(stored);
  EXPECT_EQ(stored->status, 200);
  EXPECT_EQ(stored->error, ErrorClass::kOk);
  EXPECT_EQ(stored->content_length, 17);
  EXPECT_EQ(stored->etag, "\"v1\"");
  ASSERT_EQ(stored->redirects.size(), 1u);
  EXPECT_EQ(stored->redirects[0].status, 301);
  EXPECT_EQ(stored->body_hash, BodyHash("<html>PV.1</html>"));
  EXPECT_EQ(store_->GetBody(stored->body_hash).value(), "<html>PV.1</html>");
  auto history = store_->FetchHistory(url);
  ASSERT_OK(history);
  ASSERT_EQ(history->size(), 2u);
  EXPECT_EQ((*history)[0].error, ErrorClass::kHttpStatus);
  EXPECT_EQ((*history)[0].retry_after, "2");
}

TEST_F(StoreFrontierTest, NotModifiedKeepsTheStoredBody) {
  StoreFrontier frontier(*store_);
  const std::string url = "https://webtv.un.org/en/asset/k1a/k1abcd1234";
  FrontierItem item{1, "webtv.un.org", url, nlohmann::json::object()};
  ASSERT_OK(frontier.Add(item));
  ASSERT_OK(frontier.Complete(item, Ok(url, "page v1"), std::nullopt));
  FetchRecord not_modified;
  not_modified.url = url;
  not_modified.status = 304;
  not_modified.not_modified = true;
  not_modified.finished_ms = 5000;
  FrontierItem again{2, "webtv.un.org", url, nlohmann::json::object()};
  ASSERT_OK(frontier.Add(again));
  ASSERT_OK(frontier.Complete(again, not_modified, std::nullopt));
  auto stored = store_->GetFetch(url);
  ASSERT_OK(stored);
  EXPECT_EQ(stored->status, 304);
  EXPECT_EQ(stored->error, ErrorClass::kOk);
  EXPECT_EQ(stored->body_hash, BodyHash("page v1"));
  EXPECT_EQ(stored->content_type, "text/html");
  EXPECT_EQ(stored->etag, "\"v1\"");
  EXPECT_TRUE(stored->not_modified);
}

TEST(BodyHashTest, Sha256Hex) {
  EXPECT_EQ(BodyHash(""),
            "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

}  // namespace
}  // namespace timecite::crawler
