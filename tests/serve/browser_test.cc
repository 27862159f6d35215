// timecite serve as a person uses it, in headless Chromium (tests/serve/
// chromium.h): search, follow a hit to its moment, upload a DOCX on /check,
// and find a recording crawled while the server runs. Screenshots go to
// <build>/screenshots/. Skipped, with a message, only when /usr/bin/chromium
// is missing (scripts/install-deps.sh installs it).
#include <filesystem>
#include <fstream>

#include "chromium.h"
#include "pipeline/crawl_run.h"
#include "linker/reader_fixtures.h"
#include "serve_env.h"
#include "tools/replica/world.h"
#include "replica_env.h"

namespace timecite::serve {
namespace {

using testing::Chromium;
using testing::ServeEnv;

const std::filesystem::path kShots = std::filesystem::path(TIMECITE_BINARY_DIR) / "screenshots";

// One browser for the suite (starting it is the slow part), a fresh page
// state per test (each test navigates first).
class BrowserTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    if (!testing::HaveChromium()) return;
    profile_ = std::filesystem::temp_directory_path() /
               ("timecite-chromium-" + std::to_string(::getpid()));
    std::filesystem::remove_all(profile_);
    std::filesystem::create_directories(profile_);
    std::filesystem::create_directories(kShots);
    browser_ = Chromium::Start(profile_, &why_).release();
  }
  static void TearDownTestSuite() {
    delete browser_;
    browser_ = nullptr;
    std::error_code ec;
    if (!profile_.empty()) std::filesystem::remove_all(profile_, ec);
  }
  void SetUp() override {
    if (!testing::HaveChromium()) {
      GTEST_SKIP() << "chromium is not installed (" << testing::kChromium
                   << "): the browser tests need the Debian package chromium";
    }
    ASSERT_NE(browser_, nullptr) << "chromium did not start: " << why_;
  }

  std::string Text(const std::string& expression) {
    auto v = browser_->Eval(expression);
    return v.is_string() ? v.get<std::string>() : v.dump();
  }

  static inline std::filesystem::path profile_;
  static inline std::string why_;
  static inline Chromium* browser_ = nullptr;
};

TEST_F(BrowserTest, SearchFollowAHitToItsMomentAndFindTheSentence) {
  auto env = ServeEnv::Start(testing::TestOptions());
  ASSERT_NE(env, nullptr);
  const std::string base = env->server().url();
  ASSERT_TRUE(browser_->Navigate(base + "/"));
  EXPECT_EQ(Text("document.documentElement.lang"), "en");
  // Type the query and submit the form, as a person would.
  browser_->Eval("document.querySelector('input[name=q]').value = 'madam president'");
  ASSERT_TRUE(browser_->EvalAndWaitForLoad("document.getElementById('search').requestSubmit()"));
  EXPECT_EQ(Text("location.pathname + location.search"),
            "/search?q=madam+president&country=&body=&function=&lang=&from=&to=&sort=relevance");
  EXPECT_EQ(Text("document.querySelector('.count').textContent"), "1 hits in 1 recordings");
  // The facets as bars: one country (IRN), one body, one year, each a link narrowing the search.
  EXPECT_EQ(Text("[...document.querySelectorAll('.facets li a')].map(a => a.textContent).join('|')"),
            "IRN|Security Council|2024");
  EXPECT_EQ(browser_->Eval("document.querySelectorAll('.facets svg.bar rect').length"), 3);
  EXPECT_EQ(Text("[...document.querySelectorAll('.hit mark')].map(m => m.textContent).join('|')"),
            "Madam|President");
  EXPECT_TRUE(browser_->Screenshot(kShots / "search.png"));
  // Follow the hit.
  ASSERT_TRUE(browser_->EvalAndWaitForLoad("document.querySelector('a.moment').click()"));
  EXPECT_EQ(Text("location.pathname"), "/r/k1abcd1234/1:29:40");
  EXPECT_EQ(Text("document.querySelector('li.hl span').textContent"),
            "I thank you, Madam President.");
  // app.js ran under the CSP: the copy button is shown and the sentence has focus.
  EXPECT_EQ(browser_->Eval("document.querySelector('li.hl button.copy').hidden"), false);
  EXPECT_EQ(Text("document.activeElement.id"), "moment");
  // The markup in a transcript stayed text.
  EXPECT_EQ(browser_->Eval("document.querySelectorAll('script').length"), 1);
  EXPECT_TRUE(browser_->Screenshot(kShots / "moment.png"));
  // The citation the copy button fetches.
  EXPECT_EQ(Text("fetch('/api/cite/k1abcd1234/1:29:40?style=footnote').then(r => r.text())"),
            "UN Web TV, 14 October 2024 (starting at 1:29:40), "
            "https://webtv.un.org/en/asset/k1a/k1abcd1234");
}

std::string DocxWithFootnote(const std::string& footnote) {
  using ::timecite::testing::kWordNs;
  auto part = [](const std::string& root, const std::string& inner) {
    return "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:" + root +
           " " + kWordNs + ">" + inner + "</w:" + root + ">";
  };
  auto run = [](const std::string& text) {
    return "<w:r><w:t xml:space=\"preserve\">" + text + "</w:t></w:r>";
  };
  return ::timecite::testing::MakeZip({
      {"[Content_Types].xml", "<Types/>"},
      {"word/document.xml",
       part("document", "<w:body><w:p>" + run("The Council met.") +
                            "<w:r><w:footnoteReference w:id=\"1\"/></w:r></w:p></w:body>")},
      {"word/footnotes.xml",
       part("footnotes", "<w:footnote w:id=\"1\"><w:p>" + run(footnote) + "</w:p></w:footnote>")},
  });
}

TEST_F(BrowserTest, UploadADocxAndFindTheBrokenCitationMarked) {
  auto env = ServeEnv::Start(testing::TestOptions());
  ASSERT_NE(env, nullptr);
  const std::filesystem::path docx = profile_ / "draft.docx";
  std::ofstream(docx, std::ios::binary) << DocxWithFootnote(
      "UN Web TV, 8 March 2021 (starting at 1:29:40), "
      "https://webtv.un.org/en/asset/k1x/k1xyz9876");
  ASSERT_TRUE(browser_->Navigate(env->server().url() + "/check"));
  ASSERT_TRUE(browser_->SetFile("input[type=file]", docx));
  ASSERT_TRUE(browser_->EvalAndWaitForLoad("document.getElementById('upload').submit()"));
  EXPECT_EQ(Text("document.querySelector('h2').textContent"), "draft.docx");
  EXPECT_EQ(Text("document.querySelector('mark.v-broken').textContent"),
            "https://webtv.un.org/en/asset/k1x/k1xyz9876");
  EXPECT_EQ(Text("document.querySelector('.findings li.v-broken strong').textContent"),
            "broken");
  EXPECT_EQ(Text("document.querySelector('.findings code').textContent"), "asset-id-malformed");
  // The downloads are there; a DOCX has no fixed copy.
  EXPECT_EQ(browser_->Eval("document.querySelectorAll('.downloads a').length"), 2);
  EXPECT_TRUE(browser_->Screenshot(kShots / "check.png"));
}

TEST_F(BrowserTest, FindsARecordingCrawledWhileTheServerRuns) {
  auto env = ServeEnv::Start(testing::TestOptions(), /*archive=*/false);
  ASSERT_NE(env, nullptr);
  const std::string base = env->server().url();
  ASSERT_TRUE(browser_->Navigate(base + "/search?q=madam+president"));
  EXPECT_EQ(Text("document.querySelector('.count').textContent"), "0 hits in 0 recordings");

  auto world = replica::LoadWorld(::timecite::testing::SourceDir() / "tests/replica/world.json");
  ASSERT_OK(world);
  auto replica = crawler::testing::ReplicaEnv::Start(std::move(world).value());
  ASSERT_NE(replica, nullptr);
  pipeline::FetchSettings settings;
  settings.crawl.user_agent = "timecite-test/1.0";
  settings.crawl.default_host_policy = {2, 0};
  pipeline::IndexTargets targets;
  targets.asset_ids = {"k1abcd1234"};
  crawler::SystemClock clock;
  auto fetcher = replica->Fetcher(clock, settings.crawl.user_agent);
  auto run = pipeline::FetchAndIndex(env->writer(), *fetcher, clock, targets, settings, {},
                                     nullptr);
  ASSERT_OK(run);
  ASSERT_EQ(run->assets.size(), 1u);
  ASSERT_OK(run->assets[0].status);

  // The server catches up on a request after its interval (100 ms here).
  std::string count;
  for (int i = 0; i < 50 && count != "1 hits in 1 recordings"; ++i) {
    ::usleep(200000);
    ASSERT_TRUE(browser_->Navigate(base + "/search?q=madam+president"));
    count = Text("document.querySelector('.count').textContent");
  }
  EXPECT_EQ(count, "1 hits in 1 recordings");
  ASSERT_TRUE(browser_->EvalAndWaitForLoad("document.querySelector('a.moment').click()"));
  EXPECT_EQ(Text("location.pathname"), "/r/k1abcd1234/1:29:40");
  EXPECT_EQ(Text("document.querySelector('h1').textContent"),
            "The situation in the Middle East - Security Council, 9748th meeting");
  EXPECT_EQ(Text("document.querySelector('li.hl span').textContent"),
            "I thank you, Madam President.");
  EXPECT_TRUE(browser_->Screenshot(kShots / "crawled.png"));
}

}  // namespace
}  // namespace timecite::serve
