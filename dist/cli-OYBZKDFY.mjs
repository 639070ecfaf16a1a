import { createRequire as __mecCreateRequire } from 'node:module';
const require = __mecCreateRequire(import.meta.url);
const __dirname = import.meta.dirname;
var UserError=class extends Error{constructor(message,options){super(message,options),this.name="UserError"}};function fileIssuesError(name,format){return class extends UserError{constructor(file,issues,options){super(format(file,issues),options);this.file=file;this.issues=issues;this.name=name}file;issues}}export{UserError,fileIssuesError};
