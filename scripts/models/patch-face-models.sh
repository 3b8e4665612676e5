#!/usr/bin/env bash
# Makes the MediaPipe face detection models loadable by @mediapipe/tasks-vision.
#
# Why: tasks-vision refuses the models as shipped in @mediapipe/face_detection
# ("Input tensor has type float32: it requires specifying NormalizationOptions
# metadata"). We add a TFLITE_METADATA buffer (a tflite-support ModelMetadata
# flatbuffer: input normalised with mean 127.5 / std 127.5, RGB) and change
# nothing else. flatc round-trips each model through JSON to do it; the schemas
# next to this script are transcriptions of the public ones (see their headers).
#
# Needs: flatc (Debian flatbuffers-compiler), node. Run from anywhere:
#   scripts/models/patch-face-models.sh
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
src="$repo/node_modules/@mediapipe/face_detection"
out="$repo/public/models"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

mkdir -p "$out"

# The metadata is the same for both models: same input convention, same outputs.
flatc -b -o "$work" "$here/metadata_schema.fbs" "$here/face-metadata.json"
metadata="$work/face-metadata.tflitemeta"

# Only the full-range model ships (the short-range one missed faces smaller than about 1/8
# of its input on the fixtures, docs/models.md); add its name here to make it for a comparison.
for model in ${MODELS:-face_detection_full_range}; do
  original="$src/$model.tflite"
  flatc --json --strict-json --raw-binary -o "$work" "$here/schema.fbs" -- "$original"
  cp "$work/$model.json" "$work/$model.orig.json"
  node "$here/add-metadata.mjs" "$work/$model.json" "$metadata"
  flatc -b -o "$work/bin" "$here/schema.fbs" "$work/$model.json"

  # Values: the patched model, read back with the same schema, differs from the
  # original only by the added buffer and metadata entry.
  flatc --json --strict-json --raw-binary -o "$work/back" "$here/schema.fbs" -- "$work/bin/$model.tflite"
  node -e '
    const fs = require("fs");
    const [a, b] = process.argv.slice(1).map((p) => JSON.parse(fs.readFileSync(p, "utf8")));
    b.buffers.pop();
    delete b.metadata;
    if (JSON.stringify(a) !== JSON.stringify(b)) { console.error("values changed in round trip"); process.exit(1); }
  ' "$work/$model.orig.json" "$work/back/$model.json"
  # Fields: nothing the schema subset does not know was dropped.
  node "$here/verify-roundtrip.mjs" "$original" "$work/bin/$model.tflite"

  cp "$work/bin/$model.tflite" "$out/$model.tflite"
  echo "wrote $out/$model.tflite"
done
