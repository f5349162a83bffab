"""`ects serve`: a local web application and HTTP API over engine.api (see engine.web.app)."""
