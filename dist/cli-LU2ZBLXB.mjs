import { createRequire as __mecCreateRequire } from 'node:module';
const require = __mecCreateRequire(import.meta.url);
const __dirname = import.meta.dirname;
import {
  onnx_proto_default
} from "./cli-FW42YN46.mjs";
import "./cli-NVOR74CK.mjs";
export {
  onnx_proto_default as default
};
