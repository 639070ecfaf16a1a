#!/usr/bin/env node
"use strict";
var __create = Object.create;
var __defProp = Object.defineProperty;
var __getOwnPropDesc = Object.getOwnPropertyDescriptor;
var __getOwnPropNames = Object.getOwnPropertyNames;
var __getProtoOf = Object.getPrototypeOf;
var __hasOwnProp = Object.prototype.hasOwnProperty;
var __copyProps = (to, from, except, desc) => {
  if (from && typeof from === "object" || typeof from === "function") {
    for (let key of __getOwnPropNames(from))
      if (!__hasOwnProp.call(to, key) && key !== except)
        __defProp(to, key, { get: () => from[key], enumerable: !(desc = __getOwnPropDesc(from, key)) || desc.enumerable });
  }
  return to;
};
var __toESM = (mod, isNodeMode, target) => (target = mod != null ? __create(__getProtoOf(mod)) : {}, __copyProps(
  // If the importer is in node compatibility mode or this is not an ESM
  // file that has been converted to a CommonJS file using a Babel-
  // compatible transform (i.e. "__esModule" has not been set), then set
  // "default" to the CommonJS "module.exports" for node compatibility.
  isNodeMode || !mod || !mod.__esModule ? __defProp(target, "default", { value: mod, enumerable: true }) : target,
  mod
));

// src/cli-start.ts
var import_node_os = require("node:os");
var import_node_path2 = require("node:path");

// src/cli/compile-cache.ts
var import_node_fs = require("node:fs");
var import_node_module = require("node:module");
var import_node_path = require("node:path");
var import_node_vm = require("node:vm");
var zlib = __toESM(require("node:zlib"), 1);

// src/cli/command-names.ts
var COMMAND_NAMES = [
  "analyze",
  "predict",
  "compare",
  "devices",
  "train",
  "measure",
  "attach"
];

// src/cli/compile-cache.ts
function cacheDir(env, tmp, uid) {
  if (env.NODE_DISABLE_COMPILE_CACHE) return void 0;
  if (env.NODE_COMPILE_CACHE) return (0, import_node_path.join)(env.NODE_COMPILE_CACHE, "model-energy-check");
  return (0, import_node_path.join)(tmp, `model-energy-check-compile-cache${uid === void 0 ? "" : `-${uid}`}`);
}
function commandOf(argv) {
  const first = argv.find((a) => !a.startsWith("-"));
  return COMMAND_NAMES.find((c) => c === first) ?? "other";
}
function runCached(file, options) {
  const bytes = (0, import_node_fs.readFileSync)(file);
  const source = bytes.toString("utf8");
  const { dir } = options;
  const bundleHash = contentHash(bytes);
  const cacheFile = dir !== void 0 && bundleHash !== void 0 && ownDir(dir) ? (0, import_node_path.join)(dir, `${bundleHash}-${process.version}-${process.arch}-${options.command}.bin`) : void 0;
  const cachedData = cacheFile === void 0 ? void 0 : readIfPresent(cacheFile);
  const script = new import_node_vm.Script(`(function (exports, require, module, __filename, __dirname) {${source}
})`, {
    filename: file,
    ...cachedData ? { cachedData } : {}
  });
  const state = cacheFile === void 0 ? "off" : !cachedData ? "missing" : script.cachedDataRejected ? "rejected" : "used";
  const module2 = { exports: {} };
  const run2 = script.runInThisContext();
  run2.call(module2.exports, module2.exports, (0, import_node_module.createRequire)(file), module2, file, (0, import_node_path.dirname)(file));
  return {
    state,
    save: () => {
      if (cacheFile === void 0 || bundleHash === void 0) return;
      if (state !== "missing" && state !== "rejected") return;
      writeAtomically(cacheFile, script.createCachedData());
      deleteOtherBuilds((0, import_node_path.dirname)(cacheFile), bundleHash);
    }
  };
}
function contentHash(bytes) {
  const crc322 = zlib.crc32;
  return crc322 === void 0 ? void 0 : crc322(bytes).toString(16).padStart(8, "0");
}
function ownDir(dir) {
  try {
    (0, import_node_fs.mkdirSync)(dir, { recursive: true, mode: 448 });
    const stat = (0, import_node_fs.lstatSync)(dir);
    if (!stat.isDirectory()) return false;
    if (process.platform === "win32") return true;
    return stat.uid === process.getuid?.() && (stat.mode & 18) === 0;
  } catch {
    return false;
  }
}
function readIfPresent(file) {
  try {
    const fd = (0, import_node_fs.openSync)(file, "r");
    try {
      const stat = (0, import_node_fs.fstatSync)(fd);
      if (!stat.isFile() || stat.size === 0) return void 0;
      return (0, import_node_fs.readFileSync)(fd);
    } finally {
      (0, import_node_fs.closeSync)(fd);
    }
  } catch {
    return void 0;
  }
}
function deleteOtherBuilds(dir, bundleHash) {
  try {
    for (const file of (0, import_node_fs.readdirSync)(dir))
      if ((file.endsWith(".bin") || file.endsWith(".partial")) && !file.startsWith(`${bundleHash}-`))
        (0, import_node_fs.rmSync)((0, import_node_path.join)(dir, file), { force: true });
  } catch {
  }
}
function writeAtomically(file, data) {
  const partial = `${file}.${process.pid}.partial`;
  try {
    const fd = (0, import_node_fs.openSync)(partial, "wx", 384);
    try {
      (0, import_node_fs.writeSync)(fd, data);
    } finally {
      (0, import_node_fs.closeSync)(fd);
    }
    (0, import_node_fs.renameSync)(partial, file);
  } catch {
    (0, import_node_fs.rmSync)(partial, { force: true });
  }
}

// src/cli-start.ts
var run = runCached((0, import_node_path2.join)(__dirname, "cli-bundle.js"), {
  dir: cacheDir(process.env, (0, import_node_os.tmpdir)(), process.getuid?.()),
  command: commandOf(process.argv.slice(2))
});
process.once("exit", () => run.save());
