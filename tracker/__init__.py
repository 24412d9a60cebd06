"""The web application: councils, plans, imports, reports. Apps are split by domain."""
