"""The staff console's texts, by area: key → (Swedish, English)."""
