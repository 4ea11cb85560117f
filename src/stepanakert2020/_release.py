"""The release constants: the package version, the data version and the schema version.

A leaf module (it imports nothing), so that anything may read them without loading the rest.

>>> __version__.count(".")
2
"""

__all__ = ["DATA_VERSION", "SCHEMA_VERSION", "__version__"]

__version__ = "0.3.0"
#: The release date of the bundled data (also ``version`` metadata in datapackage.json).
DATA_VERSION = "2026-12-02"
#: SemVer of the table layout (the Table Schemas); MAJOR changes break readers.
SCHEMA_VERSION = "1.2.0"
