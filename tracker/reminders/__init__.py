"""Reaching leads who never log in: contacts, reporting dates, reminder emails and update links."""
