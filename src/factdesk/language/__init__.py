"""Screen text in every report language (catalogs) and CLDR formats (dates, numbers, zones)."""
