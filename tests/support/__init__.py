"""Shared fakes and helpers of the tests: never a test module imported by another."""
