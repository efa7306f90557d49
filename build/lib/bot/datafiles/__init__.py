"""Loaders of the data files the product ships: the region's gazetteer (municipalities,
localities, postal codes, nodes), the expertise taxonomy, and advisor roster files."""
