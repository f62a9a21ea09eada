/**
 * Progress of a batch on stderr: a live bar on a terminal, a plain line every
 * few seconds otherwise (logs and CI keep readable output).
 */

export interface ProgressReporter {
  advance(bytes: number): void;
  stop(): void;
}

/** Async: cli-progress (~15 ms to load) is loaded only for a terminal's live bar. */
export async function createProgress(totalFiles: number, stream: NodeJS.WriteStream, intervalMs = 2000): Promise<ProgressReporter> {
  const started = Date.now();
  let files = 0;
  let bytes = 0;
  const rate = (): string => ((bytes / 1e6) / Math.max((Date.now() - started) / 1000, 0.001)).toFixed(1);
  if (stream.isTTY) {
    const { SingleBar } = await import('cli-progress');
    const bar = new SingleBar({
      stream,
      format: 'counting [{bar}] {value}/{total} files | {mb} MB | {rate} MB/s | eta {eta_formatted}',
      hideCursor: true,
      clearOnComplete: true,
    });
    bar.start(totalFiles, 0, { mb: '0.0', rate: '0.0' });
    return {
      advance(n) {
        files++;
        bytes += n;
        bar.update(files, { mb: (bytes / 1e6).toFixed(1), rate: rate() });
      },
      stop: () => bar.stop(),
    };
  }
  const timer = setInterval(() => {
    stream.write(`progress: ${files}/${totalFiles} files, ${(bytes / 1e6).toFixed(1)} MB, ${rate()} MB/s\n`);
  }, intervalMs);
  timer.unref();
  return {
    advance(n) {
      files++;
      bytes += n;
    },
    stop: () => clearInterval(timer),
  };
}
