#pragma once
// Outputs: where one run's results go, chosen once by its Session. Standard
// output shows each result in the --format asked for, as it comes; a file
// output (the GitHub job summary, an HTML report) collects its format's
// rendering and is written once, at the end of the run. Notes and progress go
// to standard error as text.

#include <iosfwd>
#include <string>
#include <vector>

#include "cmd/views/view.h"
#include "engine/util/redactor.h"
#include "engine/util/result.h"

namespace dactl::cli {

/// How a file output is written at the end of the run.
enum class FileWrite {
    append,   ///< appended to (the job summary: other steps write it too)
    replace,  ///< replaced atomically (a report)
};

class Outputs {
public:
    Outputs(std::ostream& out, std::ostream& err, OutputFormat format, Style style);

    /// Also renders every result in `format` into `path`, written by finish().
    void add_file(OutputFormat format, std::string path, FileWrite write);

    /// Shows a result: on standard output now, and into each file output.
    void present(const View& view);
    /// Tells the reader something on standard error, as text.
    void tell(const View& view);
    /// The stream a question to the user goes to: where the result document
    /// is not written (standard output for text, standard error otherwise).
    std::ostream& prompt();
    /// Standard error, for a progress line drawn over itself.
    std::ostream& progress() { return m_err; }

    /// Writes each file output, its text cut of the run's secrets by
    /// `redactor`, and tells "Wrote the report to FILE" for a replaced one.
    /// Fails naming the first file that could not be written (the others are
    /// still tried).
    Status finish(const Redactor* redactor);

private:
    struct File {
        OutputFormat format;
        std::string path;
        FileWrite write;
        std::string text;
    };

    std::ostream& m_out;
    std::ostream& m_err;
    OutputFormat m_format;
    Style m_style;
    std::vector<File> m_files;
};

}  // namespace dactl::cli
