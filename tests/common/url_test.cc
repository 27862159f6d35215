#include "common/url.h"

#include "test_util.h"

namespace timecite {
namespace {

TEST(Url, KeepsQueryAndFragmentByteExact) {
  auto url = ParseUrl(
      "https://documents-dds-ny.un.org/doc/UNDOC/GEN/N15/014/02/PDF/N1501402.pdf?OpenElement");
  ASSERT_OK(url);
  EXPECT_EQ(url->host, "documents-dds-ny.un.org");
  EXPECT_EQ(url->query, "OpenElement");
  EXPECT_EQ(url->canonical,
            "https://documents-dds-ny.un.org/doc/UNDOC/GEN/N15/014/02/PDF/N1501402.pdf?OpenElement");
}

TEST(Url, LowercasesSchemeAndHostOnly) {
  auto url = ParseUrl("HTTPS://Media.UN.org:443/en/asset/k1o/k1obxycc3u#t=5380");
  ASSERT_OK(url);
  EXPECT_EQ(url->scheme, "https");
  EXPECT_EQ(url->host, "media.un.org");
  EXPECT_EQ(url->path, "/en/asset/k1o/k1obxycc3u");
  EXPECT_EQ(url->fragment, "t=5380");
  EXPECT_EQ(url->canonical, "https://media.un.org/en/asset/k1o/k1obxycc3u#t=5380");
}

// What is sent (RFC 3986 §6.2.2): no fragment; %XX of an unreserved
// character decoded, every other %XX in upper-case hex; the canonical form
// (what is reported) keeps them as written.
TEST(Url, RequestDropsTheFragmentAndNormalisesPercentEncoding) {
  auto url = ParseUrl("HTTPS://www.UN.org:443/%7euser/a%2fb%41.html?q=%2c%7E&x=%zz#part-2");
  ASSERT_OK(url);
  EXPECT_EQ(url->request, "https://www.un.org/~user/a%2FbA.html?q=%2C~&x=%zz");
  EXPECT_EQ(url->canonical,
            "https://www.un.org/%7euser/a%2fb%41.html?q=%2c%7E&x=%zz#part-2");
  auto a = ParseUrl("https://www.un.org/page#a");
  auto b = ParseUrl("https://www.un.org/page#b");
  auto c = ParseUrl("https://www.un.org/page?");
  ASSERT_OK(a);
  ASSERT_OK(b);
  ASSERT_OK(c);
  EXPECT_EQ(a->request, "https://www.un.org/page");
  EXPECT_EQ(b->request, a->request);
  EXPECT_NE(a->canonical, b->canonical);
  EXPECT_EQ(c->request, "https://www.un.org/page?");  // "?" kept as written
  EXPECT_EQ(NormalizePercentEncoding("%"), "%");
  EXPECT_EQ(NormalizePercentEncoding("a%4"), "a%4");
  EXPECT_EQ(NormalizePercentEncoding("%41%42%2d%5F%e2%80%93"), "AB-_%E2%80%93");
  EXPECT_EQ(HexValue('f'), 15);
  EXPECT_EQ(HexValue('G'), -1);
}

TEST(Url, RejectsNonHttpAndGarbage) {
  EXPECT_FALSE(ParseUrl("ftp://example.org/x").ok());
  EXPECT_FALSE(ParseUrl("https://").ok());
  EXPECT_FALSE(ParseUrl("https://exa mple.org/").ok());
}

TEST(Url, HostWithin) {
  EXPECT_TRUE(HostWithin("media.un.org", "un.org"));
  EXPECT_TRUE(HostWithin("un.org", "un.org"));
  EXPECT_FALSE(HostWithin("notun.org", "un.org"));
}

}  // namespace
}  // namespace timecite

TEST(Url, PercentEncodeKeepsOnlyUnreserved) {
  EXPECT_EQ(timecite::PercentEncode("a b&c"), "a%20b%26c");
  EXPECT_EQ(timecite::PercentEncode("https://x.org/p?a=1#f"),
            "https%3A%2F%2Fx.org%2Fp%3Fa%3D1%23f");
  EXPECT_EQ(timecite::PercentEncode("-._~AZaz09"), "-._~AZaz09");
  EXPECT_EQ(timecite::PercentEncode("é"), "%C3%A9");
  EXPECT_EQ(timecite::PercentEncode(""), "");
}
