"""Simulations that drive the case workflow like any other client (``spbot simulate``)."""
