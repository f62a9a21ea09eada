/**
 * SIGINT/SIGTERM: the first starts a graceful shutdown and exits 0 when it is
 * done (1 if it failed); a second exits at once (128 + signal number), for
 * the operator who will not wait.
 */
const SIGNAL_NUMBERS = { SIGINT: 2, SIGTERM: 15 } as const;
type HandledSignal = keyof typeof SIGNAL_NUMBERS;

export interface SignalHooks {
  onFirst?: (signal: HandledSignal) => void;
  onSecond?: (signal: HandledSignal) => void;
  onFailed?: (error: unknown) => void;
  exit?: (code: number) => void;
}

/** Installs the handlers; returns the function that removes them. */
export function exitGracefullyOnSignals(shutdown: () => Promise<unknown>, hooks: SignalHooks = {}): () => void {
  const exit = hooks.exit ?? ((code: number) => process.exit(code));
  let stopping = false;
  const handler = (signal: HandledSignal): void => {
    if (stopping) {
      hooks.onSecond?.(signal);
      exit(128 + SIGNAL_NUMBERS[signal]);
      return;
    }
    stopping = true;
    hooks.onFirst?.(signal);
    shutdown().then(
      () => exit(0),
      (error: unknown) => {
        hooks.onFailed?.(error);
        exit(1);
      },
    );
  };
  for (const signal of Object.keys(SIGNAL_NUMBERS) as HandledSignal[]) process.on(signal, handler);
  return () => {
    for (const signal of Object.keys(SIGNAL_NUMBERS) as HandledSignal[]) process.off(signal, handler);
  };
}
