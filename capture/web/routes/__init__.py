"""The web app's routes, one module per page (and `api` for the JSON API)."""
