/**
 * The submit form: pasted text or a dropped/chosen file goes to POST /v1/jobs
 * with `wait=true`; a slow job (202) is polled until it finishes. Errors show
 * the problem+json title and detail.
 */
import { byId } from './dom.ts';
import { authHeaders } from './token.ts';
import { showResult } from './top-words.ts';
import type { ResultView } from './top-words.ts';

interface Problem { title?: string; detail?: string; code?: string }
interface JobRecord { status: string; result?: ResultView; error?: { code: string; message: string } }

export function setUpSubmit(): void {
  const form = byId<HTMLFormElement>('submit-form');
  const textArea = byId<HTMLTextAreaElement>('text');
  const fileInput = byId<HTMLInputElement>('file');
  const zone = byId('drop-zone');
  const status = byId('submit-status');
  let file: File | null = null;

  const choose = (chosen: File | null): void => {
    file = chosen;
    status.textContent = chosen === null ? '' : `file: ${chosen.name} (${chosen.size} bytes)`;
  };
  fileInput.addEventListener('change', () => choose(fileInput.files?.[0] ?? null));
  textArea.addEventListener('input', () => { if (textArea.value !== '') choose(null); });
  zone.addEventListener('dragover', (event) => { event.preventDefault(); zone.classList.add('dragging'); });
  zone.addEventListener('dragleave', () => zone.classList.remove('dragging'));
  zone.addEventListener('drop', (event) => {
    event.preventDefault();
    zone.classList.remove('dragging');
    choose(event.dataTransfer?.files[0] ?? null);
  });

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const body: Blob | string = file ?? textArea.value;
    if (body === '') {
      status.textContent = 'paste some text or choose a file first';
      return;
    }
    const query = new URLSearchParams({ task: byId<HTMLSelectElement>('task').value, top: byId<HTMLInputElement>('top').value, wait: 'true' });
    const type = typeof body === 'string' ? 'text/plain; charset=utf-8' : 'application/octet-stream';
    status.textContent = 'counting…';
    void submit(`/v1/jobs?${query}`, body, type).then(
      (result) => { status.textContent = 'done'; showResult(result); },
      (error: unknown) => { status.textContent = error instanceof Error ? error.message : String(error); },
    );
  });
}

async function submit(url: string, body: Blob | string, type: string): Promise<ResultView> {
  const response = await fetch(url, { method: 'POST', body, headers: { 'content-type': type, ...authHeaders() } });
  if (response.status === 200) return (await response.json()) as ResultView;
  if (response.status === 202) return poll(((await response.json()) as { links: { self: string } }).links.self);
  const problem = (await response.json().catch(() => ({}))) as Problem;
  throw new Error(`${response.status} ${problem.code ?? ''}: ${problem.detail ?? problem.title ?? response.statusText}`);
}

async function poll(self: string): Promise<ResultView> {
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, 500));
    const record = (await (await fetch(self, { headers: authHeaders() })).json()) as JobRecord;
    if (record.status === 'done' && record.result) return record.result;
    if (record.error) throw new Error(`${record.error.code}: ${record.error.message}`);
  }
}
