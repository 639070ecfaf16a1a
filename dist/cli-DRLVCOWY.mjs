import { createRequire as __mecCreateRequire } from 'node:module';
const require = __mecCreateRequire(import.meta.url);
const __dirname = import.meta.dirname;
import{require_protobufjs}from"./cli-HYOWQJJV.mjs";import"./cli-GYVEY4YN.mjs";export default require_protobufjs();
