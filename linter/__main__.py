import os
import sys

# `python -m linter` puts the working folder first on sys.path (unless -P): a `*.dist-info` or a
# module there, in the very folder being linted, would be loaded as a rule plugin. Plugins come
# from installed distributions and the configuration's `plugins` only: the folder is data.
if sys.path and not getattr(sys.flags, "safe_path", False) and sys.path[0] in ("", os.getcwd()):
    del sys.path[0]

from linter.cli import main  # noqa: E402

raise SystemExit(main())
