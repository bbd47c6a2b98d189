"""Print the two commands of the README's Quick start block, one per line, so that
CI runs exactly what a newcomer copies."""

import re
import sys
from pathlib import Path

text = Path(__file__).resolve().parent.parent.joinpath("README.md").read_text(encoding="utf-8")
block = re.search(r"^#+\s*quick\s*start.*?$(.*?)^```[a-z]*\n(.*?)^```", text, re.I | re.M | re.S)
if block is None:
    sys.exit("README.md has no Quick start code block")
commands = [
    line
    for line in block.group(2).splitlines()
    if line.strip() and not line.lstrip().startswith("#")
]
if len(commands) != 2:
    sys.exit(f"README.md Quick start must hold exactly two commands, found {len(commands)}")
print("\n".join(commands))
