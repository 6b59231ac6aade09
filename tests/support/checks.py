"""Checks for the process-level end-to-end tests (Python 3 standard library only).

A failed check is printed at once and remembered; `finish` prints the verdict
and answers the exit code, so one run reports every failure, not just the first.
"""

FAILURES = []


def check(condition, message):
    """Answers `condition`; when false, records and prints `message`."""
    if not condition:
        FAILURES.append(message)
        print("  FAILED: " + message, flush=True)
    return condition


def finish():
    """Prints the verdict; answers 1 when a check failed, else 0."""
    print("%d checks failed" % len(FAILURES) if FAILURES else "all passed")
    return 1 if FAILURES else 0
