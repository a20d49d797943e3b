/**
 * A small seeded pseudo-random generator: sfc32 (Chris Doty-Humphrey's "Small Fast Chaotic" PRNG from
 * PractRand), 128-bit state, seeded through splitmix32 so nearby seeds give unrelated streams. Not
 * cryptographic; used so the synthetic market is reproducible from its seed.
 */
export class Prng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  /** @param seed any 32-bit integer (other numbers are truncated to 32 bits). */
  constructor(seed: number) {
    let s = seed >>> 0;
    const next = (): number => {
      // splitmix32 (Steele, Lea & Flood 2014, 32-bit variant)
      s = (s + 0x9e3779b9) >>> 0;
      let z = s;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.a = next();
    this.b = next();
    this.c = next();
    this.d = next();
    for (let i = 0; i < 12; i++) this.nextUint32();
  }

  /** Uniform integer in [0, 2^32). */
  nextUint32(): number {
    const t = (((this.a + this.b) >>> 0) + this.d) >>> 0;
    this.d = (this.d + 1) >>> 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) >>> 0;
    this.c = ((this.c << 21) | (this.c >>> 11)) >>> 0;
    this.c = (this.c + t) >>> 0;
    return t;
  }

  /** Uniform float in (0, 1]: never 0, so -log(u) is finite. */
  nextUnit(): number {
    return (this.nextUint32() + 1) / 4_294_967_296;
  }

  /** Uniform integer in [0, n). @throws RangeError unless n is a positive integer. */
  nextInt(n: number): number {
    if (!Number.isInteger(n) || n <= 0) throw new RangeError(`nextInt bound must be a positive integer, got ${n}`);
    return Math.floor((this.nextUint32() / 4_294_967_296) * n);
  }
}
