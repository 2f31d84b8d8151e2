from newslint.cli import run

run()
