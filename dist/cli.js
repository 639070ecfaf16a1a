#!/usr/bin/env node
'use strict';
const { enableCompileCache } = require('node:module');
if (typeof enableCompileCache === 'function') {
  try {
    enableCompileCache();
  } catch {
    // A cache that cannot be written (read-only temp folder) only costs speed.
  }
}
import('./cli-main.mjs');
