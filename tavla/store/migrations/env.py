"""Alembic environment: tavla passes in an open connection inside its own transaction."""

from alembic import context
from sqlmodel import SQLModel

import tavla.store.models  # noqa: F401  (registers the tables on SQLModel.metadata)

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=SQLModel.metadata,
    render_as_batch=True,  # SQLite alters tables by rebuilding them
)
with context.begin_transaction():
    context.run_migrations()
