"""What ``build.py`` does: synthesize, lint, build artifacts, deploy and inspect stacks.

``build.py`` only parses arguments; every command's work lives in a module here.
"""
