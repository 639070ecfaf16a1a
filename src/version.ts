import pkg from '../package.json' with { type: 'json' };

/** The tool's version, from package.json (reported in every JSON document it writes). */
export const VERSION: string = pkg.version;
