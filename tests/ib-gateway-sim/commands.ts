import type { GatewayControl, NoticeName } from './control';
import { NOTICES } from './control';

/**
 * The CLI's fault-injection commands, one per stdin line (so a test that spawns the simulator can
 * drive it through the child's stdin):
 *   drop | hang | unhang | restart [nextValidId] [downMs] | notice <1100|1101|1102|2110> |
 *   reject [reason] | reset-depth
 * Returns a one-line answer for stdout.
 */
export function runControlCommand(control: GatewayControl, line: string): string {
  const [command = '', ...rest] = line.trim().split(/\s+/);
  switch (command) {
    case '':
      return '';
    case 'drop':
      control.dropConnections();
      return 'ok: connections dropped';
    case 'hang':
      control.hang(true);
      return 'ok: hung';
    case 'unhang':
      control.hang(false);
      return 'ok: answering again';
    case 'restart': {
      const id = rest[0] === undefined ? 1 : Number(rest[0]);
      const downMs = rest[1] === undefined ? 0 : Number(rest[1]);
      if (!Number.isSafeInteger(id) || id < 0) return `error: restart takes a whole nextValidId, got ${rest[0]}`;
      if (!Number.isSafeInteger(downMs) || downMs < 0) return `error: restart takes a whole downtime in ms, got ${rest[1]}`;
      void control.restart({ nextValidId: id, downMs });
      return `ok: restarting, nextValidId ${id}, refusing connections for ${downMs} ms`;
    }
    case 'notice': {
      const byCode = Object.entries(NOTICES).find(([, n]) => String(n.code) === rest[0]);
      if (!byCode) return `error: notice takes one of ${Object.values(NOTICES).map((n) => n.code).join(', ')}`;
      control.notice(byCode[0] as NoticeName);
      return `ok: notice ${rest[0]} sent`;
    }
    case 'reject':
      control.rejectNextOrder(rest.length > 0 ? { reason: rest.join(' ') } : {});
      return 'ok: next order will be rejected (201)';
    case 'reset-depth':
      control.resetDepth();
      return 'ok: depth reset (317) sent';
    default:
      return `error: unknown command ${JSON.stringify(command)}; try drop, hang, unhang, restart [id] [downMs], notice <code>, reject [reason], reset-depth`;
  }
}
