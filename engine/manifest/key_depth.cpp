#include "engine/manifest/key_depth.h"

#include <string>

namespace dactl::manifest {

namespace {

// Walks the text outside strings and comments, counting the dots of each run
// of a key (a run ends at what cannot be inside a key: [ ] { } = , newline).
class KeyScanner {
public:
    KeyScanner(std::string_view text, const std::string& path, Diagnostics& diagnostics)
        : m_text(text), m_path(path), m_diagnostics(diagnostics) {}

    bool scan() {
        while (m_at < m_text.size()) {
            const char c = m_text[m_at];
            if (c == '"' || c == '\'') {
                skip_string(c);
            } else if (c == '#') {
                skip_comment();
            } else {
                step(c);
            }
        }
        return m_found;
    }

private:
    void step(char c) {
        if (c == '.') {
            if (++m_dots == k_max_key_parts) {  // the 65th part begins
                report();
            }
        } else if (c == '[' || c == ']' || c == '{' || c == '}' || c == '=' || c == ',' ||
                   c == '\n') {
            m_dots = 0;
            m_run_start = std::string::npos;
        } else if (m_run_start == std::string::npos && c != ' ' && c != '\t' && c != '\r') {
            m_run_start = m_at;
        }
        advance();
    }

    void report() {
        const std::size_t start = m_run_start == std::string::npos ? m_at : m_run_start;
        int line = 1;
        int column = 1;
        for (std::size_t i = 0; i < start; ++i) {
            const auto byte = static_cast<unsigned char>(m_text[i]);
            if (m_text[i] == '\n') {
                ++line;
                column = 1;
            } else if ((byte & 0xc0) != 0x80) {
                ++column;
            }
        }
        m_diagnostics.error(SourcePosition{m_path, line, column},
                            "this key has more than " + std::to_string(k_max_key_parts) +
                                " dotted parts; a manifest's keys have at most 4");
        m_found = true;
    }

    void skip_string(char quote) {
        const bool multi_line = m_text.substr(m_at, 3) == std::string(3, quote);
        const std::string close(multi_line ? 3 : 1, quote);
        if (m_run_start == std::string::npos) {
            m_run_start = m_at;  // a quoted key starts the run
        }
        m_at += close.size();
        while (m_at < m_text.size() && m_text.substr(m_at, close.size()) != close) {
            if (!multi_line && m_text[m_at] == '\n') {
                return;  // an unterminated string: toml++ will say so
            }
            m_at += (quote == '"' && m_text[m_at] == '\\') ? 2 : 1;
        }
        m_at += close.size();
    }

    void skip_comment() {
        while (m_at < m_text.size() && m_text[m_at] != '\n') {
            ++m_at;
        }
    }

    void advance() { ++m_at; }

    std::string_view m_text;
    const std::string& m_path;
    Diagnostics& m_diagnostics;
    std::size_t m_at = 0;
    int m_dots = 0;
    std::size_t m_run_start = std::string::npos;
    bool m_found = false;
};

}  // namespace

bool report_deep_keys(std::string_view text, const std::string& path, Diagnostics& diagnostics) {
    return KeyScanner(text, path, diagnostics).scan();
}

}  // namespace dactl::manifest
