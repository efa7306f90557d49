"""Matching: places to municipalities, ideas to expertise, cases to advisors."""
