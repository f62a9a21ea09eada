import { describe, expect, it } from 'vitest';
import { TakeoverDetector } from '../../src/input/mqtt/takeover.ts';

describe('session takeover detection', () => {
  it('stops at DISCONNECT 0x8E (MQTT 5) and nothing else', () => {
    const detector = new TakeoverDetector();
    expect(detector.disconnectPacket(0x8e, 'line-7')).toMatchObject({ code: 'E_MQTT_SESSION_TAKEN_OVER', message: expect.stringContaining('client id "line-7"') });
    for (const code of [undefined, 0, 0x8b, 0x8d, 0x9c]) expect(detector.disconnectPacket(code, 'line-7')).toBeUndefined();
  });

  it('stops after five connections in a row closed within 2 s of connecting; a lasting connection resets the count', () => {
    let now = 0;
    const detector = new TakeoverDetector(() => now);
    const drop = (after: number): string | undefined => {
      detector.connected();
      now += after;
      return detector.closed('twin')?.code;
    };
    expect([drop(300), drop(300), drop(300), drop(300)]).toEqual([undefined, undefined, undefined, undefined]);
    expect(drop(2500)).toBeUndefined(); // lasted: a broker restart, not a takeover
    expect([drop(100), drop(100), drop(100), drop(100)]).toEqual([undefined, undefined, undefined, undefined]);
    expect(drop(1999)).toBe('E_MQTT_SESSION_TAKEN_OVER');
  });
});
