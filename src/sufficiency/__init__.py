"""Sufficiency: inspect probation services against the HM Inspectorate of Probation standards."""

__version__ = "0.1.0"
