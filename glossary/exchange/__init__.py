"""Exchange the glossary with CAT tools and spreadsheets: TBX and CSV, export and import (and
TSV, import only).

- :mod:`glossary.exchange.tbx`: TBX, written and read, and how the glossary's fields are written
  in it;
- :mod:`glossary.exchange.table`: CSV, written and read, and TSV, read; the columns;
- :mod:`glossary.exchange.importing`: adding the entries read to the YAML, and the import rules;
- :mod:`glossary.exchange.command`: ``bireview glossary import`` and ``export``;
- :mod:`glossary.exchange.common`: what they share (sections, the imported entry, ids).

Every public name of the parts can be imported from here. Importing the package stays light for
the command line's start-up: lxml and the glossary's models are imported inside the functions
that use them.
"""

from glossary.exchange.command import add_import_export, cmd_export, cmd_import
from glossary.exchange.common import (
    DEFAULT_SECTION,
    ID_PATTERN,
    SECTIONS,
    ImportedEntry,
    glossary_entries,
    make_id,
    primary_language,
)
from glossary.exchange.importing import ImportSummary, import_into, read_entries
from glossary.exchange.table import CSV_COLUMNS, EXACT, SEPARATOR, export_csv, import_csv
from glossary.exchange.tbx import (
    ADMITTED,
    DEPRECATED,
    PREFERRED,
    ROLE_KEYS,
    XML_LANG,
    export_tbx,
    import_tbx,
    parse_xml_safely,
)

__all__ = [
    "ADMITTED",
    "CSV_COLUMNS",
    "DEFAULT_SECTION",
    "DEPRECATED",
    "EXACT",
    "ID_PATTERN",
    "PREFERRED",
    "ROLE_KEYS",
    "SECTIONS",
    "SEPARATOR",
    "XML_LANG",
    "ImportSummary",
    "ImportedEntry",
    "add_import_export",
    "cmd_export",
    "cmd_import",
    "export_csv",
    "export_tbx",
    "glossary_entries",
    "import_csv",
    "import_into",
    "import_tbx",
    "make_id",
    "parse_xml_safely",
    "primary_language",
    "read_entries",
]
