// timecite-replica: serves a world file as the UN sites do, for tests and by
// hand. Example:
//   timecite-replica --world tests/replica/world.json --port 8080
//   curl --connect-to webtv.un.org:80:127.0.0.1:8080 http://webtv.un.org/en/asset/k1a/k1abcd1234
// Runs until SIGINT or SIGTERM.
#include <CLI/CLI.hpp>

#include <csignal>
#include <iostream>

#include "tools/replica/replica.h"

int main(int argc, char** argv) {
  using namespace timecite::replica;
  CLI::App app{"A local stand-in for UN Web TV, Kaltura, UN Transcripts and UN document hosts",
               "timecite-replica"};
  std::string world_path;
  ReplicaOptions options;
  bool make_cert = false;
  std::string cert_dir;
  app.add_option("--world", world_path, "World file (JSON; docs/world-format.md)")->required();
  app.add_option("--port", options.http_port, "HTTP port (0: any free port; -1: none)");
  app.add_option("--https-port", options.https_port, "HTTPS port (0: any; -1: none)");
  app.add_option("--cert", options.cert_file, "PEM certificate for HTTPS");
  app.add_option("--key", options.key_file, "PEM private key for HTTPS");
  app.add_option("--make-cert", cert_dir,
                 "Make a self-signed certificate in this directory and use it")
      ->each([&](const std::string&) { make_cert = true; });
  app.add_option("--bind", options.bind_address, "Address to listen on");
  app.add_option("--threads", options.threads, "Worker threads per listener");
  app.add_option("--default-host", options.default_host,
                 "Host served when the Host header is an IP address");
  CLI11_PARSE(app, argc, argv);

  auto world = LoadWorld(world_path);
  if (!world.ok()) {
    std::cerr << "timecite-replica: " << world.status().ToString() << "\n";
    return 1;
  }
  if (make_cert) {
    auto cert = MakeSelfSignedCertificate(cert_dir);
    if (!cert.ok()) {
      std::cerr << "timecite-replica: " << cert.status().ToString() << "\n";
      return 1;
    }
    options.cert_file = cert->cert_file;
    options.key_file = cert->key_file;
    if (options.https_port < 0) options.https_port = 0;
  }
  // Block the stop signals before any thread starts, then wait for one.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

  auto replica = Replica::Start(std::move(world).value(), options);
  if (!replica.ok()) {
    std::cerr << "timecite-replica: " << replica.status().ToString() << "\n";
    return 1;
  }
  if ((*replica)->http_port() > 0) {
    std::cout << "http " << options.bind_address << ":" << (*replica)->http_port() << "\n";
  }
  if ((*replica)->https_port() > 0) {
    std::cout << "https " << options.bind_address << ":" << (*replica)->https_port() << "\n";
  }
  std::cout.flush();
  int sig = 0;
  sigwait(&stop_signals, &sig);
  return 0;
}
