"""Authoring tools: build exercises from solutions, execute notebooks, report coverage."""
