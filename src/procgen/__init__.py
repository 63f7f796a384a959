"""procgen: compile public-service procedures, written once in YAML, into portal artifacts."""

__version__ = "0.1.0"
