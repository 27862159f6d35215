// Headless Chromium (Debian package `chromium`) driven through the DevTools
// protocol over a pipe (--remote-debugging-pipe: commands are NUL-terminated
// JSON on the browser's fd 3, answers and events on its fd 4), so a test can
// load pages, type, submit forms, choose a file for an <input type=file>,
// read the DOM and take screenshots as a person's browser would.
// Protocol: https://chromedevtools.github.io/devtools-protocol/ (Target,
// Page, Runtime, DOM domains; flattened sessions).
#pragma once

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace timecite::serve::testing {

inline constexpr const char* kChromium = "/usr/bin/chromium";

inline bool HaveChromium() { return ::access(kChromium, X_OK) == 0; }

class Chromium {
 public:
  using Json = nlohmann::json;

  // Starts the browser with a fresh profile under `profile_dir` and opens
  // one page. Null when it cannot start or answer (the reason in *why).
  static std::unique_ptr<Chromium> Start(const std::filesystem::path& profile_dir,
                                         std::string* why) {
    auto c = std::unique_ptr<Chromium>(new Chromium);
    int to_browser[2], from_browser[2];
    if (::pipe2(to_browser, O_CLOEXEC) != 0 || ::pipe2(from_browser, O_CLOEXEC) != 0) {
      *why = "pipe failed";
      return nullptr;
    }
    const std::string user_data = "--user-data-dir=" + profile_dir.string();
    c->pid_ = ::fork();
    if (c->pid_ == 0) {
      // Out of the way first: a pipe end may already be fd 3 or 4, and
      // dup2 onto itself would keep its close-on-exec flag.
      const int read_end = ::fcntl(to_browser[0], F_DUPFD, 10);
      const int write_end = ::fcntl(from_browser[1], F_DUPFD, 10);
      ::dup2(read_end, 3);
      ::dup2(write_end, 4);
      const int devnull = ::open("/dev/null", O_WRONLY);
      ::dup2(devnull, 1);
      ::dup2(devnull, 2);
      const char* argv[] = {kChromium, "--headless", "--no-sandbox", "--disable-gpu",
                            "--disable-quic", "--no-first-run",
                            "--disable-background-networking", "--disable-component-update",
                            "--disable-sync", "--disable-dev-shm-usage",
                            "--remote-debugging-pipe", "--window-size=1200,900",
                            user_data.c_str(), "about:blank", nullptr};
      ::execv(kChromium, const_cast<char* const*>(argv));
      ::_exit(127);
    }
    ::close(to_browser[0]);
    ::close(from_browser[1]);
    c->out_ = to_browser[1];
    c->in_ = from_browser[0];
    auto target = c->Call("Target.createTarget", {{"url", "about:blank"}}, false);
    if (!target.contains("targetId")) {
      *why = "no target: " + target.dump();
      return nullptr;
    }
    auto attached = c->Call("Target.attachToTarget",
                            {{"targetId", target["targetId"]}, {"flatten", true}}, false);
    if (!attached.contains("sessionId")) {
      *why = "cannot attach: " + attached.dump();
      return nullptr;
    }
    c->session_ = attached["sessionId"];
    c->Call("Page.enable", Json::object());
    c->Call("Runtime.enable", Json::object());
    return c;
  }

  ~Chromium() {
    if (out_ >= 0) ::close(out_);
    if (in_ >= 0) ::close(in_);
    if (pid_ > 0) {
      ::kill(pid_, SIGTERM);
      int status = 0;
      for (int i = 0; i < 50 && ::waitpid(pid_, &status, WNOHANG) == 0; ++i)
        ::usleep(100000);
      if (::waitpid(pid_, &status, WNOHANG) == 0) {
        ::kill(pid_, SIGKILL);
        ::waitpid(pid_, &status, 0);
      }
    }
  }

  // Sends a command and waits (at most 60 s) for its answer's "result" (or
  // {"error": ...}).
  Json Call(const std::string& method, const Json& params, bool in_session = true) {
    Json msg = {{"id", ++id_}, {"method", method}, {"params", params}};
    if (in_session && !session_.empty()) msg["sessionId"] = session_;
    std::string text = msg.dump() + '\0';
    for (std::size_t done = 0; done < text.size();) {
      const ssize_t n = ::write(out_, text.data() + done, text.size() - done);
      if (n <= 0) return {{"error", "write to the browser failed"}};
      done += static_cast<std::size_t>(n);
    }
    const int want = id_;
    while (true) {
      auto m = Next(std::chrono::seconds(60));
      if (!m) return {{"error", "no answer to " + method}};
      if (m->value("id", -1) == want) {
        if (m->contains("error")) return {{"error", (*m)["error"]}};
        return m->value("result", Json::object());
      }
      events_.push_back(std::move(*m));
    }
  }

  // Waits for the event `method` (of this page) since the last wait for it.
  bool WaitFor(const std::string& method, int seconds = 60) {
    const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(seconds);
    while (true) {
      for (auto it = events_.begin(); it != events_.end(); ++it) {
        if (it->value("method", "") == method) {
          events_.erase(events_.begin(), it + 1);
          return true;
        }
      }
      const auto left = until - std::chrono::steady_clock::now();
      if (left <= std::chrono::seconds(0)) return false;
      auto m = Next(std::chrono::duration_cast<std::chrono::seconds>(left) +
                    std::chrono::seconds(1));
      if (!m) return false;
      events_.push_back(std::move(*m));
    }
  }

  // Loads `url` and waits for its load event.
  bool Navigate(const std::string& url) {
    events_.clear();
    auto r = Call("Page.navigate", {{"url", url}});
    if (r.contains("error") || r.contains("errorText")) return false;
    return WaitFor("Page.loadEventFired");
  }

  // Runs `expression` in the page; its value (JSON) or {"error": ...}.
  Json Eval(const std::string& expression) {
    auto r = Call("Runtime.evaluate", {{"expression", expression},
                                       {"returnByValue", true},
                                       {"awaitPromise", true}});
    if (r.contains("exceptionDetails")) return {{"error", r["exceptionDetails"]}};
    if (!r.contains("result")) return r;
    return r["result"].value("value", Json());
  }

  // Runs `expression` (which navigates: a submit, a click) and waits for
  // the next page's load event.
  bool EvalAndWaitForLoad(const std::string& expression) {
    events_.clear();
    Eval(expression);
    return WaitFor("Page.loadEventFired");
  }

  // Sets the files of the <input type=file> that `selector` finds.
  bool SetFile(const std::string& selector, const std::filesystem::path& file) {
    auto doc = Call("DOM.getDocument", Json::object());
    if (!doc.contains("root")) return false;
    auto node = Call("DOM.querySelector",
                     {{"nodeId", doc["root"]["nodeId"]}, {"selector", selector}});
    if (node.value("nodeId", 0) == 0) return false;
    auto r = Call("DOM.setFileInputFiles",
                  {{"nodeId", node["nodeId"]}, {"files", {file.string()}}});
    return !r.contains("error");
  }

  // Saves a PNG screenshot of the page to `path`.
  bool Screenshot(const std::filesystem::path& path) {
    auto r = Call("Page.captureScreenshot", {{"format", "png"}});
    if (!r.contains("data")) return false;
    std::ofstream(path, std::ios::binary) << Base64Decode(r["data"].get<std::string>());
    return std::filesystem::file_size(path) > 0;
  }

 private:
  Chromium() = default;

  std::optional<Json> Next(std::chrono::seconds timeout) {
    const auto until = std::chrono::steady_clock::now() + timeout;
    while (true) {
      if (auto nul = buffer_.find('\0'); nul != std::string::npos) {
        Json m = Json::parse(buffer_.substr(0, nul), nullptr, false);
        buffer_.erase(0, nul + 1);
        if (m.is_discarded()) continue;
        return m;
      }
      const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
          until - std::chrono::steady_clock::now());
      if (left.count() <= 0) return std::nullopt;
      pollfd p{in_, POLLIN, 0};
      if (::poll(&p, 1, static_cast<int>(left.count())) <= 0) return std::nullopt;
      char chunk[65536];
      const ssize_t n = ::read(in_, chunk, sizeof chunk);
      if (n <= 0) return std::nullopt;
      buffer_.append(chunk, static_cast<std::size_t>(n));
    }
  }

  static std::string Base64Decode(const std::string& in) {
    auto value = [](char c) -> int {
      if (c >= 'A' && c <= 'Z') return c - 'A';
      if (c >= 'a' && c <= 'z') return c - 'a' + 26;
      if (c >= '0' && c <= '9') return c - '0' + 52;
      if (c == '+') return 62;
      if (c == '/') return 63;
      return -1;
    };
    std::string out;
    int bits = 0, acc = 0;
    for (char c : in) {
      const int v = value(c);
      if (v < 0) continue;
      acc = (acc << 6) | v;
      bits += 6;
      if (bits >= 8) {
        bits -= 8;
        out += static_cast<char>((acc >> bits) & 0xff);
      }
    }
    return out;
  }

  pid_t pid_ = -1;
  int out_ = -1, in_ = -1;
  int id_ = 0;
  std::string session_;
  std::string buffer_;
  std::vector<Json> events_;
};

}  // namespace timecite::serve::testing
