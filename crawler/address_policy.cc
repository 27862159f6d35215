#include "crawler/address_policy.h"

#include <arpa/inet.h>
#include <netdb.h>
#include <netinet/in.h>

#include <cstdlib>
#include <cstring>

namespace timecite::crawler {
namespace {

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

// `s` without one pair of surrounding brackets and one trailing dot.
std::string_view Bare(std::string_view s) {
  if (s.size() >= 2 && s.front() == '[' && s.back() == ']') {
    s.remove_prefix(1);
    s.remove_suffix(1);
  }
  if (!s.empty() && s.back() == '.') s.remove_suffix(1);
  return s;
}

// `a` in host byte order.
AddressClass ClassifyV4(uint32_t a) {
  const auto in = [a](uint32_t net, int bits) {
    const uint32_t mask = bits == 0 ? 0 : ~uint32_t{0} << (32 - bits);
    return (a & mask) == net;
  };
  if (a == 0xA9FEA9FEu) return AddressClass::kMetadata;  // 169.254.169.254
  if (in(0x7F000000u, 8)) return AddressClass::kLoopback;
  if (in(0x0A000000u, 8) || in(0xAC100000u, 12) || in(0xC0A80000u, 16) ||
      in(0x64400000u, 10)) {
    return AddressClass::kPrivate;
  }
  if (in(0xA9FE0000u, 16)) return AddressClass::kLinkLocal;
  if (in(0x00000000u, 8)) return AddressClass::kUnspecified;
  if (in(0xE0000000u, 4) || in(0xF0000000u, 4)) return AddressClass::kReserved;
  return AddressClass::kPublic;
}

AddressClass ClassifyV6(const in6_addr& a) {
  const uint8_t* b = a.s6_addr;
  static const uint8_t kMapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
  static const uint8_t kNat64[12] = {0, 0x64, 0xff, 0x9b, 0, 0, 0, 0, 0, 0, 0, 0};
  if (std::memcmp(b, kMapped, 12) == 0 || std::memcmp(b, kNat64, 12) == 0) {
    return ClassifyV4(uint32_t{b[12]} << 24 | uint32_t{b[13]} << 16 |
                      uint32_t{b[14]} << 8 | b[15]);
  }
  static const uint8_t kMetadata[16] = {0xfd, 0x00, 0x0e, 0xc2, 0, 0, 0, 0,
                                        0,    0,    0,    0,    0, 0, 0x02, 0x54};
  if (std::memcmp(b, kMetadata, 16) == 0) return AddressClass::kMetadata;
  if (IN6_IS_ADDR_UNSPECIFIED(&a)) return AddressClass::kUnspecified;
  if (IN6_IS_ADDR_LOOPBACK(&a)) return AddressClass::kLoopback;
  if ((b[0] & 0xfe) == 0xfc) return AddressClass::kPrivate;  // fc00::/7
  if (b[0] == 0xfe && (b[1] & 0xc0) == 0x80) return AddressClass::kLinkLocal;
  if (b[0] == 0xff) return AddressClass::kReserved;  // multicast
  return AddressClass::kPublic;
}

std::string Numeric(const sockaddr* addr, int* port) {
  char text[INET6_ADDRSTRLEN] = "";
  *port = 0;
  if (addr->sa_family == AF_INET) {
    const auto* v4 = reinterpret_cast<const sockaddr_in*>(addr);
    inet_ntop(AF_INET, &v4->sin_addr, text, sizeof text);
    *port = ntohs(v4->sin_port);
  } else if (addr->sa_family == AF_INET6) {
    const auto* v6 = reinterpret_cast<const sockaddr_in6*>(addr);
    inet_ntop(AF_INET6, &v6->sin6_addr, text, sizeof text);
    *port = ntohs(v6->sin6_port);
  }
  return text;
}

std::string Refusal(std::string_view what, AddressClass c) {
  std::string out(what);
  out += c == AddressClass::kMetadata
             ? " is a cloud metadata address"
             : std::string(" is a") +
                   (c == AddressClass::kUnspecified ? "n " : " ") +
                   std::string(AddressClassName(c)) + " address";
  return out + " (refused; --allow-private fetches it)";
}

// Splits "HOST:PORT:TO-HOST:TO-PORT" (IPv6 hosts in brackets) into its four
// fields; false when it has another shape.
bool SplitConnectTo(std::string_view entry, std::string_view out[4]) {
  for (int i = 0; i < 4; ++i) {
    if (i == 3) {
      out[3] = entry;
      return true;
    }
    size_t end = 0;
    if (!entry.empty() && entry.front() == '[') {
      end = entry.find(']');
      if (end == std::string_view::npos) return false;
      ++end;
    }
    const size_t colon = entry.find(':', end);
    if (colon == std::string_view::npos) return false;
    out[i] = entry.substr(0, colon);
    entry.remove_prefix(colon + 1);
  }
  return true;
}

}  // namespace

std::string_view AddressClassName(AddressClass c) {
  switch (c) {
    case AddressClass::kPublic: return "public";
    case AddressClass::kLoopback: return "loopback";
    case AddressClass::kPrivate: return "private";
    case AddressClass::kLinkLocal: return "link-local";
    case AddressClass::kUnspecified: return "unspecified";
    case AddressClass::kMetadata: return "cloud-metadata";
    case AddressClass::kReserved: return "reserved";
  }
  return "reserved";
}

AddressClass ClassifySockaddr(const sockaddr* addr, socklen_t len) {
  if (addr == nullptr) return AddressClass::kReserved;
  if (addr->sa_family == AF_INET && len >= sizeof(sockaddr_in)) {
    return ClassifyV4(
        ntohl(reinterpret_cast<const sockaddr_in*>(addr)->sin_addr.s_addr));
  }
  if (addr->sa_family == AF_INET6 && len >= sizeof(sockaddr_in6)) {
    return ClassifyV6(reinterpret_cast<const sockaddr_in6*>(addr)->sin6_addr);
  }
  return AddressClass::kReserved;
}

std::optional<AddressClass> ClassifyHostLiteral(std::string_view host) {
  const std::string bare(Bare(host));
  if (bare.empty()) return std::nullopt;
  in6_addr v6{};
  if (bare.find(':') != std::string::npos) {
    // A zone ("fe80::1%eth0") is not part of the address.
    const std::string address = bare.substr(0, bare.find('%'));
    if (inet_pton(AF_INET6, address.c_str(), &v6) == 1) return ClassifyV6(v6);
    return std::nullopt;
  }
  // inet_aton takes every historical form: 2130706433, 0x7f.1, 0177.0.0.1,
  // 127.1. A name never consists of digits, dots and x alone... except hex
  // words such as "0xdead.beef", which are addresses to curl and to us.
  in_addr v4{};
  if (inet_aton(bare.c_str(), &v4) != 0) return ClassifyV4(ntohl(v4.s_addr));
  return std::nullopt;
}

std::optional<AddressClass> ClassifyHostName(std::string_view host) {
  const std::string name = Lower(Bare(host));
  if (name == "localhost" || name.ends_with(".localhost"))
    return AddressClass::kLoopback;
  if (name == "metadata.google.internal") return AddressClass::kMetadata;
  return std::nullopt;
}

AddressPolicy AddressPolicy::Make(bool allow_private,
                                  const std::vector<std::string>& connect_to,
                                  const std::vector<std::string>& proxy_hosts) {
  AddressPolicy p;
  p.allow_private_ = allow_private;
  if (allow_private) return p;
  const auto allow = [&p](std::string_view host, int port) {
    const std::string name(Bare(host));
    if (name.empty()) return;
    addrinfo hints{};
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    addrinfo* found = nullptr;
    if (getaddrinfo(name.c_str(), nullptr, &hints, &found) != 0) return;
    for (addrinfo* a = found; a != nullptr; a = a->ai_next) {
      int unused = 0;
      std::string numeric = Numeric(a->ai_addr, &unused);
      if (!numeric.empty()) p.allowed_.push_back({std::move(numeric), port});
    }
    freeaddrinfo(found);
  };
  for (const std::string& entry : connect_to) {
    std::string_view fields[4];
    if (!SplitConnectTo(entry, fields) || fields[2].empty()) continue;
    allow(fields[2],
          fields[3].empty() ? 0 : std::atoi(std::string(fields[3]).c_str()));
  }
  for (const std::string& proxy : proxy_hosts) {
    std::string_view host = proxy;
    int port = 0;
    size_t colon = std::string_view::npos;
    if (!host.empty() && host.front() == '[') {
      const size_t close = host.find(']');
      if (close != std::string_view::npos && close + 1 < host.size() &&
          host[close + 1] == ':') {
        colon = close + 1;
      }
    } else if (host.find(':') == host.rfind(':')) {
      colon = host.find(':');
    }
    if (colon != std::string_view::npos) {
      port = std::atoi(std::string(host.substr(colon + 1)).c_str());
      host = host.substr(0, colon);
    }
    allow(host, port);
  }
  return p;
}

std::string AddressPolicy::CheckHost(std::string_view host) const {
  if (allow_private_) return "";
  std::optional<AddressClass> c = ClassifyHostLiteral(host);
  if (!c) c = ClassifyHostName(host);
  if (!c || *c == AddressClass::kPublic) return "";
  return Refusal(std::string(Bare(host)), *c);
}

std::string AddressPolicy::CheckConnect(const sockaddr* addr,
                                        socklen_t len) const {
  if (allow_private_) return "";
  const AddressClass c = ClassifySockaddr(addr, len);
  if (c == AddressClass::kPublic) return "";
  int port = 0;
  const std::string numeric = addr != nullptr ? Numeric(addr, &port) : "";
  for (const Allowed& a : allowed_) {
    if (a.address == numeric && (a.port == 0 || a.port == port)) return "";
  }
  return Refusal(numeric.empty() ? "the address" : numeric, c);
}

std::vector<std::string> ProxyHostsFromEnvironment() {
  std::vector<std::string> hosts;
  for (const char* name : {"http_proxy", "https_proxy", "all_proxy",
                           "HTTPS_PROXY", "ALL_PROXY"}) {
    const char* value = std::getenv(name);
    if (value == nullptr || *value == '\0') continue;
    std::string_view v = value;
    if (size_t scheme = v.find("://"); scheme != std::string_view::npos)
      v.remove_prefix(scheme + 3);
    if (size_t at = v.rfind('@'); at != std::string_view::npos)
      v.remove_prefix(at + 1);
    if (size_t slash = v.find('/'); slash != std::string_view::npos)
      v = v.substr(0, slash);
    if (!v.empty()) hosts.emplace_back(v);
  }
  return hosts;
}

}  // namespace timecite::crawler
