/** Types of eslint.layers.js (kept as plain JavaScript so eslint.config.js loads it without a build). */
export interface Layer {
  /** The folder of the element, relative to the repository. */
  readonly pattern: string;
  /** The elements this one may import. */
  readonly mayImport: readonly string[];
}
export declare const LAYERS: Record<string, Layer>;
export declare function layerSettings(): Record<string, unknown>;
export declare function layerRules(): Record<string, unknown>;
