#!/usr/bin/env node
// The installed `model-energy` command runs the bundled CLI (no TypeScript toolchain needed).
import { createRequire } from 'node:module';
createRequire(import.meta.url)('../dist/cli.js');
