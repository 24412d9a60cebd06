"""The spreadsheet round trip (xlsx/csv export, import back in place) and JSON in the interchange format."""
