declare const flavor: unique symbol;

/**
 * A "flavoured" type (a soft brand): `Flavor<number, 'UnixMicros'>` is a number that the compiler
 * keeps apart from every other flavour, so a SessionNanos passed where UnixMicros is expected, a
 * MoneyMicros where PriceMicros is expected or a TradeId where a ClientOrderId is expected is a type
 * error. Unlike a hard brand, an unflavoured literal or the result of arithmetic is accepted: the
 * flavour names the unit, it cannot prove a computation right. Values from outside (RPC, API, files,
 * venue messages) are checked by the zod schemas at those edges.
 */
export type Flavor<T, Name extends string> = T & { readonly [flavor]?: Name };
