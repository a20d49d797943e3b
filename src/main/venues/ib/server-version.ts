/**
 * The lowest TWS API server version Floor trades through.
 *
 * Floor reads the gateway's messages with @stoqey/ib 1.6.10's decoder. Checked field for field
 * against a table of IB's own client decoder (tests/ib-gateway-sim/layouts, written from IB's
 * published ibapi decoder.py / orderdecoder.py) at every server version 100..193, @stoqey/ib reads
 * two messages wrong below 177, and they are exactly the ones reconciliation depends on:
 * - openOrder at 103..144: it skips modelCode (it gates the field on the message version, 34 there,
 *   where IB gates it on the server version), so every later field shifts by one: the order's
 *   status is read from the wrong field;
 * - completedOrder at 150..176: it never reads faProfile (IB reads it below 177), with the same
 *   shift, so reqCompletedOrders after a reconnect would report wrong statuses.
 * From 177 on, it agrees with IB's decoder on every field Floor reads. Refusing older gateways
 * (TWS / IB Gateway releases older than the API's FA-profile desupport) is safer than decoding those
 * messages ourselves: IB's current gateways negotiate 193 with this client.
 */
export const MIN_IB_SERVER_VERSION = 177;

/**
 * Why a gateway at `serverVersion` is refused, or undefined when Floor can trade through it.
 * @param serverVersion the version the gateway announced in the API handshake.
 * @param gateway "host:port", for the sentence.
 */
export function serverVersionRefusal(serverVersion: number, gateway: string): string | undefined {
  if (serverVersion >= MIN_IB_SERVER_VERSION) return undefined;
  const problems: string[] = [];
  if (serverVersion >= 103 && serverVersion < 145) problems.push('misreads open orders there (openOrder)');
  if (serverVersion < 150) problems.push('has no completed-orders request there (reqCompletedOrders needs 150), which reconciliation needs');
  else problems.push('misreads completed orders there (completedOrder)');
  return (
    `the gateway at ${gateway} speaks TWS API server version ${serverVersion}; Floor needs ${MIN_IB_SERVER_VERSION} or later: ` +
    `the IB client Floor uses ${problems.join(' and ')}. Update IB Gateway or TWS to a current release`
  );
}
