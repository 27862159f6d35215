// AddressPolicy: every address form of issue 20, by text and by socket
// address; --connect-to targets allowed at their port only.
#include "crawler/address_policy.h"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>

#include "common/url.h"

namespace timecite::crawler {
namespace {

sockaddr_in V4(const char* text, int port) {
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_port = htons(static_cast<uint16_t>(port));
  EXPECT_EQ(inet_pton(AF_INET, text, &a.sin_addr), 1) << text;
  return a;
}

sockaddr_in6 V6(const char* text, int port) {
  sockaddr_in6 a{};
  a.sin6_family = AF_INET6;
  a.sin6_port = htons(static_cast<uint16_t>(port));
  EXPECT_EQ(inet_pton(AF_INET6, text, &a.sin6_addr), 1) << text;
  return a;
}

std::string Class(std::optional<AddressClass> c) {
  return c ? std::string(AddressClassName(*c)) : "name";
}

TEST(AddressPolicy, HostLiteralsInEveryForm) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"127.0.0.1", "loopback"},
      {"[::1]", "loopback"},
      {"::1", "loopback"},
      {"2130706433", "loopback"},  // 127.0.0.1 as one number
      {"0x7f.1", "loopback"},
      {"0177.0.0.1", "loopback"},
      {"127.1", "loopback"},
      {"10.0.0.1", "private"},
      {"172.16.5.4", "private"},
      {"172.31.255.255", "private"},
      {"192.168.1.1", "private"},
      {"100.64.0.1", "private"},
      {"[fc00::1]", "private"},
      {"[fd12:3456::1]", "private"},
      {"169.254.169.254", "cloud-metadata"},
      {"[fd00:ec2::254]", "cloud-metadata"},
      {"169.254.1.2", "link-local"},
      {"[fe80::1]", "link-local"},
      {"0.0.0.0", "unspecified"},
      {"[::]", "unspecified"},
      {"[::ffff:127.0.0.1]", "loopback"},   // IPv4-mapped
      {"[::ffff:10.1.2.3]", "private"},
      {"[64:ff9b::a9fe:a9fe]", "cloud-metadata"},  // NAT64 of 169.254.169.254
      {"224.0.0.1", "reserved"},
      {"255.255.255.255", "reserved"},
      {"172.32.0.1", "public"},
      {"8.8.8.8", "public"},
      {"[2606:4700::1111]", "public"},
      {"webtv.un.org", "name"},
      {"localhost", "name"},  // a name: ClassifyHostName judges it
  };
  for (const auto& [host, want] : cases) {
    EXPECT_EQ(Class(ClassifyHostLiteral(host)), want) << host;
  }
}

TEST(AddressPolicy, NamesRefusedByName) {
  EXPECT_EQ(Class(ClassifyHostName("localhost")), "loopback");
  EXPECT_EQ(Class(ClassifyHostName("LocalHost.")), "loopback");
  EXPECT_EQ(Class(ClassifyHostName("api.localhost")), "loopback");
  EXPECT_EQ(Class(ClassifyHostName("metadata.google.internal")), "cloud-metadata");
  EXPECT_EQ(Class(ClassifyHostName("metadata.google.internal.")), "cloud-metadata");
  EXPECT_EQ(Class(ClassifyHostName("localhost.un.org")), "name");
  EXPECT_EQ(Class(ClassifyHostName("webtv.un.org")), "name");
}

TEST(AddressPolicy, UrlsAsTheCrawlerParsesThem) {
  // The fetcher checks the host of the parsed URL: curl's parser may already
  // have normalised the numeric forms; either way they are refused.
  const AddressPolicy policy;
  for (const char* url :
       {"http://127.0.0.1:8080/", "http://localhost/", "http://[::1]/x",
        "http://2130706433/", "http://0x7f.1/", "http://10.0.0.1/",
        "http://169.254.169.254/latest/meta-data/",
        "http://metadata.google.internal/computeMetadata/v1/",
        "http://[fd00:ec2::254]/"}) {
    Result<Url> u = ParseUrl(url);
    ASSERT_TRUE(u.ok()) << url << ": " << u.status().ToString();
    EXPECT_NE(policy.CheckHost(u->host), "") << url << " (host " << u->host << ")";
  }
  Result<Url> u = ParseUrl("http://2130706433/");
  ASSERT_TRUE(u.ok());
  EXPECT_EQ(policy.CheckHost(u->host),
            "127.0.0.1 is a loopback address (refused; --allow-private fetches it)")
      << u->host;
  EXPECT_EQ(policy.CheckHost("webtv.un.org"), "");
  EXPECT_EQ(policy.CheckHost("8.8.8.8"), "");
}

TEST(AddressPolicy, SocketAddressesAtConnect) {
  const AddressPolicy policy;
  const auto refused = [&](const auto& a) {
    return policy.CheckConnect(reinterpret_cast<const sockaddr*>(&a), sizeof a);
  };
  EXPECT_EQ(refused(V4("10.0.0.1", 80)),
            "10.0.0.1 is a private address (refused; --allow-private fetches it)");
  EXPECT_EQ(refused(V4("169.254.169.254", 80)),
            "169.254.169.254 is a cloud metadata address (refused; --allow-private "
            "fetches it)");
  EXPECT_EQ(refused(V6("::1", 443)),
            "::1 is a loopback address (refused; --allow-private fetches it)");
  EXPECT_EQ(refused(V4("0.0.0.0", 80)),
            "0.0.0.0 is an unspecified address (refused; --allow-private fetches it)");
  EXPECT_EQ(refused(V6("::ffff:192.168.0.1", 80)),
            "::ffff:192.168.0.1 is a private address (refused; --allow-private fetches it)");
  EXPECT_EQ(refused(V4("93.184.216.34", 80)), "");
  EXPECT_EQ(refused(V6("2606:4700::1111", 443)), "");
}

TEST(AddressPolicy, ConnectToTargetAllowedAtItsPortOnly) {
  const AddressPolicy policy = AddressPolicy::Make(
      false, {":443:127.0.0.1:8443", "webtv.un.org:80:[::1]:8080"}, {});
  const auto check = [&](const auto& a) {
    return policy.CheckConnect(reinterpret_cast<const sockaddr*>(&a), sizeof a);
  };
  EXPECT_EQ(check(V4("127.0.0.1", 8443)), "");
  EXPECT_EQ(check(V6("::1", 8080)), "");
  EXPECT_NE(check(V4("127.0.0.1", 6379)), "");  // another port of the target
  EXPECT_NE(check(V4("127.0.0.2", 8443)), "");  // another loopback address
  EXPECT_NE(check(V4("10.0.0.1", 8443)), "");
  // A URL written with a private host is refused, the TO-HOST included.
  EXPECT_NE(policy.CheckHost("127.0.0.1"), "");
  EXPECT_NE(policy.CheckHost("127.0.0.2"), "");
  EXPECT_NE(policy.CheckHost("localhost"), "");
}

TEST(AddressPolicy, AllowPrivateAllowsEverything) {
  const AddressPolicy policy = AddressPolicy::Make(true, {}, {});
  const sockaddr_in a = V4("169.254.169.254", 80);
  EXPECT_EQ(policy.CheckConnect(reinterpret_cast<const sockaddr*>(&a), sizeof a), "");
  EXPECT_EQ(policy.CheckHost("localhost"), "");
  EXPECT_EQ(policy.CheckHost("metadata.google.internal"), "");
}

TEST(AddressPolicy, ProxyAddressAllowedAtConnect) {
  const AddressPolicy policy = AddressPolicy::Make(false, {}, {"127.0.0.1:3128"});
  const sockaddr_in proxy = V4("127.0.0.1", 3128);
  const sockaddr_in other = V4("127.0.0.1", 80);
  EXPECT_EQ(policy.CheckConnect(reinterpret_cast<const sockaddr*>(&proxy), sizeof proxy), "");
  EXPECT_NE(policy.CheckConnect(reinterpret_cast<const sockaddr*>(&other), sizeof other), "");
  EXPECT_NE(policy.CheckHost("127.0.0.1"), "");  // a URL to it is still refused
}

}  // namespace
}  // namespace timecite::crawler
