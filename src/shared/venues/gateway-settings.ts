import { z } from 'zod';
import { gatewayHostProblem, isIpAddress } from './gateway-host';

/**
 * Where Floor sends orders: the built-in simulated exchange, or Interactive Brokers through a TWS /
 * IB Gateway API socket, with how to reach the gateway and what to do while it is away. Stored in
 * the ledger's settings and edited in Settings > Gateway; changing it needs a live interlock
 * session (it changes where orders go). The trading mode (paper or live) is not a setting: Floor
 * always starts in paper mode.
 */

const INT32_MAX = 2_147_483_647;

/** The venues Floor can trade on: SIMULATED is the built-in simulated exchange (paper), IB is Interactive Brokers. */
export const GATEWAY_VENUES = ['SIMULATED', 'IB'] as const;
export type GatewayVenue = (typeof GATEWAY_VENUES)[number];

/**
 * What happens to an order entered while the gateway is not connected. HOLD: it waits, visibly HELD,
 * until the connection is back and reconciled, then goes out. DENY: it is refused at once.
 */
export const WHILE_DISCONNECTED_POLICIES = ['HOLD', 'DENY'] as const;
export type WhileDisconnectedPolicy = (typeof WHILE_DISCONNECTED_POLICIES)[number];

/** A TCP port, 1..65535. */
const portSchema = (what: string) =>
  z
    .number({ error: `${what} must be a port number` })
    .int(`${what} must be a whole number`)
    .min(1, `${what} must be from 1 to 65535`)
    .max(65_535, `${what} must be from 1 to 65535`);

/** A whole number of milliseconds within `min..max`. */
const millisSchema = (what: string, min: number, max: number) =>
  z
    .number({ error: `${what} must be a number of milliseconds` })
    .int(`${what} must be a whole number of milliseconds`)
    .min(min, `${what} must be from ${min} to ${max} ms`)
    .max(max, `${what} must be from ${min} to ${max} ms`);

/** Ports listed for one trading mode: at least one. */
const portListSchema = (mode: 'paper' | 'live') =>
  z.array(portSchema(`a ${mode} port`), { error: `${mode} ports must be a list of port numbers` }).min(1, `list at least one ${mode} port`);

/** One gateway's API socket and the client id Floor uses on it. */
export const gatewayEndpointSchema = z
  .object({
    /** Host name or IP address of the machine running TWS / IB Gateway: loopback, or an IP in allowedHosts. */
    host: z
      .string({ error: 'the gateway host must be text' })
      .trim()
      .min(1, 'the gateway host is empty: enter 127.0.0.1 for a gateway on this machine')
      .max(253, 'the gateway host is longer than 253 characters')
      .default('127.0.0.1'),
    /** The gateway's API socket port (TWS 7497 paper / 7496 live; IB Gateway 4002 paper / 4001 live). */
    port: portSchema('the gateway port').default(4002),
    /** The API client id Floor's session uses, 0..2^31 − 1; fixed, so its orders stay its own across reconnects. */
    clientId: z
      .number({ error: 'the client id must be a number' })
      .int('the client id must be a whole number')
      .min(0, `the client id must be from 0 to ${INT32_MAX}`)
      .max(INT32_MAX, `the client id must be from 0 to ${INT32_MAX}`)
      .default(17),
  })
  .strict();
export type GatewayEndpoint = z.output<typeof gatewayEndpointSchema>;

export const gatewaySettingsSchema = z
  .object({
    /** Where orders go. Default SIMULATED: the built-in simulated exchange. */
    venue: z.enum(GATEWAY_VENUES, { error: 'the venue must be SIMULATED or IB' }).default('SIMULATED'),
    /** The gateway Floor connects to first. Default 127.0.0.1:4002 (IB Gateway, paper), client id 17. */
    primary: gatewayEndpointSchema.prefault({}),
    /** A second gateway to fail over to when the primary is lost, or null (default) for none. */
    standby: gatewayEndpointSchema.nullable().default(null),
    /**
     * Which ports are paper and which live gateways: Floor trades only when the mode, the port's list
     * and the gateway's accounts agree. Default IB's: paper 7497, 4002; live 7496, 4001. No port in both.
     */
    ports: z
      .object({
        /** Ports of paper gateways. Default [7497, 4002]. */
        paper: portListSchema('paper').default([7497, 4002]),
        /** Ports of live gateways. Default [7496, 4001]. */
        live: portListSchema('live').default([7496, 4001]),
      })
      .strict()
      .prefault({}),
    /** IP addresses (not names) of gateway machines other than this one that Floor may connect to. Default none. */
    allowedHosts: z
      .array(
        z
          .string({ error: 'an allowed host must be text' })
          .trim()
          .refine(isIpAddress, { error: (issue) => `allowed host ${String(issue.input)} is not an IP address; list IP addresses only, as in the gateway's Trusted IPs` }),
        { error: 'allowed hosts must be a list of IP addresses' },
      )
      .default([]),
    /** What happens to orders entered while the gateway is not connected. Default HOLD. */
    whileDisconnected: z.enum(WHILE_DISCONNECTED_POLICIES, { error: 'while disconnected must be HOLD or DENY' }).default('HOLD'),
    /** How often Floor asks the gateway for its time to know it is alive, ms (250..10000). Default 1000. */
    heartbeatIntervalMs: millisSchema('the heartbeat interval', 250, 10_000).default(1_000),
    /** How long without an answer before the gateway counts as hung, ms (1000..30000, more than the interval). Default 3000. */
    heartbeatTimeoutMs: millisSchema('the heartbeat timeout', 1_000, 30_000).default(3_000),
  })
  .strict()
  .superRefine((settings, ctx) => {
    for (const port of settings.ports.live.filter((p) => settings.ports.paper.includes(p))) {
      ctx.addIssue({ code: 'custom', path: ['ports', 'live'], message: `port ${port} is listed as both a paper and a live port; list it under one only` });
    }
    const endpoints = [['primary', settings.primary], ...(settings.standby === null ? [] : [['standby', settings.standby] as const])] as const;
    for (const [role, endpoint] of endpoints) {
      // An empty host has its own issue already.
      const problem = endpoint.host === '' ? null : gatewayHostProblem(endpoint.host, settings.allowedHosts);
      if (problem !== null) ctx.addIssue({ code: 'custom', path: [role, 'host'], message: problem });
    }
    if (settings.standby !== null && settings.standby.host === settings.primary.host && settings.standby.port === settings.primary.port) {
      ctx.addIssue({
        code: 'custom',
        path: ['standby'],
        message: `the standby gateway is the primary one (${settings.primary.host}:${settings.primary.port}); give it another host or port, or remove it`,
      });
    }
    if (settings.heartbeatTimeoutMs <= settings.heartbeatIntervalMs) {
      ctx.addIssue({
        code: 'custom',
        path: ['heartbeatTimeoutMs'],
        message: `the heartbeat timeout (${settings.heartbeatTimeoutMs} ms) must be longer than the heartbeat interval (${settings.heartbeatIntervalMs} ms)`,
      });
    }
  });

/** Gateway settings as stored and served: every field present (see gatewaySettingsSchema for units and defaults). */
export type GatewaySettings = z.output<typeof gatewaySettingsSchema>;

/** The settings of a new data folder: the simulated exchange; for IB, IB Gateway paper on this machine. */
export const DEFAULT_GATEWAY_SETTINGS: GatewaySettings = gatewaySettingsSchema.parse({});
