"""Built-in Python rules, one module per family (or part of a family).

Each module lists its rule classes in ``RULES``; ``newslint.registry`` finds them all.
"""
