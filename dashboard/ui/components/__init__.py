"""Reusable UI pieces: data access with caching, filters, tables."""
