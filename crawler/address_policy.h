// timecite::crawler::AddressPolicy — which network addresses a fetch may
// reach (issue 20, "Addresses a report must not reach").
//
// A report is untrusted input: a link to http://127.0.0.1:6379/, to
// http://169.254.169.254/latest/meta-data/ or to a host name that resolves to
// 10.0.0.1 must not make timecite connect there and store the answer. The
// policy is applied by the CurlFetcher (curl_fetcher.h) at two points of every
// hop of a redirect chain:
//   1. before the hop, to the URL's host as text: an IP literal (IPv4 in any
//      numeric form inet_aton(3) accepts — "2130706433", "0x7f.1", "127.1" —
//      and bracketed IPv6) is classified like an address; the names
//      "localhost", "*.localhost" (RFC 6761) and metadata.google.internal are
//      refused by name;
//   2. at connect, to the socket address curl is about to connect to (after
//      DNS; CURLOPT_OPENSOCKETFUNCTION), so a public-looking name that
//      resolves to a private address is caught too (no DNS-rebinding window:
//      the address checked is the one connected to).
//
// Refused by default (AddressClass other than kPublic):
//   loopback      127.0.0.0/8, ::1
//   private       10/8, 172.16/12, 192.168/16 (RFC 1918), 100.64/10 (RFC 6598
//                 shared space), fc00::/7 (ULA, RFC 4193)
//   link-local    169.254/16, fe80::/10
//   unspecified   0.0.0.0/8, ::
//   metadata      169.254.169.254 and fd00:ec2::254 (cloud instance metadata),
//                 metadata.google.internal by name
//   reserved      multicast 224/4, ff00::/8; 240/4 and the broadcast address
// IPv4-mapped (::ffff:a.b.c.d) and NAT64 (64:ff9b::/96) IPv6 addresses are
// classified by their IPv4 address.
//
// Exceptions: `allow_private` (--allow-private, [crawler] allow_private)
// allows everything. An address named as the target of a --connect-to entry
// (HOST:PORT:TO-HOST:TO-PORT) is the user's own choice: a connection to
// exactly that address and TO-PORT is allowed at step 2 (TO-HOST resolved
// once, when the policy is made). Step 1 knows no exception: a URL a report
// writes with a private host is refused whatever --connect-to says. The host
// names of the proxy
// environment variables (http_proxy, https_proxy, all_proxy) are likewise
// allowed at connect: behind a proxy the connection goes to the proxy, and
// only step 1 judges the URL.
//
// Thread safety: const methods may be called from any thread.
#pragma once

#include <sys/socket.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"

namespace timecite::crawler {

enum class AddressClass {
  kPublic,
  kLoopback,
  kPrivate,
  kLinkLocal,
  kUnspecified,
  kMetadata,
  kReserved,
};

// "public", "loopback", "private", "link-local", "unspecified",
// "cloud-metadata", "reserved".
std::string_view AddressClassName(AddressClass c);

// The class of a socket address (AF_INET or AF_INET6; any other family is
// kReserved). `len` is the size of the structure `addr` points to.
AddressClass ClassifySockaddr(const sockaddr* addr, socklen_t len);

// The class of a URL host written as an IP address: IPv4 in any form
// inet_aton(3) accepts, IPv6 with or without brackets. nullopt when `host` is
// not an address (a name).
std::optional<AddressClass> ClassifyHostLiteral(std::string_view host);

// The class a host *name* has by itself: kLoopback for "localhost" and
// "*.localhost", kMetadata for "metadata.google.internal" (trailing dot and
// case ignored); nullopt for any other name (it is judged at connect).
std::optional<AddressClass> ClassifyHostName(std::string_view host);

class AddressPolicy {
 public:
  // Refuses every non-public address.
  AddressPolicy() = default;

  // `connect_to`: curl --connect-to entries; each TO-HOST is resolved now
  // (getaddrinfo) and its addresses with TO-PORT allowed. `proxy_hosts`:
  // "host" or "host:port" of proxies whose addresses are allowed at connect
  // (ProxyHostsFromEnvironment). An entry that does not resolve allows
  // nothing (curl will fail to connect to it anyway).
  static AddressPolicy Make(bool allow_private,
                            const std::vector<std::string>& connect_to,
                            const std::vector<std::string>& proxy_hosts);

  bool allow_private() const { return allow_private_; }

  // Step 1: "" when a URL with host `host` (as in the URL, IPv6 in brackets or
  // not) may be fetched, else why not: "127.0.0.1 is a loopback address".
  std::string CheckHost(std::string_view host) const;

  // Step 2: "" when connecting to `addr` is allowed, else why not:
  // "10.0.0.1 is a private address".
  std::string CheckConnect(const sockaddr* addr, socklen_t len) const;

 private:
  struct Allowed {
    std::string address;  // numeric (inet_ntop)
    int port = 0;         // 0: any port
  };
  bool allow_private_ = false;
  std::vector<Allowed> allowed_;
};

// The host[:port] of http_proxy, https_proxy, all_proxy (and their upper-case
// forms) as libcurl reads them; empty when none is set.
std::vector<std::string> ProxyHostsFromEnvironment();

}  // namespace timecite::crawler
