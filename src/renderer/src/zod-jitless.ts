import { z } from 'zod';

/**
 * Switches zod to its interpreted parsers before any schema is built. Zod 4 compiles object parsers
 * with `new Function` and probes whether it may (its `allowsEval` check) the first time an object
 * schema is constructed; under the host's CSP (script-src 'self', no 'unsafe-eval') that probe is
 * refused, and Chromium reports a CSP violation on every page load although zod catches the error.
 * With `jitless` zod never tries (zod 4 docs, "z.config"). Must be the renderer entry's first import:
 * the shared schemas are constructed when src/shared/rpc is evaluated.
 */
z.config({ jitless: true });
