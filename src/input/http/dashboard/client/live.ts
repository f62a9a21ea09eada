/**
 * Follows GET /v1/events. EventSource retries by itself after a network error,
 * but gives up on an HTTP error (a 401): then a header-authenticated probe tells
 * "needs the token" from "service down", and we reopen or ask for the token.
 */
import type { LiveSnapshot } from '../../../../metrics/live-types.ts';
import { authHeaders } from './token.ts';

export type LiveState = 'live' | 'reconnecting' | 'unauthorized';

export function follow(onSnapshot: (s: LiveSnapshot) => void, onState: (state: LiveState) => void): { reopen(): void } {
  let source: EventSource | null = null;
  let retry: number | undefined;

  const open = (): void => {
    source?.close();
    window.clearTimeout(retry);
    const es = new EventSource('/v1/events');
    source = es;
    es.addEventListener('open', () => onState('live'));
    es.addEventListener('snapshot', (event) => onSnapshot(JSON.parse((event as MessageEvent<string>).data) as LiveSnapshot));
    es.addEventListener('error', () => {
      onState('reconnecting');
      if (es.readyState !== EventSource.CLOSED) return;
      void probe().then((status) => {
        if (status === 401) onState('unauthorized');
        else retry = window.setTimeout(open, 2000);
      });
    });
  };

  open();
  return { reopen: open };
}

async function probe(): Promise<number> {
  try {
    return (await fetch('/v1/live', { headers: authHeaders() })).status;
  } catch {
    return 0;
  }
}
