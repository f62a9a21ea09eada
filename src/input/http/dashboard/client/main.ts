/** The dashboard's entry module: token, live stream, submit form. */
import { byId } from './dom.ts';
import { follow } from './live.ts';
import type { LiveState } from './live.ts';
import { render } from './render.ts';
import { setUpSubmit } from './submit.ts';
import { loadToken, saveToken } from './token.ts';

const LABELS: Record<LiveState, string> = { live: 'live', reconnecting: 'reconnecting…', unauthorized: 'token needed' };

function start(): void {
  loadToken();
  const connection = byId('connection');
  const tokenForm = byId<HTMLFormElement>('token-form');
  const live = follow(render, (state) => {
    connection.textContent = LABELS[state];
    connection.className = `tag ${state === 'live' ? 'on' : 'off'}`;
    tokenForm.hidden = state !== 'unauthorized';
  });
  tokenForm.addEventListener('submit', (event) => {
    event.preventDefault();
    saveToken(byId<HTMLInputElement>('token-input').value.trim());
    live.reopen();
  });
  setUpSubmit();
}

start();
