import os
import signal

# Ctrl-C or SIGTERM while the modules load (about half a second) ends the run quietly as well;
# main() then sets its own handlers for the run itself.


def _stop(signum: int, frame: object) -> None:
    os.write(2, b"factcheck: interrupted\n")
    os._exit(128 + signum)


signal.signal(signal.SIGINT, _stop)
signal.signal(signal.SIGTERM, _stop)

from factcheck.cli import main  # noqa: E402

raise SystemExit(main())
