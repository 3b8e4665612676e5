// Adds (or replaces) the TFLITE_METADATA entry of a TFLite model in flatc JSON form:
// the ModelMetadata flatbuffer goes into a new entry of Model.buffers and
// Model.metadata names it. Usage: node add-metadata.mjs MODEL.json METADATA.bin
import { readFileSync, writeFileSync } from 'node:fs';

const [modelJsonPath, metadataPath] = process.argv.slice(2);
if (!modelJsonPath || !metadataPath) {
  throw new Error('usage: add-metadata.mjs MODEL.json METADATA.bin');
}
const model = JSON.parse(readFileSync(modelJsonPath, 'utf8'));
const metadata = readFileSync(metadataPath);
// The runtime and tasks-vision look for this exact identifier at bytes 4..8.
if (metadata.subarray(4, 8).toString('latin1') !== 'M001') {
  throw new Error('metadata buffer lacks the M001 file identifier');
}

model.buffers.push({ data: [...metadata] });
const bufferIndex = model.buffers.length - 1;
// Replacing keeps the script idempotent if it is ever run on a patched model.
const others = (model.metadata ?? []).filter((m) => m.name !== 'TFLITE_METADATA');
model.metadata = [...others, { name: 'TFLITE_METADATA', buffer: bufferIndex }];

writeFileSync(modelJsonPath, JSON.stringify(model));
