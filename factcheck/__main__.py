"""`python -m factcheck` and the `factcheck` command: signal handlers first, then the CLI.

Ctrl-C or SIGTERM while the modules load (about half a second) ends the run quietly as well;
main() then sets its own handlers for the run itself. The installed command enters through
run() too, so no import happens before the handlers are in place."""

import os
import signal


def _stop(signum: int, frame: object) -> None:
    os.write(2, b"factcheck: interrupted\n")
    os._exit(128 + signum)


def run() -> int:
    signal.signal(signal.SIGINT, _stop)
    signal.signal(signal.SIGTERM, _stop)
    from factcheck.batch import collect_rarely
    from factcheck.cli import main

    collect_rarely()
    return main()


if __name__ == "__main__":
    raise SystemExit(run())
