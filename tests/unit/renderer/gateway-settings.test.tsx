import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { ReactNode } from 'react';
import { DEFAULT_GATEWAY_SETTINGS, type GatewaySettings } from '../../../src/shared';
import {
  changedGatewayFields,
  formToGateway,
  gatewayToForm,
  issuesToGatewayErrors,
  type GatewayErrors,
  type GatewayForm,
} from '../../../src/renderer/src/features/settings/gateway-form';
import { Gateway, GatewaySettingsEditor, GatewaySettingsForm } from '../../../src/renderer/src/features/settings/GatewaySettings';
import { RpcClient } from '../../../src/renderer/src/rpc';
import { initialTerminalState, TerminalContext, TerminalStore, TradeTape, UiBus } from '../../../src/renderer/src/state';

const edit = (patch: Partial<GatewayForm>): GatewayForm => ({ ...gatewayToForm(DEFAULT_GATEWAY_SETTINGS), ...patch });

function errorsOf(form: GatewayForm): GatewayErrors {
  const result = formToGateway(form);
  if (result.ok) throw new Error('expected the form to be refused');
  return result.errors;
}

describe('gateway settings form model', () => {
  it('shows the defaults as text and turns them back into the same settings', () => {
    const form = gatewayToForm(DEFAULT_GATEWAY_SETTINGS);
    expect(form).toMatchObject({
      venue: 'SIMULATED',
      'primary.host': '127.0.0.1',
      'primary.port': '4002',
      'primary.clientId': '17',
      standby: false,
      'standby.host': '127.0.0.1',
      'standby.port': '',
      'ports.paper': '7497, 4002',
      'ports.live': '7496, 4001',
      allowedHosts: '',
      whileDisconnected: 'HOLD',
      heartbeatIntervalMs: '1000',
      heartbeatTimeoutMs: '3000',
    });
    expect(formToGateway(form)).toEqual({ ok: true, settings: DEFAULT_GATEWAY_SETTINGS });
  });

  it('reads lists separated by commas or spaces, and a standby only when it is switched on', () => {
    const form = edit({
      venue: 'IB',
      'primary.host': '10.0.0.5',
      allowedHosts: ' 10.0.0.5,  10.0.0.6 ',
      'ports.paper': '4002 7497',
      standby: true,
      'standby.host': '10.0.0.6',
      'standby.port': '4002',
      whileDisconnected: 'DENY',
    });
    const expected: GatewaySettings = {
      ...DEFAULT_GATEWAY_SETTINGS,
      venue: 'IB',
      primary: { host: '10.0.0.5', port: 4002, clientId: 17 },
      standby: { host: '10.0.0.6', port: 4002, clientId: 17 },
      ports: { paper: [4002, 7497], live: [7496, 4001] },
      allowedHosts: ['10.0.0.5', '10.0.0.6'],
      whileDisconnected: 'DENY',
    };
    expect(formToGateway(form)).toEqual({ ok: true, settings: expected });
    expect(gatewayToForm(expected)).toMatchObject({ standby: true, 'standby.port': '4002', allowedHosts: '10.0.0.5, 10.0.0.6' });
    expect(formToGateway({ ...form, standby: false, 'standby.port': 'junk' })).toMatchObject({ ok: true, settings: { standby: null } });
  });

  it('names text that is not a whole number before anything else', () => {
    expect(errorsOf(edit({ 'primary.port': '40o2', heartbeatTimeoutMs: '', 'ports.live': '7496, live' }))).toEqual({
      'primary.port': 'The gateway port must be a whole number.',
      heartbeatTimeoutMs: 'The heartbeat timeout is empty.',
      'ports.live': '"live" is not a port number; separate ports with commas.',
    });
  });

  it("puts the schema's refusals on their fields", () => {
    expect(errorsOf(edit({ 'primary.host': '10.0.0.5', 'ports.live': '4002', heartbeatTimeoutMs: '1000', allowedHosts: 'gateway.lan' }))).toEqual({
      'ports.live': 'port 4002 is listed as both a paper and a live port; list it under one only',
      'primary.host': 'gateway host 10.0.0.5 is not loopback and not in allowed hosts; add its IP address to allowed hosts',
      heartbeatTimeoutMs: 'the heartbeat timeout (1000 ms) must be longer than the heartbeat interval (1000 ms)',
      allowedHosts: "allowed host gateway.lan is not an IP address; list IP addresses only, as in the gateway's Trusted IPs",
    });
    expect(errorsOf(edit({ standby: true, 'standby.port': '4002' }))).toEqual({
      standby: 'the standby gateway is the primary one (127.0.0.1:4002); give it another host or port, or remove it',
    });
  });

  it("maps the host's issues onto fields, list entries onto their list and the rest onto the form", () => {
    expect(
      issuesToGatewayErrors([
        { path: 'allowedHosts.3', message: 'bad host' },
        { path: 'ports.paper.0', message: 'bad port' },
        { path: 'primary.port', message: 'first' },
        { path: 'primary.port', message: 'second' },
        { path: '', message: 'whole thing' },
      ]),
    ).toEqual({ allowedHosts: 'bad host', 'ports.paper': 'bad port', 'primary.port': 'first', form: 'whole thing' });
  });

  it('lists the fields that differ from the saved settings', () => {
    const saved = gatewayToForm(DEFAULT_GATEWAY_SETTINGS);
    expect(changedGatewayFields(saved, saved)).toEqual([]);
    expect(changedGatewayFields(edit({ venue: 'IB', 'primary.port': '7497' }), saved)).toEqual(['venue', 'primary.port']);
  });
});

/** Renders `node` connected to a host (effects do not run server-side, so nothing is loaded). */
function render(node: ReactNode): string {
  const client = new RpcClient({
    url: 'ws://127.0.0.1:1/rpc',
    transport: () => {
      throw new Error('never started');
    },
  });
  const services = { client, store: new TerminalStore({ ...initialTerminalState, connection: 'connected' }), tape: new TradeTape(), ui: new UiBus() };
  return renderToStaticMarkup(<TerminalContext.Provider value={services}>{node}</TerminalContext.Provider>);
}

function renderForm(form: GatewayForm, options: { unlocked: boolean; errors?: GatewayErrors }): string {
  const errors = options.errors ?? {};
  return renderToStaticMarkup(
    <GatewaySettingsForm
      form={form}
      errorFor={(field) => errors[field]}
      update={() => undefined}
      formError={errors.form}
      unlocked={options.unlocked}
      busy={false}
      saving={false}
      dirty={false}
      message={null}
      onSubmit={() => undefined}
      onRevert={() => undefined}
    />,
  );
}

const saveButton = (html: string) => /<button[^>]*data-testid="gateway-save"[^>]*>/.exec(html)?.[0] ?? '';

describe('Settings > Gateway', () => {
  it('keeps Save disabled while the interlock is locked, and says why', () => {
    const html = renderForm(gatewayToForm(DEFAULT_GATEWAY_SETTINGS), { unlocked: false });
    expect(saveButton(html)).toMatch(/disabled=""/);
    expect(saveButton(html)).toMatch(/title="Unlock the interlock first: these settings change where orders go"/);
    expect(html).toContain('data-testid="gateway-locked"');
  });

  it('enables Save while an interlock session is live', () => {
    const html = renderForm(gatewayToForm(DEFAULT_GATEWAY_SETTINGS), { unlocked: true });
    expect(saveButton(html)).not.toMatch(/disabled/);
    expect(html).not.toContain('data-testid="gateway-locked"');
  });

  it('shows the venue choices, the primary gateway, port lists, allowed hosts, heartbeat and both disconnected policies with their sentence', () => {
    const html = renderForm(gatewayToForm(DEFAULT_GATEWAY_SETTINGS), { unlocked: true });
    expect(html).toContain('<option value="SIMULATED" selected="">Simulated exchange</option>');
    expect(html).toContain('<option value="IB">Interactive Brokers</option>');
    for (const field of ['primary.host', 'primary.port', 'primary.clientId', 'ports.paper', 'ports.live', 'allowedHosts', 'heartbeatIntervalMs', 'heartbeatTimeoutMs']) {
      expect(html).toContain(`data-testid="gateway-field-${field}"`);
    }
    expect(html).toContain('value="7497, 4002"');
    expect(/<input[^>]*whileDisconnected-HOLD[^>]*>/.exec(html)?.[0]).toContain('checked=""');
    expect(/<input[^>]*whileDisconnected-DENY[^>]*>/.exec(html)?.[0]).not.toContain('checked');
    expect(html).toContain('<strong>Hold</strong>: The order waits, shown as Held, until the gateway is back and Floor has reconciled with it; then it is sent.');
    expect(html).toContain('<strong>Deny</strong>: The order is refused at once with the reason; nothing is sent later.');
  });

  it('shows the standby fields only when a standby is switched on', () => {
    expect(renderForm(gatewayToForm(DEFAULT_GATEWAY_SETTINGS), { unlocked: true })).not.toContain('data-testid="gateway-field-standby.host"');
    const html = renderForm(edit({ standby: true }), { unlocked: true });
    for (const field of ['standby.host', 'standby.port', 'standby.clientId']) expect(html).toContain(`data-testid="gateway-field-${field}"`);
  });

  it('shows each message next to its field', () => {
    const html = renderForm(edit({ 'primary.host': '10.0.0.5' }), {
      unlocked: true,
      errors: { 'primary.host': 'gateway host 10.0.0.5 is not loopback and not in allowed hosts; add its IP address to allowed hosts' },
    });
    expect(html).toContain(
      '<span class="field__error" data-testid="gateway-error-primary.host">gateway host 10.0.0.5 is not loopback and not in allowed hosts; add its IP address to allowed hosts</span>',
    );
    const input = /<input[^>]*gateway-field-primary.host[^>]*>/.exec(html)?.[0];
    expect(input).toContain('class="field__input is-invalid"');
    expect(input).toContain('aria-invalid="true"');
  });

  it('says it is loading until the host answered', () => {
    expect(render(<GatewaySettingsEditor unlocked />)).toContain('Loading the gateway settings…');
    expect(render(<Gateway />)).toContain('data-testid="gateway-settings"');
  });
});
