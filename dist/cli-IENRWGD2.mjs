import { createRequire as __mecCreateRequire } from 'node:module';
const require = __mecCreateRequire(import.meta.url);
const __dirname = import.meta.dirname;
import{require_protobufjs}from"./cli-VDIBTJKF.mjs";import"./cli-PCMNWF7R.mjs";export default require_protobufjs();
