import { createRequire as __mecCreateRequire } from 'node:module';
const require = __mecCreateRequire(import.meta.url);
const __dirname = import.meta.dirname;
import{onnx_proto_default}from"./cli-GFFQE7C7.mjs";import"./cli-GYVEY4YN.mjs";export{onnx_proto_default as default};
