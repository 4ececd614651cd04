"""Course content as data: typed models, YAML loading and precise errors.

Every loader raises :class:`ContentError`, whose problems each name the file,
line, item and field, and never a raw traceback.
"""

from .errors import ContentError, Problem
from .manifest import Manifest, Module, find_root, load_manifest
from .validate_model import validate_doc
from .yamlfile import YamlDoc, load_yaml

__all__ = [
    "ContentError",
    "Manifest",
    "Module",
    "Problem",
    "YamlDoc",
    "find_root",
    "load_manifest",
    "load_yaml",
    "validate_doc",
]
