"""Widgets: what the user sees. They are given data and post messages; they never call the store."""
