// Regenerates src/onnx/onnx-proto.json (the protobufjs descriptor) from the pinned vendor/onnx/onnx.proto.
// CI runs it and fails when the committed descriptor differs.
import { writeFileSync } from 'node:fs';
import protobuf from 'protobufjs';

const root = protobuf.loadSync(new URL('../vendor/onnx/onnx.proto', import.meta.url).pathname);
const json = JSON.stringify(root.toJSON({ keepComments: false }), null, 2) + '\n';
writeFileSync(new URL('../src/onnx/onnx-proto.json', import.meta.url), json);
console.log('wrote src/onnx/onnx-proto.json');
