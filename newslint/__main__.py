"""The ``newslint`` command (and ``python -m newslint``): ``newslint.cli.run`` with the cyclic
garbage collector paused from the first import on (see ``run`` for why and when it resumes)."""

import gc


def main() -> None:
    gc.disable()
    from newslint.cli import run

    run()


if __name__ == "__main__":
    main()
