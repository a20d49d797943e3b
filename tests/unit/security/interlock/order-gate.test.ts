import { describe, expect, it } from 'vitest';
import { gateOrderSending, INTERLOCKED_METHODS } from '../../../../src/main/app/order-gate';
import { dispatchRpc } from '../../../../src/main/host/rpc-dispatch';
import { InterlockGate } from '../../../../src/main/security/interlock';
import type { InterlockStatus } from '../../../../src/shared/rpc/interlock';
import { testHandlers } from '../../host/helpers';

function rig(status: InterlockStatus, needsCheckToResume = !status.verified) {
  const calls: string[] = [];
  const handlers = gateOrderSending(
    testHandlers({
      'orders.cancel': () => {
        calls.push('cancel');
        throw new Error('reached the engine');
      },
      'risk.resume': () => {
        calls.push('resume');
        throw new Error('reached the breaker');
      },
    }),
    new InterlockGate({ status: () => status, needsCheckToResume: () => needsCheckToResume }),
  );
  const call = async (method: string, params: unknown) => JSON.parse(JSON.stringify(await dispatchRpc(JSON.stringify({ id: 1, method, params }), handlers, () => undefined)));
  return { calls, call };
}

const ticket = { instrumentId: 'GOOG', side: 'BUY', orderType: 'LIMIT', quantity: 10, limitPrice: 585_000_000, timeInForce: 'DAY' };

describe('the host order gate', () => {
  it('refuses order-sending methods with FORBIDDEN and a sentence when no interlock session is live', async () => {
    const { call, calls } = rig({ registered: 1, verified: false, expiresAt: null, reason: 'trading was HALTED', automationArmedUntil: null });
    expect(Object.keys(INTERLOCKED_METHODS)).toEqual(['orders.submit', 'approvals.approve', 'risk.resume', 'risk.profile.set', 'apikeys.register', 'gateway.settings.set']);
    const submit = await call('orders.submit', ticket);
    expect(submit.error).toEqual({ code: 'FORBIDDEN', message: expect.stringMatching(/^orders.submit refused: the interlock session ended because trading was HALTED/) });
    expect((await call('approvals.approve', { clientOrderId: 'O-1' })).error?.code).toBe('FORBIDDEN');
    const refused = await call('risk.resume', {});
    expect(refused.error).toEqual({ code: 'FORBIDDEN', message: 'risk.resume refused: the interlock session ended because trading was HALTED; unlock with your authenticator to send orders' });
    expect(calls).toEqual([]);
  });

  it('lets cancels through without a session: pulling an order only reduces risk', async () => {
    const { call, calls } = rig({ registered: 0, verified: false, expiresAt: null, reason: null, automationArmedUntil: null });
    const frame = await call('orders.cancel', { clientOrderId: 'O-1' });
    expect(frame.error?.code).toBe('INTERNAL');
    expect(calls).toEqual(['cancel']);
  });

  it('refuses a resume while the live session is older than the HALT, naming the halt', async () => {
    const { call, calls } = rig({ registered: 1, verified: true, expiresAt: 1, reason: 'resuming after the HALT needs a check made after it', automationArmedUntil: null }, true);
    expect((await call('risk.resume', {})).error).toEqual({
      code: 'FORBIDDEN',
      message: 'risk.resume refused: resuming after the HALT needs a check made after it; verify with your authenticator again, then resume',
    });
    expect(calls).toEqual([]);
  });

  it('passes gated methods through while a session is live', async () => {
    const { call, calls } = rig({ registered: 1, verified: true, expiresAt: 1, reason: null, automationArmedUntil: null });
    await call('risk.resume', {});
    expect(calls).toEqual(['resume']);
  });
});
