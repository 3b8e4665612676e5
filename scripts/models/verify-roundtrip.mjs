// Checks that a rewritten TFLite model kept everything of the original, reading the
// raw flatbuffers without any schema: same fields present in every table we walk
// (model, subgraphs, tensors, operators, their options, operator codes), same
// scalar bytes, same buffer contents; the only allowed additions are one new
// buffer and the Model.metadata vector. This catches a schema subset that is
// missing a field, which flatc would otherwise drop silently.
// Usage: node verify-roundtrip.mjs ORIGINAL.tflite PATCHED.tflite
import { readFileSync } from 'node:fs';

function reader(bytes) {
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const u32 = (o) => dv.getUint32(o, true);
  const table = (pos) => {
    const vt = pos - dv.getInt32(pos, true);
    const n = (dv.getUint16(vt, true) - 4) / 2;
    const offsets = [];
    for (let i = 0; i < n; i++) offsets.push(dv.getUint16(vt + 4 + 2 * i, true));
    return { pos, offsets };
  };
  const at = (t, i) => (t.offsets[i] ? t.pos + t.offsets[i] : 0);
  const ref = (p) => p + u32(p);
  const vector = (p) => ({ len: u32(ref(p)), start: ref(p) + 4 });
  const tables = (p) => {
    if (!p) return [];
    const v = vector(p);
    return Array.from({ length: v.len }, (_, i) => table(ref(v.start + 4 * i)));
  };
  const bytesOf = (p, width) => {
    if (!p) return '';
    const v = vector(p);
    return Buffer.from(bytes.subarray(v.start, v.start + v.len * width)).toString('base64');
  };
  const scalar = (t, i, size) => (at(t, i) ? Buffer.from(bytes.subarray(at(t, i), at(t, i) + size)).toString('hex') : '-');
  return { root: table(u32(0)), at, tables, bytesOf, scalar, ref, table };
}

const fieldIds = (t) => t.offsets.flatMap((o, i) => (o ? [i] : []));

function describe(path) {
  const r = reader(readFileSync(path));
  const out = [];
  out.push(['model', fieldIds(r.root).filter((i) => i !== 6).join(','), r.scalar(r.root, 0, 4)]);
  r.tables(r.at(r.root, 1)).forEach((c, i) =>
    out.push([`opcode ${i}`, fieldIds(c).join(','), r.scalar(c, 0, 1), r.scalar(c, 2, 4), r.scalar(c, 3, 4), r.bytesOf(r.at(c, 1), 1)]),
  );
  r.tables(r.at(r.root, 2)).forEach((sg, s) => {
    out.push([`subgraph ${s}`, fieldIds(sg).join(','), r.bytesOf(r.at(sg, 1), 4), r.bytesOf(r.at(sg, 2), 4)]);
    r.tables(r.at(sg, 0)).forEach((t, i) =>
      out.push([`tensor ${s}/${i}`, fieldIds(t).join(','), r.bytesOf(r.at(t, 0), 4), r.scalar(t, 1, 1), r.scalar(t, 2, 4), r.bytesOf(r.at(t, 3), 1)]),
    );
    r.tables(r.at(sg, 3)).forEach((op, i) => {
      const row = [`operator ${s}/${i}`, fieldIds(op).join(','), r.scalar(op, 0, 4), r.bytesOf(r.at(op, 1), 4), r.bytesOf(r.at(op, 2), 4), r.scalar(op, 3, 1)];
      if (r.at(op, 4)) {
        // Field sizes of options tables depend on the option type, so only the set of
        // fields is compared here; their values are compared by the flatc JSON diff
        // in patch-face-models.sh.
        row.push(fieldIds(r.table(r.ref(r.at(op, 4)))).join(','));
      }
      out.push(row);
    });
  });
  r.tables(r.at(r.root, 4)).forEach((b, i) => out.push([`buffer ${i}`, r.bytesOf(r.at(b, 0), 1)]));
  return out.map((row) => JSON.stringify(row));
}

const [originalPath, patchedPath] = process.argv.slice(2);
const a = describe(originalPath);
const b = describe(patchedPath);
const problems = a.filter((row, i) => row !== b[i]).slice(0, 5);
// Exactly one buffer more: the metadata.
if (b.length !== a.length + 1) problems.push(`expected one extra buffer, got ${b.length - a.length}`);
if (problems.length > 0) {
  console.error(`round trip changed ${patchedPath}:\n${problems.join('\n')}`);
  process.exit(1);
}
console.log(`ok: ${patchedPath} keeps all ${a.length} tables of ${originalPath}`);
