"""The Django adapter: persistence, web pages and the JSON API."""
