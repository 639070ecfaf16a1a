import { createRequire as __mecCreateRequire } from 'node:module';
const require = __mecCreateRequire(import.meta.url);
const __dirname = import.meta.dirname;
var VERSION="0.1.0";export{VERSION};
