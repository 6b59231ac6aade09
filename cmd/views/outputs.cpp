#include "cmd/views/outputs.h"

#include <fstream>
#include <ostream>

#include "engine/util/file_io.h"

namespace dactl::cli {

std::vector<std::pair<std::string, OutputFormat>> console_formats() {
    return {{"text", OutputFormat::text},
            {"json", OutputFormat::json},
            {"markdown", OutputFormat::markdown}};
}

std::vector<std::pair<std::string, OutputFormat>> text_or_json_formats() {
    return {{"text", OutputFormat::text}, {"json", OutputFormat::json}};
}

Outputs::Outputs(std::ostream& out, std::ostream& err, OutputFormat format, Style style)
    : m_out(out), m_err(err), m_format(format), m_style(std::move(style)) {}

void Outputs::add_file(OutputFormat format, std::string path, FileWrite write) {
    m_files.push_back({format, std::move(path), write, {}});
}

void Outputs::present(const View& view) {
    m_out << view(m_format, m_style) << std::flush;
    const Style plain{Palette(Color::off), m_style.generated_at};
    for (File& file : m_files) {
        file.text += view(file.format, plain);
    }
}

void Outputs::tell(const View& view) {
    m_err << view(OutputFormat::text, Style{Palette(Color::off), m_style.generated_at})
          << std::flush;
}

std::ostream& Outputs::prompt() {
    return m_format == OutputFormat::text ? m_out : m_err;
}

namespace {

Status append_to(const std::string& path, const std::string& text) {
    std::ofstream file(path, std::ios::app | std::ios::binary);
    file << text;
    if (!file) {
        return make_error(ErrorKind::io, "cannot append to " + path);
    }
    return {};
}

}  // namespace

Status Outputs::finish(const Redactor* redactor) {
    Status result;
    for (const File& file : m_files) {
        const std::string text = redactor != nullptr ? redactor->redact(file.text) : file.text;
        Status written = file.write == FileWrite::append ? append_to(file.path, text)
                                                         : write_file_atomically(file.path, text);
        if (!written && result) {
            result = written;
        }
        if (written && file.write == FileWrite::replace) {
            m_err << "Wrote the report to " << file.path << "\n";
        }
    }
    m_files.clear();
    return result;
}

}  // namespace dactl::cli
