import { createRequire as __mecCreateRequire } from 'node:module';
const require = __mecCreateRequire(import.meta.url);
const __dirname = import.meta.dirname;
import{unusedDims}from"./cli-UVKL6HDT.mjs";function unusedDimWarnings(file,dims,analysis){let{unused,has}=unusedDims(dims,analysis);return unused.length===0?[]:[`${file}: --dim ${unused.map(d=>`${d}=${dims?.[d]}`).join(", --dim ")} ignored, the model has no such dim; ${has}`]}export{unusedDimWarnings};
