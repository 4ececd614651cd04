"""Shared base for content models."""

from pydantic import BaseModel, ConfigDict


class Strict(BaseModel):
    """Base for content models: unknown keys are errors, so typos are caught."""

    model_config = ConfigDict(extra="forbid", frozen=True)
