import { createRequire as __mecCreateRequire } from 'node:module';
const require = __mecCreateRequire(import.meta.url);
const __dirname = import.meta.dirname;
import{UserError}from"./cli-OYBZKDFY.mjs";function bytesPerElement(dt){switch(dt){case 1:case 6:case 12:return 4;case 2:case 3:case 9:case 17:case 18:case 19:case 20:return 1;case 4:case 5:case 10:case 16:return 2;case 7:case 13:case 11:case 14:return 8;case 15:return 16;case 21:case 22:case 23:return .5;default:return 0}}var ModelLoadError=class extends UserError{constructor(file,problem,options){super(`${file}: ${problem}`,options);this.file=file;this.name="ModelLoadError"}file};export{bytesPerElement,ModelLoadError};
