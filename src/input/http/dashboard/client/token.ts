/**
 * The bearer token in the browser. It arrives once as `#token=…` (a fragment
 * never reaches the server or its logs) or from the token form, is kept in
 * sessionStorage for this tab, sent as `Authorization: Bearer` by fetch, and
 * as a cookie scoped to /v1/events for EventSource, which cannot send headers.
 */
const KEY = 'wordmill.token';
const COOKIE = 'wordmill_token';

export function loadToken(): string | null {
  const match = /(?:^#|&)token=([^&]+)/.exec(location.hash);
  if (match?.[1] !== undefined) {
    sessionStorage.setItem(KEY, decodeURIComponent(match[1]));
    history.replaceState(null, '', location.pathname + location.search);
  }
  const token = sessionStorage.getItem(KEY);
  if (token !== null) setCookie(token);
  return token;
}

export function saveToken(token: string): void {
  sessionStorage.setItem(KEY, token);
  setCookie(token);
}

export function authHeaders(): Record<string, string> {
  const token = sessionStorage.getItem(KEY);
  return token === null ? {} : { authorization: `Bearer ${token}` };
}

function setCookie(token: string): void {
  document.cookie = `${COOKIE}=${encodeURIComponent(token)}; path=/v1/events; SameSite=Strict`;
}
