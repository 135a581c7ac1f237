"""The AnalyzeMeal state machine, written with the ``stepfunctions`` SDK (no business logic here).

The SDK imports sagemaker v2, which announces its config search on stdout and warns about v3 on
import; neither concerns this project, and stdout must stay clean for ``--json`` output.
"""

import logging as _logging
import os as _os
import warnings as _warnings

_os.environ.setdefault("SAGEMAKER_SUPPRESS_V2_WARNING", "1")
_logging.getLogger("sagemaker.config").setLevel(_logging.WARNING)
_warnings.filterwarnings("ignore", message="pkg_resources is deprecated", category=UserWarning)
