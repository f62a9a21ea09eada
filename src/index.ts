/** Library entry: `createEngine` and the types callers need. */
export { createEngine } from './engine.ts';
export type { CreateEngineOptions, Engine, EngineStats, MapOutcome } from './engine.ts';
export type { EngineOptions } from './config.ts';
export type { Job, JobInput, JobInputSource, JobResult } from './dispatch/job.ts';
export type { EngineEvents } from './events.ts';
export * from './errors.ts';
export type { ResultSink } from './sinks/result-sink.ts';
export type { StopwordSpec, TaskName, TopWord, WordcountOptions } from './protocol.ts';
