"""The ``newslint`` command (and ``python -m newslint``): ``newslint.cli.run`` with the cyclic
garbage collector paused from the first import on (see ``run`` for why and when it resumes), and
``re``'s cache warmed before the modules that compile expressions as they load (``text.rx.warm``)."""

import gc


def main() -> None:
    gc.disable()
    from newslint.text import rx

    rx.warm()
    from newslint.cli import run

    run()


if __name__ == "__main__":
    main()
