#!/usr/bin/env bash
# Seeds the fuzz corpora from the project's own inputs: every scenario program (for the
# compile, run and trace targets) and the share links the tests keep (for share_decode).
set -euo pipefail
cd "$(dirname "$0")"
for t in compile run trace_timeline share_decode; do mkdir -p "corpus/$t"; done
find ../tests/scenarios -name '*.py' | while read -r f; do
  name=$(echo "$f" | md5sum | cut -c1-12)
  for t in compile run trace_timeline; do cp "$f" "corpus/$t/$name"; done
done
grep -rhoE '#v[0-9]+=[A-Za-z0-9_-]+' ../tests ../src | sort -u | while read -r link; do
  printf '%s' "$link" > "corpus/share_decode/$(printf '%s' "$link" | md5sum | cut -c1-12)"
done
