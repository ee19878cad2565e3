"""bireview: review Chinese-to-English translations for the errors that embarrass a publisher."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("bireview")
except PackageNotFoundError:  # running from a source tree that was not installed
    __version__ = "0.0.0+source"
