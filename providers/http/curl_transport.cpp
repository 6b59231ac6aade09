// The only file in dactl that includes <curl/curl.h>.
#include "providers/http/curl_transport.h"

#include <atomic>
#include <chrono>
#include <mutex>
#include <optional>
#include <vector>

#include <curl/curl.h>

namespace dactl::http {

namespace {

CURLcode global_init() {
    static std::once_flag once;
    static CURLcode result = CURLE_OK;
    std::call_once(once, [] { result = curl_global_init(CURL_GLOBAL_DEFAULT); });
    return result;
}

// What the callbacks fill during one exchange.
struct Exchange {
    Response response;
    std::size_t limit = 0;
    bool oversized = false;
    const std::atomic<bool>* interrupted = nullptr;
    std::chrono::milliseconds grace{0};
    std::optional<std::chrono::steady_clock::time_point> interrupted_at;
    bool cut_off = false;
};

// Called by curl at least once a second while the exchange runs: after the
// interrupt, lets it go on for the grace period, then cuts it off.
int on_progress(void* user, curl_off_t, curl_off_t, curl_off_t, curl_off_t) {
    auto* exchange = static_cast<Exchange*>(user);
    if (exchange->interrupted == nullptr || !exchange->interrupted->load()) {
        return 0;
    }
    const auto now = std::chrono::steady_clock::now();
    if (!exchange->interrupted_at) {
        exchange->interrupted_at = now;
    }
    exchange->cut_off = now - *exchange->interrupted_at >= exchange->grace;
    return exchange->cut_off ? 1 : 0;
}

// CR, LF or NUL in a header would split it or end it early (header injection).
bool safe_in_header(std::string_view text) {
    return text.find_first_of(std::string_view("\r\n\0", 3)) == std::string_view::npos;
}

std::size_t on_body(char* data, std::size_t size, std::size_t count, void* user) {
    auto* exchange = static_cast<Exchange*>(user);
    const std::size_t length = size * count;
    if (exchange->response.body.size() + length > exchange->limit) {
        exchange->oversized = true;
        return 0;  // anything but `length` makes curl stop with CURLE_WRITE_ERROR
    }
    exchange->response.body.append(data, length);
    return length;
}

std::string_view trim(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) {
        text.remove_prefix(1);
    }
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\r' ||
                             text.back() == '\n')) {
        text.remove_suffix(1);
    }
    return text;
}

std::size_t on_header(char* data, std::size_t size, std::size_t count, void* user) {
    auto* exchange = static_cast<Exchange*>(user);
    const std::size_t length = size * count;
    const std::string_view line(data, length);
    if (line.rfind("HTTP/", 0) == 0) {
        exchange->response.headers.clear();  // a new answer (after 100 Continue, say)
    } else if (const std::size_t colon = line.find(':'); colon != std::string_view::npos) {
        exchange->response.headers.emplace_back(std::string(trim(line.substr(0, colon))),
                                                std::string(trim(line.substr(colon + 1))));
    }
    return length;
}

std::string duration_text(std::chrono::milliseconds duration) {
    if (duration.count() % 1000 == 0) {
        return std::to_string(duration.count() / 1000) + " s";
    }
    return std::to_string(duration.count()) + " ms";
}

// Frees a header list when the exchange ends, however it ends.
struct HeaderList {
    curl_slist* list = nullptr;
    ~HeaderList() { curl_slist_free_all(list); }
    bool add(const std::string& line) {
        curl_slist* grown = curl_slist_append(list, line.c_str());
        if (grown == nullptr) {
            return false;
        }
        list = grown;
        return true;
    }
};

}  // namespace

// Idle easy handles: each keeps its connections alive for the next request.
struct CurlTransport::Pool {
    std::mutex mutex;
    std::vector<CURL*> idle;

    CURL* acquire() {
        {
            std::lock_guard lock(mutex);
            if (!idle.empty()) {
                CURL* easy = idle.back();
                idle.pop_back();
                curl_easy_reset(easy);
                return easy;
            }
        }
        return curl_easy_init();
    }
    void release(CURL* easy) {
        curl_easy_setopt(easy, CURLOPT_HTTPHEADER, nullptr);
        std::lock_guard lock(mutex);
        idle.push_back(easy);
    }
    ~Pool() {
        for (CURL* easy : idle) {
            curl_easy_cleanup(easy);
        }
    }
};

CurlTransport::CurlTransport(CurlOptions options)
    : m_options(std::move(options)), m_pool(std::make_unique<Pool>()) {
    (void)global_init();
}

CurlTransport::~CurlTransport() = default;

namespace {

void set_common(CURL* easy, const CurlOptions& options, Exchange& exchange, char* error_text) {
    curl_easy_setopt(easy, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(easy, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(easy, CURLOPT_FOLLOWLOCATION, 0L);
    curl_easy_setopt(easy, CURLOPT_CONNECTTIMEOUT_MS,
                     static_cast<long>(options.connect_timeout.count()));
    curl_easy_setopt(easy, CURLOPT_TIMEOUT_MS, static_cast<long>(options.total_timeout.count()));
    curl_easy_setopt(easy, CURLOPT_SSL_VERIFYPEER, 1L);
    curl_easy_setopt(easy, CURLOPT_SSL_VERIFYHOST, 2L);
    if (!options.ca_bundle.empty()) {
        curl_easy_setopt(easy, CURLOPT_CAINFO, options.ca_bundle.c_str());
    }
    curl_easy_setopt(easy, CURLOPT_ACCEPT_ENCODING, "");
    curl_easy_setopt(easy, CURLOPT_MAXFILESIZE_LARGE,
                     static_cast<curl_off_t>(options.max_response_bytes));
    curl_easy_setopt(easy, CURLOPT_WRITEFUNCTION, on_body);
    curl_easy_setopt(easy, CURLOPT_WRITEDATA, &exchange);
    curl_easy_setopt(easy, CURLOPT_HEADERFUNCTION, on_header);
    curl_easy_setopt(easy, CURLOPT_HEADERDATA, &exchange);
    curl_easy_setopt(easy, CURLOPT_ERRORBUFFER, error_text);
    if (exchange.interrupted != nullptr) {
        curl_easy_setopt(easy, CURLOPT_NOPROGRESS, 0L);
        curl_easy_setopt(easy, CURLOPT_XFERINFOFUNCTION, on_progress);
        curl_easy_setopt(easy, CURLOPT_XFERINFODATA, &exchange);
    }
}

void set_method(CURL* easy, const Request& request) {
    if (request.method == "GET") {
        curl_easy_setopt(easy, CURLOPT_HTTPGET, 1L);
        return;
    }
    curl_easy_setopt(easy, CURLOPT_CUSTOMREQUEST, request.method.c_str());
    if (!request.body.empty() || request.method == "POST" || request.method == "PATCH" ||
        request.method == "PUT") {
        curl_easy_setopt(easy, CURLOPT_POSTFIELDSIZE_LARGE,
                         static_cast<curl_off_t>(request.body.size()));
        curl_easy_setopt(easy, CURLOPT_POSTFIELDS, request.body.data());
    }
}

Error failure(const Request& request, CURLcode code, const Exchange& exchange, CURL* easy,
              const CurlOptions& options, const char* error_text) {
    const std::string subject = request.method + " " + request.url + ": ";
    if (exchange.oversized || code == CURLE_FILESIZE_EXCEEDED) {
        return make_error(ErrorKind::invalid_response,
                          subject + "the answer is larger than the " +
                              std::to_string(options.max_response_bytes) +
                              " bytes allowed; refusing it");
    }
    if (code == CURLE_ABORTED_BY_CALLBACK && exchange.cut_off) {
        return make_error(ErrorKind::cancelled, subject + "cut off by the interrupt after " +
                                                    duration_text(options.interrupt_grace));
    }
    if (code == CURLE_OPERATION_TIMEDOUT) {
        // A reused connection has no connect time: whether the request went
        // out tells a connection never opened from an answer that never came.
        long sent = 0;
        curl_easy_getinfo(easy, CURLINFO_REQUEST_SIZE, &sent);
        return make_error(
            ErrorKind::timeout,
            sent == 0
                ? subject + "could not connect within " + duration_text(options.connect_timeout)
                : subject + "no complete answer within " +
                      duration_text(std::min(request.timeout.value_or(options.total_timeout),
                                             options.total_timeout)));
    }
    std::string detail = error_text[0] != '\0' ? error_text : curl_easy_strerror(code);
    if (code == CURLE_SSL_CONNECT_ERROR &&
        detail.find("wrong version number") != std::string::npos) {
        // OpenSSL's words when the other side answers the TLS hello in plain HTTP.
        detail += "; the server may speak plain HTTP, not TLS (use an http:// URL for it)";
    }
    return make_error(ErrorKind::transport, subject + "no answer: " + detail);
}

}  // namespace

Result<Response> CurlTransport::send(const Request& request) {
    if (global_init() != CURLE_OK) {
        return make_error(ErrorKind::transport, "libcurl could not be initialised");
    }
    CURL* easy = m_pool->acquire();
    if (easy == nullptr) {
        return make_error(ErrorKind::transport, "libcurl could not create a connection handle");
    }
    for (const auto& [name, value] : request.headers) {
        if (!safe_in_header(name) || !safe_in_header(value)) {
            m_pool->release(easy);
            return make_error(ErrorKind::invalid_input,
                              request.method + " " + request.url + ": the header " +
                                  (safe_in_header(name) ? name : std::string("name")) +
                                  " holds a control character (CR, LF or NUL); not sent");
        }
    }
    Exchange exchange;
    exchange.limit = m_options.max_response_bytes;
    exchange.interrupted = request.interrupted;
    exchange.grace = m_options.interrupt_grace;
    char error_text[CURL_ERROR_SIZE] = {};
    HeaderList headers;
    bool listed = headers.add("Expect:");
    for (const auto& [name, value] : request.headers) {
        std::string line = name;
        line.append(": ").append(value);
        listed = listed && headers.add(line);
    }
    set_common(easy, m_options, exchange, error_text);
    if (request.timeout && *request.timeout < m_options.total_timeout) {
        curl_easy_setopt(easy, CURLOPT_TIMEOUT_MS, static_cast<long>(request.timeout->count()));
    }
    set_method(easy, request);
    curl_easy_setopt(easy, CURLOPT_URL, request.url.c_str());
    // Plain http is only ever a loopback address (the emulator, a local proxy of
    // the team's own): a proxy from http_proxy or ALL_PROXY would receive the
    // credentials in clear text, so none is used. https honours HTTPS_PROXY and
    // NO_PROXY as curl does.
    if (request.url.starts_with("http://")) {
        curl_easy_setopt(easy, CURLOPT_PROXY, "");
    }
    curl_easy_setopt(easy, CURLOPT_HTTPHEADER, headers.list);
    const CURLcode code = listed ? curl_easy_perform(easy) : CURLE_OUT_OF_MEMORY;
    std::optional<Error> error;
    if (code != CURLE_OK) {
        error = failure(request, code, exchange, easy, m_options, error_text);
    }
    long status = 0;
    curl_easy_getinfo(easy, CURLINFO_RESPONSE_CODE, &status);
    curl_easy_setopt(easy, CURLOPT_ERRORBUFFER, nullptr);
    m_pool->release(easy);
    if (error) {
        return *error;
    }
    exchange.response.status = static_cast<int>(status);
    return std::move(exchange.response);
}

}  // namespace dactl::http
