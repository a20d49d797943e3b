/**
 * Reads the fields of one inbound (client -> server) message in order, the way TWS's decoder does:
 * an empty field reads as 0 for numbers and false for booleans.
 */
export class FieldReader {
  private index = 0;

  /** @param fields the message's fields, starting with the message id. */
  constructor(readonly fields: readonly string[]) {}

  /** Fields not yet read. */
  get remaining(): number {
    return this.fields.length - this.index;
  }

  /** Next field as text. @throws RangeError past the end (the message is shorter than its layout). */
  str(): string {
    if (this.index >= this.fields.length) {
      throw new RangeError(`message ${this.fields[0] ?? '?'} ended after ${this.fields.length} fields; its layout needs more`);
    }
    return this.fields[this.index++]!;
  }

  /** Next field as an integer ("" = 0). */
  int(): number {
    const text = this.str();
    return text === '' ? 0 : Number.parseInt(text, 10);
  }

  /** Next field as an integer, undefined when empty or IB's unset value 2147483647. */
  intOrUnset(): number | undefined {
    const text = this.str();
    if (text === '') return undefined;
    const value = Number.parseInt(text, 10);
    return value === 2147483647 ? undefined : value;
  }

  /** Next field as a float ("" = undefined; IB's Double.MAX_VALUE = unset = undefined). */
  float(): number | undefined {
    const text = this.str();
    if (text === '') return undefined;
    const value = Number.parseFloat(text);
    return value === Number.MAX_VALUE || !Number.isFinite(value) ? undefined : value;
  }

  /** Next field as a boolean ("1"/"true" = true). */
  bool(): boolean {
    const text = this.str();
    return text === 'true' || (text !== '' && Number.parseInt(text, 10) !== 0);
  }

  /** Skips `n` fields. */
  skip(n: number): void {
    for (let i = 0; i < n; i++) this.str();
  }
}
