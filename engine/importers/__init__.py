"""Importers: read other formats (ELMO transcripts, ...) into the project's own models."""
