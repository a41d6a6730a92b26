"""Packaging that pyproject.toml alone cannot say: the top-level ``templates/`` folder ships inside
the wheel as ``generator/templates`` (package data), beside every subpackage of ``generator``."""
from setuptools import find_packages, setup

setup(
    packages=find_packages(include=["generator", "generator.*"]) + ["generator.templates"],
    package_dir={"generator.templates": "templates"},
    package_data={"generator.templates": ["*.j2", "**/*.j2", "assets/*.css", "assets/fonts/*"]},
    include_package_data=False,
)
