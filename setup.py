# Kept for tooling that still calls setup.py directly; the package metadata lives in pyproject.toml.
from setuptools import setup

setup()
